/** SQL for the use-of-force register, through Kysely; no rules here. One file per area, in store/. */
import { draftStatements } from './store/drafts.ts';
import { evidenceMonthStatements } from './store/evidence-month.ts';
import { figureStatements } from './store/figures.ts';
import { importKeyStatements } from './store/import-keys.ts';
import { incidentStatements } from './store/incidents.ts';
import { learningStatements } from './store/learning.ts';
import { peopleStatements } from './store/people.ts';

export { BUCKET_COLUMNS } from './rollups.ts';

/** Creates the force store. */
export function createForceStore() {
  return {
    ...incidentStatements,
    ...peopleStatements,
    ...figureStatements,
    ...evidenceMonthStatements,
    ...importKeyStatements,
    ...draftStatements,
    ...learningStatements,
  };
}

/** The force store's functions. */
export type ForceStore = ReturnType<typeof createForceStore>;
