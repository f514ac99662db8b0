/**
 * The use-of-force register: incidents and interventions (MHSDS shape, stable ids), staff,
 * amendment history and the person's own account (both append-only), reviews, observations,
 * searches, denominators and the rollup tables the dashboards read.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { dialectOf } from '../src/db/dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('person_characteristics')
    .addColumn('person_id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('nhs_number', 'text')
    .addColumn('ethnic_codes', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('date_of_birth', 'text')
    .addColumn('disability', 'text', (c) => c.notNull())
    .addColumn('ld_autism', 'text', (c) => c.notNull())
    .addColumn('mental_disorder', 'text')
    .addColumn('legal_status', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
  await db.schema
    .createIndex('person_characteristics_org')
    .on('person_characteristics')
    .column('organisation_id')
    .execute();

  await db.schema
    .createTable('force_incidents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('start_at', 'text', (c) => c.notNull())
    .addColumn('end_at', 'text')
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('reason_code', 'text', (c) => c.notNull())
    .addColumn('reason_narrative', 'text', (c) => c.notNull())
    .addColumn('how_force_used', 'text', (c) => c.notNull())
    .addColumn('in_care_plan', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('harm', 'text', (c) => c.notNull())
    .addColumn('injury_person', 'integer', (c) => c.notNull())
    .addColumn('injury_staff', 'integer', (c) => c.notNull())
    .addColumn('injury_other', 'integer', (c) => c.notNull())
    .addColumn('avoidance_codes', 'text', (c) => c.notNull())
    .addColumn('avoidance_narrative', 'text', (c) => c.notNull())
    .addColumn('notification', 'text', (c) => c.notNull())
    .addColumn('non_staff', 'text', (c) => c.notNull())
    .addColumn('non_staff_reason', 'text')
    .addColumn('police_requested_at', 'text')
    .addColumn('police_arrived_at', 'text')
    .addColumn('body_worn_camera', 'text')
    .addColumn('mental_disorder', 'text')
    .addColumn('legal_status', 'text')
    .addColumn('characteristics', 'text', (c) => c.notNull())
    .addColumn('grp_ethnicity', 'text', (c) => c.notNull())
    .addColumn('grp_sex', 'text', (c) => c.notNull())
    .addColumn('grp_age_band', 'text', (c) => c.notNull())
    .addColumn('grp_disability', 'text', (c) => c.notNull())
    .addColumn('grp_ld_autism', 'text', (c) => c.notNull())
    .addColumn('plan_id', 'text')
    .addColumn('plan_version', 'integer')
    .addColumn('plan_known', 'text', (c) => c.notNull())
    .addColumn('plan_followed', 'text')
    .addColumn('plan_not_followed_reason', 'text')
    .addColumn('account_offered', 'integer', (c) => c.notNull())
    .addColumn('account_status', 'text', (c) => c.notNull())
    .addColumn('account_helper_id', 'text')
    .addColumn('prone', 'integer', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('retain_until', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('force_incidents_unit_start')
    .on('force_incidents')
    .columns(['organisation_id', 'unit_id', 'start_at'])
    .execute();
  await db.schema
    .createIndex('force_incidents_person')
    .on('force_incidents')
    .columns(['organisation_id', 'person_id', 'start_at'])
    .execute();

  await db.schema
    .createTable('force_interventions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('incident_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('type_code', 'text', (c) => c.notNull())
    .addColumn('reason_code', 'text', (c) => c.notNull())
    .addColumn('start_at', 'text', (c) => c.notNull())
    .addColumn('end_at', 'text')
    .addColumn('duration_minutes', 'integer')
    .addColumn('position_note', 'text')
    .addColumn('medication', 'text')
    .execute();
  await db.schema
    .createIndex('force_interventions_incident')
    .on('force_interventions')
    .columns(['incident_id', 'seq'])
    .execute();

  await db.schema
    .createTable('force_intervention_staff')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('incident_id', 'text', (c) => c.notNull())
    .addColumn('intervention_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('job_title', 'text', (c) => c.notNull())
    .addColumn('role_code', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('force_intervention_staff_incident')
    .on('force_intervention_staff')
    .column('incident_id')
    .execute();

  await db.schema
    .createTable('force_amendments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('incident_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('amended_at', 'text', (c) => c.notNull())
    .addColumn('amended_by', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('previous', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('force_amendments_incident')
    .on('force_amendments')
    .columns(['incident_id', 'version'])
    .execute();

  await db.schema
    .createTable('force_person_accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('incident_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('body', 'text')
    .addColumn('written_by', 'text', (c) => c.notNull())
    .addColumn('written_by_helper', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('force_person_accounts_incident')
    .on('force_person_accounts')
    .columns(['incident_id', 'version'])
    .execute();

  await db.schema
    .createTable('force_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('incident_id', 'text', (c) => c.notNull())
    .addColumn('intervention_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .addColumn('completed_by', 'text')
    .addColumn('notes', 'text')
    .addColumn('support_offered', 'integer')
    .execute();
  await db.schema
    .createIndex('force_reviews_open')
    .on('force_reviews')
    .columns(['organisation_id', 'unit_id', 'completed_at', 'due_at'])
    .execute();
  await db.schema
    .createIndex('force_reviews_incident')
    .on('force_reviews')
    .column('incident_id')
    .execute();

  await db.schema
    .createTable('force_observations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('start_at', 'text', (c) => c.notNull())
    .addColumn('end_at', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('retain_until', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('force_observations_unit')
    .on('force_observations')
    .columns(['organisation_id', 'unit_id', 'start_at'])
    .execute();

  await db.schema
    .createTable('force_searches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('consent', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('finding', 'text')
    .addColumn('force_used', 'integer', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('retain_until', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('force_searches_unit')
    .on('force_searches')
    .columns(['organisation_id', 'unit_id', 'occurred_at'])
    .execute();

  await db.schema
    .createTable('force_bed_days')
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('occupied_bed_days', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('force_bed_days_pk', ['organisation_id', 'unit_id', 'period'])
    .execute();

  await db.schema
    .createTable('force_population')
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('year', 'text', (c) => c.notNull())
    .addColumn('dimension', 'text', (c) => c.notNull())
    .addColumn('group_code', 'text', (c) => c.notNull())
    .addColumn('people', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('force_population_pk', [
      'organisation_id',
      'unit_id',
      'year',
      'dimension',
      'group_code',
    ])
    .execute();

  await db.schema
    .createTable('force_rollup_month')
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('incidents', 'integer', (c) => c.notNull())
    .addColumn('interventions', 'integer', (c) => c.notNull())
    .addColumn('prone_interventions', 'integer', (c) => c.notNull())
    .addColumn('injuries_person', 'integer', (c) => c.notNull())
    .addColumn('account_offered', 'integer', (c) => c.notNull())
    .addColumn('account_given', 'integer', (c) => c.notNull())
    .addColumn('plan_applicable', 'integer', (c) => c.notNull())
    .addColumn('plan_followed', 'integer', (c) => c.notNull())
    .addColumn('bed_days', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('force_rollup_month_pk', ['organisation_id', 'unit_id', 'period'])
    .execute();
  await db.schema
    .createIndex('force_rollup_month_level')
    .on('force_rollup_month')
    .columns(['unit_id', 'period', 'organisation_id'])
    .execute();

  let rollupType = db.schema
    .createTable('force_rollup_type')
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('type_code', 'text', (c) => c.notNull())
    .addColumn('interventions', 'integer', (c) => c.notNull())
    .addColumn('duration_count', 'integer', (c) => c.notNull())
    .addColumn('duration_sum', 'bigint', (c) => c.notNull());
  // A 32-bucket duration histogram as columns, so medians read one row per month and type.
  for (let b = 0; b < 32; b++) {
    rollupType = rollupType.addColumn(`d${String(b).padStart(2, '0')}`, 'integer', (c) =>
      c.notNull().defaultTo(0),
    );
  }
  await rollupType
    .addPrimaryKeyConstraint('force_rollup_type_pk', [
      'organisation_id',
      'unit_id',
      'period',
      'type_code',
    ])
    .execute();

  await db.schema
    .createTable('force_rollup_group')
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('year', 'text', (c) => c.notNull())
    .addColumn('dimension', 'text', (c) => c.notNull())
    .addColumn('group_code', 'text', (c) => c.notNull())
    .addColumn('incidents', 'integer', (c) => c.notNull())
    .addColumn('people', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('force_rollup_group_pk', [
      'organisation_id',
      'unit_id',
      'year',
      'dimension',
      'group_code',
    ])
    .execute();

  // History must not be rewritten: amendments and the person's own words are append-only.
  // (Rows may be deleted only with their incident, after the retention period; the service
  // enforces that and audits it.)
  for (const table of ['force_amendments', 'force_person_accounts']) {
    if (dialectOf(db) === 'postgres') {
      await sql
        .raw(
          `create function ${table}_append_only() returns trigger language plpgsql as $$
           begin raise exception '${table} is append-only'; end $$`,
        )
        .execute(db);
      await sql
        .raw(
          `create trigger ${table}_no_change before update or delete on ${table}
           for each row execute function ${table}_append_only()`,
        )
        .execute(db);
    } else {
      await sql
        .raw(
          `create trigger ${table}_no_update before update on ${table}
           begin select raise(abort, '${table} is append-only'); end`,
        )
        .execute(db);
    }
  }
}
