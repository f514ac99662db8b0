/**
 * SQL for force_evidence_month, the monthly counts behind the assessment's "plan choices known",
 * "debriefs on time" and "reviews on time" figures. Guarantees: a recount replaces the named
 * months from the register's own rows (never adds to what is stored), so it is right however
 * the rows changed; the whole-organisation row (unit '') is always the sum of the unit rows
 * for its month; every statement names the organisation.
 */
import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { Db } from '../../../db/index.ts';
import { executePrepared } from '../../../db/prepared.ts';
import { DEBRIEF_KINDS } from '../codes.ts';
import { ALL_UNITS } from '../rollups.ts';
import { shiftPeriod } from '../time.ts';
import { num } from './chunks.ts';

/** A unit and UTC month (YYYY-MM) whose counts a write may have changed. */
export interface EvidenceMonthKey {
  unitId: string;
  month: string;
}

/** The counts of force_evidence_month, summed over a span. */
export interface EvidenceMonthTotals {
  withPlan: number;
  planKnownYes: number;
  debriefsDue: number;
  debriefsOnTime: number;
  reviewsDue: number;
  reviewsOnTime: number;
}

/** The UTC month an instant (ISO text) falls in. */
export function evidenceMonthOf(instant: string): string {
  return instant.slice(0, 7);
}

/** The distinct UTC months incidents start in. */
export function startMonthsOf(incidents: readonly { start_at: string }[]): string[] {
  return [...new Set(incidents.map((i) => evidenceMonthOf(i.start_at)))];
}

/** The keys an incident and its reviews count under. */
export function evidenceKeysOf(
  incidents: readonly { unit_id: string; start_at: string }[],
  reviews: readonly { unit_id: string; due_at: string }[] = [],
): EvidenceMonthKey[] {
  return [
    ...incidents.map((i) => ({ unitId: i.unit_id, month: evidenceMonthOf(i.start_at) })),
    ...reviews.map((r) => ({ unitId: r.unit_id, month: evidenceMonthOf(r.due_at) })),
  ];
}

const list = (values: readonly string[]) => sql.join(values.map((v) => sql`${v}`));

/**
 * The counting query for the given months (and units, or every unit): one row per unit and
 * month that has any incident or due review.
 */
function countedRows(
  organisationId: string,
  months: readonly string[],
  unitIds: readonly string[] | null,
): RawBuilder<unknown> {
  const first = `${months[0]}-01`;
  const end = `${shiftPeriod(months[months.length - 1] ?? '', 1)}-01`;
  const units = unitIds === null ? sql`` : sql`and unit_id in (${list(unitIds)})`;
  const debrief = list(DEBRIEF_KINDS);
  // The range on start_at / due_at lets the (organisation, time, unit, …) indexes answer it;
  // the month list then keeps only the months asked for.
  return sql`select organisation_id, unit_id, month, sum(with_plan) as with_plan,
      sum(plan_known_yes) as plan_known_yes, sum(debriefs_due) as debriefs_due,
      sum(debriefs_on_time) as debriefs_on_time, sum(reviews_due) as reviews_due,
      sum(reviews_on_time) as reviews_on_time
    from (
      select organisation_id, unit_id, substr(start_at, 1, 7) as month,
        case when plan_known <> 'no_plan' then 1 else 0 end as with_plan,
        case when plan_known = 'yes' then 1 else 0 end as plan_known_yes,
        0 as debriefs_due, 0 as debriefs_on_time, 0 as reviews_due, 0 as reviews_on_time
      from force_incidents
      where organisation_id = ${organisationId} and start_at >= ${first} and start_at < ${end}
        and substr(start_at, 1, 7) in (${list(months)}) ${units}
      union all
      select organisation_id, unit_id, substr(due_at, 1, 7), 0, 0,
        case when kind in (${debrief}) then 1 else 0 end,
        case when kind in (${debrief}) and completed_at is not null and completed_at <= due_at
          then 1 else 0 end,
        case when kind in (${debrief}) then 0 else 1 end,
        case when kind not in (${debrief}) and completed_at is not null and completed_at <= due_at
          then 1 else 0 end
      from force_reviews
      where organisation_id = ${organisationId} and due_at >= ${first} and due_at < ${end}
        and substr(due_at, 1, 7) in (${list(months)}) ${units}
    ) counted
    group by organisation_id, unit_id, month`;
}

const COLUMNS = sql`organisation_id, unit_id, month, with_plan, plan_known_yes, debriefs_due,
  debriefs_on_time, reviews_due, reviews_on_time`;

const MEASURES = [
  'with_plan',
  'plan_known_yes',
  'debriefs_due',
  'debriefs_on_time',
  'reviews_due',
  'reviews_on_time',
] as const;

/**
 * Recounts one set of months (and units, or all), inside the caller's transaction. First it
 * takes (creating if need be) the organisation's row of each month, in month order, and holds it
 * to the end of the transaction: two writers in the same month then recount one after the other,
 * and the second counts after the first has committed (on PostgreSQL each statement sees what
 * was committed before it began), so neither replaces the other's count with an older one.
 */
async function recount(
  db: Db,
  organisationId: string,
  months: readonly string[],
  unitIds: readonly string[] | null,
): Promise<void> {
  const zeros = sql.join(MEASURES.map(() => sql`0`));
  const orgRows = sql.join(
    months.map((m) => sql`(${organisationId}, ${ALL_UNITS}, ${m}, ${zeros})`),
  );
  const fromExcluded = (zero: boolean) =>
    sql.join(MEASURES.map((c) => sql`${sql.ref(c)} = ${zero ? sql`0` : sql.ref(`excluded.${c}`)}`));
  await sql`insert into force_evidence_month (${COLUMNS}) values ${orgRows}
    on conflict (organisation_id, unit_id, month) do update set ${fromExcluded(true)}`.execute(db);
  const units = unitIds === null ? sql`` : sql`and unit_id in (${list(unitIds)})`;
  await sql`delete from force_evidence_month
    where organisation_id = ${organisationId} and month in (${list(months)})
      and unit_id <> ${ALL_UNITS} ${units}`.execute(db);
  await sql`insert into force_evidence_month (${COLUMNS})
    ${countedRows(organisationId, months, unitIds)}`.execute(db);
  await sql`insert into force_evidence_month (${COLUMNS})
    select organisation_id, ${ALL_UNITS}, month, sum(with_plan), sum(plan_known_yes),
      sum(debriefs_due), sum(debriefs_on_time), sum(reviews_due), sum(reviews_on_time)
    from force_evidence_month
    where organisation_id = ${organisationId} and month in (${list(months)})
      and unit_id <> ${ALL_UNITS}
    group by organisation_id, month
    on conflict (organisation_id, unit_id, month) do update set ${fromExcluded(false)}`.execute(db);
}

/** Statements on force_evidence_month. */
export const evidenceMonthStatements = {
  /**
   * Recounts the units and months a write touched (pass the keys from before and after a
   * change). Runs in the caller's transaction, or in its own when there is none.
   */
  async recountEvidenceMonths(
    db: Db,
    organisationId: string,
    keys: readonly EvidenceMonthKey[],
  ): Promise<void> {
    if (keys.length === 0) return;
    if (!db.isTransaction) {
      await db
        .transaction()
        .execute((trx) => evidenceMonthStatements.recountEvidenceMonths(trx, organisationId, keys));
      return;
    }
    const months = [...new Set(keys.map((k) => k.month))].sort();
    const units = [...new Set(keys.map((k) => k.unitId))].sort();
    // A unit and month named only by the cross product is recounted too, which is harmless.
    for (let i = 0; i < months.length; i += 200)
      await recount(db, organisationId, months.slice(i, i + 200), units);
  },
  /**
   * Recounts every unit for the given months (bulk writes: the import, synthetic data), or for
   * every month the organisation has rows in when `months` is null.
   */
  async recountEvidenceForOrganisation(
    db: Db,
    organisationId: string,
    months: readonly string[] | null,
  ): Promise<void> {
    if (!db.isTransaction) {
      await db
        .transaction()
        .execute((trx) =>
          evidenceMonthStatements.recountEvidenceForOrganisation(trx, organisationId, months),
        );
      return;
    }
    let wanted = months === null ? null : [...new Set(months)].sort();
    if (wanted === null) {
      const found = await sql<{ month: string }>`
        select distinct substr(start_at, 1, 7) as month from force_incidents
        where organisation_id = ${organisationId}
        union
        select distinct substr(due_at, 1, 7) from force_reviews
        where organisation_id = ${organisationId}
        union
        select distinct month from force_evidence_month
        where organisation_id = ${organisationId}`.execute(db);
      wanted = found.rows.map((r) => r.month).sort();
    }
    for (let i = 0; i < wanted.length; i += 200)
      await recount(db, organisationId, wanted.slice(i, i + 200), null);
  },
  /** The counts for one unit (or ALL_UNITS) summed over whole UTC months `from` to `to`. */
  async evidenceMonthTotals(
    db: Db,
    organisationId: string,
    unitId: string,
    from: string,
    to: string,
  ): Promise<EvidenceMonthTotals> {
    const [row] = await executePrepared(
      db,
      db
        .selectFrom('force_evidence_month')
        .select([
          sql<number>`sum(with_plan)`.as('with_plan'),
          sql<number>`sum(plan_known_yes)`.as('plan_known_yes'),
          sql<number>`sum(debriefs_due)`.as('debriefs_due'),
          sql<number>`sum(debriefs_on_time)`.as('debriefs_on_time'),
          sql<number>`sum(reviews_due)`.as('reviews_due'),
          sql<number>`sum(reviews_on_time)`.as('reviews_on_time'),
        ])
        .where('organisation_id', '=', organisationId)
        .where('unit_id', '=', unitId)
        .where('month', '>=', from)
        .where('month', '<=', to),
    );
    return {
      withPlan: num(row?.with_plan),
      planKnownYes: num(row?.plan_known_yes),
      debriefsDue: num(row?.debriefs_due),
      debriefsOnTime: num(row?.debriefs_on_time),
      reviewsDue: num(row?.reviews_due),
      reviewsOnTime: num(row?.reviews_on_time),
    };
  },
};
