/**
 * Reflective practice and support after hard events (issue 13, items 3 and 4): each staff
 * member's private journal (encrypted), supervision records, the organisation's staff support
 * directory, answers to support offers, and the anonymous wellbeing check-in. The check-in's
 * answers table is WITHOUT ROWID on SQLite, so rows sit in the order of their random keys, and
 * who has answered lives in a separate table (src/lib/anonymous-batches.ts explains why).
 * Depends only on the accounts tables.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { dialectOf } from '../src/db/dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('learning_journal')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('prompt', 'text', (c) => c.notNull())
    .addColumn('text_enc', 'text', (c) => c.notNull())
    .addColumn('shared_with', 'text', (c) => c.references('accounts.id'))
    .addColumn('shared_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('learning_journal_writer')
    .on('learning_journal')
    .columns(['organisation_id', 'account_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('learning_journal_shared')
    .on('learning_journal')
    .columns(['organisation_id', 'shared_with'])
    .execute();

  await db.schema
    .createTable('learning_supervision')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('supervisor_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('attended', 'integer', (c) => c.notNull())
    .addColumn('note_enc', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('learning_supervision_account')
    .on('learning_supervision')
    .columns(['organisation_id', 'account_id', 'held_on'])
    .execute();

  await db.schema
    .createTable('learning_support_services')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('offer', 'text', (c) => c.notNull())
    .addColumn('contact', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('learning_support_answers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('event_kind', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text')
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('choices', 'text', (c) => c.notNull())
    .addColumn('answered_on', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('learning_support_answers_event')
    .on('learning_support_answers')
    .columns(['organisation_id', 'account_id', 'event_kind', 'event_id'])
    .unique()
    .execute();

  await db.schema
    .createTable('learning_wellbeing_answered')
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('learning_wellbeing_answered_pk', [
      'organisation_id',
      'period',
      'account_id',
    ])
    .execute();

  const answers = db.schema
    .createTable('learning_wellbeing')
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text')
    .addColumn('answers', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('learning_wellbeing_pk', ['organisation_id', 'period', 'id']);
  await (dialectOf(db) === 'sqlite' ? answers.modifyEnd(sql`without rowid`) : answers).execute();
}
