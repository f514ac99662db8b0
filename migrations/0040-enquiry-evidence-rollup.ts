/**
 * The rollup behind the enquiry evidence figures (issue 12, evidence without a cache): the
 * whole-organisation figures read a few thousand rows instead of grouping a year of
 * conversations by person. Three tables: per person, unit and year, 24-bit masks of the months
 * of that year and the one before in which something happened (so "distinct people" over any
 * run of up to 24 whole months is a mask test on one row per person); per unit and month, plain
 * sums; per unit and month, a histogram of days to close a referral (for the median). Unit ''
 * is "no unit" and '*' the whole organisation. Filled here from the rows already written; from then on the
 * enquiry store recounts the affected rows in the transaction of every write. Depends only on
 * migration 0004.
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { dialectOf } from '../src/db/dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  // On SQLite the rows are stored in key order (like PostgreSQL's index-only reads), so a
  // unit's or the organisation's months are one contiguous range.
  const clustered = <T extends { modifyEnd(s: ReturnType<typeof sql>): T }>(table: T) =>
    dialectOf(db) === 'sqlite' ? table.modifyEnd(sql`without rowid`) : table;
  await clustered(
    db.schema
      .createTable('enquiry_people_year')
      .addColumn('organisation_id', 'text', (c) => c.notNull())
      // '' when the conversation or referral names no unit (a primary key cannot hold NULL).
      .addColumn('unit_id', 'text', (c) => c.notNull())
      .addColumn('person_id', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('started_months', 'integer', (c) => c.notNull())
      .addColumn('asked_months', 'integer', (c) => c.notNull())
      .addColumn('declined_months', 'integer', (c) => c.notNull())
      .addColumn('told_months', 'integer', (c) => c.notNull())
      .addColumn('support_months', 'integer', (c) => c.notNull())
      .addColumn('referred_months', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('enquiry_people_year_pk', [
        'organisation_id',
        'unit_id',
        'person_id',
        'year',
      ]),
  ).execute();
  await clustered(
    db.schema
      .createTable('enquiry_month')
      .addColumn('organisation_id', 'text', (c) => c.notNull())
      .addColumn('unit_id', 'text', (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('not_now', 'integer', (c) => c.notNull())
      .addColumn('returned', 'integer', (c) => c.notNull())
      .addColumn('referred', 'integer', (c) => c.notNull())
      .addColumn('closed', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('enquiry_month_pk', ['organisation_id', 'unit_id', 'month']),
  ).execute();
  await clustered(
    db.schema
      .createTable('enquiry_close_days')
      .addColumn('organisation_id', 'text', (c) => c.notNull())
      .addColumn('unit_id', 'text', (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('days', 'integer', (c) => c.notNull())
      .addColumn('n', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('enquiry_close_days_pk', [
        'organisation_id',
        'unit_id',
        'month',
        'days',
      ]),
  ).execute();

  // The fill is the same SQL the module's rebuild runs (src/modules/enquiry/evidence-rollup.ts),
  // copied because a migration must not change when the module does. A sum of the distinct
  // values 0 and 2^(month-1) is the bitwise OR of those months (SQLite has no bit_or). A record
  // sets its month in its year's row (bits 0 to 11) and in the next year's (bits 12 to 23).
  const bit = sql`(1 << (cast(substr(created_at, 6, 2) as integer) - 1))`;
  // Per unit ('' for none), then the whole organisation ('*', which never names a unit).
  for (const unit of [sql`coalesce(unit_id, '')`, sql`'*'`]) {
    await sql`insert into enquiry_people_year (organisation_id, unit_id, person_id, year,
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
        from enquiries
        union all
        select organisation_id, ${unit}, person_id,
          cast(substr(created_at, 1, 4) as integer), ${bit}, 'r',
          cast(null as text), 0, kind
        from enquiry_referrals
      ) x
      cross join (select 0 as shift union all select 1 as shift) s
    ) y
    group by organisation_id, unit_id, person_id, row_year`.execute(db);
  }
  await sql`insert into enquiry_month (organisation_id, unit_id, month, not_now, returned, referred, closed)
    select organisation_id, unit_id, month, sum(not_now), sum(returned), sum(referred), sum(closed)
    from (
      select organisation_id, coalesce(unit_id, '') as unit_id, substr(created_at, 1, 7) as month,
        case when outcome = 'not_now' then 1 else 0 end as not_now,
        case when outcome = 'not_now' and returned_at is not null then 1 else 0 end as returned,
        0 as referred, 0 as closed
      from enquiries
      union all
      select organisation_id, coalesce(unit_id, ''), substr(created_at, 1, 7), 0, 0,
        case when kind = 'referred' then 1 else 0 end,
        case when kind = 'referred' and closed_at is not null then 1 else 0 end
      from enquiry_referrals
    ) x
    group by organisation_id, unit_id, month
    having sum(not_now) + sum(returned) + sum(referred) + sum(closed) > 0`.execute(db);
  const days =
    dialectOf(db) === 'postgres'
      ? sql`floor(extract(epoch from (closed_at::timestamptz - created_at::timestamptz)) / 86400)::int`
      : sql`cast(julianday(closed_at) - julianday(created_at) as integer)`;
  await sql`insert into enquiry_close_days (organisation_id, unit_id, month, days, n)
    select organisation_id, coalesce(unit_id, ''), substr(created_at, 1, 7), ${days}, count(*)
    from enquiry_referrals
    where kind = 'referred' and closed_at is not null
    group by organisation_id, coalesce(unit_id, ''), substr(created_at, 1, 7), ${days}`.execute(db);
  for (const table of ['enquiry_month', 'enquiry_close_days']) {
    const sums =
      table === 'enquiry_month'
        ? sql`month, sum(not_now), sum(returned), sum(referred), sum(closed)`
        : sql`month, days, sum(n)`;
    const columns =
      table === 'enquiry_month'
        ? sql`month, not_now, returned, referred, closed`
        : sql`month, days, n`;
    const groups = table === 'enquiry_month' ? sql`month` : sql`month, days`;
    await sql`insert into ${sql.table(table)} (organisation_id, unit_id, ${columns})
      select organisation_id, '*', ${sums} from ${sql.table(table)}
      group by organisation_id, ${groups}`.execute(db);
  }
}
