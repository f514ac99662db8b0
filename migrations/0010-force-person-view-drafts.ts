/**
 * Three additions to the use-of-force register. The staff record gets a release step before the
 * person reads it: when the language checker flags words in it, staff see the suggestions and
 * decide (correct the record, or let the person read it as it is); who and when is kept on the
 * record. Unfinished records are kept as drafts while a member of staff goes through the form's
 * pages, so a record left unfinished can be found and finished. Each organisation can name its
 * advocacy service and its independent mental health advocate service for the person's page.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('force_incidents')
    .addColumn('person_view_released_at', 'text')
    .execute();
  await db.schema
    .alterTable('force_incidents')
    .addColumn('person_view_released_by', 'text')
    .execute();

  await db.schema
    .createTable('force_drafts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('force_drafts_org_updated')
    .on('force_drafts')
    .columns(['organisation_id', 'updated_at'])
    .execute();

  await db.schema
    .createTable('force_settings')
    .addColumn('organisation_id', 'text', (c) => c.primaryKey())
    .addColumn('advocacy_name', 'text', (c) => c.notNull())
    .addColumn('advocacy_contact', 'text', (c) => c.notNull())
    .addColumn('imha_name', 'text', (c) => c.notNull())
    .addColumn('imha_contact', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
}
