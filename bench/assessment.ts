/**
 * `npm run bench:assessment -- --responses N [--dialect sqlite|postgres] [--samples S]`
 *
 * Builds an organisation of 40 units with two closed rounds each (so every results page has a
 * previous round to compare with) and N synthetic responses spread over the 80 rounds, then
 * times the results page's data through the real service: every principle and statement, every
 * group, the 95% intervals and the Welch comparison with the previous round. Nothing is kept
 * between calls, so every call is what a manager opening the page waits for (a first read).
 * Then, unless `--no-evidence`, it builds a year of records for the same organisation and units
 * (bench/assessment-evidence.ts) and times the evidence panel for a unit round and a
 * whole-organisation round, every call working the figures out (nothing is kept between views).
 * Reports p50 and p95 of each, and the bytes the
 * responses (with their aggregate counts) take in the database.
 * Last line: JSON `responses, results_p95_ms, evidence_p95_ms, store_bytes_per_response`.
 */
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { openBenchDatabase } from './bench-db.ts';
import { seedEvidenceRecords, timeEvidence } from './assessment-evidence.ts';
import { migrateToLatest } from '../src/db/index.ts';
import type { Connection } from '../src/db/index.ts';
import { createServices } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { Actor } from '../src/modules/accounts/index.ts';
import { createAssessmentStore } from '../src/modules/assessment/index.ts';
import { writeSyntheticRound } from '../src/modules/assessment/synthetic.ts';

const args = process.argv.slice(2);
function arg(name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return (i >= 0 ? args[i + 1] : undefined) ?? fallback;
}
const responses = Number(arg('responses', '100000'));
const dialect = arg('dialect', 'sqlite') as 'sqlite' | 'postgres';
const samples = Number(arg('samples', '40'));
const withEvidence = !args.includes('--no-evidence');
const UNITS = 40;

function log(message: string) {
  process.stderr.write(`${message}\n`);
}

/**
 * Bytes the responses and their aggregate counts take: the tables and their indexes on
 * PostgreSQL, the used pages on SQLite.
 */
async function storeBytes(conn: Connection): Promise<number> {
  if (dialect === 'postgres') {
    const r = await sql<{
      n: string;
    }>`select (pg_total_relation_size('assessment_responses') +
      pg_total_relation_size('assessment_aggregates'))::text as n`.execute(conn.db);
    return Number(r.rows[0]?.n ?? 0);
  }
  await sql`pragma wal_checkpoint(truncate)`.execute(conn.db);
  const pages = await sql<{ n: number }>`select (page_count - freelist_count) * page_size as n
    from pragma_page_count(), pragma_freelist_count(), pragma_page_size()`.execute(conn.db);
  return Number(pages.rows[0]?.n ?? 0);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function main() {
  const database = await openBenchDatabase(dialect);
  const { conn } = database;
  try {
    await migrateToLatest(conn.db);
    const config = loadConfig({ NODE_ENV: 'test', HEARTH_DATA_DIR: os.tmpdir() });
    const services = createServices(conn, config);
    const store = createAssessmentStore();
    const org = await services.accounts.provisioning.provisionOrganisation('Bench Trust');
    const units: string[] = [];
    for (let u = 0; u < UNITS; u++) {
      units.push(
        (await services.accounts.provisioning.provisionUnit(org.id, `Unit ${u + 1}`, 'ward')).id,
      );
    }
    const before = await storeBytes(conn);
    log(`Writing ${responses.toLocaleString('en-GB')} responses on ${dialect}…`);
    const started = performance.now();
    const perRound = responses / (UNITS * 2);
    const latest: string[] = [];
    let written = 0;
    for (let u = 0; u < UNITS; u++) {
      for (const [r, dates] of [
        ['2026-01-05', '2026-02-01'],
        ['2026-05-04', '2026-06-01'],
      ].entries()) {
        // Spread the remainder so the total is exactly N.
        const count = Math.round(perRound * (u * 2 + r + 1)) - Math.round(perRound * (u * 2 + r));
        const staff = Math.round(count * 0.4);
        const partners = Math.round(count * 0.15);
        const id = await writeSyntheticRound(conn.db, store, {
          organisationId: org.id,
          unitId: units[u] ?? null,
          title: `Unit ${u + 1}, round ${r + 1}`,
          opensOn: dates[0] ?? '',
          closesOn: dates[1] ?? '',
          createdBy: randomUUID(),
          seed: u * 2 + r + 1,
          groups: [
            { group: 'staff', count: staff, level: 3.9 },
            { group: 'people', count: count - staff - partners, level: 3 + r * 0.2 },
            { group: 'partners', count: partners, level: 3.1 },
          ],
        });
        written += count;
        if (r === 1) latest.push(id);
      }
      if ((u + 1) % 10 === 0)
        log(`  ${written.toLocaleString('en-GB')} / ${responses.toLocaleString('en-GB')}`);
    }
    log(`Written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    if (dialect === 'postgres') await sql`vacuum analyze`.execute(conn.db);
    const after = await storeBytes(conn);

    const admin: Actor = {
      id: randomUUID(),
      organisationId: org.id,
      role: 'org_admin',
      displayName: 'Bench',
      unitIds: [],
    };
    const results = services.assessment.results;
    // Check once that the page really has everything in it before timing.
    const check = await results.forRound(admin, latest[0] ?? '');
    if (!check.ready || !check.comparison || check.gaps.length === 0) {
      throw new Error('the results page data is missing its comparison or gap');
    }
    // Every call works the figures out afresh (nothing is kept between calls): first, each
    // round once in turn; then S calls cycling through the units.
    const cold: number[] = [];
    for (const id of latest.slice(1)) {
      const t = performance.now();
      await results.forRound(admin, id);
      cold.push(performance.now() - t);
    }
    const times: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < samples; i++) {
      const c = process.cpuUsage();
      const t = performance.now();
      await results.forRound(admin, latest[i % latest.length] ?? '');
      times.push(performance.now() - t);
      const used = process.cpuUsage(c);
      cpu.push((used.user + used.system) / 1000);
    }
    const p50 = percentile(times, 50);
    const p95 = percentile(times, 95);
    const bytesPer = (after - before) / responses;
    log('');
    log(
      `Results page data (one round of ~${Math.round(perRound)} responses and its previous round)`,
    );
    log(
      `  each round once: p50 ${percentile(cold, 50).toFixed(1)} ms, p95 ${percentile(cold, 95).toFixed(1)} ms over ${cold.length} rounds`,
    );
    log(
      `  ${samples} calls: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (CPU time per call p50 ${percentile(cpu, 50).toFixed(1)} ms, p95 ${percentile(cpu, 95).toFixed(1)} ms); load average ${os.loadavg()[0]?.toFixed(1)}`,
    );
    log(
      `Store: ${((after - before) / 1e6).toFixed(1)} MB for the responses, ${bytesPer.toFixed(0)} bytes each`,
    );
    let evidenceP95: number | null = null;
    if (withEvidence) {
      log('Building a year of records for the evidence panel…');
      const bench = await seedEvidenceRecords(conn.db, services, org.id, units);
      const { unitTimes, orgTimes } = await timeEvidence(services, org.id, units, bench, samples);
      const all = [...unitTimes, ...orgTimes];
      evidenceP95 = Math.round(percentile(all, 95) * 10) / 10;
      log(
        `Evidence panel (figures worked out every call): unit p50 ${percentile(unitTimes, 50).toFixed(1)} / p95 ${percentile(unitTimes, 95).toFixed(1)} ms, organisation p50 ${percentile(orgTimes, 50).toFixed(1)} / p95 ${percentile(orgTimes, 95).toFixed(1)} ms; load average ${os.loadavg()[0]?.toFixed(1)}`,
      );
    }
    process.stdout.write(
      `${JSON.stringify({
        responses,
        results_p95_ms: Math.round(p95 * 10) / 10,
        evidence_p95_ms: evidenceP95,
        store_bytes_per_response: Math.round(bytesPer),
      })}\n`,
    );
  } finally {
    await database.drop();
  }
}

await main();
