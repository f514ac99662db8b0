/**
 * The person's own plan. Guarantees: only the person writes their plan (practitioners suggest,
 * the person decides); every save is a new version, and a save made from an out-of-date copy is
 * refused, never merged silently.
 */
import type { AuditContext } from '../audit/index.ts';
import type { Actor } from '../accounts/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { addMs, toIso } from '../../lib/clock.ts';
import { newId } from '../../lib/tokens.ts';
import { isPlanOwnerRole } from './policy.ts';
import type { PlansTable } from './tables.ts';
import type { PlanContent } from './schema.ts';
import { sectionTitles } from './schema.ts';
import { fieldByName, sections } from './sections.ts';
import { changedFields, parseContent } from './present.ts';
import { CHANGED_ELSEWHERE, privateOf } from './plan-reads.ts';
import type { PlanReads } from './plan-reads.ts';
import { EMERGENCY_SHOWN_MS } from './types.ts';
import type { PlanView, PlansDeps } from './types.ts';

function checkDeclined(content: PlanContent): void {
  const fields: Record<string, string> = {};
  for (const key of content.declined) {
    const answered = Object.keys(content.fields).some((n) => fieldByName(n)?.section === key);
    if (answered) {
      fields[`declined-${key}`] =
        `You ticked "I'd rather not say" for "${sectionTitles[key]}" and also wrote answers there. Untick it to keep your answers, or clear the answers if you would rather not say.`;
    }
  }
  if (Object.keys(fields).length) throw AppError.invalidFields(fields);
}

/** Creates the person's-own-plan capability. */
export function createOwnPlan(deps: PlansDeps, reads: PlanReads) {
  const { db, store, audit, clock, accounts } = deps;

  return {
    /** The person's own plan with everything they manage, or null before they start one. */
    async get(actor: Actor) {
      if (!isPlanOwnerRole(actor)) throw AppError.notFound();
      const plan = await store.findPlanOfPerson(db, actor.organisationId, actor.id);
      if (!plan) return null;
      const version = await reads.currentVersion(db, plan);
      const view = await reads.buildView(db, plan, version, 'owner');
      const proposals = (await store.listProposals(db, plan.organisation_id, plan.id)).filter(
        (p) => p.status === 'open',
      );
      const since = toIso(addMs(clock(), -EMERGENCY_SHOWN_MS));
      return {
        view,
        content: parseContent(version.content),
        privateSections: privateOf(plan),
        shares: await reads.describeShares(db, plan),
        links: await reads.describeLinks(db, plan),
        proposals: await Promise.all(proposals.map((p) => reads.describeProposal(db, plan, p))),
        emergency: await reads.describeEmergency(
          db,
          plan.organisation_id,
          await store.emergencyOfPlan(db, plan.organisation_id, plan.id, since),
        ),
      };
    },

    /**
     * Saves the person's plan as a new version.
     * @param input.version - the version the person opened (0 for a new plan)
     * @throws AppError conflict when the plan changed since it was opened
     */
    async save(
      actor: Actor,
      input: { version: number; content: PlanContent; reviewBy: string | null },
      ctx: AuditContext,
    ): Promise<{ planId: string; version: number; unchanged: boolean }> {
      if (!isPlanOwnerRole(actor)) throw AppError.notFound();
      checkDeclined(input.content);
      return audit.audited(db, ctx, async (trx, record) => {
        let plan = await store.findPlanOfPerson(trx, actor.organisationId, actor.id);
        const now = toIso(clock());
        if (!plan) {
          if (input.version !== 0) throw AppError.notFound();
          plan = {
            id: newId(),
            organisation_id: actor.organisationId,
            person_id: actor.id,
            current_version: 0,
            review_by: null,
            private_sections: JSON.stringify(
              sections.filter((s) => s.privateByDefault).map((s) => s.key),
            ),
            created_at: now,
            updated_at: now,
          } satisfies PlansTable;
          try {
            await store.insertPlan(trx, plan);
          } catch {
            // Another tab started the plan at the same moment.
            throw AppError.conflict('Your plan was started somewhere else after you opened it.');
          }
        } else if (plan.current_version !== input.version) {
          throw AppError.conflict(CHANGED_ELSEWHERE);
        } else {
          const current = parseContent((await reads.currentVersion(trx, plan)).content);
          const same =
            changedFields(current, input.content).length === 0 &&
            JSON.stringify(current.declined) === JSON.stringify(input.content.declined) &&
            plan.review_by === input.reviewBy;
          if (same) return { planId: plan.id, version: plan.current_version, unchanged: true };
        }
        const version = await reads.writeVersion(
          trx,
          plan,
          input.version,
          input.content,
          actor.id,
          input.reviewBy,
          null,
        );
        await record({
          organisationId: actor.organisationId,
          action: 'plan.save',
          recordType: 'plan',
          recordId: plan.id,
          subjectPersonId: actor.id,
          detail: { version },
        });
        return { planId: plan.id, version, unchanged: false };
      });
    },

    /** Every version of the person's own plan, newest first. */
    async listVersions(actor: Actor) {
      const plan = await store.findPlanOfPerson(db, actor.organisationId, actor.id);
      if (!plan || !isPlanOwnerRole(actor)) return [];
      const versions = await store.listVersions(db, plan.organisation_id, plan.id);
      const names = await accounts.describeAccounts(
        db,
        versions.map((v) => v.author_id),
        plan.organisation_id,
      );
      return versions.map((v) => ({
        version: v.version,
        createdAt: v.created_at,
        author: names.get(v.author_id)?.displayName ?? '',
        byMe: v.author_id === actor.id,
        note: v.note,
        isCurrent: v.version === plan.current_version,
      }));
    },

    /** One earlier version of the person's own plan. */
    async getVersion(actor: Actor, version: number): Promise<PlanView> {
      const plan = await reads.requireOwnPlan(db, actor);
      const row = await store.findVersion(db, plan.organisation_id, plan.id, version);
      if (!row) throw AppError.notFound();
      return reads.buildView(db, plan, row, 'owner');
    },
  };
}

/** The person's-own-plan functions. */
export type OwnPlan = ReturnType<typeof createOwnPlan>;
