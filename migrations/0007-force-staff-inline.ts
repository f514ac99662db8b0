/**
 * Staff involved in an intervention move from their own table into a JSON list on the
 * intervention. The list is always read and written with its intervention, and the separate
 * table cost two random-key index writes per row, which limited bulk imports of the register.
 * Existing rows are copied across in their original order before the table is dropped.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { dialectOf } from '../src/db/dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('force_interventions')
    .addColumn('staff', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  if (dialectOf(db) === 'postgres') {
    await sql`update force_interventions i set staff = coalesce((
        select json_agg(json_build_object('name', s.name, 'job_title', s.job_title, 'role_code', s.role_code) order by s.id)::text
        from force_intervention_staff s where s.intervention_id = i.id), '[]')
      where exists (select 1 from force_intervention_staff s where s.intervention_id = i.id)`.execute(
      db,
    );
  } else {
    await sql`update force_interventions set staff = coalesce((
        select json_group_array(json_object('name', s.name, 'job_title', s.job_title, 'role_code', s.role_code))
        from (select * from force_intervention_staff s where s.intervention_id = force_interventions.id order by s.id) s), '[]')
      where exists (select 1 from force_intervention_staff s where s.intervention_id = force_interventions.id)`.execute(
      db,
    );
  }
  await db.schema.dropIndex('force_intervention_staff_incident').execute();
  await db.schema.dropTable('force_intervention_staff').execute();
}
