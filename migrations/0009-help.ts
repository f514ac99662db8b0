/**
 * Help now: the crisis numbers each organisation gives its people, in the order it chooses; and
 * the form tokens that make a create form safe to send twice (src/web/form-once.ts).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('help_numbers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('help_numbers_org')
    .on('help_numbers')
    .columns(['organisation_id', 'position'])
    .execute();

  await db.schema
    .createTable('form_submissions')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('token', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('form_submissions_pk', ['organisation_id', 'token'])
    .execute();
  await db.schema
    .createIndex('form_submissions_created')
    .on('form_submissions')
    .columns(['organisation_id', 'created_at'])
    .execute();
}
