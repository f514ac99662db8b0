/**
 * Safewards on a ward: which interventions are in place, one fidelity check per ward per month
 * (earlier versions kept when it is changed), the mutual help meeting log and "about me" notes.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ward_interventions')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('intervention_id', 'text', (c) => c.notNull())
    .addColumn('in_place_since', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ward_interventions_pk', [
      'organisation_id',
      'unit_id',
      'intervention_id',
    ])
    .execute();
  await db.schema
    .createTable('ward_fidelity_checks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_by_name', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  // One check per ward per month; a second is a change.
  await db.schema
    .createIndex('ward_fidelity_checks_month')
    .on('ward_fidelity_checks')
    .columns(['organisation_id', 'unit_id', 'month'])
    .unique()
    .execute();
  await db.schema
    .createTable('ward_fidelity_check_versions')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('check_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_by_name', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ward_fidelity_check_versions_pk', [
      'organisation_id',
      'check_id',
      'version',
    ])
    .execute();
  await db.schema
    .createTable('ward_mutual_help_meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('thanks', 'text')
    .addColumn('news', 'text')
    .addColumn('requests', 'text')
    .addColumn('offers', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ward_mutual_help_meetings_ward')
    .on('ward_mutual_help_meetings')
    .columns(['organisation_id', 'unit_id', 'held_on'])
    .execute();
  // One row per author per ward they belong to when they save it.
  await db.schema
    .createTable('ward_about_me')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('about', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ward_about_me_pk', ['organisation_id', 'account_id', 'unit_id'])
    .execute();
  await db.schema
    .createIndex('ward_about_me_ward')
    .on('ward_about_me')
    .columns(['organisation_id', 'unit_id', 'author'])
    .execute();
}
