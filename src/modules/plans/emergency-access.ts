/**
 * Emergency access: a clinician opens a plan not shared with them. Guarantees: it needs a
 * reason, lasts 60 minutes, shows on the person's home page, and goes to the unit manager of
 * the person's units for review.
 */
import type { AuditContext } from '../audit/index.ts';
import type { Actor } from '../accounts/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { MINUTE, addMs, toIso } from '../../lib/clock.ts';
import { newId } from '../../lib/tokens.ts';
import { isClinical, isPlanOwnerRole, reviewsEmergencyAccess } from './policy.ts';
import type { PlanEmergencyAccessTable } from './tables.ts';
import type { EmergencyAccessInput } from './schema.ts';
import type { PlanReads } from './plan-reads.ts';
import { EMERGENCY_ACCESS_MS } from './types.ts';
import type { EmergencyView, PlansDeps } from './types.ts';

function inReviewUnits(row: PlanEmergencyAccessTable, actor: Actor): boolean {
  return (JSON.parse(row.review_unit_ids) as string[]).some((u) => actor.unitIds.includes(u));
}

/** Creates the emergency-access capability. */
export function createEmergencyAccess(deps: PlansDeps, reads: PlanReads) {
  const { db, store, audit, clock, accounts } = deps;

  return {
    /** People a clinician works with whose plan is not shared with them (for emergency access). */
    async candidates(actor: Actor): Promise<{ personId: string; name: string }[]> {
      if (!isClinical(actor)) throw AppError.notFound();
      const people = [
        ...(await accounts.caseloadOf(actor)),
        ...(await accounts.peopleInMyUnits(actor)),
      ].filter((p) => isPlanOwnerRole(p));
      const unique = new Map(people.map((p) => [p.id, p.displayName]));
      const plans = await store.listPlansOfPeople(db, actor.organisationId, [...unique.keys()]);
      const result: { personId: string; name: string }[] = [];
      for (const plan of plans) {
        const access = await reads.accessTo(db, actor, plan);
        if (access?.kind === 'shared') continue;
        result.push({ personId: plan.person_id, name: unique.get(plan.person_id) ?? '' });
      }
      return result.sort((a, b) => a.name.localeCompare(b.name));
    },

    /**
     * Opens a plan not shared with a clinician, for 60 minutes, on a stated reason. The person
     * sees it on their home page; the unit manager gets a review item.
     * @returns the plan and the emergency access record
     */
    async start(
      actor: Actor,
      input: EmergencyAccessInput,
      ctx: AuditContext,
    ): Promise<{ planId: string; accessId: string }> {
      if (!isClinical(actor)) throw AppError.notFound();
      const person = await accounts.requirePersonVisibleTo(actor, input.personId);
      const plan = await store.findPlanOfPerson(db, actor.organisationId, person.id);
      if (!plan) throw AppError.invalid('personId', 'This person does not have a plan in Hearth');
      const personUnits = await accounts.unitIdsOfPerson(person.id, actor.organisationId);
      const now = clock();
      const row: PlanEmergencyAccessTable = {
        id: newId(),
        organisation_id: actor.organisationId,
        plan_id: plan.id,
        person_id: person.id,
        actor_id: actor.id,
        actor_unit_id: ctx.actor?.unitId ?? actor.unitIds[0] ?? null,
        review_unit_ids: JSON.stringify(personUnits),
        reason: input.reason,
        started_at: toIso(now),
        expires_at: toIso(addMs(now, EMERGENCY_ACCESS_MS)),
        reviewed_at: null,
        reviewed_by: null,
      };
      await audit.audited(db, ctx, async (trx, record) => {
        await store.insertEmergency(trx, row);
        await record({
          organisationId: actor.organisationId,
          action: 'plan.emergency_access',
          recordType: 'plan',
          recordId: plan.id,
          subjectPersonId: person.id,
          detail: { reason: input.reason, minutes: EMERGENCY_ACCESS_MS / MINUTE },
        });
      });
      return { planId: plan.id, accessId: row.id };
    },

    /** Emergency looks waiting for a unit manager's review (people in their units). */
    async toReview(actor: Actor): Promise<EmergencyView[]> {
      if (!reviewsEmergencyAccess(actor)) return [];
      const rows = (await store.unreviewedEmergency(db, actor.organisationId)).filter((r) =>
        inReviewUnits(r, actor),
      );
      return reads.describeEmergency(db, actor.organisationId, rows);
    },

    /** A unit manager marks an emergency look as reviewed. */
    async review(actor: Actor, accessId: string, ctx: AuditContext): Promise<void> {
      if (!reviewsEmergencyAccess(actor)) throw AppError.notFound();
      const org = actor.organisationId;
      const row = await store.findEmergency(db, org, accessId);
      if (!row || !inReviewUnits(row, actor)) throw AppError.notFound();
      await audit.audited(db, ctx, async (trx, record) => {
        if (!(await store.markEmergencyReviewed(trx, org, row.id, actor.id, toIso(clock())))) {
          return;
        }
        await record({
          organisationId: org,
          action: 'plan.emergency_review',
          recordType: 'plan_emergency_access',
          recordId: row.id,
          subjectPersonId: row.person_id,
        });
      });
    },
  };
}

/** The emergency-access functions. */
export type EmergencyAccess = ReturnType<typeof createEmergencyAccess>;
