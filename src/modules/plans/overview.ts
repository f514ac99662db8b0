/**
 * Plans at a glance for each role: the home page panel (the person's own plan, or staff's shared
 * plans and reviews) and the list of plans shared with a member of staff.
 */
import type { Actor } from '../accounts/index.ts';
import { addMs, toIso } from '../../lib/clock.ts';
import { isClinical, isPlanOwnerRole } from './policy.ts';
import type { PlanReads } from './plan-reads.ts';
import type { PlanAccessService } from './plan-access.ts';
import type { EmergencyAccess } from './emergency-access.ts';
import { EMERGENCY_SHOWN_MS } from './types.ts';
import type { PlansDeps } from './types.ts';

/** Creates the overview capability. */
export function createPlansOverview(
  deps: PlansDeps,
  reads: PlanReads,
  planAccess: PlanAccessService,
  emergencyAccess: EmergencyAccess,
) {
  const { db, store, clock } = deps;

  return {
    /** The "Plans shared with me" page: the shared plans and the emergency looks to review. */
    async staffList(actor: Actor) {
      return {
        plans: await planAccess.listSharedWith(actor),
        toReview: await emergencyAccess.toReview(actor),
      };
    },

    /** What the home page shows about plans, for each role; null hides the panel. */
    async panel(actor: Actor): Promise<Record<string, unknown> | null> {
      if (isPlanOwnerRole(actor)) {
        const plan = await store.findPlanOfPerson(db, actor.organisationId, actor.id);
        if (!plan) return { kind: 'person', hasPlan: false };
        const org = plan.organisation_id;
        const proposals = (await store.listProposals(db, org, plan.id)).filter(
          (p) => p.status === 'open',
        );
        const shares = await reads.describeShares(db, plan);
        const since = toIso(addMs(clock(), -EMERGENCY_SHOWN_MS));
        return {
          kind: 'person',
          hasPlan: true,
          updatedAt: plan.updated_at,
          reviewBy: plan.review_by,
          reviewDue: plan.review_by !== null && plan.review_by <= reads.todayIso(),
          proposals: proposals.length,
          sharedWith: shares.map((s) => s.name),
          emergency: await reads.describeEmergency(
            db,
            org,
            await store.emergencyOfPlan(db, org, plan.id, since),
          ),
        };
      }
      if (!isClinical(actor)) return null;
      return {
        kind: 'staff',
        shared: (await planAccess.listSharedWith(actor)).length,
        toReview: await emergencyAccess.toReview(actor),
      };
    },
  };
}

/** The overview functions. */
export type PlansOverview = ReturnType<typeof createPlansOverview>;
