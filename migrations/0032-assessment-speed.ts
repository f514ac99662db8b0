/**
 * The self-assessment's speed (issue 12). First, per-round aggregate counts (src/modules/assessment/aggregates.ts), kept
 * in the same transaction as each response so a round's results never parse every response.
 * WITHOUT ROWID on SQLite, like the responses, so the table's order says nothing about when a
 * count first appeared. Rows written before this migration are counted by
 * `hearth assessment rebuild-aggregates`; until then the results are worked out from the raw
 * responses (the service checks the totals match).
 * Second, covering indexes for the evidence figures: each figure is one aggregate query over a
 * year of an organisation's (or a unit's) rows, and with these the database reads only the
 * index, never the wide rows (bench/README.md has the plans and timings). One index leads with
 * the unit for unit rounds, one with the time for whole-organisation rounds.
 * Depends only on migrations 0002 (audit), 0004 (enquiry), 0005 (force) and 0021 (assessment).
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { dialectOf } from '../src/db/dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const table = db.schema
    .createTable('assessment_aggregates')
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('round_id', 'text', (c) => c.notNull().references('assessment_rounds.id'))
    .addColumn('respondent_group', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('total_squares', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('assessment_aggregates_pk', [
      'organisation_id',
      'round_id',
      'respondent_group',
      'kind',
      'key',
      'bucket',
    ]);
  await (dialectOf(db) === 'sqlite' ? table.modifyEnd(sql`without rowid`) : table).execute();

  const indexes: [string, string, string[]][] = [
    [
      'enquiries_evidence_org',
      'enquiries',
      [
        'organisation_id',
        'created_at',
        'unit_id',
        'person_id',
        'outcome',
        'disclosed',
        'returned_at',
      ],
    ],
    [
      'enquiries_evidence_unit',
      'enquiries',
      [
        'organisation_id',
        'unit_id',
        'created_at',
        'person_id',
        'outcome',
        'disclosed',
        'returned_at',
      ],
    ],
    [
      'enquiry_referrals_evidence_org',
      'enquiry_referrals',
      ['organisation_id', 'created_at', 'unit_id', 'kind', 'person_id', 'closed_at'],
    ],
    [
      'enquiry_referrals_evidence_unit',
      'enquiry_referrals',
      ['organisation_id', 'unit_id', 'created_at', 'kind', 'person_id', 'closed_at'],
    ],
    [
      'force_incidents_evidence_org',
      'force_incidents',
      ['organisation_id', 'start_at', 'unit_id', 'plan_known'],
    ],
    [
      'force_incidents_evidence_unit',
      'force_incidents',
      ['organisation_id', 'unit_id', 'start_at', 'plan_known'],
    ],
    [
      'force_reviews_evidence_org',
      'force_reviews',
      ['organisation_id', 'due_at', 'unit_id', 'kind', 'completed_at'],
    ],
    [
      'force_reviews_evidence_unit',
      'force_reviews',
      ['organisation_id', 'unit_id', 'due_at', 'kind', 'completed_at'],
    ],
    [
      'audit_events_evidence_org',
      'audit_events',
      [
        'organisation_id',
        'occurred_at',
        'outcome',
        'subject_person_id',
        'actor_id',
        'actor_unit_id',
      ],
    ],
  ];
  for (const [name, on, columns] of indexes) {
    await db.schema.createIndex(name).on(on).columns(columns).execute();
  }
}
