/**
 * The use-of-force rollups for tests: what the rollup tables hold, and the same figures
 * recounted with GROUP BY from incidents, interventions and denominators, keyed alike so
 * `assert.deepEqual` compares them at unit, organisation and national scope.
 */
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { Db } from '../src/db/index.ts';
import { dimensionCodes } from '../src/modules/force/codes.ts';
import { BUCKET_COLUMNS, MONTH_MEASURES } from '../src/modules/force/rollups.ts';
import { DURATION_BUCKETS, durationBucket } from '../src/modules/force/stats.ts';

/** One rollup row's measures. */
export type Measures = Record<string, number>;
type Table = Map<string, Measures>;

const TYPE_MEASURES = ['interventions', 'duration_count', 'duration_sum', ...BUCKET_COLUMNS];
const GROUP_MEASURES = ['incidents', 'people'];

/** Adds a unit-level count to the unit, its organisation and the national totals. */
function addAtEveryScope(
  table: Table,
  org: string,
  unit: string,
  rest: string,
  add: Measures,
): void {
  for (const scope of [`${org}|${unit}`, `${org}|`, `*|`]) {
    const key = `${scope}|${rest}`;
    const m = table.get(key) ?? {};
    for (const [field, n] of Object.entries(add)) m[field] = (m[field] ?? 0) + Number(n);
    table.set(key, m);
  }
}

/** Drops rows whose measures are all zero, and fills missing measures with zero. */
function settle(table: Table, measures: readonly string[]): Record<string, Measures> {
  const out: Record<string, Measures> = {};
  for (const key of [...table.keys()].sort()) {
    const m = table.get(key)!;
    const full = Object.fromEntries(measures.map((f) => [f, Number(m[f] ?? 0)]));
    if (Object.values(full).some((n) => n !== 0)) out[key] = full;
  }
  return out;
}

/** What the rollup tables hold. */
export async function storedRollups(db: Db) {
  const month: Table = new Map();
  for (const r of (
    await sql<Record<string, string | number>>`select * from force_rollup_month`.execute(db)
  ).rows)
    month.set(`${r.organisation_id}|${r.unit_id}|${r.period}`, r as Measures);
  const type: Table = new Map();
  for (const r of (
    await sql<Record<string, string | number>>`select * from force_rollup_type`.execute(db)
  ).rows)
    type.set(`${r.organisation_id}|${r.unit_id}|${r.period}|${r.type_code}`, r as Measures);
  const group: Table = new Map();
  for (const r of (
    await sql<Record<string, string | number>>`select * from force_rollup_group`.execute(db)
  ).rows)
    group.set(
      `${r.organisation_id}|${r.unit_id}|${r.year}|${r.dimension}|${r.group_code}`,
      r as Measures,
    );
  return {
    month: settle(month, MONTH_MEASURES),
    type: settle(type, TYPE_MEASURES),
    group: settle(group, GROUP_MEASURES),
  };
}

/** The rollups recounted with GROUP BY from incidents, interventions and denominators. */
export async function recountedRollups(db: Db) {
  const month: Table = new Map();
  const incidents = await sql<Record<string, string>>`
    select organisation_id, unit_id, period, count(*) as incidents,
      sum(injury_person) as injuries_person, sum(account_offered) as account_offered,
      sum(case when account_status = 'given' then 1 else 0 end) as account_given,
      sum(case when plan_followed is not null then 1 else 0 end) as plan_applicable,
      sum(case when plan_followed = 'yes' then 1 else 0 end) as plan_followed
    from force_incidents group by organisation_id, unit_id, period`.execute(db);
  for (const { organisation_id, unit_id, period, ...m } of incidents.rows)
    addAtEveryScope(month, organisation_id!, unit_id!, period!, m as unknown as Measures);
  const interventions = await sql<Record<string, string>>`
    select f.organisation_id, f.unit_id, f.period, count(*) as interventions,
      sum(case when i.type_code = '01' then 1 else 0 end) as prone_interventions
    from force_interventions i join force_incidents f on f.id = i.incident_id
    group by f.organisation_id, f.unit_id, f.period`.execute(db);
  for (const { organisation_id, unit_id, period, ...m } of interventions.rows)
    addAtEveryScope(month, organisation_id!, unit_id!, period!, m as unknown as Measures);
  const bedDays = await sql<Record<string, string>>`
    select organisation_id, unit_id, period, sum(occupied_bed_days) as bed_days
    from force_bed_days group by organisation_id, unit_id, period`.execute(db);
  for (const { organisation_id, unit_id, period, ...m } of bedDays.rows)
    addAtEveryScope(month, organisation_id!, unit_id!, period!, m as unknown as Measures);

  const type: Table = new Map();
  const types = await sql<Record<string, string>>`
    select f.organisation_id, f.unit_id, f.period, i.type_code, count(*) as interventions,
      count(i.duration_minutes) as duration_count,
      coalesce(sum(i.duration_minutes), 0) as duration_sum
    from force_interventions i join force_incidents f on f.id = i.incident_id
    group by f.organisation_id, f.unit_id, f.period, i.type_code`.execute(db);
  for (const { organisation_id, unit_id, period, type_code, ...m } of types.rows)
    addAtEveryScope(
      type,
      organisation_id!,
      unit_id!,
      `${period}|${type_code}`,
      m as unknown as Measures,
    );
  const durations = await sql<{
    organisation_id: string;
    unit_id: string;
    period: string;
    type_code: string;
    duration_minutes: number;
  }>`
    select f.organisation_id, f.unit_id, f.period, i.type_code, i.duration_minutes
    from force_interventions i join force_incidents f on f.id = i.incident_id
    where i.duration_minutes is not null`.execute(db);
  for (const d of durations.rows) {
    const bucket = durationBucket(Number(d.duration_minutes));
    assert.ok(bucket >= 0 && bucket < DURATION_BUCKETS);
    addAtEveryScope(type, d.organisation_id, d.unit_id, `${d.period}|${d.type_code}`, {
      [BUCKET_COLUMNS[bucket]!]: 1,
    });
  }

  const group: Table = new Map();
  const groups = await sql<Record<string, string>>`
    select organisation_id, unit_id, substr(period, 1, 4) as year, grp_ethnicity, grp_sex,
      grp_age_band, grp_disability, grp_ld_autism, count(*) as incidents
    from force_incidents
    group by organisation_id, unit_id, substr(period, 1, 4), grp_ethnicity, grp_sex,
      grp_age_band, grp_disability, grp_ld_autism`.execute(db);
  for (const r of groups.rows) {
    for (const dimension of dimensionCodes) {
      addAtEveryScope(
        group,
        r.organisation_id!,
        r.unit_id!,
        `${r.year}|${dimension}|${r[`grp_${dimension}`]}`,
        { incidents: Number(r.incidents) },
      );
    }
  }
  const people = await sql<Record<string, string>>`
    select organisation_id, unit_id, year, dimension, group_code, sum(people) as people
    from force_population group by organisation_id, unit_id, year, dimension, group_code`.execute(
    db,
  );
  for (const r of people.rows)
    addAtEveryScope(
      group,
      r.organisation_id!,
      r.unit_id!,
      `${r.year}|${r.dimension}|${r.group_code}`,
      { people: Number(r.people) },
    );
  return {
    month: settle(month, MONTH_MEASURES),
    type: settle(type, TYPE_MEASURES),
    group: settle(group, GROUP_MEASURES),
  };
}
