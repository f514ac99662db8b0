/** SQL for the self-assessment. Every statement names the organisation. */
import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import { acrossOrganisations } from '../../db/tenancy.ts';
import { compiledOnce } from '../../db/compiled.ts';
import type {
  AssessmentCodesTable,
  AssessmentResponsesTable,
  AssessmentRoundsTable,
} from './tables.ts';

import { insertMixed, markAnsweredOnce } from '../../lib/anonymous-batches.ts';
import { aggregateDeltas } from './aggregate-deltas.ts';
import { loadInstrument, type Instrument } from './instrument.ts';
import {
  addAggregateCounts,
  deleteAggregateCounts,
  listAggregateCounts,
  listComments,
  roundHasResponses,
} from './store/aggregates.ts';
import { createWordingStore } from './store/wording.ts';

/**
 * Adds what some responses of one round count to its aggregates, in the caller's transaction,
 * so the counts always move with the rows (aggregates.ts).
 */
async function countResponses(
  db: Db,
  organisationId: string,
  roundId: string,
  rows: readonly Pick<AssessmentResponsesTable, 'respondent_group' | 'answers' | 'barriers'>[],
): Promise<void> {
  const round = await db
    .selectFrom('assessment_rounds')
    .select('instrument_version')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', roundId)
    .executeTakeFirstOrThrow();
  // Count against the wording the round opened with (its saved instrument, with any local
  // statements), as results read it (wording.ts); rounds opened before 0031 use the file.
  const saved = await db
    .selectFrom('assessment_round_instruments')
    .select('instrument')
    .where('organisation_id', '=', organisationId)
    .where('round_id', '=', roundId)
    .executeTakeFirst();
  const deltas = aggregateDeltas(
    saved ? (JSON.parse(saved.instrument) as Instrument) : loadInstrument(round.instrument_version),
    rows.map((r) => ({
      group: r.respondent_group,
      answers: JSON.parse(r.answers) as Record<string, string>,
      barriers: JSON.parse(r.barriers) as string[],
    })),
  );
  await addAggregateCounts(db, organisationId, roundId, deltas);
}

/** How many of a round's other responses are rewritten with each new one (src/lib/anonymous-batches.ts). */
export { MIX_BATCH } from '../../lib/anonymous-batches.ts';

/** The organisation's rounds, newest closing day first: built once, for the home page. */
const roundsOf = compiledOnce((db: Db, v: { organisationId: string }) =>
  db
    .selectFrom('assessment_rounds')
    .selectAll()
    .where('organisation_id', '=', v.organisationId)
    .orderBy('closes_on', 'desc')
    .orderBy('id'),
);

/** The rounds an account has answered: built once, for the home page. */
const answeredBy = compiledOnce((db: Db, v: { organisationId: string; accountId: string }) =>
  db
    .selectFrom('assessment_answered')
    .select('round_id')
    .where('organisation_id', '=', v.organisationId)
    .where('account_id', '=', v.accountId),
);

/** Creates the assessment store. */
export function createAssessmentStore() {
  return {
    ...createWordingStore(),
    /** The organisation's rounds, newest closing day first. */
    listRounds(db: Db, organisationId: string): Promise<AssessmentRoundsTable[]> {
      return roundsOf(db, { organisationId });
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
      const rows = await answeredBy(db, { organisationId, accountId });
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
      await countResponses(db, row.organisation_id, row.round_id, [row]);
    },
    /** Adds made-up responses as they are (demo, benchmark and tests only; no mixing needed). */
    async insertResponses(db: Db, rows: AssessmentResponsesTable[]): Promise<void> {
      if (rows.length === 0) return;
      await db.insertInto('assessment_responses').values(rows).execute();
      const byRound = Map.groupBy(rows, (r) => `${r.organisation_id}\u0000${r.round_id}`);
      for (const group of byRound.values()) {
        const first = group[0];
        if (first) await countResponses(db, first.organisation_id, first.round_id, group);
      }
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
    /** A round's aggregate counts (aggregates.ts). */
    aggregateCounts: listAggregateCounts,
    /** A round's comments with their group, in key order. */
    comments: listComments,
    /** True when a round has any response. */
    hasResponses: roundHasResponses,
    /**
     * Counts a round's aggregates again from its responses (after migration 0032, or if they
     * were ever in doubt), in the caller's transaction.
     */
    async rebuildAggregates(db: Db, organisationId: string, roundId: string): Promise<void> {
      await deleteAggregateCounts(db, organisationId, roundId);
      const rows = await db
        .selectFrom('assessment_responses')
        .select(['respondent_group', 'answers', 'barriers'])
        .where('organisation_id', '=', organisationId)
        .where('round_id', '=', roundId)
        .execute();
      if (rows.length > 0) await countResponses(db, organisationId, roundId, rows);
    },
  };
}

/** The assessment store's functions. */
export type AssessmentStore = ReturnType<typeof createAssessmentStore>;
