/**
 * The DuckDB side of bench/force.ts: the raw rows loaded into an in-memory DuckDB, and the
 * queries that compute each dashboard view's figures from them.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Connection } from '../src/db/index.ts';
import type { DashboardScope } from '../src/modules/force/index.ts';
import { must } from '../src/modules/force/must.ts';

/** Loads the raw incident, intervention, bed-day and population rows into DuckDB. */
export async function loadDuckDb(conn: Connection, duck: DuckDBConnection) {
  await duck.run(`create table incidents (id varchar, organisation_id varchar, unit_id varchar, period varchar, year varchar,
    grp_ethnicity varchar, grp_sex varchar, grp_age_band varchar, grp_disability varchar, grp_ld_autism varchar,
    injury_person integer, account_offered integer, account_given integer, plan_applicable integer, plan_followed integer)`);
  await duck.run(`create table interventions (incident_id varchar, organisation_id varchar, unit_id varchar, period varchar,
    type_code varchar, duration_minutes integer)`);
  await duck.run(
    `create table bed_days (organisation_id varchar, unit_id varchar, period varchar, obd integer)`,
  );
  await duck.run(
    `create table population (organisation_id varchar, unit_id varchar, year varchar, dimension varchar, group_code varchar, people integer)`,
  );
  const db = conn.db;
  const inc = await duck.createAppender('incidents');
  const ivApp = await duck.createAppender('interventions');
  const periodOf = new Map<string, { org: string; unit: string; period: string }>();
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('force_incidents')
      .select([
        'id',
        'organisation_id',
        'unit_id',
        'period',
        'grp_ethnicity',
        'grp_sex',
        'grp_age_band',
        'grp_disability',
        'grp_ld_autism',
        'injury_person',
        'account_offered',
        'account_status',
        'plan_followed',
      ])
      .where('id', '>', after)
      .orderBy('id')
      .limit(50_000)
      .execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      inc.appendVarchar(r.id);
      inc.appendVarchar(r.organisation_id);
      inc.appendVarchar(r.unit_id);
      inc.appendVarchar(r.period);
      inc.appendVarchar(r.period.slice(0, 4));
      inc.appendVarchar(r.grp_ethnicity);
      inc.appendVarchar(r.grp_sex);
      inc.appendVarchar(r.grp_age_band);
      inc.appendVarchar(r.grp_disability);
      inc.appendVarchar(r.grp_ld_autism);
      inc.appendInteger(Number(r.injury_person));
      inc.appendInteger(Number(r.account_offered));
      inc.appendInteger(r.account_status === 'given' ? 1 : 0);
      inc.appendInteger(r.plan_followed !== null ? 1 : 0);
      inc.appendInteger(r.plan_followed === 'yes' ? 1 : 0);
      inc.endRow();
      periodOf.set(r.id, { org: r.organisation_id, unit: r.unit_id, period: r.period });
    }
    after = must(rows.at(-1)).id;
  }
  inc.closeSync();
  after = '';
  for (;;) {
    const rows = await db
      .selectFrom('force_interventions')
      .select(['id', 'incident_id', 'type_code', 'duration_minutes'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(50_000)
      .execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      const p = must(periodOf.get(r.incident_id));
      ivApp.appendVarchar(r.incident_id);
      ivApp.appendVarchar(p.org);
      ivApp.appendVarchar(p.unit);
      ivApp.appendVarchar(p.period);
      ivApp.appendVarchar(r.type_code);
      if (r.duration_minutes === null) ivApp.appendNull();
      else ivApp.appendInteger(Number(r.duration_minutes));
      ivApp.endRow();
    }
    after = must(rows.at(-1)).id;
  }
  ivApp.closeSync();
  const bd = await duck.createAppender('bed_days');
  for (const r of await db.selectFrom('force_bed_days').selectAll().execute()) {
    bd.appendVarchar(r.organisation_id);
    bd.appendVarchar(r.unit_id);
    bd.appendVarchar(r.period);
    bd.appendInteger(Number(r.occupied_bed_days));
    bd.endRow();
  }
  bd.closeSync();
  const pop = await duck.createAppender('population');
  for (const r of await db.selectFrom('force_population').selectAll().execute()) {
    pop.appendVarchar(r.organisation_id);
    pop.appendVarchar(r.unit_id);
    pop.appendVarchar(r.year);
    pop.appendVarchar(r.dimension);
    pop.appendVarchar(r.group_code);
    pop.appendInteger(Number(r.people));
    pop.endRow();
  }
  pop.closeSync();
}

/** The same aggregates as each dashboard view, computed by DuckDB from the raw rows. */
export function duckQueries(scope: DashboardScope, from: string, to: string, year: string) {
  const where =
    scope.level === 'national'
      ? 'true'
      : scope.level === 'organisation'
        ? `organisation_id = '${scope.organisationId}'`
        : `organisation_id = '${scope.organisationId}' and unit_id = '${scope.unitId}'`;
  const range = `period between '${from}' and '${to}'`;
  const below = scope.level === 'national' ? 'organisation_id' : 'unit_id';
  return {
    trend: [
      `select period, type_code, count(*) from interventions where ${where} and ${range} group by 1, 2`,
    ],
    monthly: [
      `select period, count(*), sum(injury_person), sum(account_offered), sum(account_given), sum(plan_applicable), sum(plan_followed)
         from incidents where ${where} and ${range} group by 1`,
      `select period, count(*), count(*) filter (where type_code = '01') from interventions where ${where} and ${range} group by 1`,
      `select period, sum(obd) from bed_days where ${where} and ${range} group by 1`,
    ],
    duration: [
      `select type_code, count(*), count(duration_minutes), avg(duration_minutes), median(duration_minutes)
         from interventions where ${where} and ${range} group by 1`,
    ],
    disparity: [
      `select 'ethnicity', grp_ethnicity, count(*) from incidents where ${where} and year = '${year}' group by 2
       union all select 'sex', grp_sex, count(*) from incidents where ${where} and year = '${year}' group by 2
       union all select 'age_band', grp_age_band, count(*) from incidents where ${where} and year = '${year}' group by 2
       union all select 'disability', grp_disability, count(*) from incidents where ${where} and year = '${year}' group by 2
       union all select 'ld_autism', grp_ld_autism, count(*) from incidents where ${where} and year = '${year}' group by 2`,
      `select dimension, group_code, sum(people) from population where ${where} and year = '${year}' group by 1, 2`,
    ],
    // A unit is judged against the national reporting rate, which needs every organisation's
    // totals; an organisation or the nation against the scopes below it, which it reads anyway.
    zeroFlags:
      scope.level === 'unit'
        ? [
            `select count(*) from interventions where ${where} and ${range}`,
            `select sum(obd) from bed_days where ${where} and ${range}`,
            `select organisation_id, count(*) from interventions where ${range} group by 1`,
            `select organisation_id, sum(obd) from bed_days where ${range} group by 1`,
          ]
        : [
            `select ${below}, count(*) from interventions where ${where} and ${range} group by 1`,
            `select ${below}, sum(obd) from bed_days where ${where} and ${range} group by 1`,
          ],
    // Not timed: each type's two middle durations (the same one when the count is odd), which
    // set how far Hearth's median from duration buckets may be from the exact one.
    middles: [
      `select type_code,
              min(duration_minutes) filter (where r = (n + 1) // 2),
              min(duration_minutes) filter (where r = n // 2 + 1)
         from (select type_code, duration_minutes,
                      row_number() over (partition by type_code order by duration_minutes) as r,
                      count(*) over (partition by type_code) as n
                 from interventions
                where ${where} and ${range} and duration_minutes is not null)
        group by 1`,
    ],
  };
}
