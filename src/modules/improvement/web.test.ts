/**
 * An action plan end to end through the pages: a manager drafts it from a round's results (twice
 * is harmless), adds actions (bad input refused with nothing saved), a lived-experience partner
 * co-signs the plan and disagrees with one action in their own words, an owner adds progress,
 * overdue actions show on the owner's and the manager's home pages, a change after the co-sign
 * is shown, and a later round shows each measure's change. Other organisations get 404.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { acrossOrganisations } from '../../db/tenancy.ts';
import { newId } from '../../lib/tokens.ts';
import { createTestContext, makeTeam, signedInAgent, textOf } from '../../../test/factories.ts';
import type { Agent, TestContext } from '../../../test/factories.ts';
import { makeClosedRound } from '../../../test/assessment-fixtures.ts';
import { describeFigureChange } from './assessment-subject.ts';
import { coSignedPlansEvidence } from './index.ts';

const DAY = 86_400_000;

describe('an action plan made with a lived-experience partner', () => {
  let t: TestContext;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  let other: Awaited<ReturnType<typeof makeTeam>>;
  let manager: Agent;
  let partner: Agent;
  let nurse: Agent;
  let firstRound: string;
  let laterRound: string;
  let planId: string;
  const actionIds: string[] = [];

  const day = (days: number) =>
    new Date(t.clock().getTime() + days * DAY).toISOString().slice(0, 10);
  const rows = (table: 'improvement_plans' | 'improvement_actions' | 'improvement_reviews') =>
    acrossOrganisations('test: every row, whoever owns it', () =>
      t.services.db.selectFrom(table).selectAll().execute(),
    );

  const closedRound = (closesIn: number, staff: string, people: string) =>
    makeClosedRound(t.services, team, closesIn, staff, people);

  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
    other = await makeTeam(t.services);
    manager = await signedInAgent(t.app, team.manager);
    partner = await signedInAgent(t.app, team.partner);
    nurse = await signedInAgent(t.app, team.practitioner);
    firstRound = await closedRound(10, '5', '2');
    laterRound = await closedRound(20, '5', '4');
  });
  after(() => t.close());

  it('drafts the plan from the round’s results, and drafting twice finds the same plan', async () => {
    const results = await manager.get(`/assessment/rounds/${firstRound}/results`);
    assert.match(results.body, new RegExp(`href="/improvement/for-round/${firstRound}"`));
    const start = await manager.get(`/improvement/for-round/${firstRound}`);
    assert.equal(start.status, 200);
    assert.match(textOf(start.body), /Start the action plan/);
    const form = { subjectKind: 'assessment_round', subjectId: firstRound };
    const first = await manager.post('/improvement/plans', form);
    assert.equal(first.status, 303);
    planId = String(first.headers.location).split('/').pop()!.split('?')[0]!;
    const second = await manager.post('/improvement/plans', form);
    assert.equal(String(second.headers.location).split('?')[0], `/improvement/plans/${planId}`);
    assert.equal((await rows('improvement_plans')).length, 1);
    // The results link now leads straight to the plan.
    const again = await manager.get(`/improvement/for-round/${firstRound}`);
    assert.equal(again.headers.location, `/improvement/plans/${planId}`);
  });

  it('refuses bad actions with a clear message, saving nothing', async () => {
    const good = {
      what: 'Ask everyone at admission what helps them feel safe',
      ownerId: team.practitioner.id,
      dueOn: day(30),
      linkKey: 'principle:safety',
      measure: 'principle:safety',
    };
    const cases: [Record<string, string>, RegExp][] = [
      [{ ...good, what: '   ' }, /Enter what will be done/],
      [{ ...good, what: 'x'.repeat(301) }, /Keep what will be done to 300 characters or fewer/],
      [{ ...good, ownerId: newId() }, /Choose who owns this action from the list/],
      [{ ...good, ownerId: other.practitioner.id }, /Choose who owns this action from the list/],
      [{ ...good, ownerId: team.person.id }, /Choose who owns this action from the list/],
      [{ ...good, dueOn: day(-1) }, /Choose today or a later day/],
      [{ ...good, dueOn: '2027-02-30' }, /Enter a real date/],
      [{ ...good, measure: 'statement:made-up' }, /Choose a measure from the list/],
    ];
    for (const [form, message] of cases) {
      const res = await manager.post(`/improvement/plans/${planId}/actions`, form);
      assert.equal(res.status, 400, JSON.stringify(form).slice(0, 80));
      assert.match(textOf(res.body), message);
      assert.match(res.body, /There is a problem/);
    }
    assert.equal((await rows('improvement_actions')).length, 0);
  });

  it('adds actions with an owner, a due day, a principle and a measure', async () => {
    for (const [what, due] of [
      ['Ask everyone at admission what helps them feel safe', 3],
      ['Hold a weekly ward meeting chaired by a peer worker', 40],
    ] as const) {
      const res = await manager.post(`/improvement/plans/${planId}/actions`, {
        what,
        ownerId: team.practitioner.id,
        dueOn: day(due),
        linkKey: 'principle:safety',
        measure: 'principle:safety',
      });
      assert.equal(res.status, 303);
    }
    const actions = await rows('improvement_actions');
    actionIds.push(...actions.sort((a, b) => a.due_on.localeCompare(b.due_on)).map((a) => a.id));
    const page = textOf((await manager.get(`/improvement/plans/${planId}`)).body);
    assert.match(page, /Ask everyone at admission what helps them feel safe/);
    assert.match(page, /Who owns it/);
    assert.match(page, /No partner has co-signed this plan yet/);
  });

  it('lets the partner co-sign the plan and disagree with one action, in their own words', async () => {
    const empty = await partner.post(`/improvement/plans/${planId}/review`, {
      about: `action:${actionIds[1]}`,
      kind: 'disagree',
      text: '  ',
    });
    assert.equal(empty.status, 400);
    assert.match(textOf(empty.body), /Say in your own words what you disagree with/);
    assert.equal(
      (await partner.post(`/improvement/plans/${planId}/review`, { about: 'plan', kind: 'cosign' }))
        .status,
      303,
    );
    const words = 'Weekly is good, but it should be at a time people on the ward choose.';
    assert.equal(
      (
        await partner.post(`/improvement/plans/${planId}/review`, {
          about: `action:${actionIds[1]}`,
          kind: 'disagree',
          text: words,
        })
      ).status,
      303,
    );
    const page = textOf((await manager.get(`/improvement/plans/${planId}`)).body);
    assert.match(page, /Co-signed by .* as it stands now/);
    assert.ok(page.includes(words));
    // Only partners respond: the manager's try is refused as if the page were not there.
    assert.equal(
      (await manager.post(`/improvement/plans/${planId}/review`, { about: 'plan', kind: 'cosign' }))
        .status,
      404,
    );
  });

  it('takes progress from the action’s owner, kept with its date', async () => {
    const future = await nurse.post(
      `/improvement/plans/${planId}/actions/${actionIds[0]}/progress`,
      {
        onDate: day(2),
        note: 'Started',
      },
    );
    assert.equal(future.status, 400);
    const res = await nurse.post(`/improvement/plans/${planId}/actions/${actionIds[0]}/progress`, {
      onDate: day(0),
      note: 'Added the question to the admission checklist.',
    });
    assert.equal(res.status, 303);
    const page = textOf((await nurse.get(`/improvement/plans/${planId}`)).body);
    assert.match(page, /Added the question to the admission checklist\./);
  });

  it('shows overdue actions on the owner’s and the manager’s home pages', async () => {
    const before = textOf((await nurse.get('/')).body);
    assert.doesNotMatch(before, /Improvement actions past their due day/);
    t.clock.advance(5 * DAY);
    // Sessions end after a quiet spell, so everyone signs in again on the later day.
    nurse = await signedInAgent(t.app, team.practitioner);
    manager = await signedInAgent(t.app, team.manager);
    partner = await signedInAgent(t.app, team.partner);
    const owner = textOf((await nurse.get('/')).body);
    assert.match(owner, /Improvement actions past their due day/);
    assert.match(owner, /Yours/);
    const managed = textOf((await manager.get('/')).body);
    assert.match(managed, /In plans you look after/);
    assert.match(managed, /Ask everyone at admission/);
    assert.doesNotMatch(managed, /Hold a weekly ward meeting/);
  });

  it('shows that the plan changed after it was co-signed', async () => {
    t.clock.advance(60_000);
    const res = await manager.post(`/improvement/plans/${planId}/actions/${actionIds[1]}`, {
      what: 'Hold a weekly ward meeting at a time people choose',
      ownerId: team.practitioner.id,
      dueOn: day(40),
      linkKey: 'principle:safety',
      measure: 'principle:safety',
      status: 'open',
    });
    assert.equal(res.status, 303);
    const page = textOf((await partner.get(`/improvement/plans/${planId}`)).body);
    assert.match(page, /This plan has changed since .* co-signed it/);
    assert.match(page, /Changed since co-signed/);
    const evidence = await coSignedPlansEvidence(t.services.improvement, team.organisationId, {
      unitId: team.unitId,
      from: '2026-01-01',
      to: '2026-12-31',
    });
    assert.deepEqual(evidence, { plans: 1, coSigned: 1, coSignedAsTheyStand: 0 });
    // The same count as the evidence panel's figure: the last day of its scope is exclusive.
    const created = (await rows('improvement_plans'))[0]?.created_at as string;
    const planDay = created.slice(0, 10);
    const scope = { organisationId: team.organisationId, unitId: team.unitId };
    const [figure] = await t.services.improvement.evidence.figures({
      ...scope,
      from: planDay,
      to: '2099-01-01',
    });
    assert.equal(figure?.key, 'improvement.plans-co-signed');
    assert.equal(figure?.numerator, 1);
    assert.equal(figure?.denominator, 1);
    assert.match(figure?.note ?? '', /0 of them co-signed as they stand/);
    const [outside] = await t.services.improvement.evidence.figures({
      ...scope,
      from: '2000-01-01',
      to: planDay,
    });
    assert.equal(outside?.denominator, 0);
    assert.equal(outside?.value, null);
  });

  it('shows each measure at the plan’s round and at the later round', async () => {
    assert.ok(laterRound);
    const page = textOf((await manager.get(`/improvement/plans/${planId}`)).body);
    assert.match(page, /At the later round/);
    assert.match(page, /people who use the service 2\.00; staff 5\.00/);
    assert.match(page, /people who use the service 4\.00; staff 5\.00/);
    assert.match(page, /people who use the service \+2\.00; staff \+0\.00/);
    const print = await manager.get(`/improvement/plans/${planId}/print`);
    assert.equal(print.status, 200);
    assert.match(textOf(print.body), /The plan has changed since then/);
  });

  it('puts the plan into the round’s printable report', async () => {
    const report = await manager.get(`/assessment/rounds/${firstRound}/report`);
    assert.equal(report.status, 200);
    const text = textOf(report.body);
    assert.match(text, /Action plan/);
    assert.match(text, /Ask everyone at admission/);
    assert.match(text, /Who owns it/);
    assert.match(text, /The plan has changed since it was co-signed/);
    assert.match(text, /Disagrees/);
    assert.match(text, /At the later round/);
    // The later round has no plan: its report says nothing about one.
    const later = textOf((await manager.get(`/assessment/rounds/${laterRound}/report`)).body);
    assert.doesNotMatch(later, /Action plan/);
  });

  it('gives other organisations 404 and takes none of their accounts as owners', async () => {
    const outsider = await signedInAgent(t.app, other.manager);
    const before = (await rows('improvement_actions')).length;
    assert.equal((await outsider.get(`/improvement/plans/${planId}`)).status, 404);
    assert.equal(
      (
        await outsider.post(`/improvement/plans/${planId}/actions`, {
          what: 'x',
          ownerId: other.practitioner.id,
          dueOn: day(10),
        })
      ).status,
      404,
    );
    assert.equal(
      (
        await outsider.post('/improvement/plans', {
          subjectKind: 'assessment_round',
          subjectId: firstRound,
        })
      ).status,
      404,
    );
    const outsidePartner = await signedInAgent(t.app, other.partner);
    assert.equal(
      (
        await outsidePartner.post(`/improvement/plans/${planId}/review`, {
          about: 'plan',
          kind: 'cosign',
        })
      ).status,
      404,
    );
    assert.equal((await rows('improvement_actions')).length, before);
    assert.equal((await rows('improvement_reviews')).length, 2);
  });
  it('takes an evidence figure as a measure and shows it at both rounds’ periods', async () => {
    const form = textOf((await manager.get(`/improvement/plans/${planId}`)).body);
    assert.match(form, /From the records: Lived-experience partners with an account/);
    const res = await manager.post(`/improvement/plans/${planId}/actions`, {
      what: 'Invite two more partners to the ward meeting',
      ownerId: team.practitioner.id,
      dueOn: day(30),
      linkKey: 'principle:survivor-partnerships',
      measure: 'evidence:accounts.partners',
    });
    assert.equal(res.status, 303);
    const unknown = await manager.post(`/improvement/plans/${planId}/actions`, {
      what: 'A measure that does not exist',
      ownerId: team.practitioner.id,
      dueOn: day(30),
      measure: 'evidence:nothing.here',
    });
    assert.equal(unknown.status, 400);
    const page = textOf((await manager.get(`/improvement/plans/${planId}`)).body);
    assert.match(page, /1 \(records from \d{4}-\d{2}-01 until \d{4}-\d{2}-01\)/);
    assert.match(page, /Change\s*\+0/);
  });

  it('words the change in an evidence figure, and refuses to compare small figures', () => {
    const figure = (value: number | null, notEnoughData = false) => ({
      key: 'enquiry.asked',
      title: 'Asked',
      kind: 'share' as const,
      value,
      notEnoughData,
      text: value === null ? 'Not enough data' : `${Math.round(value * 100)}%`,
    });
    const periods = { then: 'a', now: 'b' };
    assert.equal(
      describeFigureChange(figure(0.4), figure(0.55), periods).change,
      '+15 percentage points',
    );
    assert.equal(
      describeFigureChange(figure(0.6), figure(0.5), periods).change,
      '−10 percentage points',
    );
    assert.match(
      describeFigureChange(figure(0.4), figure(null, true), periods).change,
      /Cannot compare: not enough data/,
    );
    assert.equal(
      describeFigureChange(figure(0.4), figure(0.5), periods).then,
      '40% (records from a)',
    );
  });
});
