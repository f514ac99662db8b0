/**
 * Indexes for the self-assessment's evidence figures (issue 12 item 5): each figure is one
 * aggregate query over an organisation's rows in a span of days, so each table it counts gets an
 * (organisation, time) index. Unit-level queries already have (organisation, unit) indexes.
 * Depends only on the tables of migrations 0002 (audit), 0004 (enquiry) and 0005 (force).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const indexes: [string, string, string[]][] = [
    ['audit_events_org_time', 'audit_events', ['organisation_id', 'occurred_at']],
    ['enquiries_org_created', 'enquiries', ['organisation_id', 'created_at']],
    ['enquiry_referrals_org_created', 'enquiry_referrals', ['organisation_id', 'created_at']],
    ['force_incidents_org_start', 'force_incidents', ['organisation_id', 'start_at']],
    ['force_reviews_org_due', 'force_reviews', ['organisation_id', 'due_at']],
  ];
  for (const [name, table, columns] of indexes) {
    await db.schema.createIndex(name).on(table).columns(columns).execute();
  }
}
