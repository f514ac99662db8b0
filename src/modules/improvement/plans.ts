/**
 * Plans: drafting a plan for a subject, finding one, listing them, and everything the plan page
 * shows. Guarantees: one plan per subject (drafting twice finds the first); a plan of another
 * organisation, or one the actor may not see, is 404; drafting is audited.
 */
import type { Actor, AuditContext } from '../../lib/actor.ts';
import { AppError } from '../../lib/app-error.ts';
import { toIso } from '../../lib/clock.ts';
import { newId } from '../../lib/tokens.ts';
import type { ImprovementDeps } from './deps.ts';
import { mayImprovement } from './policy.ts';
import { isUniqueViolation } from './store.ts';
import { resolveSubject, subjectKindLabels } from './subjects.ts';
import type { ImprovementPlansTable, PlanSubjectKind } from './tables.ts';

const scopeOf = (plan: ImprovementPlansTable) => ({
  organisationId: plan.organisation_id,
  unitId: plan.unit_id,
});

/** Creates the plan-finding helpers every capability shares. */
export function createPlanAccess(deps: ImprovementDeps) {
  const { db, store } = deps;
  return {
    /** The plan, if the actor may take this kind of step on it; 404 otherwise. */
    async planFor(actor: Actor, planId: string, need: 'view' | 'edit' | 'review') {
      const plan = await store.findPlan(db, actor.organisationId, planId);
      if (!plan || !mayImprovement(actor, { kind: 'view', plan: scopeOf(plan) }))
        throw AppError.notFound();
      if (need !== 'view' && !mayImprovement(actor, { kind: need, plan: scopeOf(plan) }))
        throw AppError.notFound();
      return plan;
    },
    /** The subject as this actor sees it (a fallback with the plan's own title when hidden). */
    async subjectOf(actor: Actor, plan: ImprovementPlansTable) {
      const subject = await resolveSubject(deps, actor, plan.subject_kind, plan.subject_id);
      return (
        subject ?? {
          kind: plan.subject_kind,
          id: plan.subject_id,
          title: plan.title,
          unitId: plan.unit_id,
          href: null,
          links: [],
          measures: [],
        }
      );
    },
    scopeOf,
  };
}

/** The plan-finding helpers. */
export type PlanAccess = ReturnType<typeof createPlanAccess>;

/** Creates the plans capability. */
export function createPlans(deps: ImprovementDeps, access: PlanAccess) {
  const { db, store, audit, clock } = deps;
  return {
    /** Checks the actor may take this kind of step on the plan (404 otherwise), before any form. */
    async check(actor: Actor, planId: string, need: 'view' | 'edit' | 'review'): Promise<void> {
      await access.planFor(actor, planId, need);
    },

    /**
     * Drafts the plan for a subject, or finds the one already there (so sending twice is
     * harmless). 404 when the actor may not see the subject or change its plan.
     */
    async draft(
      actor: Actor,
      input: { subjectKind: PlanSubjectKind; subjectId: string },
      ctx: AuditContext,
    ): Promise<{ id: string; created: boolean }> {
      const subject = await resolveSubject(deps, actor, input.subjectKind, input.subjectId);
      if (!subject) throw AppError.notFound();
      const scope = { organisationId: actor.organisationId, unitId: subject.unitId };
      if (!mayImprovement(actor, { kind: 'edit', plan: scope })) throw AppError.notFound();
      const found = await store.findPlanFor(db, actor.organisationId, subject.kind, subject.id);
      if (found) return { id: found.id, created: false };
      try {
        return await audit.audited(db, ctx, async (trx, record) => {
          const id = newId();
          const now = toIso(clock());
          await store.insertPlan(trx, {
            id,
            organisation_id: actor.organisationId,
            subject_kind: subject.kind,
            subject_id: subject.id,
            unit_id: subject.unitId,
            title: subject.title,
            version: 1,
            created_by: actor.id,
            created_at: now,
            changed_at: now,
          });
          await record({
            organisationId: actor.organisationId,
            action: 'improvement.plan_draft',
            recordType: 'improvement_plan',
            recordId: id,
            detail: { subject: subject.kind },
          });
          return { id, created: true };
        });
      } catch (error) {
        // Two sendings at once: the other one made the plan, so lead there.
        if (!isUniqueViolation(error)) throw error;
        const again = await store.findPlanFor(db, actor.organisationId, subject.kind, subject.id);
        if (!again) throw error;
        return { id: again.id, created: false };
      }
    },

    /** The plan about a subject, if there is one the actor may see (for links from elsewhere). */
    async findFor(actor: Actor, kind: PlanSubjectKind, subjectId: string) {
      const plan = await store.findPlanFor(db, actor.organisationId, kind, subjectId);
      if (!plan || !mayImprovement(actor, { kind: 'view', plan: scopeOf(plan) })) return null;
      return { id: plan.id, title: plan.title };
    },

    /**
     * A subject's plan, or whether the actor may draft one (404 when they may not see the
     * subject): where links from elsewhere (a round's results) lead.
     */
    async forSubject(actor: Actor, kind: PlanSubjectKind, subjectId: string) {
      const subject = await resolveSubject(deps, actor, kind, subjectId);
      if (!subject) throw AppError.notFound();
      const plan = await store.findPlanFor(db, actor.organisationId, subject.kind, subject.id);
      const scope = { organisationId: actor.organisationId, unitId: subject.unitId };
      return {
        subject: { kind: subject.kind, id: subject.id, title: subject.title, href: subject.href },
        planId: plan && mayImprovement(actor, { kind: 'view', plan: scope }) ? plan.id : null,
        mayDraft: mayImprovement(actor, { kind: 'edit', plan: scope }),
      };
    },

    /** The plans the actor may see, and the reduction plans they may start. */
    async list(actor: Actor) {
      const plans = (await store.listPlans(db, actor.organisationId)).filter((p) =>
        mayImprovement(actor, { kind: 'view', plan: scopeOf(p) }),
      );
      const units = await deps.directory.unitsInOrganisation(actor.organisationId);
      const hasPlan = new Set(plans.map((p) => `${p.subject_kind}|${p.subject_id}`));
      const startable = [
        ...units
          .filter((u) => (u.kind ?? 'ward') === 'ward')
          .map((u) => ({
            kind: 'ward_reduction' as const,
            id: u.id,
            text: `Restraint reduction plan for ${u.name}`,
            unitId: u.id as string | null,
          })),
        {
          kind: 'organisation_reduction' as const,
          id: actor.organisationId,
          text: 'Restraint reduction plan for the whole organisation',
          unitId: null,
        },
      ].filter(
        (s) =>
          !hasPlan.has(`${s.kind}|${s.id}`) &&
          mayImprovement(actor, {
            kind: 'edit',
            plan: { organisationId: actor.organisationId, unitId: s.unitId },
          }),
      );
      return {
        plans: plans.map((p) => ({
          id: p.id,
          title: p.title,
          kind: subjectKindLabels[p.subject_kind],
          changedOn: p.changed_at.slice(0, 10),
        })),
        startable,
      };
    },
  };
}
