/** What the caseload service needs: the other modules' functions it composes, passed in by the app. */
import type { Db } from '../../db/index.ts';
import type { AccountsPeople } from '../accounts/index.ts';
import type { AuditLog } from '../audit/index.ts';
import type { EnquiryService } from '../enquiry/index.ts';
import type { ForceService } from '../force/index.ts';
import type { PlansService } from '../plans/index.ts';

/** The caseload service's dependencies. */
export interface CaseloadDeps {
  db: Db;
  audit: AuditLog;
  people: Pick<
    AccountsPeople,
    | 'requirePersonVisibleTo'
    | 'caseloadOf'
    | 'peopleInMyUnits'
    | 'unitIdsOfPerson'
    | 'describeUnits'
  >;
  plans: Pick<PlansService['planAccess'], 'sharedPlanOf'>;
  enquiry: Pick<EnquiryService['personSummary'], 'forPerson'>;
  force: Pick<ForceService['personIncidents'], 'forPerson'>;
}
