/**
 * SQL for the per-round aggregate counts (../aggregates.ts). Every statement names the
 * organisation and the round; additions are upserts, so they run inside the caller's transaction
 * with the response they count.
 */
import { sql } from 'kysely';
import type { Db } from '../../../db/index.ts';
import { dialectOf } from '../../../db/dialect.ts';
import type { AggregateCount } from '../aggregate-deltas.ts';

/** Rows per statement, well under both databases' limits on bound values (9 per row). */
const SLICE = 500;

/** Adds counts to a round's aggregates (each key at most once in `counts`). */
export async function addAggregateCounts(
  db: Db,
  organisationId: string,
  roundId: string,
  counts: readonly AggregateCount[],
): Promise<void> {
  for (let i = 0; i < counts.length; i += SLICE) {
    await db
      .insertInto('assessment_aggregates')
      .values(
        counts.slice(i, i + SLICE).map((c) => ({
          organisation_id: organisationId,
          round_id: roundId,
          respondent_group: c.group,
          kind: c.kind,
          key: c.key,
          bucket: c.bucket,
          n: c.n,
          total: c.total,
          total_squares: c.totalSquares,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['organisation_id', 'round_id', 'respondent_group', 'kind', 'key', 'bucket'])
          .doUpdateSet({
            n: sql<number>`assessment_aggregates.n + excluded.n`,
            total: sql<number>`assessment_aggregates.total + excluded.total`,
            total_squares: sql<number>`assessment_aggregates.total_squares + excluded.total_squares`,
          }),
      )
      .execute();
  }
}

/**
 * A round's aggregate counts, read as one JSON array built by the database: a thousand small
 * rows cost several milliseconds to hand over column by column, one string costs a fraction.
 */
export async function listAggregateCounts(
  db: Db,
  organisationId: string,
  roundId: string,
): Promise<AggregateCount[]> {
  const postgres = dialectOf(db) === 'postgres';
  const fields = sql`respondent_group, kind, key, bucket, n, total, total_squares`;
  const array = postgres
    ? sql`coalesce(json_agg(json_build_array(${fields})), '[]')::text`
    : sql`json_group_array(json_array(${fields}))`;
  const result = await sql<{ rows: string }>`select ${array} as rows from assessment_aggregates
    where organisation_id = ${organisationId} and round_id = ${roundId}`.execute(db);
  const rows = JSON.parse(result.rows[0]?.rows ?? '[]') as [
    string,
    string,
    string,
    string,
    number,
    number,
    number,
  ][];
  return rows.map(([group, kind, key, bucket, n, total, totalSquares]) => ({
    group,
    kind: kind as AggregateCount['kind'],
    key,
    bucket,
    n: Number(n),
    total: Number(total),
    totalSquares: Number(totalSquares),
  }));
}

/** Removes a round's aggregate counts (before counting them again from the responses). */
export async function deleteAggregateCounts(
  db: Db,
  organisationId: string,
  roundId: string,
): Promise<void> {
  await db
    .deleteFrom('assessment_aggregates')
    .where('organisation_id', '=', organisationId)
    .where('round_id', '=', roundId)
    .execute();
}

/**
 * True when a round has at least one response (one index entry read, whatever the round's
 * size): a round with responses but no counts was written before migration 0032.
 */
export async function roundHasResponses(
  db: Db,
  organisationId: string,
  roundId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('assessment_responses')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('round_id', '=', roundId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * A round's comments, in key order (the order the raw responses are read in). Reads only the
 * partial index of responses with a comment (migration 0038), never the answers.
 */
export function listComments(db: Db, organisationId: string, roundId: string) {
  return db
    .selectFrom('assessment_responses')
    .select(['respondent_group', 'comment'])
    .where('organisation_id', '=', organisationId)
    .where('round_id', '=', roundId)
    .where('comment', 'is not', null)
    .orderBy('id')
    .execute();
}
