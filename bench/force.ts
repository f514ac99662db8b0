/**
 * `npm run bench:force -- --incidents N [--dialect sqlite|postgres] [--samples S]`
 *
 * Builds N synthetic incidents (src/modules/force/generate.ts) in a fresh database, times every
 * dashboard view at unit, organisation and national scope through the real service (which reads
 * the rollup tables), times the same aggregates computed by DuckDB from the raw incident and
 * intervention rows in the same run, and times a bulk import. Prints a table, then one JSON line.
 *
 * Before timing, every figure of every view is compared between Hearth and DuckDB
 * (bench/force-figures.ts states the tolerance); the bench stops if they differ. Each side is
 * then timed 3 times, alternating, and each view reports the median of the 3 speed-ups.
 */
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';
import { openBenchDatabase } from './bench-db.ts';
import { migrateToLatest } from '../src/db/index.ts';
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
import { duckQueries, loadDuckDb } from './force-duckdb.ts';
import { differences, duckFigures, hearthFigures } from './force-figures.ts';
import type { ViewName } from './force-figures.ts';

const args = process.argv.slice(2);
function arg(name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return (i >= 0 ? args[i + 1] : undefined) ?? fallback;
}
const incidents = Number(arg('incidents', '200000'));
const dialect = arg('dialect', 'sqlite') as 'sqlite' | 'postgres';
const samples = Number(arg('samples', '40'));
/** How many times each side is timed; each view reports the median of the ratios. */
const REPEATS = 3;
const importRows = Number(
  arg('import-rows', String(Math.min(100_000, Math.max(5_000, Math.round(incidents / 10))))),
);

function log(message: string) {
  process.stderr.write(`${message}\n`);
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

/** The 12 months ending with `end` (YYYY-MM), as an inclusive range. */
function lastTwelveMonths(end: string): { from: string; to: string } {
  const [year, month] = end.split('-').map(Number) as [number, number];
  const first = year * 12 + (month - 1) - 11;
  const from = `${Math.floor(first / 12)}-${String((first % 12) + 1).padStart(2, '0')}`;
  return { from, to: end };
}

function median(values: number[]): number {
  return percentile(values, 50);
}

async function main() {
  const started = performance.now();
  const database = await openBenchDatabase(dialect);
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
    const range = lastTwelveMonths(end);
    const year = String(Number(end.slice(0, 4)) - 1);
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

    // Every view at every scope, with the DuckDB queries that compute the same figures.
    const jobs = scopes.flatMap(([scopeName, scope]) => {
      const dq = duckQueries(scope, range.from, range.to, year);
      const views: [ViewName, () => Promise<unknown>][] = [
        ['trend', () => force.dashboards.trend(national, scope, range)],
        ['monthly', () => force.dashboards.monthly(national, scope, range)],
        ['duration', () => force.dashboards.duration(national, scope, range)],
        ['disparity', () => force.dashboards.disparity(national, scope, year)],
        ['zeroFlags', () => force.dashboards.zeroFlags(national, scope, range)],
      ];
      return views.map(([view, hearth]) => ({
        view,
        scopeName,
        scope,
        hearth,
        queries: dq[view],
        middles: dq.middles,
      }));
    });
    const runDuck = async (queries: string[]) => {
      const rows: unknown[][][] = [];
      for (const q of queries) rows.push(await (await duck.run(q)).getRows());
      return rows;
    };

    // Before timing anything: both sides must give the same figures (bench/force-figures.ts).
    const problems: string[] = [];
    let figuresChecked = 0;
    for (const job of jobs) {
      const ours = hearthFigures(job.view, await job.hearth());
      const middles = job.view === 'duration' ? must((await runDuck(job.middles))[0]) : [];
      const unitId = job.scope.level === 'unit' ? job.scope.unitId : '';
      const theirs = duckFigures(
        job.view,
        await runDuck(job.queries),
        job.scope.level,
        unitId,
        middles,
      );
      figuresChecked += ours.values.size + ours.medians.size;
      problems.push(...differences(`${job.view} (${job.scopeName})`, ours, theirs));
    }
    if (problems.length > 0) {
      throw new Error(
        `Hearth and DuckDB disagree on ${problems.length} figures, so nothing was timed:\n${problems.slice(0, 30).join('\n')}`,
      );
    }
    log(`Hearth and DuckDB agree on all ${figuresChecked} figures of ${jobs.length} views.`);

    // Each side is timed REPEATS times, alternating, and each view reports the median of the
    // per-repeat ratios, so one slow moment on this shared machine cannot make the result.
    const timings = jobs.map(() => ({
      p50: [] as number[],
      p95: [] as number[],
      duckP50: [] as number[],
      ratio: [] as number[],
    }));
    for (let repeat = 1; repeat <= REPEATS; repeat++) {
      log(`Timing, repeat ${repeat} of ${REPEATS}…`);
      for (const [i, job] of jobs.entries()) {
        const ours = await timeIt(job.hearth, samples);
        const theirs = await timeIt(
          () => runDuck(job.queries),
          Math.max(10, Math.round(samples / 2)),
        );
        const t = must(timings[i]);
        t.p50.push(ours.p50);
        t.p95.push(ours.p95);
        t.duckP50.push(theirs.p50);
        t.ratio.push(theirs.p50 / ours.p50);
      }
    }
    const results = jobs.map((job, i) => {
      const t = must(timings[i]);
      return {
        view: job.view,
        scope: job.scopeName,
        p50: median(t.p50),
        p95: median(t.p95),
        duckP50: median(t.duckP50),
        speedup: median(t.ratio),
        speedups: t.ratio,
      };
    });
    duck.closeSync();

    // Import: the largest organisation's rows re-issued with new ids, imported in one go.
    log(`Timing an import of ${importRows.toLocaleString('en-GB')} rows…`);
    const csv = await force.transfer.exportCsv(
      admin,
      { from: '0000-00', to: '9999-99' },
      'combined',
      {
        actor: null,
        ip: null,
      },
    );
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
    const imported = await force.transfer.importCsv(admin, importText, { actor: null, ip: null });
    const importSeconds = (performance.now() - importStart) / 1000;
    if (!imported.ok)
      throw new Error(`import failed: ${JSON.stringify(imported.problems.slice(0, 5))}`);
    const importRowsPerS = whole.length / importSeconds;

    console.log(
      `\nUse-of-force dashboards on ${dialect}, ${incidents.toLocaleString('en-GB')} incidents (${made.interventions.toLocaleString('en-GB')} interventions), ${samples} samples per view, each side timed ${REPEATS} times`,
    );
    console.log(
      `Figures checked before timing: ${figuresChecked}, all equal (medians within their duration buckets).`,
    );
    console.log(
      'Times are the median of the repeats; the speed-up is the median of the per-repeat ratios.',
    );
    console.log(
      'view        scope          p50 ms   p95 ms   DuckDB p50 ms   speed-up   (repeats)',
    );
    for (const r of results) {
      console.log(
        `${r.view.padEnd(11)} ${r.scope.padEnd(13)} ${r.p50.toFixed(2).padStart(7)} ${r.p95.toFixed(2).padStart(8)} ${r.duckP50.toFixed(2).padStart(15)} ${r.speedup.toFixed(1).padStart(9)}×   (${r.speedups.map((x) => x.toFixed(1)).join(', ')})`,
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
        speedup_repeats: REPEATS,
        figures_checked: figuresChecked,
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
