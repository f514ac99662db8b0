/**
 * Indexes for the self-assessment's evidence figures (issue 12 item 5): each figure is one
 * aggregate query over an organisation's rows in a span of days, so each table it counts gets an
 * (organisation, time) index. Unit-level queries already have (organisation, unit) indexes.
 * Depends only on the tables of migrations 0002 (audit), 0004 (enquiry) and 0005 (force).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const indexes: [string, string, string[]][] = [
    // Covering: the looks-shown count reads only this index, never the (large) rows.
    [
      'audit_events_evidence',
      'audit_events',
      [
        'organisation_id',
        'actor_unit_id',
        'occurred_at',
        'outcome',
        'subject_person_id',
        'actor_id',
      ],
    ],
    ['enquiries_org_created', 'enquiries', ['organisation_id', 'created_at']],
    ['enquiry_referrals_org_created', 'enquiry_referrals', ['organisation_id', 'created_at']],
    ['force_incidents_org_start', 'force_incidents', ['organisation_id', 'start_at']],
    ['force_reviews_org_due', 'force_reviews', ['organisation_id', 'due_at']],
  ];
  for (const [name, table, columns] of indexes) {
    await db.schema.createIndex(name).on(table).columns(columns).execute();
  }
}
