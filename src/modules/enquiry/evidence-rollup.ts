/**
 * The rollup behind the enquiry evidence figures (migration 0040). Guarantees: every write to
 * `enquiries` or `enquiry_referrals` through the store recounts, in the same transaction, each
 * rollup row it could change, from the records themselves and with the same SQL a full rebuild
 * runs, so upkeep never drifts by a missed +1/-1 (tested on both engines against the figures
 * counted straight from the records); every statement names the organisation; the rollup holds
 * counts and month masks only, never content.
 */
import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { Db } from '../../db/index.ts';
import { dialectOf } from '../../db/dialect.ts';

/**
 * Whole days from a referral to its outcome being recorded. Shared by the figures counted from
 * the records and by the rollup, so both round the same way on each engine.
 */
export function closeDays(db: Db): RawBuilder<number> {
  return dialectOf(db) === 'postgres'
    ? sql<number>`floor(extract(epoch from (closed_at::timestamptz - created_at::timestamptz)) / 86400)::int`
    : sql<number>`cast(julianday(closed_at) - julianday(created_at) as integer)`;
}

/** The first day of the month after a YYYY-MM month, as YYYY-MM-DD. */
export function nextMonthStart(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** The rollup rows a write could change: people by unit and year, and units' months. */
export interface RollupKeys {
  people: Map<string, { unit: string; person: string; year: number }>;
  months: Map<string, { unit: string; month: string }>;
}

/** The fields of a conversation or referral that place it in the rollup. */
export interface RollupPlace {
  unit_id: string | null;
  person_id: string;
  created_at: string;
}

/** Collects the rollup keys of some conversations or referrals (before and after a change). */
export function rollupKeysOf(places: readonly RollupPlace[], into?: RollupKeys): RollupKeys {
  const keys = into ?? { people: new Map(), months: new Map() };
  for (const p of places) {
    const unit = p.unit_id ?? '';
    const year = Number(p.created_at.slice(0, 4));
    const month = p.created_at.slice(0, 7);
    keys.people.set(JSON.stringify([unit, p.person_id, year]), {
      unit,
      person: p.person_id,
      year,
    });
    keys.months.set(JSON.stringify([unit, month]), { unit, month });
  }
  return keys;
}

/**
 * The unit_id of the rows that count the whole organisation, so a whole-organisation figure
 * reads a dozen month rows and one row per person and year instead of summing every unit's.
 * Unit ids are UUIDs, so it never names a unit ('' names "no unit").
 */
export const WHOLE_ORGANISATION = '*';

const unitIs = (unit: string) => (unit === '' ? sql`unit_id is null` : sql`unit_id = ${unit}`);

// A sum of the distinct values 0 and 2^(month-1) is the bitwise OR of those months: SQLite has
// no bit_or aggregate, and this reads the same on both engines.
const bit = sql`(1 << (cast(substr(created_at, 6, 2) as integer) - 1))`;

/**
 * Inserts the people-by-year rows counted from the conversations and referrals `where` selects:
 * per unit, or (whole) one row per person and year for the whole organisation. Each record sets
 * its month's bit in the row of its own year (bits 0 to 11) and in the row of the next year
 * (bits 12 to 23), so one row holds a person's last 24 months and any 12-month period is read
 * from one row per person, with no grouping. `years` keeps only the rows of those years.
 */
function insertPeople(where: RawBuilder<unknown>, whole: boolean, years?: [number, number]) {
  const unit = whole ? sql.lit(WHOLE_ORGANISATION) : sql`coalesce(unit_id, '')`;
  const kept = years ? sql`where row_year between ${years[0]} and ${years[1]}` : sql``;
  return sql`insert into enquiry_people_year (organisation_id, unit_id, person_id, year,
      started_months, asked_months, declined_months, told_months, support_months, referred_months)
    select organisation_id, unit_id, person_id, row_year,
      sum(distinct case when src = 'e' then b else 0 end),
      sum(distinct case when outcome = 'asked' then b else 0 end),
      sum(distinct case when outcome = 'declined' then b else 0 end),
      sum(distinct case when disclosed = 1 then b else 0 end),
      sum(distinct case when src = 'r' then b else 0 end),
      sum(distinct case when kind = 'referred' then b else 0 end)
    from (
      select x.organisation_id, x.unit_id, x.person_id, x.src, x.outcome, x.disclosed, x.kind,
        x.year + s.shift as row_year, x.bit * (case when s.shift = 1 then 4096 else 1 end) as b
      from (
        select organisation_id, ${unit} as unit_id, person_id,
          cast(substr(created_at, 1, 4) as integer) as year, ${bit} as bit, 'e' as src,
          outcome, disclosed, cast(null as text) as kind
        from enquiries where ${where}
        union all
        select organisation_id, ${unit}, person_id,
          cast(substr(created_at, 1, 4) as integer), ${bit}, 'r',
          cast(null as text), 0, kind
        from enquiry_referrals where ${where}
      ) x
      cross join (select 0 as shift union all select 1 as shift) s
    ) y
    ${kept}
    group by organisation_id, unit_id, person_id, row_year`;
}

/** Inserts the unit-month sums counted from the rows `where` selects. */
function insertMonths(where: RawBuilder<unknown>) {
  return sql`insert into enquiry_month (organisation_id, unit_id, month, not_now, returned, referred, closed)
    select organisation_id, unit_id, month, sum(not_now), sum(returned), sum(referred), sum(closed)
    from (
      select organisation_id, coalesce(unit_id, '') as unit_id, substr(created_at, 1, 7) as month,
        case when outcome = 'not_now' then 1 else 0 end as not_now,
        case when outcome = 'not_now' and returned_at is not null then 1 else 0 end as returned,
        0 as referred, 0 as closed
      from enquiries where ${where}
      union all
      select organisation_id, coalesce(unit_id, ''), substr(created_at, 1, 7), 0, 0,
        case when kind = 'referred' then 1 else 0 end,
        case when kind = 'referred' and closed_at is not null then 1 else 0 end
      from enquiry_referrals where ${where}
    ) x
    group by organisation_id, unit_id, month
    having sum(not_now) + sum(returned) + sum(referred) + sum(closed) > 0`;
}

/** Inserts the days-to-close histogram counted from the referrals `where` selects. */
function insertCloseDays(db: Db, where: RawBuilder<unknown>) {
  const days = closeDays(db);
  return sql`insert into enquiry_close_days (organisation_id, unit_id, month, days, n)
    select organisation_id, coalesce(unit_id, ''), substr(created_at, 1, 7), ${days}, count(*)
    from enquiry_referrals
    where ${where} and kind = 'referred' and closed_at is not null
    group by organisation_id, coalesce(unit_id, ''), substr(created_at, 1, 7), ${days}`;
}

/**
 * Replaces the whole-organisation month sums and days-to-close rows from the units' rows (for
 * one month, or every month when `month` is null).
 */
async function sumWholeMonths(trx: Db, organisationId: string, month: string | null) {
  const inMonth = month === null ? sql`` : sql` and month = ${month}`;
  for (const table of ['enquiry_month', 'enquiry_close_days'] as const) {
    let gone = trx
      .deleteFrom(table)
      .where('organisation_id', '=', organisationId)
      .where('unit_id', '=', WHOLE_ORGANISATION);
    if (month !== null) gone = gone.where('month', '=', month);
    await gone.execute();
  }
  await sql`insert into enquiry_month (organisation_id, unit_id, month, not_now, returned, referred, closed)
    select organisation_id, ${sql.lit(WHOLE_ORGANISATION)}, month, sum(not_now), sum(returned), sum(referred), sum(closed)
    from enquiry_month
    where organisation_id = ${organisationId} and unit_id <> ${WHOLE_ORGANISATION}${inMonth}
    group by organisation_id, month`.execute(trx);
  await sql`insert into enquiry_close_days (organisation_id, unit_id, month, days, n)
    select organisation_id, ${sql.lit(WHOLE_ORGANISATION)}, month, days, sum(n)
    from enquiry_close_days
    where organisation_id = ${organisationId} and unit_id <> ${WHOLE_ORGANISATION}${inMonth}
    group by organisation_id, month, days`.execute(trx);
}

/**
 * Holds, until the transaction ends, the organisation's rollup lock. PostgreSQL runs writers side
 * by side: without it, two writes could each count before the other commits and the later
 * count would leave out the earlier row. With it, the second waits until the first commits, and
 * its counts (statements at read committed) then see that row. SQLite serialises writers already.
 * Every enquiry write takes it after its own row change and before its audit event, so the
 * order of locks is the same everywhere (no deadlock).
 */
async function lockRollup(trx: Db, organisationId: string): Promise<void> {
  if (dialectOf(trx) !== 'postgres') return;
  await sql`select pg_advisory_xact_lock(hashtextextended(${`enquiry-rollup:${organisationId}`}, 0))`.execute(
    trx,
  );
}

/** Past this many keys, one write (a retention sweep) recounts the whole organisation instead. */
const MANY_KEYS = 200;

/**
 * Recounts the rollup rows for some keys from the records, inside the caller's transaction.
 * Run after the write, with the keys of the rows before and after it.
 */
export async function recountEnquiryRollup(
  trx: Db,
  organisationId: string,
  keys: RollupKeys,
): Promise<void> {
  await lockRollup(trx, organisationId);
  if (keys.people.size + keys.months.size > MANY_KEYS) {
    await rebuildInside(trx, organisationId);
    return;
  }
  const wholePeople = new Map<string, { person: string; year: number }>();
  for (const k of keys.people.values()) {
    // A record of year Y is in the rows of Y and Y+1, which also hold Y-1 and Y+1.
    await trx
      .deleteFrom('enquiry_people_year')
      .where('organisation_id', '=', organisationId)
      .where('unit_id', '=', k.unit)
      .where('person_id', '=', k.person)
      .where('year', 'in', [k.year, k.year + 1])
      .execute();
    await insertPeople(
      sql`organisation_id = ${organisationId} and ${unitIs(k.unit)} and person_id = ${k.person}
        and created_at >= ${`${k.year - 1}-01-01`} and created_at < ${`${k.year + 2}-01-01`}`,
      false,
      [k.year, k.year + 1],
    ).execute(trx);
    wholePeople.set(JSON.stringify([k.person, k.year]), { person: k.person, year: k.year });
  }
  for (const k of wholePeople.values()) {
    await trx
      .deleteFrom('enquiry_people_year')
      .where('organisation_id', '=', organisationId)
      .where('unit_id', '=', WHOLE_ORGANISATION)
      .where('person_id', '=', k.person)
      .where('year', 'in', [k.year, k.year + 1])
      .execute();
    await insertPeople(
      sql`organisation_id = ${organisationId} and person_id = ${k.person}
        and created_at >= ${`${k.year - 1}-01-01`} and created_at < ${`${k.year + 2}-01-01`}`,
      true,
      [k.year, k.year + 1],
    ).execute(trx);
  }
  for (const k of keys.months.values()) {
    for (const table of ['enquiry_month', 'enquiry_close_days'] as const) {
      await trx
        .deleteFrom(table)
        .where('organisation_id', '=', organisationId)
        .where('unit_id', '=', k.unit)
        .where('month', '=', k.month)
        .execute();
    }
    const where = sql`organisation_id = ${organisationId} and ${unitIs(k.unit)}
      and created_at >= ${`${k.month}-01`} and created_at < ${nextMonthStart(k.month)}`;
    await insertMonths(where).execute(trx);
    await insertCloseDays(trx, where).execute(trx);
  }
  const wholeMonths = new Set([...keys.months.values()].map((k) => k.month));
  for (const month of wholeMonths) await sumWholeMonths(trx, organisationId, month);
}

async function rebuildInside(trx: Db, organisationId: string): Promise<void> {
  await lockRollup(trx, organisationId);
  for (const table of ['enquiry_people_year', 'enquiry_month', 'enquiry_close_days'] as const) {
    await trx.deleteFrom(table).where('organisation_id', '=', organisationId).execute();
  }
  const where = sql`organisation_id = ${organisationId}`;
  await insertPeople(where, false).execute(trx);
  await insertPeople(where, true).execute(trx);
  await insertMonths(where).execute(trx);
  await insertCloseDays(trx, where).execute(trx);
  await sumWholeMonths(trx, organisationId, null);
}

/**
 * Replaces an organisation's enquiry rollup with one counted from its records, for rows written
 * around the app (benchmark seeding, test fixtures). Runs in the caller's transaction if given one.
 */
export async function rebuildEnquiryRollup(db: Db, organisationId: string): Promise<void> {
  if (db.isTransaction) {
    await rebuildInside(db, organisationId);
    return;
  }
  await db.transaction().execute((trx) => rebuildInside(trx, organisationId));
}
