/** SQL for the self-assessment. Every statement names the organisation. */
import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import { acrossOrganisations } from '../../db/tenancy.ts';
import type {
  AssessmentCodesTable,
  AssessmentResponsesTable,
  AssessmentRoundsTable,
} from './tables.ts';

import { insertMixed, markAnsweredOnce } from '../../lib/anonymous-batches.ts';
import { createWordingStore } from './store/wording.ts';

/** How many of a round's other responses are rewritten with each new one (src/lib/anonymous-batches.ts). */
export { MIX_BATCH } from '../../lib/anonymous-batches.ts';

/** Creates the assessment store. */
export function createAssessmentStore() {
  return {
    ...createWordingStore(),
    /** The organisation's rounds, newest closing day first. */
    listRounds(db: Db, organisationId: string): Promise<AssessmentRoundsTable[]> {
      return db
        .selectFrom('assessment_rounds')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .orderBy('closes_on', 'desc')
        .orderBy('id')
        .execute();
    },
    /** One round, or undefined when it is not this organisation's. */
    findRound(db: Db, organisationId: string, id: string) {
      return db
        .selectFrom('assessment_rounds')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    /** A round in any organisation, for the command line (which has no one signed in). */
    findRoundAnywhere(db: Db, id: string) {
      return acrossOrganisations('the command line names a round by its id alone', () =>
        db.selectFrom('assessment_rounds').selectAll().where('id', '=', id).executeTakeFirst(),
      );
    },
    /** Adds a round. */
    async insertRound(db: Db, row: AssessmentRoundsTable): Promise<void> {
      await db.insertInto('assessment_rounds').values(row).execute();
    },
    /** Changes a round's closing day or closes it. */
    async updateRound(
      db: Db,
      organisationId: string,
      id: string,
      change: Partial<Pick<AssessmentRoundsTable, 'closes_on' | 'closed_at'>>,
    ): Promise<void> {
      await db
        .updateTable('assessment_rounds')
        .set(change)
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .execute();
    },
    /** The rounds (of these) the account has answered. */
    async answeredRoundIds(
      db: Db,
      organisationId: string,
      accountId: string,
    ): Promise<Set<string>> {
      const rows = await db
        .selectFrom('assessment_answered')
        .select('round_id')
        .where('organisation_id', '=', organisationId)
        .where('account_id', '=', accountId)
        .execute();
      return new Set(rows.map((r) => r.round_id));
    },
    /**
     * Marks an account as having answered; false when it already had (the database decides
     * between two tabs sending at once).
     */
    async markAnswered(db: Db, organisationId: string, roundId: string, accountId: string) {
      return markAnsweredOnce(db, 'assessment_answered', {
        organisation_id: organisationId,
        round_id: roundId,
        account_id: accountId,
      });
    },
    /** Adds one-time codes (hashes only). */
    async insertCodes(db: Db, rows: AssessmentCodesTable[]): Promise<void> {
      if (rows.length > 0) await db.insertInto('assessment_codes').values(rows).execute();
    },
    /**
     * The code with this hash, in any organisation: a code is typed on a page with no one
     * signed in, so it alone says which round it is for.
     */
    findCode(db: Db, codeHash: string): Promise<AssessmentCodesTable | undefined> {
      return acrossOrganisations('a one-time code names its own round', () =>
        db
          .selectFrom('assessment_codes')
          .selectAll()
          .where('code_hash', '=', codeHash)
          .executeTakeFirst(),
      );
    },
    /** Uses a code up; false when it was already used (so a second sending saves nothing). */
    async useCode(db: Db, organisationId: string, codeHash: string): Promise<boolean> {
      const result = await db
        .updateTable('assessment_codes')
        .set({ used: 1 })
        .where('organisation_id', '=', organisationId)
        .where('code_hash', '=', codeHash)
        .where('used', '=', 0)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    /** How many codes a round has, and how many are used. */
    async codeCounts(db: Db, organisationId: string, roundId: string) {
      const row = await db
        .selectFrom('assessment_codes')
        .select([sql<number>`count(*)`.as('made'), sql<number>`coalesce(sum(used), 0)`.as('used')])
        .where('organisation_id', '=', organisationId)
        .where('round_id', '=', roundId)
        .executeTakeFirstOrThrow();
      return { made: Number(row.made), used: Number(row.used) };
    },
    /**
     * Adds a response, then deletes and writes again a random batch of the round's other
     * responses, all in key order, so neither the table's physical order nor the writing
     * transaction singles the new row out (docs/assessment.md).
     */
    async insertResponseMixed(db: Db, row: AssessmentResponsesTable): Promise<void> {
      await insertMixed(
        db,
        'assessment_responses',
        { organisation_id: row.organisation_id, round_id: row.round_id },
        { ...row },
      );
    },
    /** Adds made-up responses as they are (demo, benchmark and tests only; no mixing needed). */
    async insertResponses(db: Db, rows: AssessmentResponsesTable[]): Promise<void> {
      if (rows.length > 0) await db.insertInto('assessment_responses').values(rows).execute();
    },
    /** Every response of a round. */
    listResponses(db: Db, organisationId: string, roundId: string) {
      return db
        .selectFrom('assessment_responses')
        .select(['respondent_group', 'answers', 'barriers', 'comment'])
        .where('organisation_id', '=', organisationId)
        .where('round_id', '=', roundId)
        .orderBy('id')
        .execute();
    },
    /** How many responses each group gave to a round. */
    async responseCounts(db: Db, organisationId: string, roundId: string) {
      const rows = await db
        .selectFrom('assessment_responses')
        .select(['respondent_group', sql<number>`count(*)`.as('n')])
        .where('organisation_id', '=', organisationId)
        .where('round_id', '=', roundId)
        .groupBy('respondent_group')
        .execute();
      return new Map(rows.map((r) => [r.respondent_group, Number(r.n)]));
    },
  };
}

/** The assessment store's functions. */
export type AssessmentStore = ReturnType<typeof createAssessmentStore>;
