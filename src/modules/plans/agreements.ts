/**
 * Whether the person and their team agree with the current version of the plan, or both views
 * where they differ. The person records it on their own plan; staff on a plan shared with them.
 */
import type { Db } from '../../db/index.ts';
import type { AuditContext } from '../audit/index.ts';
import type { Actor } from '../accounts/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { toIso } from '../../lib/clock.ts';
import { newId } from '../../lib/tokens.ts';
import { isClinical, isPlanOwnerRole, mayWorkOnPlan } from './policy.ts';
import type { PlanAgreementsTable, PlansTable } from './tables.ts';
import type { AgreementInput } from './schema.ts';
import type { PlanReads } from './plan-reads.ts';
import type { PlansDeps } from './types.ts';

/** Creates the agreements capability. */
export function createAgreements(deps: PlansDeps, reads: PlanReads) {
  const { db, store, audit, clock } = deps;

  /** The plan an actor may record agreement on: their own, or one shared with them. */
  async function planFor(
    conn: Db,
    actor: Actor,
    planId: string | null,
  ): Promise<PlansTable | null> {
    if (isPlanOwnerRole(actor)) {
      return (await store.findPlanOfPerson(conn, actor.organisationId, actor.id)) ?? null;
    }
    if (!planId || !isClinical(actor)) throw AppError.notFound();
    const plan = await store.findPlan(conn, actor.organisationId, planId);
    if (!plan || !mayWorkOnPlan(await reads.accessTo(conn, actor, plan))) {
      throw AppError.notFound();
    }
    return plan;
  }

  return {
    /** What the agreement form needs: the plan's current version and the latest agreement. */
    async context(actor: Actor, planId: string | null) {
      const plan = await planFor(db, actor, planId);
      if (!plan) return null;
      return {
        planId: plan.id,
        version: plan.current_version,
        personName: await reads.nameOf(db, plan.organisation_id, plan.person_id),
        agreement: await reads.agreementView(db, plan),
      };
    },

    /** Records that person and team agree with the current version, or both views where they differ. */
    async record(
      actor: Actor,
      planId: string | null,
      input: AgreementInput,
      ctx: AuditContext,
    ): Promise<string> {
      return audit.audited(db, ctx, async (trx, record) => {
        const plan = await planFor(trx, actor, planId);
        if (!plan) throw AppError.notFound();
        const latest = await store.latestAgreement(trx, plan.organisation_id, plan.id);
        const row: PlanAgreementsTable = {
          id: newId(),
          organisation_id: plan.organisation_id,
          plan_id: plan.id,
          seq: (latest?.seq ?? 0) + 1,
          version: plan.current_version,
          outcome: input.outcome,
          who_agreed: input.outcome === 'agreed' ? input.whoAgreed : null,
          person_view: input.outcome === 'differ' ? input.personView || null : null,
          team_view: input.outcome === 'differ' ? input.teamView || null : null,
          recorded_by: actor.id,
          created_at: toIso(clock()),
        };
        await store.insertAgreement(trx, row);
        await record({
          organisationId: plan.organisation_id,
          action: 'plan.agreement',
          recordType: 'plan',
          recordId: plan.id,
          subjectPersonId: plan.person_id,
          detail: { version: row.version, outcome: row.outcome },
        });
        return plan.id;
      });
    },
  };
}

/** The agreements functions. */
export type Agreements = ReturnType<typeof createAgreements>;
