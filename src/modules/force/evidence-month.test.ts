/**
 * force_evidence_month, the monthly counts behind the assessment's plan, debrief and review
 * figures: after each kind of write through the real services (record, amend, completing
 * reviews on time and late, a seclusion review scheduling the next, an import with a correction
 * that moves an incident to another ward and month, delete), the figures read from the monthly
 * counts equal the figures counted from the records, for each ward and the organisation, month
 * by month and over the year; and migration 0041 fills the table from rows already stored.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Migrator, sql } from 'kysely';
import type { Migration } from 'kysely';
import { createTestContext, freshDatabase, makeTeam } from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';
import { typicalIncident } from '../../../test/force-fixtures.ts';
import { ensureTeamPlan } from '../../../test/plans-fixtures.ts';
import { incidentRow, reviewRow } from '../../../test/evidence-fixtures.ts';
import { listMigrations, migrateToLatest } from '../../db/index.ts';
import type { Db } from '../../db/index.ts';
import type { EvidenceScope } from '../../lib/evidence.ts';
import type { Actor } from '../accounts/index.ts';
import { CSV_COLUMNS } from './csv.ts';
import { isWholeMonths } from '../../lib/evidence.ts';
import { forceFigureSpecs, rebuildForceEvidence } from './evidence.ts';
import { shiftPeriod } from './time.ts';

const ctx = { actor: null, ip: null };
const RECORD_KEYS: string[] = [
  forceFigureSpecs.planShown.key,
  forceFigureSpecs.debriefs.key,
  forceFigureSpecs.reviews.key,
];
const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** What the stored table holds, keyed by unit and month, without zero rows. */
async function storedRows(db: Db, organisationId: string) {
  const rows = await sql<Record<string, string | number>>`select * from force_evidence_month
    where organisation_id = ${organisationId} order by unit_id, month`.execute(db);
  return rows.rows.map((r) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v)])),
  );
}

describe('force_evidence_month kept in step with the register', () => {
  let t: TestContext;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  let nurse: Actor;
  let admin: Actor;
  let secondWard: string;

  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
    await ensureTeamPlan(t.services, team);
    secondWard = (
      await t.services.accounts.provisioning.provisionUnit(team.organisationId, 'Willow', 'ward')
    ).id;
    nurse = await t.services.accounts.people.actorFor(team.practitioner.id);
    admin = await t.services.accounts.people.actorFor(team.admin.id);
  });
  after(() => t.close());

  /**
   * For each ward and the organisation, every month from March to August 2026 one by one and
   * the whole span: the three figures from the monthly counts equal those from the records.
   * Returns the organisation's figures over the span, so a step can check what it changed.
   */
  async function assertAgrees(step: string) {
    const months = ['2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08'];
    const spans = [...months.map((m) => [m, m] as const), ['2026-03', '2026-08'] as const];
    let whole: Record<string, [number, number]> = {};
    for (const unitId of [team.unitId, secondWard, null]) {
      for (const [first, last] of spans) {
        const scope: EvidenceScope = {
          organisationId: team.organisationId,
          unitId,
          from: `${first}-01`,
          to: `${shiftPeriod(last, 1)}-01`,
        };
        assert.ok(isWholeMonths(scope));
        const fromRollup = (await t.services.force.evidence.figures(scope))
          .filter((f) => RECORD_KEYS.includes(f.key))
          .map((f) => [f.key, f.numerator, f.denominator]);
        const fromRecords = (await t.services.force.evidence.recordFiguresFromRecords(scope)).map(
          (f) => [f.key, f.numerator, f.denominator],
        );
        assert.deepEqual(
          fromRollup,
          fromRecords,
          `${step}: ${unitId ?? 'organisation'} ${first}…${last}`,
        );
        if (unitId === null && first !== last)
          whole = Object.fromEntries(
            fromRecords.map(([k, n, d]) => [String(k), [Number(n), Number(d)] as [number, number]]),
          );
      }
    }
    // And a rebuild from scratch finds nothing to change.
    const stored = await storedRows(t.conn.db, team.organisationId);
    await rebuildForceEvidence(t.conn.db, team.organisationId);
    assert.deepEqual(await storedRows(t.conn.db, team.organisationId), stored, `${step}: rebuild`);
    return whole;
  }

  const plan = forceFigureSpecs.planShown.key;
  const debriefs = forceFigureSpecs.debriefs.key;
  const reviews = forceFigureSpecs.reviews.key;
  const ids: string[] = [];

  it('counts what is recorded, by the UTC month of the start and of each due time', async () => {
    const now = t.clock(); // 2026-06-01T09:00Z
    // 09:30 on 31 May (UTC) is in May for these counts (the dashboards' London month is June).
    const starts = [60, 9 * 60 + 30, 3 * 24 * 60, 40 * 24 * 60, 70 * 24 * 60];
    for (const [n, minutesAgo] of starts.entries()) {
      const input = typicalIncident(
        team,
        now,
        { planKnown: n % 2 === 0 ? 'yes' : 'no', planFollowed: n % 2 === 0 ? 'yes' : 'no' },
        minutesAgo,
      );
      if (n === 0) input.planFollowed = 'yes';
      if (n === 1) input.planNotFollowedReason = 'It did not fit what was happening.';
      if (n === 3) input.planNotFollowedReason = 'It did not fit what was happening.';
      ids.push(await t.services.force.incidents.record(nurse, input, ctx));
    }
    // A seclusion still going on: completing its review schedules the next.
    const start = new Date(now.getTime() - 30 * 60_000).toISOString();
    const seclusion = typicalIncident(team, now, { planKnown: 'yes', planFollowed: 'yes' }, 30);
    seclusion.interventions = [
      { ...seclusion.interventions[0]!, typeCode: '05', startAt: start, endAt: null },
    ];
    ids.push(await t.services.force.incidents.record(nurse, seclusion, ctx));
    const whole = await assertAgrees('recorded');
    assert.deepEqual(whole[plan], [4, 6]);
    assert.equal(whole[debriefs]![0], 0);
    assert.equal(whole[debriefs]![1], 12);
  });

  it('moves the counts when a record is amended (plan known, start month)', async () => {
    const now = t.clock();
    // The first record: staff did not know the choices after all, and it started in April.
    const input = typicalIncident(
      team,
      now,
      { planKnown: 'no', planFollowed: 'no', planNotFollowedReason: 'Not known at the time.' },
      50 * 24 * 60,
    );
    await t.services.force.incidents.amend(nurse, ids[0]!, input, 'Wrong date and answer', ctx);
    const whole = await assertAgrees('amended');
    assert.deepEqual(whole[plan], [3, 6]);
  });

  it('counts a review done on time, one done late, and the next seclusion review', async () => {
    const open = await t.services.force.reviews.open(nurse, 500);
    const due = (kind: string, incidentId: string) =>
      open.find((r) => r.kind === kind && r.incident_id === incidentId)!;
    // The seclusion's nursing review, on time (due two hours after it began).
    const seclusionId = ids[5]!;
    const nursing = due('seclusion_nursing_review', seclusionId);
    await t.services.force.reviews.complete(
      nurse,
      seclusionId,
      nursing.id,
      { notes: 'Seen through the window; calm.', supportOffered: null },
      ctx,
    );
    // The newest record's debrief, on time now; another's formal review, after it fell due.
    const newest = ids[4]!;
    await t.services.force.reviews.complete(
      nurse,
      ids[1]!,
      due('immediate_debrief', ids[1]!).id,
      { notes: 'Talked it through.', supportOffered: null },
      ctx,
    );
    await t.services.force.reviews.complete(
      nurse,
      newest,
      due('formal_review', newest).id,
      { notes: 'Reviewed with the team.', supportOffered: null },
      ctx,
    );
    const whole = await assertAgrees('reviews completed');
    assert.ok(whole[reviews]![0] >= 1, 'an on-time review counted');
    const after = await t.services.force.reviews.open(nurse, 500);
    assert.ok(
      after.some((r) => r.kind === 'seclusion_nursing_review' && r.id !== nursing.id),
      'the next seclusion review was scheduled',
    );
  });

  it('counts an import, and a correction that moves a record to another ward and month', async () => {
    const exported = parse(
      await t.services.force.transfer.exportCsv(
        admin,
        { from: '2000-01', to: '9999-12' },
        'combined',
        ctx,
      ),
      { columns: true },
    ) as Record<string, string>[];
    const base = exported[0]!;
    const timeColumns = Object.keys(base).filter((c) => /DateTime|StartAt|EndAt|Time$/.test(c));
    const shifted = (row: Record<string, string>, hours: number) => {
      const out = { ...row };
      for (const c of timeColumns)
        if (out[c]) out[c] = new Date(Date.parse(out[c]) - hours * HOUR).toISOString();
      return out;
    };
    const rows = Array.from({ length: 30 }, (_, n) => ({
      ...shifted(base, 20 + n * 61),
      RestrictiveIntIncID: `evidence-${n}`,
      RestrictiveIntTypeID: `evidence-${n}-a`,
      UnitID: n % 2 === 0 ? secondWard : team.unitId,
    }));
    const file = (list: Record<string, string>[]) =>
      stringify(list, { header: true, columns: [...CSV_COLUMNS] });
    const first = await t.services.force.transfer.importCsv(admin, file(rows), ctx);
    assert.ok(first.ok, JSON.stringify(first));
    await assertAgrees('imported');
    // A correction: the first imported record was on the other ward, three weeks earlier.
    const moved = {
      ...shifted(rows[1]!, 21 * 24),
      UnitID: secondWard,
    };
    const second = await t.services.force.transfer.importCsv(admin, file([moved]), ctx);
    assert.deepEqual(second, { ok: true, rows: 1, created: 0, updated: 1, unchanged: 0 });
    await assertAgrees('corrected by import');
  });

  it('keeps every record when several are written at once in the same ward and month', async () => {
    const now = t.clock();
    const before = await assertAgrees('before writing at once');
    const inputs = [1, 2, 3, 4, 5, 6].map((n) =>
      typicalIncident(team, now, { planKnown: 'yes', planFollowed: 'yes' }, 120 + n * 5),
    );
    // On PostgreSQL these run side by side on separate connections.
    await Promise.all(inputs.map((input) => t.services.force.incidents.record(nurse, input, ctx)));
    const after = await assertAgrees('written at once');
    assert.deepEqual(after[plan], [before[plan]![0] + 6, before[plan]![1] + 6]);
  });

  it('takes a deleted record and its reviews out of the counts', async () => {
    t.clock.advance(3 * 366 * DAY);
    const before = await assertAgrees('before delete');
    await t.services.force.incidents.delete(admin, ids[4]!, ctx);
    const after = await assertAgrees('deleted');
    assert.ok(after[debriefs]![1] < before[debriefs]![1], 'its debriefs are no longer due');
  });
});

describe('migration 0041 fills force_evidence_month from rows already stored', () => {
  it('counts each unit and month, and the organisation as their sum', async () => {
    const database = await freshDatabase({ migrate: false });
    const { db } = database.conn;
    try {
      // Everything up to 0040, then rows written as an older version would have, then 0041.
      const dir = path.resolve(import.meta.dirname, '../../../migrations');
      const migrator = new Migrator({
        db,
        provider: {
          async getMigrations() {
            const out: Record<string, Migration> = {};
            for (const file of listMigrations())
              out[file.replace(/\.ts$/, '')] = (await import(
                pathToFileURL(path.join(dir, file)).href
              )) as Migration;
            return out;
          },
        },
      });
      const names = listMigrations().map((f) => f.replace(/\.ts$/, ''));
      const before0041 = names[names.indexOf('0041-force-evidence-rollup') - 1]!;
      const moved = await migrator.migrateTo(before0041);
      if (moved.error) throw moved.error;
      const org = 'org-evidence';
      const incidents = [
        incidentRow({
          organisationId: org,
          unitId: 'u1',
          personId: 'p',
          day: '2026-03-04',
          planKnown: 'yes',
        }),
        incidentRow({
          organisationId: org,
          unitId: 'u1',
          personId: 'p',
          day: '2026-03-31',
          planKnown: 'no',
        }),
        incidentRow({
          organisationId: org,
          unitId: 'u2',
          personId: 'p',
          day: '2026-03-10',
          planKnown: 'no_plan',
        }),
        incidentRow({
          organisationId: org,
          unitId: 'u2',
          personId: 'p',
          day: '2026-04-01',
          planKnown: 'yes',
        }),
      ];
      await db.insertInto('force_incidents').values(incidents).execute();
      const reviewsOf = (unitId: string, kind: string, dueDay: string, doneDay?: string) =>
        reviewRow({
          organisationId: org,
          unitId,
          incidentId: incidents[0]!.id,
          kind,
          dueDay,
          doneDay,
        });
      await db
        .insertInto('force_reviews')
        .values([
          reviewsOf('u1', 'immediate_debrief', '2026-03-05', '2026-03-05'),
          reviewsOf('u1', 'staff_debrief', '2026-03-05', '2026-03-09'),
          reviewsOf('u1', 'formal_review', '2026-03-07'),
          reviewsOf('u2', 'formal_review', '2026-04-02', '2026-04-02'),
        ])
        .execute();
      await migrateToLatest(db);
      const rows = await storedRows(db, org);
      const row = (unit: string, month: string, counts: number[]) => ({
        organisation_id: org,
        unit_id: unit,
        month,
        with_plan: String(counts[0]),
        plan_known_yes: String(counts[1]),
        debriefs_due: String(counts[2]),
        debriefs_on_time: String(counts[3]),
        reviews_due: String(counts[4]),
        reviews_on_time: String(counts[5]),
      });
      assert.deepEqual(rows, [
        row('', '2026-03', [2, 1, 2, 1, 1, 0]),
        row('', '2026-04', [1, 1, 0, 0, 1, 1]),
        row('u1', '2026-03', [2, 1, 2, 1, 1, 0]),
        row('u2', '2026-03', [0, 0, 0, 0, 0, 0]),
        row('u2', '2026-04', [1, 1, 0, 0, 1, 1]),
      ]);
    } finally {
      await database.drop();
    }
  });
});
