/**
 * Overdue actions for the home page, and the "action plans co-signed" figure for the
 * self-assessment's evidence panel. Guarantees: an owner sees their own overdue actions; a
 * manager or administrator sees overdue actions of the plans they may change; figures stay
 * within one organisation.
 */
import type { Actor } from '../../lib/actor.ts';
import { dayInWords, dayOf } from './days.ts';
import type { ImprovementDeps } from './deps.ts';
import { mayImprovement } from './policy.ts';

/** Creates the overdue-and-figures capability. */
export function createOverdue(deps: ImprovementDeps) {
  const { db, store, clock } = deps;
  return {
    /** Open actions past their day: the actor's own, and those of plans they may change. */
    async forHome(actor: Actor) {
      if (!mayImprovement(actor, { kind: 'home' })) return { mine: [], managed: [] };
      const rows = await store.overdueActions(db, actor.organisationId, dayOf(clock()));
      const shown = rows.map((r) => ({
        planId: r.plan_id,
        planTitle: r.plan_title,
        what: r.what,
        ownerName: r.owner_name,
        due: dayInWords(r.due_on),
      }));
      const mine = shown.filter((_, i) => rows[i]?.owner_id === actor.id);
      const managed = mayImprovement(actor, { kind: 'see-overdue-as-manager' })
        ? shown.filter((_, i) => {
            const r = rows[i];
            return (
              r !== undefined &&
              r.owner_id !== actor.id &&
              mayImprovement(actor, {
                kind: 'edit',
                plan: { organisationId: actor.organisationId, unitId: r.unit_id },
              })
            );
          })
        : [];
      return { mine, managed };
    },

    /**
     * How many plans were drafted in a period, how many a partner co-signed, and how many are
     * co-signed as they stand now (no change since). Unit null: every plan of the organisation.
     * `from` and `to` are days (YYYY-MM-DD), inclusive.
     */
    async coSignedPlans(
      organisationId: string,
      scope: { unitId: string | null; from: string; to: string },
    ): Promise<{ plans: number; coSigned: number; coSignedAsTheyStand: number }> {
      const { plans, signs } = await store.plansWithCoSigns(db, organisationId);
      const inScope = plans.filter(
        (p) =>
          (scope.unitId === null || p.unit_id === scope.unitId) &&
          p.created_at.slice(0, 10) >= scope.from &&
          p.created_at.slice(0, 10) <= scope.to,
      );
      const signedVersion = new Map<string, number>();
      for (const s of signs)
        signedVersion.set(s.plan_id, Math.max(signedVersion.get(s.plan_id) ?? 0, s.plan_version));
      return {
        plans: inScope.length,
        coSigned: inScope.filter((p) => signedVersion.has(p.id)).length,
        coSignedAsTheyStand: inScope.filter((p) => signedVersion.get(p.id) === p.version).length,
      };
    },
  };
}
