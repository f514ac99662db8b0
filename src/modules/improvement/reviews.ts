/**
 * What lived-experience partners say about a plan: a co-sign, a disagreement in their own words,
 * or a comment, about the whole plan, one action or one goal. Guarantees: only a partner of the
 * plan's organisation says it (404 otherwise); nothing said is changed or removed, and a later
 * word from the same partner about the same thing is shown as their current one, with the earlier
 * ones kept; each names the plan's version, so a change after a co-sign shows.
 */
import type { Actor, AuditContext } from '../../lib/actor.ts';
import { AppError } from '../../lib/app-error.ts';
import { toIso } from '../../lib/clock.ts';
import { newId } from '../../lib/tokens.ts';
import type { ImprovementDeps } from './deps.ts';
import type { PlanAccess } from './plans.ts';
import type { ReviewInput } from './schema.ts';
import type { ImprovementReviewsTable } from './tables.ts';

/** Creates the reviews capability. */
export function createReviews(deps: ImprovementDeps, access: PlanAccess) {
  const { db, store, audit, clock } = deps;
  return {
    /** Records a partner's co-sign, disagreement or comment. */
    async say(actor: Actor, planId: string, input: ReviewInput, ctx: AuditContext) {
      const plan = await access.planFor(actor, planId, 'review');
      const [aboutKind, aboutId] = input.about.split(':') as [
        ImprovementReviewsTable['about_kind'],
        string | undefined,
      ];
      if (aboutKind === 'action') {
        const action = await store.findAction(db, actor.organisationId, plan.id, aboutId ?? '');
        if (!action) throw AppError.invalid('about', 'Choose an action of this plan');
      }
      if (aboutKind === 'goal') {
        const goals = await store.listGoals(db, actor.organisationId, plan.id);
        if (!goals.some((g) => g.id === aboutId))
          throw AppError.invalid('about', 'Choose a goal of this plan');
      }
      return audit.audited(db, ctx, async (trx, record) => {
        const id = newId();
        await store.insertReview(trx, {
          id,
          organisation_id: actor.organisationId,
          plan_id: plan.id,
          about_kind: aboutKind,
          about_id: aboutKind === 'plan' ? null : (aboutId ?? null),
          kind: input.kind,
          text: input.text ?? null,
          plan_version: plan.version,
          partner_id: actor.id,
          partner_name: actor.displayName,
          created_at: toIso(clock()),
        });
        await record({
          organisationId: actor.organisationId,
          action: 'improvement.review',
          recordType: 'improvement_plan',
          recordId: plan.id,
          detail: { about: aboutKind, kind: input.kind },
        });
        return id;
      });
    },
  };
}

/** One partner's current word about one thing, with their earlier words. */
export interface ReviewThread {
  partnerName: string;
  current: ImprovementReviewsTable;
  earlier: ImprovementReviewsTable[];
}

/** Groups reviews by what they are about and by partner (latest is current). */
export function threadsOf(
  reviews: readonly ImprovementReviewsTable[],
): Map<string, ReviewThread[]> {
  const out = new Map<string, Map<string, ImprovementReviewsTable[]>>();
  for (const r of reviews) {
    const about = r.about_kind === 'plan' ? 'plan' : `${r.about_kind}:${r.about_id}`;
    const byPartner = out.get(about) ?? new Map<string, ImprovementReviewsTable[]>();
    byPartner.set(r.partner_id, [...(byPartner.get(r.partner_id) ?? []), r]);
    out.set(about, byPartner);
  }
  return new Map(
    [...out].map(([about, byPartner]) => [
      about,
      [...byPartner.values()].map((list) => ({
        partnerName: (list[list.length - 1] as ImprovementReviewsTable).partner_name,
        current: list[list.length - 1] as ImprovementReviewsTable,
        earlier: list.slice(0, -1).reverse(),
      })),
    ]),
  );
}
