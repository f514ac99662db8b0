/**
 * The self-assessment (issue 12): rounds, who has answered, one-time codes, and responses. The
 * responses table is WITHOUT ROWID on SQLite, so rows sit in the order of their random keys,
 * not the order they were written; on PostgreSQL the service rewrites a random batch of each
 * round's rows with every answer (docs/assessment.md explains why).
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { dialectOf } from '../src/db/dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('assessment_rounds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('instrument_version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('opens_on', 'text', (c) => c.notNull())
    .addColumn('closes_on', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('assessment_rounds_org')
    .on('assessment_rounds')
    .columns(['organisation_id', 'closes_on'])
    .execute();

  await db.schema
    .createTable('assessment_answered')
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('round_id', 'text', (c) => c.notNull().references('assessment_rounds.id'))
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('assessment_answered_pk', [
      'organisation_id',
      'round_id',
      'account_id',
    ])
    .execute();

  await db.schema
    .createTable('assessment_codes')
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('round_id', 'text', (c) => c.notNull().references('assessment_rounds.id'))
    .addColumn('respondent_group', 'text', (c) => c.notNull())
    .addColumn('used', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('assessment_codes_round')
    .on('assessment_codes')
    .columns(['organisation_id', 'round_id'])
    .execute();

  const responses = db.schema
    .createTable('assessment_responses')
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('round_id', 'text', (c) => c.notNull().references('assessment_rounds.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('respondent_group', 'text', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('barriers', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addPrimaryKeyConstraint('assessment_responses_pk', ['organisation_id', 'round_id', 'id']);
  await (
    dialectOf(db) === 'sqlite' ? responses.modifyEnd(sql`without rowid`) : responses
  ).execute();
}
