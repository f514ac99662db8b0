/**
 * Each incident and intervention gets the provider's own identifier (`local_id`), unique within
 * the organisation, beside Hearth's record id. MHSDS local identifiers are only unique within the
 * submitting provider, and keeping them apart from the record id lets Hearth give new records
 * time-ordered ids: a bulk import then adds to the end of the record-id indexes and to the
 * organisation's own part of the local-id index, instead of to random places across the whole
 * national register (which made imports slow down as the register grew).
 * Existing records keep their id as their local id, so exports and re-sent corrections match.
 * The organisation's people index also carries the person id, so an import can read the
 * organisation's people from the index alone.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['force_incidents', 'force_interventions']) {
    await db.schema
      .alterTable(table)
      .addColumn('local_id', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await sql`update ${sql.table(table)} set local_id = id`.execute(db);
  }
  await db.schema
    .createIndex('force_incidents_local')
    .on('force_incidents')
    .columns(['organisation_id', 'local_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('force_interventions_local')
    .on('force_interventions')
    .columns(['organisation_id', 'local_id'])
    .unique()
    .execute();
  await db.schema.dropIndex('person_characteristics_org').execute();
  await db.schema
    .createIndex('person_characteristics_org')
    .on('person_characteristics')
    .columns(['organisation_id', 'person_id'])
    .execute();
}
