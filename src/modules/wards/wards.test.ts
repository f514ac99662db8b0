/**
 * Ward shift reports: a nurse reports a shift, a second report is a change with history, bad
 * input is refused with nothing saved, no one reports a shift that has not started, only the
 * ward's staff report and only its manager (or the administrator) sees its figures.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, makeTeam, signedInAgent, textOf } from '../../../test/factories.ts';
import type { Agent, TestContext } from '../../../test/factories.ts';
import { checkText } from '../language/index.ts';
import { shiftItems } from './items.ts';
import { currentShift, recentShifts, shiftStart } from './shifts.ts';

// The test clock starts at 2026-06-01 09:00 UTC: 10:00 in London (summer time), the early shift.
const TODAY = '2026-06-01';

describe('shifts in London time', () => {
  it('starts shifts at 7am, 2pm and 9pm London time, summer and winter', () => {
    assert.equal(shiftStart('2026-06-01', 'early').toISOString(), '2026-06-01T06:00:00.000Z');
    assert.equal(shiftStart('2026-12-04', 'early').toISOString(), '2026-12-04T07:00:00.000Z');
    assert.equal(shiftStart('2026-12-04', 'night').toISOString(), '2026-12-04T21:00:00.000Z');
    assert.deepEqual(currentShift(new Date('2026-06-01T05:30:00Z')), {
      date: '2026-05-31',
      shift: 'night',
    });
    assert.deepEqual(currentShift(new Date('2026-06-01T13:00:00Z')), {
      date: TODAY,
      shift: 'late',
    });
    // Two days back at 10am: today's early, then yesterday's three, then the day before's three.
    assert.equal(recentShifts(new Date('2026-06-01T09:00:00Z'), 2).length, 4);
  });
});

describe('the shift report', () => {
  let t: TestContext;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  let other: Awaited<ReturnType<typeof makeTeam>>;
  let nurse: Agent;
  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
    other = await makeTeam(t.services);
    nurse = await signedInAgent(t.app, team.practitioner);
  });
  after(() => t.close());

  const url = () => `/wards/${team.unitId}/shift-report`;
  const reports = () =>
    t.services.db
      .selectFrom('ward_shift_reports')
      .selectAll()
      .where('organisation_id', '=', team.organisationId)
      .execute();
  const versions = () =>
    t.services.db
      .selectFrom('ward_shift_report_versions')
      .selectAll()
      .where('organisation_id', '=', team.organisationId)
      .execute();

  it('uses item words that the language checker passes', () => {
    for (const item of shiftItems)
      assert.deepEqual(
        checkText(item.label).map((f) => f.text),
        [],
        item.label,
      );
  });

  it('opens on the current shift and saves a report in one post', async () => {
    const page = await nurse.get(url());
    assert.equal(page.status, 200);
    assert.match(page.body, /value="2026-06-01"/);
    assert.match(page.body, /id="shift" name="shift" type="radio" value="early" checked/);
    const res = await nurse.post(url(), {
      date: TODAY,
      shift: 'early',
      c_verbal: '2',
      c_regular_medication: '1',
      k_as_needed_medication: '1',
      k_restraint: '',
    });
    assert.equal(res.status, 303);
    assert.match(String(res.headers.location), /saved=new/);
    const [row] = await reports();
    assert.equal(row?.conflict_total, 3);
    assert.equal(row?.containment_total, 1);
    assert.equal(row?.version, 1);
    const shown = await nurse.get(String(res.headers.location));
    assert.match(textOf(shown.body), /Report saved/);
    assert.match(textOf(shown.body), /already has a report/);
  });

  it('makes a second report for the same shift a change, with the earlier counts kept', async () => {
    const res = await nurse.post(url(), { date: TODAY, shift: 'early', c_verbal: '3' });
    assert.equal(res.status, 303);
    assert.match(String(res.headers.location), /saved=changed/);
    const rows = await reports();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.version, 2);
    assert.equal(rows[0]?.conflict_total, 3);
    assert.equal(rows[0]?.containment_total, 0);
    const kept = await versions();
    assert.equal(kept.length, 1);
    assert.equal(kept[0]?.version, 1);
    const page = textOf((await nurse.get(String(res.headers.location))).body);
    assert.match(page, /Report changed/);
    assert.match(page, /Version 1, saved by .*Declined regular medication: 1/);
    const audit = await t.services.db
      .selectFrom('audit_events')
      .select('action')
      .where('organisation_id', '=', team.organisationId)
      .where('action', 'like', 'wards.%')
      .execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), [
      'wards.shift_report',
      'wards.shift_report_change',
    ]);
  });

  for (const [label, form, field] of [
    ['100', { c_verbal: '100' }, 'c_verbal'],
    ['a negative count', { k_seclusion: '-1' }, 'k_seclusion'],
    ['a fraction', { c_objects: '1.5' }, 'c_objects'],
    ['words', { c_objects: 'two' }, 'c_objects'],
    ['a shift that does not exist', { shift: 'twilight' }, 'shift'],
    ['a date that does not exist', { date: '2026-02-30' }, 'date'],
    ['a shift that has not started', { shift: 'late' }, 'shift'],
    ['tomorrow', { date: '2026-06-02' }, 'shift'],
  ] as const) {
    it(`refuses ${label} with a message by the field, and saves nothing`, async () => {
      const before = JSON.stringify([await reports(), await versions()]);
      const res = await nurse.post(url(), { date: TODAY, shift: 'early', c_verbal: '1', ...form });
      assert.equal(res.status, 400);
      assert.match(res.body, new RegExp(`href="#${field}"`));
      assert.match(res.body, /There is a problem/);
      assert.equal(JSON.stringify([await reports(), await versions()]), before);
    });
  }

  it('keeps one report when two are saved for the same shift at once', async () => {
    const actor = await t.services.accounts.people.actorFor(team.practitioner.id);
    const save = (n: number) =>
      t.services.wards.shiftReports
        .save(
          actor,
          team.unitId,
          { date: '2026-05-31', shift: 'night', counts: { c_verbal: n } },
          { actor: null, ip: null },
        )
        .then(
          (r) => r.version,
          (e: { kind?: string }) => e.kind ?? 'error',
        );
    const outcomes = (await Promise.all([save(1), save(2)])).sort();
    // Either the second became a change (versions 1 and 2) or it was told someone saved first.
    assert.ok(
      JSON.stringify(outcomes) === '[1,2]' || JSON.stringify(outcomes) === '[1,"conflict"]',
      JSON.stringify(outcomes),
    );
    const rows = (await reports()).filter((r) => r.shift_date === '2026-05-31');
    assert.equal(rows.length, 1);
  });

  it('lets only the ward’s own staff report: another ward is 404', async () => {
    const res = await nurse.post(`/wards/${other.unitId}/shift-report`, {
      date: TODAY,
      shift: 'early',
    });
    assert.equal(res.status, 404);
    assert.equal((await nurse.get(`/wards/${other.unitId}/shift-report`)).status, 404);
    const theirs = await signedInAgent(t.app, other.practitioner);
    assert.equal((await theirs.get(url())).status, 404);
  });

  it('shows the manager missing shifts and the rates, and no one else', async () => {
    const admin = await t.services.accounts.people.actorFor(team.admin.id);
    await t.services.force.denominators.saveBedDays(
      admin,
      team.organisationId,
      [{ unitId: team.unitId, period: '2026-06', occupiedBedDays: 600 }],
      { actor: null, ip: null },
    );
    const manager = await signedInAgent(t.app, team.manager);
    const page = await manager.get(`/wards/${team.unitId}/figures`);
    assert.equal(page.status, 200);
    const text = textOf(page.body);
    // Today's early shift and last night are reported; 38 of the 13 days before are not.
    assert.match(text, /38 shifts have no report yet/);
    assert.doesNotMatch(text, /2026-05-31, Night/);
    assert.match(text, /2026-05-31, Late/);
    assert.doesNotMatch(text, /2026-06-01, Early/);
    // June: one report, 3 conflict, 0 containment, 600 bed days -> 5.0 per 1,000 bed days.
    assert.match(text, /2026-06 1 3 0 3\.0 0\.0 600 5\.0 0\.0/);
    assert.match(text, /What this chart shows:/);
    assert.equal((await nurse.get(`/wards/${team.unitId}/figures`)).status, 404);
    const otherManager = await signedInAgent(t.app, other.manager);
    assert.equal((await otherManager.get(`/wards/${team.unitId}/figures`)).status, 404);
    const adminAgent = await signedInAgent(t.app, team.admin);
    assert.equal((await adminAgent.get(`/wards/${team.unitId}/figures`)).status, 200);
    assert.equal((await adminAgent.get(`/wards/${other.unitId}/figures`)).status, 404);
  });
});
