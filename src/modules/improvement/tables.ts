/**
 * Table shapes for improvement plans: an action plan about a subject (a self-assessment round, a
 * ward's or the organisation's restraint reduction plan), its actions, their progress, its goals,
 * and what lived-experience partners said about it. Nothing is ever deleted: history is kept.
 */

/** What a plan is about. */
export type PlanSubjectKind = 'assessment_round' | 'ward_reduction' | 'organisation_reduction';

/** One plan. One per subject, so a second "draft the plan" leads to the same plan. */
export interface ImprovementPlansTable {
  id: string;
  organisation_id: string;
  subject_kind: PlanSubjectKind;
  /** The round's id, the ward's unit id, or the organisation's id. */
  subject_id: string;
  /** The unit the plan belongs to (null: the whole organisation), for who may see and change it. */
  unit_id: string | null;
  title: string;
  /** Goes up by one with every change to the plan's actions or goals (co-signs name a version). */
  version: number;
  created_by: string;
  created_at: string;
  changed_at: string;
}

/** One action of a plan. */
export interface ImprovementActionsTable {
  id: string;
  organisation_id: string;
  plan_id: string;
  what: string;
  owner_id: string;
  owner_name: string;
  /** The day it is due (YYYY-MM-DD). */
  due_on: string;
  /** The principle or goal it serves (a key the subject names), or null. */
  link_key: string | null;
  /** The measure that will show it worked: a kind and a key the subject can label. */
  measure_kind: string | null;
  measure_key: string | null;
  status: 'open' | 'done';
  created_at: string;
  changed_at: string;
}

/** A dated progress note on an action. */
export interface ImprovementUpdatesTable {
  id: string;
  organisation_id: string;
  plan_id: string;
  action_id: string;
  /** The day the progress is about (YYYY-MM-DD). */
  on_date: string;
  note: string;
  author_id: string;
  author_name: string;
  created_at: string;
}

/** A goal of a restraint reduction plan, with a monthly measure and a target. */
export interface ImprovementGoalsTable {
  id: string;
  organisation_id: string;
  plan_id: string;
  title: string;
  /** 'force_rate', 'prone' or 'none' (a goal Hearth has no monthly figures for). */
  measure: string;
  /** The monthly figure at or below which the goal counts as reached. */
  target: number | null;
  target_on: string;
  created_at: string;
  /** Goes up by one with every change; the form names it, so a stale change is refused. */
  version: number;
  /** 'open' (working towards it), 'met' or 'retired' (no longer pursued), set by an editor. */
  status: GoalStatus;
  /** When it was last changed (null: never changed since it was added). */
  changed_at: string | null;
}

/** Where a goal stands, as its editors mark it (the chart's own judgement is separate). */
export type GoalStatus = 'open' | 'met' | 'retired';

/** A goal as it was before a change: every earlier version is kept. */
export interface ImprovementGoalVersionsTable {
  organisation_id: string;
  goal_id: string;
  version: number;
  title: string;
  measure: string;
  target: number | null;
  target_on: string;
  status: GoalStatus;
  /** When this version was saved (added or changed). */
  saved_at: string;
  /** Who replaced it with the next version, and when. */
  replaced_by: string;
  replaced_by_name: string;
  replaced_at: string;
}

/** What a lived-experience partner said: a co-sign, a disagreement or a comment, in their words. */
export interface ImprovementReviewsTable {
  id: string;
  organisation_id: string;
  plan_id: string;
  /** 'plan', 'action' or 'goal', and which one (null for the plan). */
  about_kind: 'plan' | 'action' | 'goal';
  about_id: string | null;
  kind: 'cosign' | 'disagree' | 'comment';
  text: string | null;
  /** The plan's version when this was said. */
  plan_version: number;
  partner_id: string;
  partner_name: string;
  created_at: string;
}

/** The improvement module's tables. */
export interface ImprovementTables {
  improvement_plans: ImprovementPlansTable;
  improvement_actions: ImprovementActionsTable;
  improvement_updates: ImprovementUpdatesTable;
  improvement_goals: ImprovementGoalsTable;
  improvement_goal_versions: ImprovementGoalVersionsTable;
  improvement_reviews: ImprovementReviewsTable;
}
