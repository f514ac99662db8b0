/**
 * SQL for people's rights over enquiry records: what one person has (to export), their
 * reflections (to delete), and records past the organisation's retention period. Every
 * statement filters on organisation_id.
 */
import type { Db } from '../../../db/index.ts';
import { recountEnquiryRollup, rollupKeysOf } from '../evidence-rollup.ts';
import type { RollupKeys } from '../evidence-rollup.ts';

/** The tables a finished conversation's records are spread over, children first. */
export const enquiryRecordTables = [
  'enquiry_tasks',
  'enquiry_referrals',
  'enquiry_shares',
  'enquiry_disclosures',
  'enquiries',
] as const;

/** Creates the statements for rights and retention over enquiry records. */
export function createEnquiryRightsStore() {
  return {
    /** A person's referrals and the names of the services, oldest first. */
    async referralsOfPerson(db: Db, organisationId: string, personId: string) {
      return db
        .selectFrom('enquiry_referrals as r')
        .innerJoin('enquiry_services as s', (j) =>
          j.onRef('s.id', '=', 'r.service_id').onRef('s.organisation_id', '=', 'r.organisation_id'),
        )
        .select(['r.id', 'r.kind', 'r.status', 'r.created_at', 'r.closed_at', 's.name'])
        .where('r.organisation_id', '=', organisationId)
        .where('r.person_id', '=', personId)
        .orderBy('r.created_at')
        .execute();
    },

    /** A person's reflections, oldest first. */
    async reflectionsOfPerson(db: Db, organisationId: string, personId: string) {
      return db
        .selectFrom('enquiry_reflections')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('person_id', '=', personId)
        .orderBy('created_at')
        .execute();
    },

    /** Deletes every reflection of a person. */
    async deleteReflectionsOfPerson(db: Db, organisationId: string, personId: string) {
      await db
        .deleteFrom('enquiry_reflections')
        .where('organisation_id', '=', organisationId)
        .where('person_id', '=', personId)
        .execute();
    },

    /** Reflections last changed before the cut-off. */
    async oldReflections(db: Db, organisationId: string, before: string) {
      return db
        .selectFrom('enquiry_reflections')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('updated_at', '<', before)
        .orderBy('id')
        .execute();
    },

    /** Finished conversations last changed before the cut-off, with every row about them. */
    async oldEnquiries(db: Db, organisationId: string, before: string) {
      const enquiries = await db
        .selectFrom('enquiries')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('state', '=', 'done')
        .where('updated_at', '<', before)
        .orderBy('id')
        .execute();
      const ids = enquiries.map((e) => e.id);
      const byEnquiry = async (
        table: 'enquiry_tasks' | 'enquiry_referrals' | 'enquiry_disclosures',
      ) => {
        const out = [];
        for (let i = 0; i < ids.length; i += 500) {
          out.push(
            ...(await db
              .selectFrom(table)
              .selectAll()
              .where('organisation_id', '=', organisationId)
              .where('enquiry_id', 'in', ids.slice(i, i + 500))
              .orderBy('id')
              .execute()),
          );
        }
        return out;
      };
      const disclosures = await byEnquiry('enquiry_disclosures');
      const disclosureIds = disclosures.map((d) => d.id);
      const shares = [];
      for (let i = 0; i < disclosureIds.length; i += 500) {
        shares.push(
          ...(await db
            .selectFrom('enquiry_shares')
            .selectAll()
            .where('organisation_id', '=', organisationId)
            .where('disclosure_id', 'in', disclosureIds.slice(i, i + 500))
            .orderBy('id')
            .execute()),
        );
      }
      return {
        enquiry_tasks: await byEnquiry('enquiry_tasks'),
        enquiry_referrals: await byEnquiry('enquiry_referrals'),
        enquiry_shares: shares,
        enquiry_disclosures: disclosures,
        enquiries,
      };
    },

    /** Deletes rows by id from one table. */
    async deleteByIds(
      db: Db,
      table: (typeof enquiryRecordTables)[number] | 'enquiry_reflections',
      organisationId: string,
      ids: string[],
    ): Promise<void> {
      // Conversations and referrals feed the evidence rollup: note where the removed rows were,
      // so their counts are recounted in this transaction.
      const counted = table === 'enquiries' || table === 'enquiry_referrals';
      let keys: RollupKeys | undefined;
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500);
        if (counted) {
          const places = await db
            .selectFrom(table)
            .select(['unit_id', 'person_id', 'created_at'])
            .where('organisation_id', '=', organisationId)
            .where('id', 'in', chunk)
            .execute();
          keys = rollupKeysOf(places, keys);
        }
        await db
          .deleteFrom(table)
          .where('organisation_id', '=', organisationId)
          .where('id', 'in', chunk)
          .execute();
      }
      if (keys) await recountEnquiryRollup(db, organisationId, keys);
    },
  };
}
