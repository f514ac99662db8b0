/** Sub-commands that belong to feature modules (language, plans, force), kept apart from the core ones. */
import type { Command } from 'commander';
import type { Services } from '../app.ts';
import { CHECK_LANGUAGE_FORMATS, runCheckLanguage } from './check-language.ts';
import type { CheckLanguageFormat } from './check-language.ts';
import { registerEnquiryCommands } from '../modules/enquiry/cli.ts';
import { registerForceCommands } from '../modules/force/cli.ts';
import { registerRightsCommands } from '../modules/rights/cli.ts';
import { registerOrganisationCommands } from '../modules/organisation/cli.ts';
import { registerLearningCommands } from '../modules/learning/cli.ts';
import { registerAssessmentCommands } from '../modules/assessment/cli.ts';
import { registerWardsCommands } from '../modules/wards/cli.ts';

/**
 * Runs `fn` with every service on the configured database (migrated first) and closes the
 * connection afterwards. The app is imported lazily, so commands that need no database start fast.
 */
async function withServices<T>(fn: (services: Services) => Promise<T>): Promise<T> {
  const { loadConfig } = await import('../config.ts');
  const { connect, migrateToLatest } = await import('../db/index.ts');
  const { createServices } = await import('../app.ts');
  const config = loadConfig();
  const conn = await connect(config.databaseUrl);
  try {
    await migrateToLatest(conn.db);
    return await fn(createServices(conn, config));
  } finally {
    await conn.close();
  }
}

/** Adds each module's sub-commands to the program. */
export function registerModuleCommands(program: Command): void {
  program
    .command('check-language [file]')
    .description('suggest the language of human experience in notes (FILE, or - for stdin)')
    .option('--format <format>', `one of: ${CHECK_LANGUAGE_FORMATS.join(', ')}`, 'text')
    .action(async (file: string | undefined, opts: { format: string }) => {
      process.exitCode = await runCheckLanguage(
        { file: file === '-' ? undefined : file, format: opts.format as CheckLanguageFormat },
        { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
      );
    });

  // Other modules add their commands below.

  registerLearningCommands(program);

  registerEnquiryCommands(program, (fn) => withServices((services) => fn(services.enquiry)));

  program
    .command('plans')
    .description("people's crisis plans")
    .command('export')
    .description("write a person's plan to stdout (sections they keep private are left out)")
    .requiredOption('--person <email>', 'the email address of the person whose plan it is')
    .option('--format <format>', 'fhir (an R4 Bundle)', 'fhir')
    .action(async (opts: { person: string; format: string }) => {
      if (opts.format !== 'fhir') throw new Error('--format must be fhir');
      await withServices(async (services) => {
        const person = await services.accounts.provisioning.findAccountByEmail(opts.person);
        if (!person || person.role !== 'service_user') {
          throw new Error('There is no person using services with that email address.');
        }
        const bundle = await services.plans.export.fhirForCommandLine(
          person.id,
          person.organisation_id,
        );
        process.stdout.write(`${JSON.stringify(bundle, null, 2)}\n`);
      });
    });

  registerRightsCommands(program, (fn) => withServices((services) => fn(services.rights)));

  registerForceCommands(program, (fn) =>
    withServices(async (services) => {
      const { createStores } = await import('../app.ts');
      return fn({
        db: services.db,
        accounts: services.accounts,
        force: services.force,
        forceStore: createStores().force,
      });
    }),
  );

  registerAssessmentCommands(program, {
    publicUrl: async () => (await import('../config.ts')).loadConfig().publicUrl,
    withService: (fn) => withServices((services) => fn(services.assessment)),
  });

  registerOrganisationCommands(program, (fn) =>
    withServices((services) =>
      fn({
        organisation: services.organisation,
        actAs: async (email) => {
          const account = await services.accounts.provisioning.findAccountByEmail(
            email.trim().toLowerCase(),
          );
          if (!account) throw new Error('There is no account with the --by email address.');
          const actor = await services.accounts.people.actorFor(account.id);
          return { actor, ctx: { actor: services.accounts.people.auditActor(actor), ip: null } };
        },
      }),
    ),
  );

  registerWardsCommands(program, (fn) => withServices((services) => fn(services.db)));
}
