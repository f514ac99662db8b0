/** What organisation set-up is built from: the database, its store, the audit log and accounts. */
import type { Db } from '../../db/index.ts';
import type { Actor, StaffInviteProblem, StaffToInvite } from '../accounts/index.ts';
import type { AuditContext, AuditLog } from '../audit/index.ts';
import type { Clock } from '../../lib/clock.ts';
import type { OrganisationStore } from './store.ts';

/** One step of the set-up checklist; `done` is given by the module that owns what it checks. */
export interface SetupStep {
  id: string;
  title: string;
  /** Why the step matters, in a sentence. */
  hint: string;
  href: string;
  done(actor: Actor): Promise<boolean>;
}

/** What set-up needs from accounts to invite a staff list (all or none). */
export interface StaffInviter {
  check(actor: Actor, staff: readonly StaffToInvite[]): Promise<StaffInviteProblem[]>;
  inviteAll(
    actor: Actor,
    staff: readonly StaffToInvite[],
    ctx: AuditContext,
  ): Promise<{ problems: StaffInviteProblem[]; links: string[] }>;
}

/** What the service needs. */
export interface OrganisationDeps {
  db: Db;
  store: OrganisationStore;
  audit: AuditLog;
  clock: Clock;
  staffInviter: StaffInviter;
  /** Steps other modules add to the checklist at composition (src/app.ts). */
  extraSteps?: readonly SetupStep[];
}
