/**
 * SQL for the per-round aggregate counts (../aggregates.ts). Every statement names the
 * organisation and the round; additions are upserts, so they run inside the caller's transaction
 * with the response they count.
 */
import { sql } from 'kysely';
import type { Db } from '../../../db/index.ts';
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

/** A round's aggregate counts. */
export async function listAggregateCounts(
  db: Db,
  organisationId: string,
  roundId: string,
): Promise<AggregateCount[]> {
  const rows = await db
    .selectFrom('assessment_aggregates')
    .select(['respondent_group', 'kind', 'key', 'bucket', 'n', 'total', 'total_squares'])
    .where('organisation_id', '=', organisationId)
    .where('round_id', '=', roundId)
    .execute();
  return rows.map((r) => ({
    group: r.respondent_group,
    kind: r.kind as AggregateCount['kind'],
    key: r.key,
    bucket: r.bucket,
    n: Number(r.n),
    total: Number(r.total),
    totalSquares: Number(r.total_squares),
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

/** A round's comments, in key order (the order the raw responses are read in). */
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
