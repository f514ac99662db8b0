/**
 * Staff learning: courses that count towards the Use of Force Act's section 5 topics, each
 * staff member's completions, employee numbers and start days from staff record imports, and the built-in course's
 * progress and certificates. Depends only on the accounts tables.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('learning_courses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('topics', 'text', (c) => c.notNull())
    .addColumn('refresher_months', 'integer', (c) => c.notNull())
    .addColumn('built_in', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('retired_at', 'text')
    .execute();
  await db.schema
    .createIndex('learning_courses_org_name')
    .on('learning_courses')
    .columns(['organisation_id', 'name'])
    .unique()
    .execute();

  await db.schema
    .createTable('learning_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('course_id', 'text', (c) => c.notNull().references('learning_courses.id'))
    .addColumn('completed_on', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema
    .createIndex('learning_records_org_account')
    .on('learning_records')
    .columns(['organisation_id', 'account_id', 'course_id', 'completed_on'])
    .execute();

  await db.schema
    .createTable('learning_staff')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('employee_number', 'text')
    .addColumn('joined_on', 'text')
    .addPrimaryKeyConstraint('learning_staff_pk', ['organisation_id', 'account_id'])
    .execute();
  await db.schema
    .createIndex('learning_staff_org_number')
    .on('learning_staff')
    .columns(['organisation_id', 'employee_number'])
    .unique()
    .execute();

  await db.schema
    .createTable('learning_progress')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('section_id', 'text', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('correct', 'integer', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('passed', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('learning_progress_pk', [
      'organisation_id',
      'account_id',
      'section_id',
    ])
    .execute();

  await db.schema
    .createTable('learning_certificates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('completed_on', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull().references('learning_records.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('learning_certificates_org_account')
    .on('learning_certificates')
    .columns(['organisation_id', 'account_id'])
    .execute();
}
