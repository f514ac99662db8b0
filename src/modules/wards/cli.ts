/**
 * `hearth wards rebuild-rollup`: works out the monthly rollup of shift reports afresh from the
 * reports themselves (after a restore, or rows written straight to the table), one
 * organisation per transaction.
 */
import type { Command } from 'commander';
import type { Db } from '../../db/index.ts';
import { acrossOrganisations } from '../../db/tenancy.ts';
import { rebuildRollup } from './rollup.ts';

/** Opens the configured database and runs `fn` with it. */
export type WithWardsDb = (fn: (db: Db) => Promise<void>) => Promise<void>;

/** Adds the wards sub-commands. */
export function registerWardsCommands(program: Command, withDb: WithWardsDb): void {
  const wards = program.command('wards').description('ward shift reports');
  wards
    .command('rebuild-rollup')
    .description('work out the monthly rollup of shift reports afresh')
    .option('--organisation <id>', 'only this organisation (all of them if left out)')
    .action(async (opts: { organisation?: string }) => {
      await withDb(async (db) => {
        // The command runs for every organisation, so it says so once, here.
        await acrossOrganisations('wards rebuild-rollup: every organisation', async () => {
          const ids = opts.organisation
            ? [opts.organisation]
            : (await db.selectFrom('organisations').select('id').orderBy('id').execute()).map(
                (o) => o.id,
              );
          for (const id of ids) {
            const rows = await rebuildRollup(db, id);
            console.log(`${id}\t${rows} ward months`);
          }
        });
      });
    });
}
