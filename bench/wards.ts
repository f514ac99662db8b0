/**
 * `npm run bench:wards -- --wards N --years Y [--dialect sqlite|postgres] [--samples S]`:
 * generates shift reports (3 a day per ward) straight into the table in batches, with the
 * monthly rollup worked out as the save path would (the same accumulate function the rebuild
 * uses), then times the data of a ward's figures page and of the organisation chart (p95 over
 * repeated calls, 12 months each). Prints progress to stderr; the last stdout line is JSON:
 * wards, shift_reports, spc_ward_p95_ms, spc_org_p95_ms.
 */
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { openBenchDatabase } from './bench-db.ts';
import type { Connection } from '../src/db/index.ts';
import { migrateToLatest } from '../src/db/index.ts';
import { createServices } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { sql } from 'kysely';
import { newTimeOrderedId } from '../src/lib/tokens.ts';
import { createWardsStore } from '../src/modules/wards/index.ts';
import { ORGANISATION_ROW } from '../src/modules/wards/tables.ts';
import type { WardShiftReportsTable, WardShiftRollupTable } from '../src/modules/wards/tables.ts';
import {
  accumulate,
  organisationMonthlyTotals,
  wardMonthlyTotals,
} from '../src/modules/wards/rollup.ts';

const args = process.argv.slice(2);
function arg(name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return (i >= 0 ? args[i + 1] : undefined) ?? fallback;
}
const wardCount = Number(arg('wards', '20'));
const years = Number(arg('years', '1'));
const dialect = arg('dialect', 'sqlite') as 'sqlite' | 'postgres';
const samples = Number(arg('samples', '40'));

function log(message: string) {
  process.stderr.write(`${message}\n`);
}

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)] ?? 0;
}

async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return p95(times);
}

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

type Monthly = { period: string; reports: number; conflict: number; containment: number };

/** Monthly totals added up straight from the shift reports (what the rollup must equal). */
async function totalsFromReports(
  db: Connection['db'],
  organisationId: string,
  unitId: string | null,
  from: string,
  to: string,
): Promise<Monthly[]> {
  const month = sql<string>`substr(shift_date, 1, 7)`;
  let q = db
    .selectFrom('ward_shift_reports')
    .select([
      month.as('period'),
      sql<number>`count(*)`.as('reports'),
      sql<number>`sum(conflict_total)`.as('conflict'),
      sql<number>`sum(containment_total)`.as('containment'),
    ])
    .where('organisation_id', '=', organisationId)
    .where('shift_date', '>=', `${from}-01`)
    .where('shift_date', '<=', `${to}-31`);
  if (unitId) q = q.where('unit_id', '=', unitId);
  const rows = await q.groupBy(month).orderBy(month).execute();
  return rows.map((r) => ({
    period: r.period,
    reports: Number(r.reports),
    conflict: Number(r.conflict),
    containment: Number(r.containment),
  }));
}

/**
 * Before timing: the ward's and the organisation's monthly totals read from the rollup (what
 * the pages chart) must equal the same totals added up from the raw reports; stops otherwise.
 */
async function checkAgainstReports(
  db: Connection['db'],
  organisationId: string,
  unitId: string,
  from: string,
  to: string,
) {
  const ward = await wardMonthlyTotals(db, organisationId, unitId, from, to);
  const org = (await organisationMonthlyTotals(db, organisationId, from, to)).map((r) => ({
    period: r.month,
    reports: r.reports,
    conflict: r.conflict,
    containment: r.containment,
  }));
  const pairs = [
    ['ward', ward, await totalsFromReports(db, organisationId, unitId, from, to)],
    ['organisation', org, await totalsFromReports(db, organisationId, null, from, to)],
  ] as const;
  for (const [scope, rollup, raw] of pairs) {
    if (JSON.stringify(rollup) !== JSON.stringify(raw)) {
      log(`${scope} rollup: ${JSON.stringify(rollup)}`);
      log(`${scope} reports: ${JSON.stringify(raw)}`);
      throw new Error(`The ${scope} rollup differs from the shift reports; nothing timed.`);
    }
    log(`checked: the ${scope}'s ${rollup.length} months in the rollup equal the raw reports`);
  }
}

async function main() {
  const database = await openBenchDatabase(dialect);
  const { conn } = database;
  try {
    await migrateToLatest(conn.db);
    const config = loadConfig({ NODE_ENV: 'test', HEARTH_DATA_DIR: os.tmpdir() });
    const services = createServices(conn, config);
    const provisioning = services.accounts.provisioning;
    const org = await provisioning.provisionOrganisation('Bench Trust');
    const units: string[] = [];
    for (let w = 0; w < wardCount; w++)
      units.push((await provisioning.provisionUnit(org.id, `Ward ${w + 1}`, 'ward')).id);
    const { id: adminId } = await provisioning.provisionAccount({
      organisationId: org.id,
      email: 'bench-admin@example.test',
      displayName: 'Bench Admin',
      role: 'org_admin',
      password: randomBytes(12).toString('hex'),
    });
    const admin = await services.accounts.people.actorFor(adminId);
    const wardsStore = createWardsStore();
    const today = new Date().toISOString().slice(0, 10);
    const days = Math.round(years * 365);
    const start = addDays(today, -days);
    const started = performance.now();
    let reports = 0;
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    // One transaction per ward (a commit per batch cost more than the inserts), batches of
    // 1,000 rows (12,000 parameters, inside both engines' limits).
    const orgRows = new Map<string, WardShiftRollupTable>();
    for (const unitId of units)
      await conn.db.transaction().execute(async (trx) => {
        const rollup = new Map<string, WardShiftRollupTable>();
        let batch: WardShiftReportsTable[] = [];
        const flush = async () => {
          if (!batch.length) return;
          await wardsStore.insertReports(trx, batch);
          batch = [];
        };
        for (let d = 0; d < days; d++) {
          const date = addDays(start, d);
          for (const shift of ['early', 'late', 'night'] as const) {
            const verbal = Math.floor(rand() * 4);
            const restraint = rand() < 0.2 ? 1 : 0;
            const counts = { c_verbal: verbal, k_restraint: restraint };
            const row: WardShiftReportsTable = {
              id: newTimeOrderedId(),
              organisation_id: org.id,
              unit_id: unitId,
              shift_date: date,
              shift,
              counts: JSON.stringify(counts),
              conflict_total: verbal,
              containment_total: restraint,
              version: 1,
              recorded_by: adminId,
              recorded_by_name: 'Bench Admin',
              recorded_at: new Date().toISOString(),
            };
            batch.push(row);
            accumulate(rollup, org.id, { ...row, counts });
            reports += 1;
            if (batch.length >= 1000) await flush();
          }
        }
        await flush();
        // The rollup the save path would have built, row for row (rollup.test.ts proves they agree).
        // A ward's own rows now; the organisation's rows ('*') are added up across wards and
        // written once at the end.
        const rows = [...rollup.values()].filter((r) => r.unit_id !== ORGANISATION_ROW);
        for (const r of rollup.values())
          if (r.unit_id === ORGANISATION_ROW) {
            const o = orgRows.get(r.month);
            if (!o) orgRows.set(r.month, { ...r });
            else {
              o.reports += r.reports;
              o.conflict += r.conflict;
              o.containment += r.containment;
              o.wards += r.wards;
            }
          }
        for (let n = 0; n < rows.length; n += 500)
          await trx
            .insertInto('ward_shift_rollup')
            .values(rows.slice(n, n + 500))
            .execute();
      });
    const orgList = [...orgRows.values()];
    for (let n = 0; n < orgList.length; n += 500)
      await conn.db
        .insertInto('ward_shift_rollup')
        .values(orgList.slice(n, n + 500))
        .execute();
    log(
      `generated ${reports} shift reports for ${wardCount} wards in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    // Settle the fresh database as the engine soon would on its own (statistics, checkpoint),
    // so the timings do not share the disk with writing back what was just generated.
    if (dialect === 'postgres') {
      await sql`vacuum analyze`.execute(conn.db);
      await sql`checkpoint`.execute(conn.db);
    } else await sql`pragma wal_checkpoint(truncate)`.execute(conn.db);
    const ward = units[Math.floor(units.length / 2)] as string;
    const from = addDays(today, -365).slice(0, 7);
    const to = today.slice(0, 7);
    await checkAgainstReports(conn.db, org.id, ward, from, to);
    const wardP95 = await timeIt(() => services.wards.figures.page(admin, ward, {}));
    const orgP95 = await timeIt(() => services.wards.screen.organisationFigures.page(admin, {}));
    // The rollup reads alone, to show the database part does not grow with the reports.
    const wardRead = await timeIt(() => wardMonthlyTotals(conn.db, org.id, ward, from, to));
    const orgRead = await timeIt(() => organisationMonthlyTotals(conn.db, org.id, from, to));
    log(
      `${dialect}: rollup reads p95: ward ${wardRead.toFixed(2)} ms, organisation ${orgRead.toFixed(2)} ms`,
    );
    log(
      `${dialect}: ward figures p95 ${wardP95.toFixed(1)} ms, organisation chart p95 ${orgP95.toFixed(1)} ms`,
    );
    console.log(
      JSON.stringify({
        wards: wardCount,
        shift_reports: reports,
        spc_ward_p95_ms: Number(wardP95.toFixed(2)),
        spc_org_p95_ms: Number(orgP95.toFixed(2)),
        rollup_ward_p95_ms: Number(wardRead.toFixed(2)),
        rollup_org_p95_ms: Number(orgRead.toFixed(2)),
        dialect,
        years,
      }),
    );
  } finally {
    await database.drop();
  }
}

await main();
