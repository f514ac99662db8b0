/**
 * `npm exec -- node bench/assessment-evidence.ts [--dialect sqlite|postgres] [--incidents N]
 *   [--enquiries N] [--samples S]`
 *
 * Builds one large organisation (40 units, 4,000 people who use the service, by default 50,000
 * use-of-force incidents with two reviews each, 100,000 enquiry conversations, 20,000 referrals,
 * 3,000 plans, 200,000 audit events and the register's rollups) straight into the tables, then
 * times the evidence for a unit round and for a whole-organisation round through the real
 * service (the same call the results page makes). Prints progress on stderr and one JSON line
 * on stdout with `evidence_p95_ms` (the lead joins it to bench:assessment).
 */
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { openBenchDatabase } from './bench-db.ts';
import { migrateToLatest } from '../src/db/index.ts';
import type { Db } from '../src/db/index.ts';
import { createServices } from '../src/app.ts';
import type { Services } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { rebuildLooksRollup } from '../src/modules/audit/index.ts';
import { rebuildEnquiryRollup } from '../src/modules/enquiry/index.ts';
import { rebuildForceEvidence } from '../src/modules/force/index.ts';
import {
  auditRow,
  enquiryRow,
  incidentRow,
  monthRollupRow,
  referralRow,
  reviewRow,
  serviceRow,
} from '../test/evidence-fixtures.ts';

const args = process.argv.slice(2);
function arg(name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return (i >= 0 ? args[i + 1] : undefined) ?? fallback;
}
const dialect = arg('dialect', 'sqlite') as 'sqlite' | 'postgres';
const incidents = Number(arg('incidents', '50000'));
const enquiries = Number(arg('enquiries', '100000'));
const samples = Number(arg('samples', '40'));
const UNITS = 40;
const PEOPLE_PER_UNIT = 100;

function log(message: string) {
  process.stderr.write(`${message}\n`);
}

/** A small seeded generator, so every run builds the same data. */
function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** Inserts rows in batches small enough for either engine's parameter limit. */
async function insertAll(db: Db, table: string, rows: object[]): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const per = Math.max(1, Math.floor(20_000 / Object.keys(first).length));
  for (let i = 0; i < rows.length; i += per) {
    await db
      .insertInto(table as never)
      .values(rows.slice(i, i + per) as never)
      .execute();
  }
}

/** What the evidence records were built for: the admin who reads them and the month the rounds open. */
export interface EvidenceBench {
  adminId: string;
  thisMonth: Date;
  plans: number;
  auditEvents: number;
}

/**
 * Builds the evidence records (people, conversations, referrals, incidents and reviews, plans,
 * audit events and the register's rollups) for an organisation and its units, straight into the
 * tables, and makes an organisation admin.
 */
export async function seedEvidenceRecords(
  db: Db,
  services: Services,
  orgId: string,
  units: readonly string[],
): Promise<EvidenceBench> {
  const rand = seeded(20261205);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const built = performance.now();
  const admin = await services.accounts.provisioning.provisionAccount({
    organisationId: orgId,
    email: 'admin@bench.test',
    displayName: 'Admin',
    role: 'org_admin', // house: not a role (bench data)
    password: 'correct-horse-battery-staple',
  });

  // People and staff, straight into the tables (hashing 4,000 passwords would take minutes).
  const now = new Date().toISOString();
  const accountRow = (role: string, u: number, i: number) => ({
    id: randomUUID(),
    organisation_id: orgId,
    email: `${role}-${u}-${i}@bench.test`,
    display_name: `${role} ${u}-${i}`,
    role,
    password_hash: null,
    status: 'active',
    created_at: now,
    disabled_at: null,
  });
  const peopleByUnit: string[][] = [];
  const staffByUnit: string[] = [];
  const accounts: ReturnType<typeof accountRow>[] = [];
  const memberships: { organisation_id: string; unit_id: string; account_id: string }[] = [];
  for (const [u, unitId] of units.entries()) {
    const staff = accountRow('practitioner', u, 0); // house: not a role (bench data)
    accounts.push(staff);
    staffByUnit.push(staff.id);
    memberships.push({ organisation_id: orgId, unit_id: unitId, account_id: staff.id });
    const ids: string[] = [];
    for (let i = 0; i < PEOPLE_PER_UNIT; i++) {
      const person = accountRow('service_user', u, i); // house: not a role (bench data)
      accounts.push(person);
      ids.push(person.id);
      memberships.push({ organisation_id: orgId, unit_id: unitId, account_id: person.id });
    }
    peopleByUnit.push(ids);
  }
  await insertAll(db, 'accounts', accounts);
  await insertAll(db, 'unit_memberships', memberships);
  log(`accounts: ${accounts.length}`);

  // The period: the 12 whole months before the month the rounds open (this month).
  const thisMonth = new Date();
  thisMonth.setUTCDate(1);
  const dayIn = () => {
    const d = new Date(thisMonth.getTime() - Math.floor(rand() * 420) * 86_400_000 - 86_400_000);
    return d.toISOString().slice(0, 10);
  };
  const addDays = (day: string, n: number) =>
    new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

  const service = serviceRow(orgId);
  await insertAll(db, 'enquiry_services', [service]);
  const outcomes = ['asked', 'asked', 'asked', 'declined', 'not_now', 'not_asked'] as const;
  const enquiryRows: ReturnType<typeof enquiryRow>[] = [];
  const referralRows: ReturnType<typeof referralRow>[] = [];
  for (let i = 0; i < enquiries; i++) {
    const u = Math.floor(rand() * UNITS);
    const personId = pick(peopleByUnit[u] ?? []);
    const day = dayIn();
    const row = enquiryRow({
      organisationId: orgId,
      unitId: units[u] ?? null,
      personId,
      practitionerId: staffByUnit[u] ?? '',
      day,
      outcome: pick(outcomes),
      disclosed: rand() < 0.3,
      returned: rand() < 0.5,
    });
    enquiryRows.push(row);
    if (i % 5 === 0) {
      referralRows.push(
        referralRow({
          organisationId: orgId,
          unitId: units[u] ?? null,
          personId,
          practitionerId: staffByUnit[u] ?? '',
          enquiryId: row.id,
          serviceId: service.id,
          day,
          kind: rand() < 0.6 ? 'referred' : 'offered',
          closedDay: rand() < 0.7 ? addDays(day, Math.floor(rand() * 60)) : undefined,
        }),
      );
    }
  }
  await insertAll(db, 'enquiries', enquiryRows);
  await insertAll(db, 'enquiry_referrals', referralRows);
  // Written around the app, so the evidence rollup is counted from them (as migration 0040 does).
  await rebuildEnquiryRollup(db, orgId);
  log(`enquiries: ${enquiryRows.length}, referrals: ${referralRows.length}`);

  const incidentRows: ReturnType<typeof incidentRow>[] = [];
  const reviewRows: ReturnType<typeof reviewRow>[] = [];
  for (let i = 0; i < incidents; i++) {
    const u = Math.floor(rand() * UNITS);
    const day = dayIn();
    const row = incidentRow({
      organisationId: orgId,
      unitId: units[u] ?? '',
      personId: pick(peopleByUnit[u] ?? []),
      day,
      planKnown: pick(['yes', 'no', 'no_plan'] as const),
    });
    incidentRows.push(row);
    for (const kind of ['immediate_debrief', 'formal_review']) {
      reviewRows.push(
        reviewRow({
          organisationId: orgId,
          unitId: row.unit_id,
          incidentId: row.id,
          kind,
          dueDay: addDays(day, 3),
          doneDay: rand() < 0.8 ? addDays(day, Math.floor(rand() * 6)) : undefined,
        }),
      );
    }
  }
  await insertAll(db, 'force_incidents', incidentRows);
  await insertAll(db, 'force_reviews', reviewRows);
  // Written around the register, so its monthly evidence counts are recounted here.
  await rebuildForceEvidence(db, orgId);
  const rollups: ReturnType<typeof monthRollupRow>[] = [];
  for (let m = 0; m < 24; m++) {
    const d = new Date(thisMonth);
    d.setUTCMonth(d.getUTCMonth() - 1 - m);
    const period = d.toISOString().slice(0, 7);
    for (const unitId of [...units, '']) {
      const scale = unitId === '' ? UNITS : 1;
      rollups.push(
        monthRollupRow({
          organisationId: orgId,
          unitId,
          period,
          interventions: Math.round((incidents / 14 / UNITS) * 1.5 * scale),
          prone: Math.round((incidents / 14 / UNITS) * 0.1 * scale),
          incidents: Math.round((incidents / 14 / UNITS) * scale),
          accountOffered: Math.round((incidents / 14 / UNITS) * 0.6 * scale),
          bedDays: 600 * scale,
        }),
      );
    }
  }
  await insertAll(db, 'force_rollup_month', rollups);
  log(`incidents: ${incidentRows.length}, reviews: ${reviewRows.length}`);

  // Plans for three in four people on 30 units, a share each, some proposals and looks.
  const planRows: object[] = [];
  const versionRows: object[] = [];
  const shareRows: object[] = [];
  const proposalRows: object[] = [];
  const lookRows: object[] = [];
  for (const [u, ids] of peopleByUnit.entries()) {
    for (const [i, personId] of ids.entries()) {
      if (u >= 30 || i % 4 === 3) continue;
      const planId = randomUUID();
      const day = dayIn();
      const created = `${day}T10:00:00.000Z`;
      planRows.push({
        id: planId,
        organisation_id: orgId,
        person_id: personId,
        current_version: 1,
        review_by: null,
        private_sections: '[]',
        created_at: created,
        updated_at: created,
      });
      const fields: Record<string, unknown> = { helpsText: 'A quiet room.' };
      if (i % 2 === 0) fields.restraintPositionsToAvoid = ['face_down'];
      versionRows.push({
        id: randomUUID(),
        organisation_id: orgId,
        plan_id: planId,
        version: 1,
        content: JSON.stringify({ fields, declined: [] }),
        author_id: personId,
        note: null,
        created_at: created,
      });
      shareRows.push({
        id: randomUUID(),
        organisation_id: orgId,
        plan_id: planId,
        kind: 'unit',
        unit_id: units[u],
        account_id: null,
        created_at: created,
        revoked_at: null,
      });
      proposalRows.push({
        id: randomUUID(),
        organisation_id: orgId,
        plan_id: planId,
        base_version: 1,
        changes: '{}',
        note: null,
        proposed_by: staffByUnit[u],
        status: pick(['open', 'accepted', 'declined']),
        decided_at: null,
        created_at: created,
      });
      if (i % 3 === 0) {
        lookRows.push({
          id: randomUUID(),
          organisation_id: orgId,
          plan_id: planId,
          person_id: personId,
          actor_id: staffByUnit[u],
          actor_unit_id: units[u],
          review_unit_ids: JSON.stringify([units[u]]),
          reason: 'Crisis',
          started_at: created,
          expires_at: created,
          reviewed_at:
            rand() < 0.7 ? `${addDays(day, Math.floor(rand() * 10))}T10:00:00.000Z` : null,
          reviewed_by: null,
        });
      }
    }
  }
  await insertAll(db, 'plans', planRows);
  await insertAll(db, 'plan_versions', versionRows);
  await insertAll(db, 'plan_shares', shareRows);
  await insertAll(db, 'plan_proposals', proposalRows);
  await insertAll(db, 'plan_emergency_access', lookRows);
  log(`plans: ${planRows.length}`);

  const events: ReturnType<typeof auditRow>[] = [];
  for (let i = 0; i < 200_000; i++) {
    const u = Math.floor(rand() * UNITS);
    events.push(
      auditRow({
        organisationId: orgId,
        actorId: staffByUnit[u] ?? null,
        actorUnitId: units[u] ?? null,
        subjectId: pick(peopleByUnit[u] ?? []),
        day: dayIn(),
      }),
    );
  }
  await insertAll(db, 'audit_events', events);
  // Written straight into the table, so the looks rollup is filled from them (as migration 0039
  // does for an existing database); the app keeps it in step with every event it appends.
  await rebuildLooksRollup(db, orgId);
  log(`audit events: ${events.length}; built in ${Math.round(performance.now() - built)} ms`);
  // Fresh statistics, as autovacuum would have by now on a live database.
  await sql`analyze`.execute(db);

  return { adminId: admin.id, thisMonth, plans: planRows.length, auditEvents: events.length };
}

/**
 * Times the evidence panel for a unit round and a whole-organisation round through the real
 * service, after printing where the time goes module by module (stderr).
 */
export async function timeEvidence(
  services: Services,
  orgId: string,
  units: readonly string[],
  bench: EvidenceBench,
  samples: number,
): Promise<{ unitTimes: number[]; orgTimes: number[] }> {
  const { adminId: adminAccountId, thisMonth } = bench;
  const admin = { id: adminAccountId };
  const actor = await services.accounts.people.actorFor(admin.id);
  const ctx = { actor: services.accounts.people.auditActor(actor), ip: '127.0.0.1' };
  const closesOn = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const unitRound = await services.assessment.rounds.open(
    actor,
    { unitId: units[0] ?? '', title: '', closesOn },
    ctx,
  );
  const orgRound = await services.assessment.rounds.open(
    actor,
    { unitId: '', title: '', closesOn },
    ctx,
  );
  // Every call works every figure out: nothing is kept between views.
  const time = async (roundId: string, label: string) => {
    const times: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < samples; i++) {
      const c = process.cpuUsage();
      const t = performance.now();
      await services.assessment.evidence.forRound(actor, roundId);
      times.push(performance.now() - t);
      const used = process.cpuUsage(c);
      cpu.push((used.user + used.system) / 1000);
    }
    log(
      `${label} round: p50 ${percentile(times, 50).toFixed(1)} / p95 ${percentile(times, 95).toFixed(1)} ms (CPU time per call p50 ${percentile(cpu, 50).toFixed(1)} / p95 ${percentile(cpu, 95).toFixed(1)} ms); load average ${os.loadavg()[0]?.toFixed(1)}`,
    );
    return times;
  };
  // Where the time goes: each module's evidence function once, for the unit and the whole organisation.
  const from = new Date(thisMonth);
  from.setUTCFullYear(from.getUTCFullYear() - 1);
  for (const unitId of [units[0] ?? null, null]) {
    const scope = {
      organisationId: orgId,
      unitId,
      from: from.toISOString().slice(0, 10),
      to: thisMonth.toISOString().slice(0, 10),
    };
    const people = await services.accounts.evidence.peopleInScope(scope);
    const parts: Record<string, () => Promise<unknown>> = {
      accounts: () => services.accounts.evidence.peopleInScope(scope),
      enquiry: () => services.enquiry.evidence.figures(scope),
      force: () => services.force.evidence.figures(scope),
      // The force figures' former slow part, counted from the records, for a ratio in one run.
      'force records counted directly': () =>
        services.force.evidence.recordFiguresFromRecords(scope),
      plans: () => services.plans.evidence.figures(scope, people),
      audit: () => services.audit.evidence.figures(scope),
    };
    for (const [name, run] of Object.entries(parts)) {
      await run();
      const t = performance.now();
      await run();
      log(`${unitId ? 'unit' : 'organisation'} ${name}: ${(performance.now() - t).toFixed(1)} ms`);
    }
  }
  const unitTimes = await time(unitRound.id, 'Unit');
  const orgTimes = await time(orgRound.id, 'Organisation');
  return { unitTimes, orgTimes };
}

async function main() {
  const database = await openBenchDatabase(dialect);
  const { db } = database.conn;
  try {
    await migrateToLatest(db);
    const services = createServices(
      database.conn,
      loadConfig({ NODE_ENV: 'test', HEARTH_DATA_DIR: os.tmpdir() }),
    );
    const org = await services.accounts.provisioning.provisionOrganisation('Bench Trust');
    const orgId = org.id;
    const units: string[] = [];
    for (let u = 0; u < UNITS; u++) {
      units.push(
        (await services.accounts.provisioning.provisionUnit(orgId, `Ward ${u + 1}`, 'ward')).id,
      );
    }
    const bench = await seedEvidenceRecords(db, services, orgId, units);
    const { unitTimes, orgTimes } = await timeEvidence(services, orgId, units, bench, samples);
    const all = [...unitTimes, ...orgTimes];
    const result = {
      dialect,
      units: UNITS,
      people: UNITS * PEOPLE_PER_UNIT,
      incidents,
      enquiries,
      plans: bench.plans,
      audit_events: bench.auditEvents,
      evidence_unit_p95_ms: Math.round(percentile(unitTimes, 95) * 10) / 10,
      evidence_organisation_p95_ms: Math.round(percentile(orgTimes, 95) * 10) / 10,
      evidence_p95_ms: Math.round(percentile(all, 95) * 10) / 10,
    };
    log(
      `unit p50 ${percentile(unitTimes, 50).toFixed(1)} ms, organisation p50 ${percentile(orgTimes, 50).toFixed(1)} ms`,
    );
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await database.drop();
  }
}

if (import.meta.main) await main();
