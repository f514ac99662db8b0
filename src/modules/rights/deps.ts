/** What the rights service is built from: each module's part, reached through its index.ts. */
import type { Db } from '../../db/index.ts';
import type { AuditLog, AuditService } from '../audit/index.ts';
import type { EnquiryRights } from '../enquiry/index.ts';
import type { ForceRights } from '../force/index.ts';
import type { PlanRights } from '../plans/index.ts';
import type { Clock } from '../../lib/clock.ts';
import type { RightsStore } from './store.ts';

/** What the rights service needs. */
export interface RightsDeps {
  db: Db;
  store: RightsStore;
  audit: AuditLog;
  clock: Clock;
  /** The person's "Who has seen my information" list. */
  whoHasSeen: Pick<AuditService, 'listWhoHasSeen'>;
  plans: PlanRights;
  enquiry: EnquiryRights;
  force: ForceRights;
  /** Every organisation's id, for retention runs over them all. */
  organisationIds(): Promise<string[]>;
}
