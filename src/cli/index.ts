/**
 * The `hearth` command. Each sub-command calls the same services as the web app, so rules,
 * access checks and the audit trail are the same whichever door is used.
 */
import { Command, CommanderError } from 'commander';
import { loadConfig } from '../config.ts';
import { connect, migrateToLatest } from '../db/index.ts';
import type { Connection } from '../db/index.ts';
import { createServices } from '../app.ts';
import type { Services } from '../app.ts';
import { defaultWorkers, parseWorkers, serve } from '../cluster.ts';
import { describeDemoLogins, loadDemo } from '../demo.ts';
import { seedModuleDemos } from '../demo-modules.ts';
import { isRole, roles } from '../modules/accounts/index.ts';
import { isAppError } from '../lib/app-error.ts';
import { backupSqlite, restoreSqlite } from './backup.ts';
import { registerModuleCommands } from './module-commands.ts';

/** Opens the configured database, migrates it, and runs `fn` with the services. */
export async function withServices<T>(
  fn: (services: Services, conn: Connection) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const conn = await connect(config.databaseUrl);
  try {
    await migrateToLatest(conn.db);
    return await fn(createServices(conn, config), conn);
  } finally {
    await conn.close();
  }
}

const program = new Command();
program
  .name('hearth')
  .description('Hearth: trauma-informed practice for mental health services')
  .showHelpAfterError()
  .exitOverride();

program
  .command('serve')
  .description('run the web app with one worker process per core (npm start runs one)')
  .option('--workers <n>', 'how many worker processes (default: the number of cores)', parseWorkers)
  .action(async (opts: { workers?: number }) => {
    await serve({ workers: opts.workers ?? defaultWorkers() });
  });

program
  .command('migrate')
  .description('apply any pending database migrations')
  .action(async () => {
    const config = loadConfig();
    const conn = await connect(config.databaseUrl);
    try {
      const applied = await migrateToLatest(conn.db);
      console.log(
        applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.',
      );
    } finally {
      await conn.close();
    }
  });

program
  .command('demo')
  .description('load the demo organisation into an empty database')
  .action(async () => {
    await withServices(async (services) => {
      if (!(await services.accounts.provisioning.isEmpty())) {
        throw new Error(
          'The database already has an organisation; the demo loads only into an empty one.',
        );
      }
      const ids = await loadDemo(services);
      const notes = await seedModuleDemos(services, ids);
      console.log([describeDemoLogins(services.config.publicUrl), ...notes].join('\n'));
    });
  });

program
  .command('invite')
  .description('make a one-time invitation link (7 days)')
  .requiredOption('--email <email>', 'their email address')
  .requiredOption('--name <name>', 'the name they would like us to use')
  .option('--role <role>', `one of: ${roles.join(', ')}`, 'org_admin')
  .option('--by <email>', 'the account sending the invitation (its rules apply)')
  .option('--unit <unitId>', 'the unit they join')
  .option('--organisation <name>', 'set up a new organisation and invite its first administrator')
  .action(
    async (opts: {
      email: string;
      name: string;
      role: string;
      by?: string;
      unit?: string;
      organisation?: string;
    }) => {
      await withServices(async (services) => {
        if (opts.organisation) {
          const { link } = await services.accounts.invitations.inviteFirstAdmin({
            organisationName: opts.organisation,
            email: opts.email,
            displayName: opts.name,
          });
          console.log(link);
          return;
        }
        if (!opts.by)
          throw new Error('Give --by <email> (who is inviting) or --organisation <name>.');
        if (!isRole(opts.role)) throw new Error(`--role must be one of: ${roles.join(', ')}`);
        const inviter = await services.accounts.provisioning.findAccountByEmail(opts.by);
        if (!inviter) throw new Error('There is no account with the --by email address.');
        const actor = await services.accounts.people.actorFor(inviter.id);
        const { link } = await services.accounts.invitations.createInvitation(
          actor,
          {
            email: opts.email.trim().toLowerCase(),
            displayName: opts.name,
            role: opts.role,
            unitId: opts.unit,
          },
          { actor: services.accounts.people.auditActor(actor), ip: null },
        );
        console.log(link);
      });
    },
  );

const audit = program.command('audit').description('the audit trail');
audit
  .command('verify')
  .description('walk the hash chain; exit 1 naming the first broken event')
  .action(async () => {
    await withServices(async (services) => {
      const result = await services.auditLog.verify(services.db);
      if (result.ok) {
        console.log(`Audit trail intact: ${result.events} events in ${result.chains} chains.`);
      } else {
        console.error(
          `Audit trail broken at event ${result.eventId} (chain ${result.chain}, number ${result.seq}): ${result.problem}.`,
        );
        process.exitCode = 1;
      }
    });
  });

program
  .command('backup <file>')
  .description('write a consistent copy of the SQLite database while Hearth runs')
  .action(async (file: string) => {
    const config = loadConfig();
    await backupSqlite(config.databaseUrl, file);
    console.log(`Backed up to ${file}`);
  });

program
  .command('restore <file>')
  .description('replace the SQLite database with a backup (stop Hearth first)')
  .action(async (file: string) => {
    const config = loadConfig();
    await restoreSqlite(config.databaseUrl, file);
    console.log(`Restored from ${file}`);
  });

registerModuleCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
  } else {
    const message = isAppError(error)
      ? error.message
      : error instanceof Error
        ? error.message
        : String(error);
    console.error(`hearth: ${message}`);
    process.exitCode = 2;
  }
}
