/**
 * `hearth force …`: generate synthetic data, import and export the MHSDS-shaped CSV. Each
 * command calls the same service as the web, so access rules and the audit trail apply.
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import type { AccountsService } from '../accounts/index.ts';
import type { Db } from '../../db/index.ts';
import { generateSyntheticData } from './generate.ts';
import type { ForceService } from './service.ts';
import type { ForceStore } from './store.ts';
import { periodOf, shiftPeriod } from './time.ts';

/** What the commands need, opened per run by the caller. */
export interface ForceCliServices {
  db: Db;
  accounts: AccountsService;
  force: ForceService;
  forceStore: ForceStore;
}

/** Adds `hearth force generate|import|export`. */
export function registerForceCommands(
  program: Command,
  withServices: <T>(fn: (services: ForceCliServices) => Promise<T>) => Promise<T>,
): void {
  const force = program.command('force').description('the use-of-force register');

  force
    .command('generate')
    .description(
      'add realistic synthetic organisations, wards and incidents (for trying dashboards and benchmarks)',
    )
    .requiredOption('--incidents <n>', 'how many incidents', (v) => Number.parseInt(v, 10))
    .option('--years <n>', 'how many years back from last month', (v) => Number.parseInt(v, 10), 10)
    .option('--seed <n>', 'random seed, to repeat a run', (v) => Number.parseInt(v, 10), 20260601)
    .action(async (options: { incidents: number; years: number; seed: number }) => {
      if (!Number.isInteger(options.incidents) || options.incidents < 1)
        throw new Error('--incidents must be a whole number above 0');
      await withServices(async (s) => {
        const bar = new SingleBar(
          { format: 'Generating [{bar}] {value}/{total} incidents' },
          Presets.shades_classic,
        );
        bar.start(options.incidents, 0);
        const result = await generateSyntheticData(
          {
            db: s.db,
            store: s.forceStore,
            provisionOrganisation: (name) => s.accounts.provisioning.provisionOrganisation(name),
            provisionUnit: (org, name, kind) =>
              s.accounts.provisioning.provisionUnit(org, name, kind),
          },
          {
            incidents: options.incidents,
            years: options.years,
            seed: options.seed,
            endPeriod: shiftPeriod(periodOf(new Date().toISOString()), -1),
            onProgress: (done) => bar.update(done),
          },
        );
        bar.stop();
        console.log(
          `Made ${result.organisations} organisations, ${result.units} wards, ${result.people} people, ${result.incidents} incidents and ${result.interventions} interventions.`,
        );
      });
    });

  force
    .command('import <file>')
    .description(
      'import the MHSDS-shaped CSV: every row is checked, and all are imported or, if any row has a problem, none',
    )
    .requiredOption('--as <email>', 'the organisation administrator doing the import')
    .action(async (file: string, options: { as: string }) => {
      // NFC, as every web form and the browser upload are, so the same text is stored the same way.
      const text = fs.readFileSync(file, 'utf8').normalize('NFC');
      await withServices(async (s) => {
        const account = await s.accounts.provisioning.findAccountByEmail(options.as);
        if (!account) throw new Error(`No account for ${options.as}`);
        const actor = await s.accounts.people.actorFor(account.id);
        const bar = new SingleBar(
          { format: '{stage} [{bar}] {value}/{total} rows' },
          Presets.shades_classic,
        );
        let started = false;
        const result = await s.force.transfer.importCsv(
          actor,
          text,
          { actor: s.accounts.people.auditActor(actor), ip: null },
          (done, total, stage) => {
            if (!started) {
              bar.start(total, 0, { stage: 'Checking ' });
              started = true;
            }
            bar.update(done, { stage: stage === 'checking' ? 'Checking ' : 'Importing' });
          },
        );
        if (started) bar.stop();
        if (!result.ok) {
          console.error(
            `Nothing was imported. ${result.problems.length} problem(s) in ${result.rows} rows:`,
          );
          for (const p of result.problems) console.error(`  line ${p.line}: ${p.reason}`);
          process.exitCode = 1;
          return;
        }
        console.log(
          `Imported ${result.rows} rows: ${result.created} new incidents, ${result.updated} corrected, ${result.unchanged} unchanged.`,
        );
      });
    });

  force
    .command('export <file>')
    .description('export the MHSDS-shaped CSV for an organisation')
    .requiredOption('--as <email>', 'the organisation administrator doing the export')
    .option('--from <period>', 'first month, YYYY-MM', '2000-01')
    .option('--to <period>', 'last month, YYYY-MM', '9999-12')
    .option('--shape <shape>', 'combined, incidents or types', 'combined')
    .action(
      async (file: string, options: { as: string; from: string; to: string; shape: string }) => {
        await withServices(async (s) => {
          const account = await s.accounts.provisioning.findAccountByEmail(options.as);
          if (!account) throw new Error(`No account for ${options.as}`);
          const actor = await s.accounts.people.actorFor(account.id);
          const shape =
            options.shape === 'incidents' || options.shape === 'types' ? options.shape : 'combined';
          const csv = await s.force.transfer.exportCsv(
            actor,
            { from: options.from, to: options.to },
            shape,
            { actor: s.accounts.people.auditActor(actor), ip: null },
          );
          fs.writeFileSync(file, csv, { mode: 0o600 });
          console.log(`Wrote ${file}`);
        });
      },
    );
}
