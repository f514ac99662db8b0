/** SQL for the support directory, referrals and reflections. Every statement filters on organisation_id. */
import type { Db } from '../../../db/index.ts';
import type {
  EnquiryReferralsTable,
  EnquiryReflectionsTable,
  EnquiryServicesTable,
} from '../tables.ts';
import { recountEnquiryRollup, rollupKeysOf } from '../evidence-rollup.ts';

/** Creates the support directory, referral and reflection statements. */
export function createSupportStore() {
  return {
    async insertService(db: Db, row: EnquiryServicesTable): Promise<void> {
      await db.insertInto('enquiry_services').values(row).execute();
    },
    async updateService(
      db: Db,
      organisationId: string,
      id: string,
      patch: Partial<Omit<EnquiryServicesTable, 'id' | 'organisation_id'>>,
    ): Promise<void> {
      await db
        .updateTable('enquiry_services')
        .set(patch)
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .execute();
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
      await recountEnquiryRollup(db, row.organisation_id, rollupKeysOf([row]));
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
    async listReferralsOfEnquiry(
      db: Db,
      organisationId: string,
      enquiryId: string,
    ): Promise<EnquiryReferralsTable[]> {
      return db
        .selectFrom('enquiry_referrals')
        .selectAll()
        .where('organisation_id', '=', organisationId)
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
      organisationId: string,
      id: string,
      status: EnquiryReferralsTable['status'],
      at: string,
    ): Promise<void> {
      const closed = status === 'declined' || status === 'seen';
      const referral = await db
        .selectFrom('enquiry_referrals')
        .select(['unit_id', 'person_id', 'created_at'])
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .executeTakeFirst();
      await db
        .updateTable('enquiry_referrals')
        .set({ status, updated_at: at, closed_at: closed ? at : null })
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .execute();
      if (referral) {
        // Closing changes only the month's sums and days-to-close, never a person's months.
        const keys = rollupKeysOf([referral]);
        keys.people.clear();
        await recountEnquiryRollup(db, organisationId, keys);
      }
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
    async deleteReflection(db: Db, organisationId: string, id: string): Promise<void> {
      await db
        .deleteFrom('enquiry_reflections')
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .execute();
    },
  };
}
