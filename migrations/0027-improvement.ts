/**
 * Improvement plans: action plans made with lived-experience partners, shared by the
 * self-assessment and restraint reduction plans. Forward-only; text ids and ISO text instants.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('improvement_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();
  // One plan per subject: drafting twice (two tabs, Back) finds the first plan.
  await db.schema
    .createIndex('improvement_plans_subject')
    .on('improvement_plans')
    .columns(['organisation_id', 'subject_kind', 'subject_id'])
    .unique()
    .execute();
  await db.schema
    .createTable('improvement_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('plan_id', 'text', (c) => c.notNull().references('improvement_plans.id'))
    .addColumn('what', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('owner_name', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('link_key', 'text')
    .addColumn('measure_kind', 'text')
    .addColumn('measure_key', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('improvement_actions_plan')
    .on('improvement_actions')
    .columns(['organisation_id', 'plan_id'])
    .execute();
  // The home page looks for open actions past their day.
  await db.schema
    .createIndex('improvement_actions_due')
    .on('improvement_actions')
    .columns(['organisation_id', 'status', 'due_on'])
    .execute();
  await db.schema
    .createTable('improvement_updates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('action_id', 'text', (c) => c.notNull().references('improvement_actions.id'))
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('improvement_updates_plan')
    .on('improvement_updates')
    .columns(['organisation_id', 'plan_id'])
    .execute();
  await db.schema
    .createTable('improvement_goals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('plan_id', 'text', (c) => c.notNull().references('improvement_plans.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('target', 'double precision')
    .addColumn('target_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('improvement_goals_plan')
    .on('improvement_goals')
    .columns(['organisation_id', 'plan_id'])
    .execute();
  await db.schema
    .createTable('improvement_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('plan_id', 'text', (c) => c.notNull().references('improvement_plans.id'))
    .addColumn('about_kind', 'text', (c) => c.notNull())
    .addColumn('about_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text')
    .addColumn('plan_version', 'integer', (c) => c.notNull())
    .addColumn('partner_id', 'text', (c) => c.notNull())
    .addColumn('partner_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('improvement_reviews_plan')
    .on('improvement_reviews')
    .columns(['organisation_id', 'plan_id'])
    .execute();
}
