/** SQL for asking about trauma. No rules here: the service decides who may see or change what. */
import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import type {
  EncryptionKeyChecksTable,
  EnquiriesTable,
  EnquiryDisclosuresTable,
  EnquiryReferralsTable,
  EnquiryReflectionsTable,
  EnquiryServicesTable,
  EnquirySharesTable,
  EnquiryTasksTable,
} from './tables.ts';

/** Every encrypted column, for key rotation. */
export const encryptedColumns = [
  { table: 'enquiries', column: 'answers_enc' },
  { table: 'enquiries', column: 'response_enc' },
  { table: 'enquiries', column: 'close_enc' },
  { table: 'enquiries', column: 'note_enc' },
  { table: 'enquiry_disclosures', column: 'record_enc' },
  { table: 'enquiry_disclosures', column: 'areas_enc' },
  { table: 'enquiry_referrals', column: 'note_enc' },
  { table: 'enquiry_reflections', column: 'answers_enc' },
] as const;

/** The metadata rates count: never a `_enc` column. */
const rateColumns = [
  'person_id',
  'practitioner_id',
  'unit_id',
  'outcome',
  'return_on',
  'returned_at',
  'disclosed',
  'follow_up_on',
  'followed_up_at',
] as const;

/** Creates the enquiry store. */
export function createEnquiryStore() {
  return {
    async readKeyCheck(db: Db, id: string): Promise<EncryptionKeyChecksTable | undefined> {
      return db
        .selectFrom('encryption_key_checks')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
    },
    async replaceKeyCheck(db: Db, row: EncryptionKeyChecksTable): Promise<void> {
      await db
        .updateTable('encryption_key_checks')
        .set({ key_id: row.key_id, value: row.value })
        .where('id', '=', row.id)
        .execute();
    },
    async insertKeyCheck(db: Db, row: EncryptionKeyChecksTable): Promise<void> {
      await db
        .insertInto('encryption_key_checks')
        .values(row)
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    },

    async insertEnquiry(db: Db, row: EnquiriesTable): Promise<void> {
      await db.insertInto('enquiries').values(row).execute();
    },
    async findEnquiry(
      db: Db,
      organisationId: string,
      id: string,
    ): Promise<EnquiriesTable | undefined> {
      return db
        .selectFrom('enquiries')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    async findOpenEnquiry(
      db: Db,
      organisationId: string,
      personId: string,
    ): Promise<EnquiriesTable | undefined> {
      return db
        .selectFrom('enquiries')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('person_id', '=', personId)
        .where('state', '<>', 'done')
        .executeTakeFirst();
    },
    /**
     * Changes an enquiry only if nobody else has since it was read.
     * @returns false when the version moved on (someone else saved first)
     */
    async updateEnquiry(
      db: Db,
      id: string,
      expectedVersion: number,
      patch: Partial<Omit<EnquiriesTable, 'id' | 'organisation_id' | 'version'>>,
    ): Promise<boolean> {
      const result = await db
        .updateTable('enquiries')
        .set({ ...patch, version: expectedVersion + 1 })
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async listEnquiriesForPeople(
      db: Db,
      organisationId: string,
      personIds: string[],
    ): Promise<EnquiriesTable[]> {
      if (personIds.length === 0) return [];
      return db
        .selectFrom('enquiries')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('person_id', 'in', personIds)
        .orderBy('created_at', 'desc')
        .execute();
    },
    async listEnquiriesOfPerson(
      db: Db,
      organisationId: string,
      personId: string,
    ): Promise<EnquiriesTable[]> {
      return db
        .selectFrom('enquiries')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('person_id', '=', personId)
        .orderBy('created_at', 'desc')
        .execute();
    },
    /** Marks earlier "not now" and "not asked" returns as picked up. */
    async markReturned(db: Db, organisationId: string, personId: string, at: string) {
      await db
        .updateTable('enquiries')
        .set({ returned_at: at })
        .where('organisation_id', '=', organisationId)
        .where('person_id', '=', personId)
        .where('return_on', 'is not', null)
        .where('returned_at', 'is', null)
        .execute();
    },
    /** Enquiry metadata for rates (no encrypted column is read). */
    async listEnquiryMetadata(db: Db, organisationId: string, unitIds: string[] | null) {
      let query = db
        .selectFrom('enquiries')
        .select(rateColumns)
        .where('organisation_id', '=', organisationId);
      if (unitIds !== null) {
        if (unitIds.length === 0) return [];
        query = query.where('unit_id', 'in', unitIds);
      }
      return query.execute();
    },

    async insertDisclosure(db: Db, row: EnquiryDisclosuresTable): Promise<void> {
      await db.insertInto('enquiry_disclosures').values(row).execute();
    },
    async findDisclosure(
      db: Db,
      organisationId: string,
      id: string,
    ): Promise<EnquiryDisclosuresTable | undefined> {
      return db
        .selectFrom('enquiry_disclosures')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    async findDisclosureOfEnquiry(
      db: Db,
      organisationId: string,
      enquiryId: string,
    ): Promise<EnquiryDisclosuresTable | undefined> {
      return db
        .selectFrom('enquiry_disclosures')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('enquiry_id', '=', enquiryId)
        .executeTakeFirst();
    },
    async listDisclosuresOfPerson(
      db: Db,
      organisationId: string,
      personId: string,
    ): Promise<EnquiryDisclosuresTable[]> {
      return db
        .selectFrom('enquiry_disclosures')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('person_id', '=', personId)
        .orderBy('created_at', 'desc')
        .execute();
    },
    /** Active disclosures shared with an account or any of its units (ids only). */
    async listDisclosuresSharedWith(
      db: Db,
      organisationId: string,
      accountId: string,
      unitIds: string[],
    ): Promise<{ id: string; person_id: string; created_at: string }[]> {
      return db
        .selectFrom('enquiry_shares')
        .innerJoin('enquiry_disclosures', 'enquiry_disclosures.id', 'enquiry_shares.disclosure_id')
        .select([
          'enquiry_disclosures.id',
          'enquiry_disclosures.person_id',
          'enquiry_disclosures.created_at',
        ])
        .where('enquiry_shares.organisation_id', '=', organisationId)
        .where('enquiry_disclosures.status', '=', 'active')
        .where((eb) =>
          unitIds.length > 0
            ? eb.or([
                eb('enquiry_shares.account_id', '=', accountId),
                eb('enquiry_shares.unit_id', 'in', unitIds),
              ])
            : eb('enquiry_shares.account_id', '=', accountId),
        )
        .distinct()
        .execute();
    },
    async setDisclosureStatus(
      db: Db,
      id: string,
      status: EnquiryDisclosuresTable['status'],
      at: string,
    ): Promise<void> {
      await db
        .updateTable('enquiry_disclosures')
        .set({ status, updated_at: at, withdrawn_at: status === 'withdrawn' ? at : null })
        .where('id', '=', id)
        .execute();
    },
    async listShares(db: Db, disclosureId: string): Promise<EnquirySharesTable[]> {
      return db
        .selectFrom('enquiry_shares')
        .selectAll()
        .where('disclosure_id', '=', disclosureId)
        .execute();
    },
    async replaceShares(db: Db, disclosureId: string, rows: EnquirySharesTable[]): Promise<void> {
      await db.deleteFrom('enquiry_shares').where('disclosure_id', '=', disclosureId).execute();
      if (rows.length > 0) await db.insertInto('enquiry_shares').values(rows).execute();
    },

    async insertService(db: Db, row: EnquiryServicesTable): Promise<void> {
      await db.insertInto('enquiry_services').values(row).execute();
    },
    async updateService(
      db: Db,
      id: string,
      patch: Partial<Omit<EnquiryServicesTable, 'id' | 'organisation_id'>>,
    ): Promise<void> {
      await db.updateTable('enquiry_services').set(patch).where('id', '=', id).execute();
    },
    async findService(
      db: Db,
      organisationId: string,
      id: string,
    ): Promise<EnquiryServicesTable | undefined> {
      return db
        .selectFrom('enquiry_services')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    async listServices(
      db: Db,
      organisationId: string,
      activeOnly: boolean,
    ): Promise<EnquiryServicesTable[]> {
      let query = db
        .selectFrom('enquiry_services')
        .selectAll()
        .where('organisation_id', '=', organisationId);
      if (activeOnly) query = query.where('active', '=', 1);
      return query.orderBy('kind').orderBy('name').execute();
    },

    async insertReferral(db: Db, row: EnquiryReferralsTable): Promise<void> {
      await db.insertInto('enquiry_referrals').values(row).execute();
    },
    async findReferral(
      db: Db,
      organisationId: string,
      id: string,
    ): Promise<EnquiryReferralsTable | undefined> {
      return db
        .selectFrom('enquiry_referrals')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    async listReferralsOfEnquiry(db: Db, enquiryId: string): Promise<EnquiryReferralsTable[]> {
      return db
        .selectFrom('enquiry_referrals')
        .selectAll()
        .where('enquiry_id', '=', enquiryId)
        .orderBy('created_at')
        .execute();
    },
    async listReferralsOfPerson(
      db: Db,
      organisationId: string,
      personId: string,
    ): Promise<EnquiryReferralsTable[]> {
      return db
        .selectFrom('enquiry_referrals')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('person_id', '=', personId)
        .orderBy('created_at')
        .execute();
    },
    async setReferralStatus(
      db: Db,
      id: string,
      status: EnquiryReferralsTable['status'],
      at: string,
    ): Promise<void> {
      const closed = status === 'declined' || status === 'seen';
      await db
        .updateTable('enquiry_referrals')
        .set({ status, updated_at: at, closed_at: closed ? at : null })
        .where('id', '=', id)
        .execute();
    },
    /** Referral metadata for rates (no encrypted column is read). */
    async listReferralMetadata(db: Db, organisationId: string, unitIds: string[] | null) {
      let query = db
        .selectFrom('enquiry_referrals')
        .select(['person_id', 'practitioner_id', 'unit_id', 'kind', 'status'])
        .where('organisation_id', '=', organisationId);
      if (unitIds !== null) {
        if (unitIds.length === 0) return [];
        query = query.where('unit_id', 'in', unitIds);
      }
      return query.execute();
    },

    async insertTask(db: Db, row: EnquiryTasksTable): Promise<void> {
      await db.insertInto('enquiry_tasks').values(row).execute();
    },
    async findTask(
      db: Db,
      organisationId: string,
      id: string,
    ): Promise<EnquiryTasksTable | undefined> {
      return db
        .selectFrom('enquiry_tasks')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    async listOpenTasks(db: Db, practitionerId: string): Promise<EnquiryTasksTable[]> {
      return db
        .selectFrom('enquiry_tasks')
        .selectAll()
        .where('practitioner_id', '=', practitionerId)
        .where('state', '=', 'open')
        .orderBy('created_at')
        .execute();
    },
    async listTasksOfEnquiry(db: Db, enquiryId: string): Promise<EnquiryTasksTable[]> {
      return db
        .selectFrom('enquiry_tasks')
        .selectAll()
        .where('enquiry_id', '=', enquiryId)
        .orderBy('created_at')
        .execute();
    },
    async setTaskState(
      db: Db,
      id: string,
      state: EnquiryTasksTable['state'],
      at: string,
    ): Promise<void> {
      await db
        .updateTable('enquiry_tasks')
        .set({ state, done_at: at })
        .where('id', '=', id)
        .execute();
    },
    /** Requests for reflective space from staff, by practitioner (no person, no content). */
    async listSupervisionRequests(
      db: Db,
      organisationId: string,
      practitionerIds: string[],
    ): Promise<{ practitioner_id: string; done_at: string | null }[]> {
      if (practitionerIds.length === 0) return [];
      return db
        .selectFrom('enquiry_tasks')
        .select(['practitioner_id', 'done_at'])
        .where('organisation_id', '=', organisationId)
        .where('kind', '=', 'supervision')
        .where('state', '=', 'requested')
        .where('practitioner_id', 'in', practitionerIds)
        .orderBy('done_at', 'desc')
        .execute();
    },

    async insertReflection(db: Db, row: EnquiryReflectionsTable): Promise<void> {
      await db.insertInto('enquiry_reflections').values(row).execute();
    },
    async findReflection(
      db: Db,
      organisationId: string,
      id: string,
    ): Promise<EnquiryReflectionsTable | undefined> {
      return db
        .selectFrom('enquiry_reflections')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    async listReflections(
      db: Db,
      organisationId: string,
      personId: string,
    ): Promise<{ id: string; created_at: string }[]> {
      return db
        .selectFrom('enquiry_reflections')
        .select(['id', 'created_at'])
        .where('organisation_id', '=', organisationId)
        .where('person_id', '=', personId)
        .orderBy('created_at', 'desc')
        .execute();
    },
    async deleteReflection(db: Db, id: string): Promise<void> {
      await db.deleteFrom('enquiry_reflections').where('id', '=', id).execute();
    },

    /** A page of one encrypted column's values, for key rotation. */
    async pageOfEncrypted(
      db: Db,
      target: (typeof encryptedColumns)[number],
      afterId: string,
      limit: number,
    ): Promise<{ id: string; value: string }[]> {
      const result = await sql<{ id: string; value: string }>`
        select id, ${sql.ref(target.column)} as value from ${sql.table(target.table)}
        where ${sql.ref(target.column)} is not null and id > ${afterId}
        order by id limit ${limit}`.execute(db);
      return result.rows;
    },
    async writeEncrypted(
      db: Db,
      target: (typeof encryptedColumns)[number],
      id: string,
      before: string,
      after: string,
    ): Promise<boolean> {
      const result = await sql`
        update ${sql.table(target.table)} set ${sql.ref(target.column)} = ${after}
        where id = ${id} and ${sql.ref(target.column)} = ${before}`.execute(db);
      return Number(result.numAffectedRows ?? 0) === 1;
    },
  };
}

/** The enquiry store's functions. */
export type EnquiryStore = ReturnType<typeof createEnquiryStore>;
