/**
 * `npm run bench:force -- --incidents N [--dialect sqlite|postgres] [--samples S]`
 *
 * Builds N synthetic incidents (src/modules/force/generate.ts) in a fresh database, times every
 * dashboard view at unit, organisation and national scope through the real service (which reads
 * the rollup tables), times the same aggregates computed by DuckDB from the raw incident and
 * intervention rows in the same run, and times a bulk import. Prints a table, then one JSON line.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { connect, migrateToLatest } from '../src/db/index.ts';
import type { Connection } from '../src/db/index.ts';
import { createServices } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { Actor } from '../src/modules/accounts/index.ts';
import {
  createForceService,
  createForceStore,
  generateSyntheticData,
} from '../src/modules/force/index.ts';
import type { DashboardScope } from '../src/modules/force/index.ts';
import { CSV_COLUMNS } from '../src/modules/force/csv.ts';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { must } from '../src/modules/force/must.ts';

const args = process.argv.slice(2);
function arg(name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return (i >= 0 ? args[i + 1] : undefined) ?? fallback;
}
const incidents = Number(arg('incidents', '200000'));
const dialect = arg('dialect', 'sqlite') as 'sqlite' | 'postgres';
const samples = Number(arg('samples', '40'));
const importRows = Number(
  arg('import-rows', String(Math.min(100_000, Math.max(5_000, Math.round(incidents / 10))))),
);
const pgAdmin =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres:hearth-ci@127.0.0.1:5432/postgres';

function log(message: string) {
  process.stderr.write(`${message}\n`);
}

async function openDatabase(): Promise<{ conn: Connection; drop(): Promise<void> }> {
  if (dialect === 'postgres') {
    const name = `hearth_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: pgAdmin });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(pgAdmin);
    url.pathname = `/${name}`;
    const conn = await connect(url.toString());
    return {
      conn,
      async drop() {
        await conn.close();
        const a = new pg.Client({ connectionString: pgAdmin });
        await a.connect();
        await a.query(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-bench-'));
  const conn = await connect(`sqlite:${path.join(dir, 'bench.sqlite')}`);
  return {
    conn,
    async drop() {
      await conn.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return must(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]);
}

async function timeIt(
  fn: () => Promise<unknown>,
  n: number,
): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 3; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

function lastMonth(): string {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
}

async function loadDuckDb(conn: Connection, duck: DuckDBConnection) {
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
function duckQueries(scope: DashboardScope, from: string, to: string, year: string) {
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
      `select type_code, count(*), avg(duration_minutes), median(duration_minutes) from interventions where ${where} and ${range} group by 1`,
    ],
    disparity: [
      `select 'ethnicity', grp_ethnicity, count(*) from incidents where ${where} and year = '${year}' group by 2
       union all select 'sex', grp_sex, count(*) from incidents where ${where} and year = '${year}' group by 2
       union all select 'age_band', grp_age_band, count(*) from incidents where ${where} and year = '${year}' group by 2
       union all select 'disability', grp_disability, count(*) from incidents where ${where} and year = '${year}' group by 2
       union all select 'ld_autism', grp_ld_autism, count(*) from incidents where ${where} and year = '${year}' group by 2`,
      `select dimension, group_code, sum(people) from population where ${where} and year = '${year}' group by 1, 2`,
    ],
    zeroFlags: [
      scope.level === 'unit'
        ? `select count(*) from interventions where ${where} and ${range}`
        : `select ${below}, count(*) from interventions where ${where} and ${range} group by 1`,
      scope.level === 'unit'
        ? `select sum(obd) from bed_days where ${where} and ${range}`
        : `select ${below}, sum(obd) from bed_days where ${where} and ${range} group by 1`,
      `select count(*) from interventions where ${range}`,
      `select sum(obd) from bed_days where ${range}`,
    ],
  };
}

async function main() {
  const started = performance.now();
  const database = await openDatabase();
  const { conn } = database;
  try {
    await migrateToLatest(conn.db);
    const config = { ...loadConfig({ NODE_ENV: 'test', HEARTH_DATA_DIR: os.tmpdir() }) };
    const services = createServices(conn, config);
    const store = createForceStore();
    const force = createForceService({
      db: conn.db,
      store,
      audit: services.auditLog,
      clock: () => new Date(),
      directory: services.accounts.people,
    });
    const end = lastMonth();
    log(`Generating ${incidents.toLocaleString('en-GB')} incidents on ${dialect}…`);
    const genStart = performance.now();
    const made = await generateSyntheticData(
      {
        db: conn.db,
        store,
        provisionOrganisation: (name) => services.accounts.provisioning.provisionOrganisation(name),
        provisionUnit: (org, name, kind) =>
          services.accounts.provisioning.provisionUnit(org, name, kind),
      },
      {
        incidents,
        endPeriod: end,
        years: 10,
        onProgress: (done, total) =>
          log(`  ${done.toLocaleString('en-GB')} / ${total.toLocaleString('en-GB')}`),
      },
    );
    const generateSeconds = (performance.now() - genStart) / 1000;
    log(`Generated in ${generateSeconds.toFixed(1)} s: ${JSON.stringify(made)}`);
    const { sql } = await import('kysely');
    if (dialect === 'postgres') {
      // Settle the freshly loaded database as PostgreSQL would soon do on its own (autovacuum,
      // checkpoint), so the timings below do not share the machine with that clean-up.
      await sql`vacuum analyze`.execute(conn.db);
      await sql`checkpoint`.execute(conn.db);
    } else {
      // The same for SQLite: copy the write-ahead log into the database file and flush it to
      // disk, so the import below does not share the disk with writing back gigabytes of
      // generated data (on this machine the import's timings varied far more without this).
      await sql`pragma wal_checkpoint(truncate)`.execute(conn.db);
    }

    // Pick the largest organisation and its busiest unit as the scopes to time.
    const orgTotals = await store.totalsBelow(conn.db, null, '0000-00', '9999-99');
    const org = must(orgTotals.sort((a, b) => b.interventions - a.interventions)[0]).scopeId;
    const unitTotals = await store.totalsBelow(conn.db, org, '0000-00', '9999-99');
    const unit = must(unitTotals.sort((a, b) => b.interventions - a.interventions)[0]).scopeId;
    const national: Actor = {
      id: randomUUID(),
      organisationId: randomUUID(),
      role: 'national_operator',
      displayName: 'Bench',
      unitIds: [],
    };
    const admin: Actor = {
      id: randomUUID(),
      organisationId: org,
      role: 'org_admin',
      displayName: 'Bench',
      unitIds: [],
    };
    const from =
      `${end.slice(0, 4)}-01` <= end
        ? `${String(Number(end.slice(0, 4)) - 1)}${end.slice(4)}`
        : end;
    const range = { from: from > end ? end : from, to: end };
    range.from = `${String(Number(end.slice(0, 4)) - 1)}-${end.slice(5)}`;
    range.from = range.from > end ? end : range.from;
    // 12 months ending `end`
    const [ey, em] = end.split('-').map(Number) as [number, number];
    const startIndex = ey * 12 + em - 1 - 11;
    range.from = `${Math.floor(startIndex / 12)}-${String((startIndex % 12) + 1).padStart(2, '0')}`;
    const year = String(ey - 1);
    const scopes: [string, DashboardScope][] = [
      ['unit', { level: 'unit', organisationId: org, unitId: unit }],
      ['organisation', { level: 'organisation', organisationId: org }],
      ['national', { level: 'national' }],
    ];

    log('Loading the raw rows into DuckDB…');
    const duckStart = performance.now();
    const instance = await DuckDBInstance.create(':memory:');
    const duck = await instance.connect();
    await loadDuckDb(conn, duck);
    log(`Loaded in ${((performance.now() - duckStart) / 1000).toFixed(1)} s`);

    const results: {
      view: string;
      scope: string;
      p50: number;
      p95: number;
      duckP50: number;
      duckP95: number;
      speedup: number;
    }[] = [];
    for (const [scopeName, scope] of scopes) {
      const views: [string, () => Promise<unknown>][] = [
        ['trend', () => force.dashboardTrend(national, scope, range)],
        ['monthly', () => force.dashboardMonthly(national, scope, range)],
        ['duration', () => force.dashboardDuration(national, scope, range)],
        ['disparity', () => force.dashboardDisparity(national, scope, year)],
        ['zeroFlags', () => force.dashboardZeroFlags(national, scope, range)],
      ];
      const dq = duckQueries(scope, range.from, range.to, year);
      for (const [view, fn] of views) {
        const ours = await timeIt(fn, samples);
        const queries = dq[view as keyof typeof dq];
        const theirs = await timeIt(
          async () => {
            for (const q of queries) await (await duck.run(q)).getRows();
          },
          Math.max(10, Math.round(samples / 2)),
        );
        results.push({
          view,
          scope: scopeName,
          p50: ours.p50,
          p95: ours.p95,
          duckP50: theirs.p50,
          duckP95: theirs.p95,
          speedup: theirs.p50 / ours.p50,
        });
      }
    }
    duck.closeSync();

    // Import: the largest organisation's rows re-issued with new ids, imported in one go.
    log(`Timing an import of ${importRows.toLocaleString('en-GB')} rows…`);
    const csv = await force.exportCsv(admin, { from: '0000-00', to: '9999-99' }, 'combined', {
      actor: null,
      ip: null,
    });
    const parsed = parse(csv, { columns: true }) as Record<string, string>[];
    const rows = parsed.slice(0, importRows);
    const newIds = new Map<string, string>();
    for (const r of rows) {
      const old = must(r.RestrictiveIntIncID);
      if (!newIds.has(old)) newIds.set(old, randomUUID());
      r.RestrictiveIntIncID = must(newIds.get(old));
      r.RestrictiveIntTypeID = randomUUID();
    }
    // Keep whole incidents only.
    const last = must(rows.at(-1)).RestrictiveIntIncID;
    const whole = rows.filter((r) => r.RestrictiveIntIncID !== last || rows.length < 2);
    const importText = stringify(whole, { header: true, columns: [...CSV_COLUMNS] });
    const importStart = performance.now();
    const imported = await force.importCsv(admin, importText, { actor: null, ip: null });
    const importSeconds = (performance.now() - importStart) / 1000;
    if (!imported.ok)
      throw new Error(`import failed: ${JSON.stringify(imported.problems.slice(0, 5))}`);
    const importRowsPerS = whole.length / importSeconds;

    console.log(
      `\nUse-of-force dashboards on ${dialect}, ${incidents.toLocaleString('en-GB')} incidents (${made.interventions.toLocaleString('en-GB')} interventions), ${samples} samples per view`,
    );
    console.log('view        scope          p50 ms   p95 ms   DuckDB p50 ms   speed-up');
    for (const r of results) {
      console.log(
        `${r.view.padEnd(11)} ${r.scope.padEnd(13)} ${r.p50.toFixed(2).padStart(7)} ${r.p95.toFixed(2).padStart(8)} ${r.duckP50.toFixed(2).padStart(15)} ${r.speedup.toFixed(1).padStart(9)}×`,
      );
    }
    console.log(
      `import: ${whole.length.toLocaleString('en-GB')} rows in ${importSeconds.toFixed(2)} s = ${Math.round(importRowsPerS).toLocaleString('en-GB')} rows/s`,
    );
    console.log(
      `generate: ${generateSeconds.toFixed(1)} s; total run ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    console.log(
      JSON.stringify({
        incidents,
        dialect,
        dashboard_p95_ms_max: Number(Math.max(...results.map((r) => r.p95)).toFixed(2)),
        speedup_vs_duckdb_min: Number(Math.min(...results.map((r) => r.speedup)).toFixed(1)),
        import_rows_per_s: Math.round(importRowsPerS),
        interventions: made.interventions,
        generate_s: Number(generateSeconds.toFixed(1)),
      }),
    );
  } finally {
    await database.drop();
  }
}

await main();
