/**
 * Supporter links that allow several visits (#17 item 8): each link says whether it works once or
 * for several visits, and how long a supporter may be idle before the code is asked again. An open
 * visit is a random token in a short-lived cookie; only its SHA-256 is kept, with when it was
 * last used.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Links made before this change keep working once, as they promised.
  await db.schema
    .alterTable('plan_supporter_links')
    .addColumn('visits', 'text', (c) => c.notNull().defaultTo('once'))
    .execute();
  await db.schema
    .alterTable('plan_supporter_links')
    .addColumn('idle_minutes', 'integer', (c) => c.notNull().defaultTo(30))
    .execute();
  await db.schema
    .createTable('plan_supporter_visits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    // No foreign key: erasing a plan's links deletes their visits in the same step.
    .addColumn('link_id', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('plan_supporter_visits_link')
    .on('plan_supporter_visits')
    .column('link_id')
    .execute();
}
