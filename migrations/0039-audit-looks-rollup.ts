/**
 * The monthly rollup of looks and changes shown to people (issue 12, evidence without a cache):
 * the whole-organisation "looks shown" figure reads at most 12 rows per unit instead of a year
 * of audit events. Filled here from the events already written; from then on the audit store
 * keeps it in step in the transaction that appends each event. Depends only on migration 0002.
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_looks_month')
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('actor_unit_id', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('looks', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_looks_month_pk', ['organisation_id', 'actor_unit_id', 'period'])
    .execute();
  await sql`insert into audit_looks_month (organisation_id, actor_unit_id, period, looks)
    select organisation_id, coalesce(actor_unit_id, ''), substr(occurred_at, 1, 7), count(*)
    from audit_events
    where organisation_id is not null and subject_person_id is not null
      and outcome = 'success' and (actor_id is null or actor_id <> subject_person_id)
    group by organisation_id, coalesce(actor_unit_id, ''), substr(occurred_at, 1, 7)`.execute(db);
}
