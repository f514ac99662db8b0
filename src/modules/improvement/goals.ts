/**
 * Goals of a restraint reduction plan, each with a monthly measure from the force register, a
 * target and a day to reach it by, shown on an SPC chart with a judgement of whether it is met.
 *
 * "Met" (see docs/improvement.md): at least MIN_MONTHS months have figures; the latest
 * RECENT_MONTHS months with figures are all at or below the target; and one of those months is a
 * special-cause improvement on the chart (so the fall is unlikely to be chance). "Holding" is the
 * same, without the signal, when the whole chart was already at or below the target (a ward that
 * has never used face-down restraint). Anything else is "not met yet" or "too few months to say".
 */
import type { Actor, AuditContext } from '../../lib/actor.ts';
import { AppError } from '../../lib/app-error.ts';
import { toIso } from '../../lib/clock.ts';
import { newId } from '../../lib/tokens.ts';
import { describeVariation, uChart, xmrChart } from '../../lib/spc.ts';
import type { SpcChart } from '../../lib/spc.ts';
import { drawSpcChart } from '../../lib/spc-chart.ts';
import { addMonths, dayOf } from './days.ts';
import type { ImprovementDeps } from './deps.ts';
import type { PlanAccess } from './plans.ts';
import type { GoalChangeInput, GoalInput } from './schema.ts';
import type { GoalStatus, ImprovementGoalsTable, ImprovementPlansTable } from './tables.ts';

/** Fewest months with figures before a goal can be called met. */
export const MIN_MONTHS = 12;
/** How many of the latest months must be at or below the target. */
export const RECENT_MONTHS = 3;
/** How many months a goal's chart shows. */
export const CHART_MONTHS = 24;

/** Plain words for each measure a goal can have. */
export const goalMeasureLabels: Record<string, string> = {
  force_rate: 'Uses of force per 1,000 occupied bed days, each month',
  prone: 'Face-down (prone) restraints, each month',
  none: 'Not measured in Hearth (described in the actions)',
};

/** Words for where a goal stands as its editors marked it. */
export const goalStatusText: Record<GoalStatus, string> = {
  open: 'Working towards it',
  met: "Marked as met by the plan's editors",
  retired: 'Retired: no longer worked towards (kept here with its history)',
};

/** What a goal's figures say. */
export type GoalState = 'met' | 'holding' | 'not-yet' | 'too-few' | 'no-figures';

/** Plain words for each state. */
export const goalStateText: Record<GoalState, string> = {
  met: 'Met: the latest months are at or below the target, and the chart shows a real improvement.',
  holding: 'Holding at the target: every month shown is at or below it.',
  'not-yet': 'Not met yet.',
  'too-few': `Too few months to say: a goal is judged once at least ${MIN_MONTHS} months have figures.`,
  'no-figures': 'Hearth has no monthly figures for this goal, so the actions show progress.',
};

/** Judges a goal from its chart (pure, so the rule is tested directly). */
export function judgeGoal(chart: SpcChart, target: number | null): GoalState {
  if (target === null) return 'no-figures';
  const present = chart.points.filter((p) => p.value !== null);
  if (present.length < MIN_MONTHS) return 'too-few';
  const recent = present.slice(-RECENT_MONTHS);
  if (!recent.every((p) => (p.value as number) <= target)) return 'not-yet';
  if (recent.some((p) => p.variation === 'improving')) return 'met';
  if (present.every((p) => (p.value as number) <= target)) return 'holding';
  return 'not-yet';
}

/** Creates the goals capability. */
export function createGoals(deps: ImprovementDeps, access: PlanAccess) {
  const { db, store, audit, clock, forceFigures } = deps;

  async function monthly(actor: Actor, plan: ImprovementPlansTable, from: string, to: string) {
    const scope = plan.unit_id
      ? { level: 'unit' as const, organisationId: plan.organisation_id, unitId: plan.unit_id }
      : { level: 'organisation' as const, organisationId: plan.organisation_id };
    try {
      return (await forceFigures.monthly(actor, scope, { from, to }, 'page')).months;
    } catch (error) {
      // The register's figures are for managers and administrators; others see the goal only.
      if (error instanceof AppError) return null;
      throw error;
    }
  }

  return {
    /** Adds a goal to a reduction plan. */
    async add(actor: Actor, planId: string, input: GoalInput, ctx: AuditContext) {
      const plan = await access.planFor(actor, planId, 'edit');
      if (plan.subject_kind === 'assessment_round') throw AppError.notFound();
      if (input.targetOn <= dayOf(clock()))
        throw AppError.invalid(
          'targetOn',
          'Choose a day after today for the goal to be reached by',
        );
      return audit.audited(db, ctx, async (trx, record) => {
        const id = newId();
        const now = toIso(clock());
        await store.insertGoal(trx, {
          id,
          organisation_id: actor.organisationId,
          plan_id: plan.id,
          title: input.title,
          measure: input.measure,
          target: input.measure === 'none' ? null : (input.target ?? null),
          target_on: input.targetOn,
          created_at: now,
          version: 1,
          status: 'open',
          changed_at: null,
        });
        await store.bumpPlan(trx, actor.organisationId, plan.id, now);
        await record({
          organisationId: actor.organisationId,
          action: 'improvement.goal_add',
          recordType: 'improvement_goal',
          recordId: id,
        });
        return id;
      });
    },

    /** One goal with its earlier versions, for its edit form (404 unless the actor may edit). */
    async forEdit(actor: Actor, planId: string, goalId: string) {
      const plan = await access.planFor(actor, planId, 'edit');
      const goal = await store.findGoal(db, actor.organisationId, plan.id, goalId);
      if (!goal) throw AppError.notFound();
      const history = await store.listGoalVersions(db, actor.organisationId, [goal.id]);
      return { plan, goal, history };
    },

    /**
     * Changes a goal's title, measure, target, day or standing. The goal as it was is kept as a
     * version; a changed day must be after today (an unchanged one may have passed); a change
     * made from an older version than the stored one is refused (409), nothing written.
     */
    async change(
      actor: Actor,
      planId: string,
      goalId: string,
      input: GoalChangeInput,
      ctx: AuditContext,
    ) {
      const plan = await access.planFor(actor, planId, 'edit');
      const old = await store.findGoal(db, actor.organisationId, plan.id, goalId);
      if (!old) throw AppError.notFound();
      if (input.targetOn !== old.target_on && input.targetOn <= dayOf(clock()))
        throw AppError.invalid(
          'targetOn',
          'Choose a day after today for the goal to be reached by',
        );
      const stale = () =>
        AppError.conflict(
          'Someone else changed this goal while you were editing it. Their change is shown below; make yours again if it is still needed.',
        );
      if (input.version !== old.version) throw stale();
      await audit.audited(db, ctx, async (trx, record) => {
        const now = toIso(clock());
        const changed = await store.updateGoal(trx, actor.organisationId, old.id, old.version, {
          title: input.title,
          measure: input.measure,
          target: input.measure === 'none' ? null : (input.target ?? null),
          target_on: input.targetOn,
          status: input.status,
          changed_at: now,
        });
        if (!changed) throw stale();
        await store.insertGoalVersion(trx, {
          organisation_id: actor.organisationId,
          goal_id: old.id,
          version: old.version,
          title: old.title,
          measure: old.measure,
          target: old.target,
          target_on: old.target_on,
          status: old.status,
          saved_at: old.changed_at ?? old.created_at,
          replaced_by: actor.id,
          replaced_by_name: actor.displayName,
          replaced_at: now,
        });
        await store.bumpPlan(trx, actor.organisationId, plan.id, now);
        await record({
          organisationId: actor.organisationId,
          action: 'improvement.goal_change',
          recordType: 'improvement_goal',
          recordId: old.id,
        });
      });
    },

    /** Each goal with its chart and judgement (the last full month and the ones before it). */
    async withCharts(actor: Actor, plan: ImprovementPlansTable, goals: ImprovementGoalsTable[]) {
      if (goals.length === 0) return [];
      const to = addMonths(dayOf(clock()).slice(0, 7), -1);
      const from = addMonths(to, -(CHART_MONTHS - 1));
      const months = goals.some((g) => g.measure !== 'none')
        ? await monthly(actor, plan, from, to)
        : [];
      return goals.map((goal) => {
        const base = {
          id: goal.id,
          title: goal.title,
          measure: goalMeasureLabels[goal.measure] ?? goal.measure,
          target: goal.target,
          targetOn: goal.target_on,
          version: goal.version,
          status: goal.status,
          statusText: goalStatusText[goal.status],
        };
        if (goal.measure === 'none' || goal.target === null)
          return {
            ...base,
            state: 'no-figures' as GoalState,
            text: goalStateText['no-figures'],
            svg: null,
            variation: null,
            table: [],
          };
        if (months === null)
          return {
            ...base,
            state: null,
            text: 'The monthly figures for this goal are shown to managers and administrators.',
            svg: null,
            variation: null,
            table: [],
          };
        const periods = months.map((m) => m.period);
        const chart =
          goal.measure === 'prone'
            ? xmrChart(
                months.map((m) => (m.bedDays > 0 ? m.prone : null)),
                { better: 'down' },
              )
            : uChart(
                months.map((m) => m.interventions),
                months.map((m) => m.bedDays),
                { better: 'down', per: 1000 },
              );
        const state = judgeGoal(chart, goal.target);
        const label = goal.measure === 'prone' ? 'Prone restraints' : 'Per 1,000 bed days';
        const judged = chart.points.some((p) => p.mean !== null);
        return {
          ...base,
          state,
          text: goalStateText[state],
          variation: describeVariation(judged ? chart.latest : null),
          svg: judged ? drawSpcChart(periods, label, chart) : null,
          table: chart.points.map((p, i) => ({
            period: periods[i],
            value:
              p.value === null ? 'No figures' : p.value.toFixed(goal.measure === 'prone' ? 0 : 1),
          })),
        };
      });
    },
  };
}
