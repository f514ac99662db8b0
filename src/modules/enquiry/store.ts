/**
 * SQL for asking about trauma. No rules here: the service decides who may see or change what.
 * Every statement on an enquiry table filters on organisation_id (defence in depth beneath the
 * access checks). Conversations, disclosures and next steps are here; the support directory,
 * referrals and reflections in store/support.ts; the key check and rotation in store/keys.ts.
 */
import type { Db } from '../../db/index.ts';
import { compiledOnce } from '../../db/compiled.ts';
import type {
  EnquiriesTable,
  EnquiryDisclosuresTable,
  EnquirySharesTable,
  EnquiryTasksTable,
} from './tables.ts';
import { createKeyStore } from './store/keys.ts';
import { createSupportStore } from './store/support.ts';
import { recountEnquiryRollup, rollupKeysOf } from './evidence-rollup.ts';
import type { RollupPlace } from './evidence-rollup.ts';

export { encryptedColumns } from './store/keys.ts';

/** Columns whose change can move a conversation's evidence figures (migration 0040's rollup). */
const rollupColumns = [
  'unit_id',
  'person_id',
  'created_at',
  'outcome',
  'disclosed',
  'returned_at',
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

/**
 * The conversations with the people on a caseload, newest first: built once per number of people
 * (compiled.ts), as every practitioner's home page runs it.
 */
const enquiriesForPeople = compiledOnce(
  (db: Db, v: { organisationId: string; personIds: string[] }) =>
    db
      .selectFrom('enquiries')
      .selectAll()
      .where('organisation_id', '=', v.organisationId)
      .where('person_id', 'in', v.personIds)
      .orderBy('created_at', 'desc'),
);

/** A practitioner's open next steps, oldest first: built once, for the home page. */
const openTasksOf = compiledOnce((db: Db, v: { organisationId: string; practitionerId: string }) =>
  db
    .selectFrom('enquiry_tasks')
    .selectAll()
    .where('organisation_id', '=', v.organisationId)
    .where('practitioner_id', '=', v.practitionerId)
    .where('state', '=', 'open')
    .orderBy('created_at'),
);

/**
 * Changes an enquiry only if nobody else has since it was read.
 * @returns false when the version moved on (someone else saved first)
 */
async function updateEnquiry(
  db: Db,
  organisationId: string,
  id: string,
  expectedVersion: number,
  patch: Partial<Omit<EnquiriesTable, 'id' | 'organisation_id' | 'version'>>,
): Promise<boolean> {
  // Most saves change only the conversation's stage or sealed answers; only the others
  // need the rollup recounted, where the row was before and where it is after.
  const moves = rollupColumns.some((c) => c in patch);
  const before: RollupPlace | undefined = moves
    ? await db
        .selectFrom('enquiries')
        .select(['unit_id', 'person_id', 'created_at'])
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .executeTakeFirst()
    : undefined;
  const result = await db
    .updateTable('enquiries')
    .set({ ...patch, version: expectedVersion + 1 })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  const updated = Number(result.numUpdatedRows) === 1;
  if (updated && before) {
    const after: RollupPlace = {
      unit_id: patch.unit_id !== undefined ? patch.unit_id : before.unit_id,
      person_id: patch.person_id ?? before.person_id,
      created_at: patch.created_at ?? before.created_at,
    };
    await recountEnquiryRollup(db, organisationId, rollupKeysOf([before, after]));
  }
  return updated;
}

/** Marks earlier "not now" and "not asked" returns as picked up. */
async function markReturned(db: Db, organisationId: string, personId: string, at: string) {
  const returning = await db
    .selectFrom('enquiries')
    .select(['unit_id', 'person_id', 'created_at'])
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .where('return_on', 'is not', null)
    .where('returned_at', 'is', null)
    .execute();
  if (returning.length === 0) return;
  await db
    .updateTable('enquiries')
    .set({ returned_at: at })
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .where('return_on', 'is not', null)
    .where('returned_at', 'is', null)
    .execute();
  // Being returned to changes only the months' "returned" sums, never a person's months.
  const keys = rollupKeysOf(returning);
  keys.people.clear();
  await recountEnquiryRollup(db, organisationId, keys);
}

/** Creates the enquiry store. */
export function createEnquiryStore() {
  return {
    ...createKeyStore(),
    ...createSupportStore(),

    async insertEnquiry(db: Db, row: EnquiriesTable): Promise<void> {
      await db.insertInto('enquiries').values(row).execute();
      await recountEnquiryRollup(db, row.organisation_id, rollupKeysOf([row]));
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
    updateEnquiry,
    async listEnquiriesForPeople(
      db: Db,
      organisationId: string,
      personIds: string[],
    ): Promise<EnquiriesTable[]> {
      if (personIds.length === 0) return [];
      return enquiriesForPeople(db, { organisationId, personIds });
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
    markReturned,
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
        .innerJoin('enquiry_disclosures', (join) =>
          join
            .onRef('enquiry_disclosures.id', '=', 'enquiry_shares.disclosure_id')
            .onRef('enquiry_disclosures.organisation_id', '=', 'enquiry_shares.organisation_id'),
        )
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
      organisationId: string,
      id: string,
      status: EnquiryDisclosuresTable['status'],
      at: string,
    ): Promise<void> {
      await db
        .updateTable('enquiry_disclosures')
        .set({ status, updated_at: at, withdrawn_at: status === 'withdrawn' ? at : null })
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .execute();
    },
    async listShares(
      db: Db,
      organisationId: string,
      disclosureId: string,
    ): Promise<EnquirySharesTable[]> {
      return db
        .selectFrom('enquiry_shares')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('disclosure_id', '=', disclosureId)
        .execute();
    },
    async replaceShares(
      db: Db,
      organisationId: string,
      disclosureId: string,
      rows: EnquirySharesTable[],
    ): Promise<void> {
      await db
        .deleteFrom('enquiry_shares')
        .where('organisation_id', '=', organisationId)
        .where('disclosure_id', '=', disclosureId)
        .execute();
      if (rows.length > 0) await db.insertInto('enquiry_shares').values(rows).execute();
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
    async listOpenTasks(
      db: Db,
      organisationId: string,
      practitionerId: string,
    ): Promise<EnquiryTasksTable[]> {
      return openTasksOf(db, { organisationId, practitionerId });
    },
    async listTasksOfEnquiry(
      db: Db,
      organisationId: string,
      enquiryId: string,
    ): Promise<EnquiryTasksTable[]> {
      return db
        .selectFrom('enquiry_tasks')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('enquiry_id', '=', enquiryId)
        .orderBy('created_at')
        .execute();
    },
    async setTaskState(
      db: Db,
      organisationId: string,
      id: string,
      state: EnquiryTasksTable['state'],
      at: string,
    ): Promise<void> {
      await db
        .updateTable('enquiry_tasks')
        .set({ state, done_at: at })
        .where('organisation_id', '=', organisationId)
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
  };
}

/** The enquiry store's functions. */
export type EnquiryStore = ReturnType<typeof createEnquiryStore>;
