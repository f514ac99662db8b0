/**
 * Plans as staff read them. Guarantees: staff read a plan only through the access policy,
 * checked on every request; every read by anyone other than the person is audited, naming the
 * person, before anything of the plan is shown, so it appears in their "Who has seen my
 * information" list. The plan is read first and the look then written in a short transaction
 * (shared with other looks arriving at the same time): on SQLite a transaction holds the one
 * write lock, and holding it for the reads too made every other worker's page wait for them.
 */
import type { AuditContext, AuditEventInput } from '../audit/index.ts';
import type { Actor } from '../accounts/index.ts';
import { isClinical, mayWorkOnPlan, planAccessFor } from './policy.ts';
import type { PlanAccess } from './policy.ts';
import { parseContent, presentGlance } from './present.ts';
import { contextFor, privateOf } from './plan-reads.ts';
import type { PlanReads } from './plan-reads.ts';
import { VIEW_ACTIONS } from './types.ts';
import type { PlanChoicesForForce, PlanReadKind, PlanView, PlansDeps } from './types.ts';

/** A look at a plan that is still to be audited: who looked through what, and the event. */
export interface PendingLook {
  access: PlanAccess;
  event: AuditEventInput;
}

/** A plan read for someone, with the look to audit before it is shown (none for the person). */
export interface OpenedPlan {
  view: PlanView & { mayWork: boolean };
  look: PendingLook | null;
  /**
   * Whether the page may be kept and shown again while no record changes (src/web/kept-pages.ts):
   * not under emergency access, which ends at a time rather than by a change.
   */
  keepable: boolean;
}

function joined(...parts: (string | null)[]): string | null {
  return parts.filter((p): p is string => !!p).join('\n\n') || null;
}

/** Creates the staff-reading capability. */
export function createPlanAccess(deps: PlansDeps, reads: PlanReads) {
  const { db, store, audit, clock, accounts } = deps;

  const planAccess = {
    /** Plans shared with a member of staff, by the person's name. */
    async listSharedWith(actor: Actor) {
      if (!isClinical(actor)) return [];
      const org = actor.organisationId;
      const shares = await store.sharesReaching(db, org, actor.id, actor.unitIds);
      const plans = await store.listPlansByIds(db, org, [...new Set(shares.map((s) => s.plan_id))]);
      const names = await accounts.describeAccounts(
        db,
        plans.map((p) => p.person_id),
        org,
      );
      const units = await accounts.describeUnits(
        db,
        shares.map((s) => s.unit_id).filter((x): x is string => x !== null),
        org,
      );
      const today = reads.todayIso();
      return plans
        .map((p) => {
          const via = shares.filter((s) => s.plan_id === p.id);
          return {
            planId: p.id,
            personName: names.get(p.person_id)?.displayName ?? '',
            updatedAt: p.updated_at,
            reviewDue: p.review_by !== null && p.review_by <= today,
            sharedVia: via
              .map((s) =>
                s.kind === 'unit' ? (units.get(s.unit_id ?? '')?.name ?? '') : 'you by name',
              )
              .join(', '),
          };
        })
        .sort((a, b) => a.personName.localeCompare(b.personName));
    },

    /**
     * Opens a plan for a member of staff (or the person), auditing the read in the same
     * transaction. Answers 404 unless the plan is shared with them or they have emergency access.
     */
    async open(
      actor: Actor,
      planId: string,
      kind: PlanReadKind,
      ctx: AuditContext,
    ): Promise<PlanView & { mayWork: boolean }> {
      const opened = await planAccess.read(actor, planId, kind);
      if (opened.look) await planAccess.recordLook(ctx, opened.look);
      return opened.view;
    },

    /**
     * Reads a plan for someone, or 404. Nothing of it may be shown until `recordLook` has
     * audited the look it returns (`open` does both).
     */
    async read(actor: Actor, planId: string, kind: PlanReadKind): Promise<OpenedPlan> {
      const { plan, access } = await reads.loadForReader(db, actor, planId);
      const version = await reads.currentVersion(db, plan);
      const look: PendingLook | null =
        access.kind === 'owner'
          ? null
          : {
              access,
              event: {
                organisationId: plan.organisation_id,
                action: VIEW_ACTIONS[kind],
                recordType: 'plan',
                recordId: plan.id,
                subjectPersonId: plan.person_id,
                detail:
                  access.kind === 'emergency'
                    ? { version: version.version, reason: access.grant.reason, emergency: true }
                    : { version: version.version },
              },
            };
      const view = await reads.buildView(
        db,
        plan,
        version,
        access.kind,
        access.kind === 'emergency' ? access.grant.expires_at : null,
      );
      return {
        view: { ...view, mayWork: mayWorkOnPlan(access) },
        look,
        keepable: access.kind !== 'emergency',
      };
    },

    /**
     * Audits one look at a plan (each showing of the page is one); looks arriving together
     * share one commit (the audit log's `recordLook`).
     */
    async recordLook(ctx: AuditContext, look: PendingLook): Promise<void> {
      await audit.recordLook(db, contextFor(ctx, look.access), look.event);
    },

    /**
     * Whether a person's plan is shared with the actor now, for the nurse's person page: the
     * plan's id and dates only (nothing in it is read, so nothing is audited here). Null when
     * there is no plan or it is not shared with them.
     */
    async sharedPlanOf(actor: Actor, personId: string) {
      if (!isClinical(actor)) return null;
      const plan = await store.findPlanOfPerson(db, actor.organisationId, personId);
      if (!plan) return null;
      const shares = await store.listShares(db, plan.organisation_id, plan.id);
      if (planAccessFor(actor, plan, shares, [], clock())?.kind !== 'shared') return null;
      return {
        planId: plan.id,
        updatedAt: plan.updated_at,
        reviewDue: plan.review_by !== null && plan.review_by <= reads.todayIso(),
      };
    },

    /**
     * The person's choices about force and medication, for the use-of-force record. Null when
     * there is no plan or it is not shared with the actor (no emergency access here). Audited
     * as a view when returned.
     */
    async choicesForForce(
      actor: Actor,
      personId: string,
      ctx: AuditContext,
    ): Promise<PlanChoicesForForce | null> {
      if (!isClinical(actor)) return null;
      return audit.audited(db, ctx, async (trx) => {
        const plan = await store.findPlanOfPerson(trx, actor.organisationId, personId);
        if (!plan) return null;
        const shares = await store.listShares(trx, plan.organisation_id, plan.id);
        const access = planAccessFor(actor, plan, shares, [], clock());
        if (access?.kind !== 'shared') return null;
        const version = await reads.currentVersion(trx, plan);
        const glance = presentGlance(parseContent(version.content), privateOf(plan));
        await audit.record(trx, contextFor(ctx, access), {
          organisationId: plan.organisation_id,
          action: 'plan.view_choices',
          recordType: 'plan',
          recordId: plan.id,
          subjectPersonId: plan.person_id,
          detail: { version: version.version },
        });
        return {
          planId: plan.id,
          version: version.version,
          updatedAt: version.created_at,
          restraintPositionsToAvoid: glance.restraintPositionsToAvoid,
          staffGenderPreference: glance.staffGender,
          medicationChoices: joined(
            glance.medicationRoutes.length
              ? `Ways of taking medication I can accept: ${glance.medicationRoutes.join(', ')}`
              : null,
            glance.medicationText,
          ),
          seclusionChoices: glance.seclusionText,
          searchChoices: joined(glance.searchGender, glance.searchText),
          observationChoices: glance.observationText,
          whatHelps: glance.helpsText,
          whatMakesWorse: joined(
            glance.worseStaff.length ? glance.worseStaff.join(', ') : null,
            glance.worseText,
          ),
        };
      });
    },
  };
  return planAccess;
}

/** The staff-reading functions. */
export type PlanAccessService = ReturnType<typeof createPlanAccess>;
