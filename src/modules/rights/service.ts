/**
 * People's rights over their data: a copy of everything held about them, deleting what they
 * alone own, and the organisation's retention periods. Guarantees: this module holds no
 * person's records itself; it asks each module, through its index.ts, for its part (export,
 * deletion of what the person owns, retention sweep) and audits every download, deletion and
 * removal in the same transaction as the work. This file only composes the capabilities.
 */
import { createDeletion } from './deletion.ts';
import type { RightsDeps } from './deps.ts';
import { createMyData } from './my-data.ts';
import { createRetention } from './retention.ts';

export type { RightsDeps } from './deps.ts';
export type { DeletionResult } from './deletion.ts';
export type { CopyFormat, MyDataDocument } from './my-data.ts';
export type { RetentionReport, RetentionSetting } from './retention.ts';

/** Creates the rights service: one namespace per capability. */
export function createRightsService(deps: RightsDeps) {
  return {
    /** The person's own copy of their information, and what is kept for them. */
    myData: createMyData(deps),
    /** Deleting what the person alone owns. */
    deletion: createDeletion(deps),
    /** The organisation's periods and the run that keeps to them. */
    retention: createRetention(deps),
  };
}

/** The rights service's functions. */
export type RightsService = ReturnType<typeof createRightsService>;
