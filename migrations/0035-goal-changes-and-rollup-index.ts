/**
 * Issue 14, last items: goals of a reduction plan can be changed (a version, a status, and every
 * earlier version kept), and the ward rollup gains one row per organisation and month, so the
 * organisation chart reads a row a month however many wards there are.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('improvement_goals')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // 'open' (working towards it), 'met' or 'retired' (no longer pursued); set by an editor.
  await db.schema
    .alterTable('improvement_goals')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .execute();
  await db.schema.alterTable('improvement_goals').addColumn('changed_at', 'text').execute();
  // The goal as it was before each change, with who changed it and when.
  await db.schema
    .createTable('improvement_goal_versions')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('goal_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('target', 'double precision')
    .addColumn('target_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .addColumn('replaced_by', 'text', (c) => c.notNull())
    .addColumn('replaced_by_name', 'text', (c) => c.notNull())
    .addColumn('replaced_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('improvement_goal_versions_pk', [
      'organisation_id',
      'goal_id',
      'version',
    ])
    .execute();
  // The organisation's own rollup rows (unit id '*', see ORGANISATION_ROW in the wards module's
  // tables.ts), with how many wards reported each month; worked out from the wards' rows here,
  // then kept in step with each save. The organisation chart reads 12 rows, not 12 per ward.
  await db.schema
    .alterTable('ward_shift_rollup')
    .addColumn('wards', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`insert into ward_shift_rollup
      (organisation_id, unit_id, month, reports, conflict, containment, items, wards)
    select organisation_id, '*', month, sum(reports), sum(conflict), sum(containment), '{}',
      count(*)
    from ward_shift_rollup group by organisation_id, month`.execute(db);
  // Its only reader (summing every ward's month) now reads the organisation's rows instead.
  await db.schema.dropIndex('ward_shift_rollup_month').execute();
}
