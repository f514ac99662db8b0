/** SQL for Safewards on a ward. Every statement names the organisation. */
import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import { compiledOnce } from '../../db/compiled.ts';
import type {
  WardAboutMeTable,
  WardFidelityCheckVersionsTable,
  WardFidelityChecksTable,
  WardInterventionsTable,
  WardMutualHelpMeetingsTable,
} from './tables.ts';

/** The "about me" notes on some wards by one kind of author: built once per number of wards. */
const aboutMeOnWard = compiledOnce(
  (db: Db, v: { organisationId: string; unitIds: string[]; author: WardAboutMeTable['author'] }) =>
    db
      .selectFrom('ward_about_me')
      .select(['account_id', 'unit_id', 'display_name', 'about'])
      .where('organisation_id', '=', v.organisationId)
      .where('unit_id', 'in', v.unitIds)
      .where('author', '=', v.author)
      .orderBy('display_name'),
);

/** Creates the Safewards part of the wards store. */
export function createSafewardsStore() {
  return {
    /** The interventions a ward has in place. */
    listInterventions(db: Db, organisationId: string, unitId: string) {
      return db
        .selectFrom('ward_interventions')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('unit_id', '=', unitId)
        .execute();
    },
    /** Replaces the ward's list of interventions in place. */
    async replaceInterventions(
      db: Db,
      organisationId: string,
      unitId: string,
      rows: readonly WardInterventionsTable[],
    ): Promise<void> {
      await db
        .deleteFrom('ward_interventions')
        .where('organisation_id', '=', organisationId)
        .where('unit_id', '=', unitId)
        .execute();
      if (rows.length)
        await db
          .insertInto('ward_interventions')
          .values([...rows])
          .execute();
    },
    /** The ward's check for a month, if there is one. */
    findCheck(db: Db, organisationId: string, unitId: string, month: string) {
      return db
        .selectFrom('ward_fidelity_checks')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('unit_id', '=', unitId)
        .where('month', '=', month)
        .executeTakeFirst();
    },
    /** The ward's checks from one month to another (inclusive), oldest first. */
    listChecks(db: Db, organisationId: string, unitId: string, from: string, to: string) {
      return db
        .selectFrom('ward_fidelity_checks')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('unit_id', '=', unitId)
        .where('month', '>=', from)
        .where('month', '<=', to)
        .orderBy('month')
        .execute();
    },
    /** Adds a first check for a month. */
    async insertCheck(db: Db, row: WardFidelityChecksTable): Promise<void> {
      await db.insertInto('ward_fidelity_checks').values(row).execute();
    },
    /** Replaces a check's answers, only if it is still at `version` (false when it moved on). */
    async updateCheck(
      db: Db,
      organisationId: string,
      id: string,
      version: number,
      change: Pick<
        WardFidelityChecksTable,
        'answers' | 'note' | 'version' | 'recorded_by' | 'recorded_by_name' | 'recorded_at'
      >,
    ): Promise<boolean> {
      const result = await db
        .updateTable('ward_fidelity_checks')
        .set(change)
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    /** Keeps an earlier version of a check. */
    async insertCheckVersion(db: Db, row: WardFidelityCheckVersionsTable): Promise<void> {
      await db.insertInto('ward_fidelity_check_versions').values(row).execute();
    },
    /** A check's earlier versions, newest first. */
    listCheckVersions(db: Db, organisationId: string, checkId: string) {
      return db
        .selectFrom('ward_fidelity_check_versions')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('check_id', '=', checkId)
        .orderBy('version', 'desc')
        .execute();
    },
    /** Adds a mutual help meeting. */
    async insertMeeting(db: Db, row: WardMutualHelpMeetingsTable): Promise<void> {
      await db.insertInto('ward_mutual_help_meetings').values(row).execute();
    },
    /** A ward's latest meetings, newest first. */
    listMeetings(db: Db, organisationId: string, unitId: string, limit: number) {
      return db
        .selectFrom('ward_mutual_help_meetings')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('unit_id', '=', unitId)
        .orderBy('held_on', 'desc')
        .orderBy('recorded_at', 'desc')
        .limit(limit)
        .execute();
    },
    /** Meetings per month (YYYY-MM) between two dates. */
    async meetingsPerMonth(
      db: Db,
      organisationId: string,
      unitId: string,
      from: string,
      to: string,
    ) {
      const period = sql<string>`substr(held_on, 1, 7)`;
      const rows = await db
        .selectFrom('ward_mutual_help_meetings')
        .select([period.as('period'), sql<number>`count(*)`.as('meetings')])
        .where('organisation_id', '=', organisationId)
        .where('unit_id', '=', unitId)
        .where('held_on', '>=', from)
        .where('held_on', '<=', to)
        .groupBy(period)
        .execute();
      return new Map(rows.map((r) => [r.period, Number(r.meetings)]));
    },
    /** Someone's "about me" rows (one per ward). */
    listAboutMeOf(db: Db, organisationId: string, accountId: string) {
      return db
        .selectFrom('ward_about_me')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('account_id', '=', accountId)
        .execute();
    },
    /** Replaces someone's "about me" rows with these (none withdraws it). */
    async replaceAboutMe(
      db: Db,
      organisationId: string,
      accountId: string,
      rows: readonly WardAboutMeTable[],
    ): Promise<void> {
      await db
        .deleteFrom('ward_about_me')
        .where('organisation_id', '=', organisationId)
        .where('account_id', '=', accountId)
        .execute();
      if (rows.length)
        await db
          .insertInto('ward_about_me')
          .values([...rows])
          .execute();
    },
    /** The "about me" notes on a ward written by staff or by people, by name. */
    listAboutMeOnWard(
      db: Db,
      organisationId: string,
      unitIds: readonly string[],
      author: WardAboutMeTable['author'],
    ) {
      if (!unitIds.length) return Promise.resolve([]);
      return aboutMeOnWard(db, { organisationId, unitIds: [...unitIds], author });
    },
  };
}

/** The Safewards store's functions. */
export type SafewardsStore = ReturnType<typeof createSafewardsStore>;
