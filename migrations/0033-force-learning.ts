/**
 * Calm-down methods and reassurance on each use of force, and learning with the person after
 * it (issue 14, items 1 and 5). Three nullable columns on force_incidents (null: not asked or
 * skipped, as for every record made before this), the person's "what could we have done
 * differently?" (one per incident, written once) and the themes staff tag on it, one row per
 * theme so a ward's monthly counts are a plain group-by. Depends only on the force tables.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('force_incidents').addColumn('calm_down_offered', 'text').execute();
  await db.schema.alterTable('force_incidents').addColumn('calm_down_methods', 'text').execute();
  await db.schema.alterTable('force_incidents').addColumn('others_reassured', 'text').execute();

  await db.schema
    .createTable('force_learning')
    .addColumn('incident_id', 'text', (c) => c.primaryKey().references('force_incidents.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('words', 'text')
    .addColumn('words_by', 'text', (c) => c.references('accounts.id'))
    .addColumn('words_by_name', 'text')
    .addColumn('words_by_role', 'text')
    .addColumn('words_at', 'text')
    .addColumn('themes_by', 'text', (c) => c.references('accounts.id'))
    .addColumn('themes_at', 'text')
    .execute();

  await db.schema
    .createTable('force_learning_themes')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('incident_id', 'text', (c) => c.notNull().references('force_incidents.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('theme', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('force_learning_themes_pk', ['incident_id', 'theme'])
    .execute();
  await db.schema
    .createIndex('force_learning_themes_unit')
    .on('force_learning_themes')
    .columns(['organisation_id', 'unit_id', 'period'])
    .execute();
}
