/** Staff learning, composed from one file per capability. */
import type { LearningDeps } from './deps.ts';
import { createTrainingRecords } from './records.ts';
import { createRecordTransfer } from './transfer.ts';
import { createCourseProgress } from './course.ts';
import { createJournal } from './journal.ts';
import { createSupervision } from './supervision.ts';
import { createSupport } from './support.ts';
import { createWellbeing } from './wellbeing.ts';
import { createUnitWellbeing } from './unit-wellbeing.ts';
import { createTextProposals } from './text-proposals.ts';

export type { LearningDeps } from './deps.ts';

/** Creates the learning service: one namespace per capability. */
export function createLearningService(deps: LearningDeps) {
  const records = createTrainingRecords(deps);
  const journal = createJournal(deps);
  const supervision = createSupervision(deps, journal.supervisorsFor);
  const support = createSupport(deps);
  const wellbeing = createWellbeing(deps);
  return {
    /** Courses, each member of staff's record, the unit grid and use-of-force flags. */
    records,
    /** Training records in and out as CSV. */
    transfer: createRecordTransfer(deps),
    /** The built-in course: sections, answers, progress and the certificate. */
    course: createCourseProgress(deps),
    /** The private reflective journal, and sharing one entry with a supervisor. */
    journal,
    /** Each staff member's own supervision records. */
    supervision,
    /** Offers of support after hard events, and the staff support directory. */
    support,
    /** The anonymous wellbeing check-in. */
    wellbeing,
    /** What a manager sees of a unit's supervision, support and wellbeing: counts only. */
    unitWellbeing: createUnitWellbeing(deps, { supervision, support, wellbeing }),
    /** Partners' suggestions for the course text, and each organisation's accepted words. */
    textProposals: createTextProposals(deps),
  };
}

/** The learning service's functions. */
export type LearningService = ReturnType<typeof createLearningService>;
