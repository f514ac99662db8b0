/**
 * Lived-experience partners shaping the words (issue 13 item 5, issue 12 item 1): suggested
 * changes to the course text and to self-assessment statements (each decided once by an
 * administrator, every suggestion kept as history), each organisation's accepted course text
 * and statement wording, its local statements, and the wording each round was opened with (so
 * later changes never alter an old round). Depends only on the accounts tables.
 */
import type { Kysely } from 'kysely';

// The columns src/lib/proposals.ts describes, shared by both suggestion tables.
function proposalTable(db: Kysely<any>, name: string) {
  return db.schema
    .createTable(name)
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('proposed_by', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('proposed_at', 'text', (c) => c.notNull())
    .addColumn('current_text', 'text', (c) => c.notNull())
    .addColumn('proposed_text', 'text', (c) => c.notNull())
    .addColumn('why', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('accounts.id'))
    .addColumn('decided_at', 'text')
    .addColumn('decision_reason', 'text');
}

export async function up(db: Kysely<any>): Promise<void> {
  await proposalTable(db, 'learning_text_proposals')
    .addColumn('section_id', 'text', (c) => c.notNull())
    .addColumn('block_id', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('learning_text_proposals_org')
    .on('learning_text_proposals')
    .columns(['organisation_id', 'state', 'proposed_at'])
    .execute();
  await db.schema
    .createTable('learning_text_overrides')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('section_id', 'text', (c) => c.notNull())
    .addColumn('block_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('proposal_id', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('learning_text_overrides_pk', [
      'organisation_id',
      'section_id',
      'block_id',
    ])
    .execute();

  await proposalTable(db, 'assessment_wording_proposals')
    .addColumn('item_id', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('assessment_wording_proposals_org')
    .on('assessment_wording_proposals')
    .columns(['organisation_id', 'state', 'proposed_at'])
    .execute();
  await db.schema
    .createTable('assessment_wording')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('proposal_id', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('assessment_wording_pk', ['organisation_id', 'item_id'])
    .execute();
  await db.schema
    .createTable('assessment_local_items')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('section_id', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('staff_only', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('assessment_local_items_pk', ['organisation_id', 'id'])
    .execute();
  // The instrument a round was opened with, as JSON (absent for rounds opened before this).
  await db.schema
    .createTable('assessment_round_instruments')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('round_id', 'text', (c) => c.notNull())
    .addColumn('instrument', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('assessment_round_instruments_pk', ['organisation_id', 'round_id'])
    .execute();
}
