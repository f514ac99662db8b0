/**
 * The learning module's public surface: training records for the Use of Force Act and the
 * built-in trauma-informed practice course. Other modules import only from here.
 */
export { createLearningService } from './service.ts';
export type { LearningService, LearningDeps } from './service.ts';
export { createLearningStore } from './store.ts';
export type { LearningStore } from './store.ts';
export { learningActionLabels } from './actions.ts';
export type { LearningTables } from './tables.ts';
export { loadCourse, checkCourseFiles } from './content.ts';
export { learningEncryptedColumns } from './journal.ts';
export type { HardEvent } from './deps.ts';

import type { Actor } from '../accounts/index.ts';
import type { LearningService } from './service.ts';

/** One member of staff named on a use of force whose (e) or (f) training is out of date. */
export interface ForceTrainingFlag {
  name: string;
  topics: { letter: string; name: string; status: string; dueOn: string | null }[];
}

/**
 * For the use-of-force manager's view of a record: the staff it names whose training on
 * avoiding force (e) or its risks (f) is overdue or missing. Empty for anyone but managers and
 * administrators, so the staff named never see it.
 */
export async function forceTrainingFlags(
  learning: LearningService,
  actor: Actor,
  staffNames: readonly string[],
): Promise<ForceTrainingFlag[]> {
  const flags = await learning.records.forceFlags(actor, staffNames);
  return flags.map((f) => ({
    name: f.name,
    topics: f.topics.map((t) => ({
      letter: t.letter,
      name: t.name,
      status: t.standing.status,
      dueOn: t.standing.dueOn,
    })),
  }));
}
export { seedLearningDemo, DEMO_COURSE } from './demo.ts';
