/** Staff learning, composed from one file per capability. */
import type { LearningDeps } from './deps.ts';
import { createTrainingRecords } from './records.ts';
import { createRecordTransfer } from './transfer.ts';
import { createCourseProgress } from './course.ts';

export type { LearningDeps } from './deps.ts';

/** Creates the learning service: one namespace per capability. */
export function createLearningService(deps: LearningDeps) {
  const records = createTrainingRecords(deps);
  return {
    /** Courses, each member of staff's record, the unit grid and use-of-force flags. */
    records,
    /** Training records in and out as CSV. */
    transfer: createRecordTransfer(deps),
    /** The built-in course: sections, answers, progress and the certificate. */
    course: createCourseProgress(deps),
  };
}

/** The learning service's functions. */
export type LearningService = ReturnType<typeof createLearningService>;
