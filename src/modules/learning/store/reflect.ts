/**
 * SQL for the journal, supervision records, the staff support directory, answers to support
 * offers and the wellbeing check-in. Every statement names the organisation; the journal's
 * statements also name its writer (or the supervisor it is shared with), so no query can
 * return someone else's entry by mistake.
 */
import { sql } from 'kysely';
import type { Db } from '../../../db/index.ts';
import { compiledOnce } from '../../../db/compiled.ts';
import { insertMixed, markAnsweredOnce } from '../../../lib/anonymous-batches.ts';
import type {
  LearningJournalTable,
  LearningSupervisionTable,
  LearningSupportAnswersTable,
  LearningSupportServicesTable,
  LearningWellbeingTable,
} from '../tables.ts';

/** A staff member's answers to support offers: built once (compiled.ts), for the home page. */
const ownSupportAnswers = compiledOnce((db: Db, v: { organisationId: string; accountId: string }) =>
  db
    .selectFrom('learning_support_answers')
    .selectAll()
    .where('organisation_id', '=', v.organisationId)
    .where('account_id', '=', v.accountId),
);

/** Creates the reflective practice and support statements. */
export function createReflectStore() {
  return {
    /** Adds a journal entry. */
    async insertEntry(db: Db, row: LearningJournalTable): Promise<void> {
      await db.insertInto('learning_journal').values(row).execute();
    },
    /** The writer's own entries, newest first. */
    listOwnEntries(db: Db, organisationId: string, accountId: string) {
      return db
        .selectFrom('learning_journal')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('account_id', '=', accountId)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .execute();
    },
    /** One entry, only if this account wrote it or it is shared with them. */
    findEntryFor(db: Db, organisationId: string, accountId: string, id: string) {
      return db
        .selectFrom('learning_journal')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .where((eb) => eb.or([eb('account_id', '=', accountId), eb('shared_with', '=', accountId)]))
        .executeTakeFirst();
    },
    /** Entries shared with this supervisor, newest first. */
    listSharedWith(db: Db, organisationId: string, supervisorId: string) {
      return db
        .selectFrom('learning_journal')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('shared_with', '=', supervisorId)
        .orderBy('shared_at', 'desc')
        .execute();
    },
    /** Shares the writer's entry with a supervisor, or stops sharing (null). */
    async setShare(
      db: Db,
      organisationId: string,
      accountId: string,
      id: string,
      sharedWith: string | null,
      at: string | null,
    ): Promise<void> {
      await db
        .updateTable('learning_journal')
        .set({ shared_with: sharedWith, shared_at: at })
        .where('organisation_id', '=', organisationId)
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .execute();
    },
    /** Deletes one of the writer's entries. */
    async deleteEntry(db: Db, organisationId: string, accountId: string, id: string) {
      await db
        .deleteFrom('learning_journal')
        .where('organisation_id', '=', organisationId)
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .execute();
    },

    /** Adds a supervision record. */
    async insertSupervision(db: Db, row: LearningSupervisionTable): Promise<void> {
      await db.insertInto('learning_supervision').values(row).execute();
    },
    /** A staff member's own supervision records, newest first. */
    listOwnSupervision(db: Db, organisationId: string, accountId: string) {
      return db
        .selectFrom('learning_supervision')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('account_id', '=', accountId)
        .orderBy('held_on', 'desc')
        .execute();
    },
    /** Deletes one of a staff member's own supervision records. */
    async deleteSupervision(db: Db, organisationId: string, accountId: string, id: string) {
      const result = await db
        .deleteFrom('learning_supervision')
        .where('organisation_id', '=', organisationId)
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
    /** The staff (of these) who attended supervision on or after a day. */
    async supervisedSince(
      db: Db,
      organisationId: string,
      accountIds: readonly string[],
      sinceDay: string,
    ): Promise<Set<string>> {
      if (accountIds.length === 0) return new Set();
      const rows = await db
        .selectFrom('learning_supervision')
        .select('account_id')
        .distinct()
        .where('organisation_id', '=', organisationId)
        .where('account_id', 'in', accountIds)
        .where('attended', '=', 1)
        .where('held_on', '>=', sinceDay)
        .execute();
      return new Set(rows.map((r) => r.account_id));
    },

    /** The organisation's staff support directory (current entries only unless asked). */
    listSupportServices(db: Db, organisationId: string, all = false) {
      let query = db
        .selectFrom('learning_support_services')
        .selectAll()
        .where('organisation_id', '=', organisationId);
      if (!all) query = query.where('active', '=', 1);
      return query.orderBy('name').execute();
    },
    /** Adds an entry to the directory. */
    async insertSupportService(db: Db, row: LearningSupportServicesTable): Promise<void> {
      await db.insertInto('learning_support_services').values(row).execute();
    },
    /** Takes an entry off the directory (kept, so past offers still make sense). */
    async retireSupportService(db: Db, organisationId: string, id: string): Promise<boolean> {
      const result = await db
        .updateTable('learning_support_services')
        .set({ active: 0 })
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** A staff member's answers to support offers. */
    listOwnSupportAnswers(db: Db, organisationId: string, accountId: string) {
      return ownSupportAnswers(db, { organisationId, accountId });
    },
    /** Records an answer; false when this offer was already answered. */
    async insertSupportAnswer(db: Db, row: LearningSupportAnswersTable): Promise<boolean> {
      const result = await db
        .insertInto('learning_support_answers')
        .values(row)
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    },
    /** How many offers on a unit's events were accepted and declined since a day. */
    async supportAnswerCounts(db: Db, organisationId: string, unitId: string, sinceDay: string) {
      const rows = await db
        .selectFrom('learning_support_answers')
        .select(['answer', sql<number>`count(*)`.as('n')])
        .where('organisation_id', '=', organisationId)
        .where('unit_id', '=', unitId)
        .where('answered_on', '>=', sinceDay)
        .groupBy('answer')
        .execute();
      return new Map(rows.map((r) => [r.answer, Number(r.n)]));
    },

    /** Whether this account has done the check-in in a period. */
    async hasCheckedIn(db: Db, organisationId: string, period: string, accountId: string) {
      const row = await db
        .selectFrom('learning_wellbeing_answered')
        .select('account_id')
        .where('organisation_id', '=', organisationId)
        .where('period', '=', period)
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return row !== undefined;
    },
    /** Marks a check-in done for the period; false when it already was. */
    markCheckedIn(db: Db, organisationId: string, period: string, accountId: string) {
      return markAnsweredOnce(db, 'learning_wellbeing_answered', {
        organisation_id: organisationId,
        period,
        account_id: accountId,
      });
    },
    /** Adds check-in answers mixed into a random batch of the period's others. */
    insertCheckInMixed(db: Db, row: LearningWellbeingTable): Promise<void> {
      return insertMixed(
        db,
        'learning_wellbeing',
        { organisation_id: row.organisation_id, period: row.period },
        { ...row },
      );
    },
    /** A unit's check-in answers in these periods. */
    listCheckIns(db: Db, organisationId: string, unitId: string, periods: readonly string[]) {
      if (periods.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('learning_wellbeing')
        .select(['period', 'answers'])
        .where('organisation_id', '=', organisationId)
        .where('unit_id', '=', unitId)
        .where('period', 'in', periods)
        .execute();
    },
  };
}
