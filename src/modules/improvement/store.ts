/** SQL for improvement plans. Every statement names the organisation. */
import type { Db } from '../../db/index.ts';
import { compiledOnce } from '../../db/compiled.ts';
import type {
  ImprovementActionsTable,
  ImprovementGoalVersionsTable,
  ImprovementGoalsTable,
  ImprovementPlansTable,
  ImprovementReviewsTable,
  ImprovementUpdatesTable,
  PlanSubjectKind,
} from './tables.ts';

/** True for a unique-index violation on SQLite or PostgreSQL (a plan drafted twice at once). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  return (
    e?.code === '23505' ||
    (typeof e?.message === 'string' && e.message.includes('UNIQUE constraint failed'))
  );
}

/** Open actions due before a day, with their plan: built once (compiled.ts), for the home page. */
const overdueActionsOf = compiledOnce((db: Db, v: { organisationId: string; before: string }) =>
  db
    .selectFrom('improvement_actions')
    .innerJoin('improvement_plans', (j) =>
      j
        .onRef('improvement_plans.id', '=', 'improvement_actions.plan_id')
        .onRef('improvement_plans.organisation_id', '=', 'improvement_actions.organisation_id'),
    )
    .select([
      'improvement_actions.id',
      'improvement_actions.plan_id',
      'improvement_actions.what',
      'improvement_actions.owner_id',
      'improvement_actions.owner_name',
      'improvement_actions.due_on',
      'improvement_plans.title as plan_title',
      'improvement_plans.unit_id',
    ])
    .where('improvement_actions.organisation_id', '=', v.organisationId)
    .where('improvement_plans.organisation_id', '=', v.organisationId)
    .where('improvement_actions.status', '=', 'open')
    .where('improvement_actions.due_on', '<', v.before)
    .orderBy('improvement_actions.due_on'),
);

/** Creates the improvement store. */
export function createImprovementStore() {
  return {
    /** One plan by id. */
    findPlan(db: Db, organisationId: string, id: string) {
      return db
        .selectFrom('improvement_plans')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    /** The plan about a subject, if there is one. */
    findPlanFor(db: Db, organisationId: string, kind: PlanSubjectKind, subjectId: string) {
      return db
        .selectFrom('improvement_plans')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('subject_kind', '=', kind)
        .where('subject_id', '=', subjectId)
        .executeTakeFirst();
    },
    /** Every plan of an organisation, newest change first. */
    listPlans(db: Db, organisationId: string) {
      return db
        .selectFrom('improvement_plans')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .orderBy('changed_at', 'desc')
        .execute();
    },
    /** Adds a plan. */
    async insertPlan(db: Db, row: ImprovementPlansTable): Promise<void> {
      await db.insertInto('improvement_plans').values(row).execute();
    },
    /** Marks a plan changed: its version goes up by one. */
    async bumpPlan(db: Db, organisationId: string, id: string, at: string): Promise<void> {
      const plan = await db
        .selectFrom('improvement_plans')
        .select('version')
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      await db
        .updateTable('improvement_plans')
        .set({ version: plan.version + 1, changed_at: at })
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .execute();
    },
    /** A plan's actions, by due day. */
    listActions(db: Db, organisationId: string, planId: string) {
      return db
        .selectFrom('improvement_actions')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('plan_id', '=', planId)
        .orderBy('due_on')
        .orderBy('created_at')
        .execute();
    },
    /** One action of a plan. */
    findAction(db: Db, organisationId: string, planId: string, id: string) {
      return db
        .selectFrom('improvement_actions')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('plan_id', '=', planId)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    /** Adds an action. */
    async insertAction(db: Db, row: ImprovementActionsTable): Promise<void> {
      await db.insertInto('improvement_actions').values(row).execute();
    },
    /** Changes an action. */
    async updateAction(
      db: Db,
      organisationId: string,
      id: string,
      change: Partial<Omit<ImprovementActionsTable, 'id' | 'organisation_id' | 'plan_id'>>,
    ): Promise<void> {
      await db
        .updateTable('improvement_actions')
        .set(change)
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .execute();
    },
    /** Open actions due before a day, across the organisation's plans. */
    overdueActions(db: Db, organisationId: string, before: string) {
      return overdueActionsOf(db, { organisationId, before });
    },
    /** A plan's progress notes, oldest first. */
    listUpdates(db: Db, organisationId: string, planId: string) {
      return db
        .selectFrom('improvement_updates')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('plan_id', '=', planId)
        .orderBy('on_date')
        .orderBy('created_at')
        .execute();
    },
    /** Adds a progress note. */
    async insertUpdate(db: Db, row: ImprovementUpdatesTable): Promise<void> {
      await db.insertInto('improvement_updates').values(row).execute();
    },
    /** A plan's goals, in the order they were added. */
    listGoals(db: Db, organisationId: string, planId: string) {
      return db
        .selectFrom('improvement_goals')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('plan_id', '=', planId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
    },
    /** Adds a goal. */
    async insertGoal(db: Db, row: ImprovementGoalsTable): Promise<void> {
      await db.insertInto('improvement_goals').values(row).execute();
    },
    /** One goal of a plan (undefined when it is not this plan's, in this organisation). */
    findGoal(db: Db, organisationId: string, planId: string, goalId: string) {
      return db
        .selectFrom('improvement_goals')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('plan_id', '=', planId)
        .where('id', '=', goalId)
        .executeTakeFirst();
    },
    /**
     * Changes a goal if it is still at the version the editor saw; false when someone else
     * changed it first (nothing written).
     */
    async updateGoal(
      db: Db,
      organisationId: string,
      goalId: string,
      seenVersion: number,
      change: Pick<
        ImprovementGoalsTable,
        'title' | 'measure' | 'target' | 'target_on' | 'status' | 'changed_at'
      >,
    ): Promise<boolean> {
      const result = await db
        .updateTable('improvement_goals')
        .set({ ...change, version: seenVersion + 1 })
        .where('organisation_id', '=', organisationId)
        .where('id', '=', goalId)
        .where('version', '=', seenVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    /** Keeps a goal's earlier version. */
    async insertGoalVersion(db: Db, row: ImprovementGoalVersionsTable): Promise<void> {
      await db.insertInto('improvement_goal_versions').values(row).execute();
    },
    /** Earlier versions of a plan's goals, oldest first. */
    listGoalVersions(db: Db, organisationId: string, goalIds: readonly string[]) {
      if (goalIds.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('improvement_goal_versions')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('goal_id', 'in', [...goalIds])
        .orderBy('goal_id')
        .orderBy('version')
        .execute();
    },
    /** What partners said about a plan, oldest first. */
    listReviews(db: Db, organisationId: string, planId: string) {
      return db
        .selectFrom('improvement_reviews')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('plan_id', '=', planId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
    },
    /** Adds what a partner said. */
    async insertReview(db: Db, row: ImprovementReviewsTable): Promise<void> {
      await db.insertInto('improvement_reviews').values(row).execute();
    },
    /** Plans (with their unit, version and created day) and their plan-level co-signs, for figures. */
    async plansWithCoSigns(db: Db, organisationId: string) {
      const plans = await db
        .selectFrom('improvement_plans')
        .select(['id', 'unit_id', 'version', 'created_at'])
        .where('organisation_id', '=', organisationId)
        .execute();
      const signs = await db
        .selectFrom('improvement_reviews')
        .select(['plan_id', 'plan_version'])
        .where('organisation_id', '=', organisationId)
        .where('about_kind', '=', 'plan')
        .where('kind', '=', 'cosign')
        .execute();
      return { plans, signs };
    },
  };
}

/** The improvement store's functions. */
export type ImprovementStore = ReturnType<typeof createImprovementStore>;
