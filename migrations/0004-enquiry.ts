/**
 * Asking about trauma: enquiries, recorded disclosures and who they are shared with, the support
 * directory, referrals, practitioners' next steps, "What happened to you?" reflections, and the
 * encryption key check. Every column holding words a person said or typed is encrypted
 * (`*_enc`); outcome and status columns stay plain because rates count them.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // A system table, not a tenant one: one known value encrypted at first start, so a wrong or
  // lost key stops start-up instead of leaving disclosures silently unreadable.
  await db.schema
    .createTable('encryption_key_checks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('enquiries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('practitioner_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('not_asked_reason', 'text')
    .addColumn('stopped', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('disclosed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('preparation_json', 'text')
    .addColumn('answers_enc', 'text')
    .addColumn('response_enc', 'text')
    .addColumn('close_enc', 'text')
    .addColumn('note_enc', 'text')
    .addColumn('return_on', 'text')
    .addColumn('returned_at', 'text')
    .addColumn('follow_up_on', 'text')
    .addColumn('followed_up_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .execute();
  await db.schema
    .createIndex('enquiries_org_person')
    .on('enquiries')
    .columns(['organisation_id', 'person_id'])
    .execute();
  await db.schema
    .createIndex('enquiries_org_unit')
    .on('enquiries')
    .columns(['organisation_id', 'unit_id'])
    .execute();
  await db.schema
    .createIndex('enquiries_practitioner')
    .on('enquiries')
    .column('practitioner_id')
    .execute();
  // One open conversation per person, so two practitioners cannot start two at once.
  await db.schema
    .createIndex('enquiries_one_open')
    .on('enquiries')
    .column('person_id')
    .unique()
    .where(sql.ref('state'), '<>', 'done')
    .execute();

  await db.schema
    .createTable('enquiry_disclosures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('enquiry_id', 'text', (c) => c.notNull().references('enquiries.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('practitioner_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('record_enc', 'text', (c) => c.notNull())
    .addColumn('areas_enc', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('withdrawn_at', 'text')
    .execute();
  await db.schema
    .createIndex('enquiry_disclosures_person')
    .on('enquiry_disclosures')
    .columns(['organisation_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('enquiry_shares')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('disclosure_id', 'text', (c) => c.notNull().references('enquiry_disclosures.id'))
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('account_id', 'text', (c) => c.references('accounts.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('enquiry_shares_disclosure')
    .on('enquiry_shares')
    .column('disclosure_id')
    .execute();

  await db.schema
    .createTable('enquiry_services')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('offer', 'text', (c) => c.notNull())
    .addColumn('for_whom', 'text', (c) => c.notNull())
    .addColumn('how_to_refer', 'text', (c) => c.notNull())
    .addColumn('self_referral', 'integer', (c) => c.notNull())
    .addColumn('languages', 'text', (c) => c.notNull())
    .addColumn('contact', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('enquiry_services_org')
    .on('enquiry_services')
    .column('organisation_id')
    .execute();

  await db.schema
    .createTable('enquiry_referrals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('enquiry_id', 'text', (c) => c.notNull().references('enquiries.id'))
    .addColumn('service_id', 'text', (c) => c.notNull().references('enquiry_services.id'))
    .addColumn('practitioner_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note_enc', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema
    .createIndex('enquiry_referrals_enquiry')
    .on('enquiry_referrals')
    .column('enquiry_id')
    .execute();
  await db.schema
    .createIndex('enquiry_referrals_org_unit')
    .on('enquiry_referrals')
    .columns(['organisation_id', 'unit_id'])
    .execute();

  await db.schema
    .createTable('enquiry_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('practitioner_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('enquiry_id', 'text', (c) => c.notNull().references('enquiries.id'))
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .execute();
  await db.schema
    .createIndex('enquiry_tasks_practitioner')
    .on('enquiry_tasks')
    .columns(['practitioner_id', 'state'])
    .execute();

  await db.schema
    .createTable('enquiry_reflections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('answers_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('enquiry_reflections_person')
    .on('enquiry_reflections')
    .columns(['organisation_id', 'person_id'])
    .execute();
}
