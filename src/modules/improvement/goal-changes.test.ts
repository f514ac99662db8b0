/**
 * Changing a goal of a reduction plan: bad input refused with nothing changed, a change keeps
 * the earlier version and is marked on a co-signed plan, a stale form is told someone else saved
 * first (409), met and retired are shown in words, and only the plan's editors may change one.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, makeTeam, signedInAgent, textOf } from '../../../test/factories.ts';
import type { Agent, TestContext } from '../../../test/factories.ts';
import { acrossOrganisations } from '../../db/tenancy.ts';

describe('changing a goal of a restraint reduction plan', () => {
  let t: TestContext;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  let manager: Agent;
  let planId: string;
  let goalId: string;
  let goalUrl: string;
  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
    manager = await signedInAgent(t.app, team.manager);
    const res = await manager.post('/improvement/plans', {
      subjectKind: 'ward_reduction',
      subjectId: team.unitId,
    });
    planId = String(res.headers.location).split('/').pop()!.split('?')[0]!;
    await manager.post(`/improvement/plans/${planId}/goals`, {
      title: 'No face-down restraint',
      measure: 'prone',
      target: '0',
      targetOn: '2027-12-31',
    });
    const [goal] = await goals();
    goalId = goal!.id;
    goalUrl = `/improvement/plans/${planId}/goals/${goalId}`;
    // A partner co-signs the plan as it stands, before any change.
    const partner = await signedInAgent(t.app, team.partner);
    await partner.post(`/improvement/plans/${planId}/review`, { about: 'plan', kind: 'cosign' });
    t.clock.advance(60_000);
  });
  after(() => t.close());

  const goals = () =>
    acrossOrganisations('test: every goal', () =>
      t.services.db.selectFrom('improvement_goals').selectAll().execute(),
    );
  const versions = () =>
    acrossOrganisations('test: every kept goal version', () =>
      t.services.db
        .selectFrom('improvement_goal_versions')
        .selectAll()
        .orderBy('version')
        .execute(),
    );
  const good = {
    title: 'No face-down restraint, and fewer holds overall',
    measure: 'prone',
    target: '0',
    targetOn: '2027-12-31',
    status: 'open',
    version: '1',
  };

  it('opens the form with the goal as it is, for the plan’s editor only', async () => {
    const form = await manager.get(goalUrl);
    assert.equal(form.status, 200);
    assert.match(form.body, /value="No face-down restraint"/);
    assert.match(form.body, /name="version" value="1"/);
    const nurse = await signedInAgent(t.app, team.practitioner);
    assert.equal((await nurse.get(goalUrl)).status, 404);
    assert.equal((await nurse.post(goalUrl, good)).status, 404);
    assert.equal((await manager.get(`/improvement/plans/${planId}/goals/not-a-goal`)).status, 404);
  });

  it('refuses bad input with a message by the box, changing nothing', async () => {
    const before = await goals();
    for (const [form, message] of [
      [{ ...good, title: '' }, /Enter the goal/],
      [{ ...good, title: 'x'.repeat(301) }, /Keep the goal to 300 characters or fewer/],
      [{ ...good, target: 'none' }, /Enter the target as a number/],
      [{ ...good, target: '' }, /Enter the monthly figure the goal aims for/],
      [{ ...good, measure: 'made-up' }, /Choose how the goal is measured/],
      [{ ...good, targetOn: '2026-05-01' }, /Choose a day after today/],
      [{ ...good, targetOn: '2027-02-30' }, /Enter a real date/],
      [{ ...good, status: 'gone' }, /Choose where the goal stands/],
      [{ ...good, version: '' }, /Open the goal again/],
    ] as const) {
      const res = await manager.post(goalUrl, form);
      assert.equal(res.status, 400, JSON.stringify(form));
      assert.match(textOf(res.body), message);
    }
    assert.deepEqual(await goals(), before);
    assert.deepEqual(await versions(), []);
  });

  it('keeps the earlier version, marks the change on the co-signed plan and audits it', async () => {
    const res = await manager.post(goalUrl, { ...good, target: '1', targetOn: '2028-03-31' });
    assert.equal(res.status, 303);
    const [goal] = await goals();
    assert.equal(goal!.version, 2);
    assert.equal(goal!.title, good.title);
    assert.equal(Number(goal!.target), 1);
    assert.equal(goal!.target_on, '2028-03-31');
    const kept = await versions();
    assert.equal(kept.length, 1);
    assert.equal(kept[0]!.version, 1);
    assert.equal(kept[0]!.title, 'No face-down restraint');
    assert.equal(Number(kept[0]!.target), 0);
    assert.equal(kept[0]!.replaced_by, team.manager.id);
    const page = textOf((await manager.get(`/improvement/plans/${planId}`)).body);
    assert.match(page, /Changed since co-signed/);
    assert.match(page, /Earlier versions of this goal/);
    assert.match(page, /Version 1: No face-down restraint, at or below 0 each month/);
    assert.match(page, /This plan has changed since .* co-signed it/);
    const audits = await acrossOrganisations('test: audit rows', () =>
      t.services.db
        .selectFrom('audit_events')
        .select(['action', 'record_id'])
        .where('action', '=', 'improvement.goal_change')
        .execute(),
    );
    assert.deepEqual(
      audits.map((a) => [a.action, a.record_id]),
      [['improvement.goal_change', goalId]],
    );
  });

  it('tells a stale form that someone else saved first (409), changing nothing', async () => {
    const before = await goals();
    const res = await manager.post(goalUrl, { ...good, title: 'An older idea', version: '1' });
    assert.equal(res.status, 409);
    assert.match(textOf(res.body), /Someone else changed this goal while you were editing it/);
    assert.match(res.body, /name="version" value="2"/);
    assert.deepEqual(await goals(), before);
    assert.equal((await versions()).length, 1);
  });

  it('marks a goal met or retired, shown in words and kept with its history', async () => {
    const changed = { ...good, target: '1', targetOn: '2028-03-31' };
    assert.equal(
      (await manager.post(goalUrl, { ...changed, status: 'met', version: '2' })).status,
      303,
    );
    let page = textOf((await manager.get(`/improvement/plans/${planId}`)).body);
    assert.match(page, /Where it stands Marked as met by the plan's editors/);
    assert.equal(
      (await manager.post(goalUrl, { ...changed, status: 'retired', version: '3' })).status,
      303,
    );
    page = textOf((await manager.get(`/improvement/plans/${planId}`)).body);
    assert.match(page, /Retired: no longer worked towards/);
    assert.deepEqual(
      (await versions()).map((v) => [v.version, v.status]),
      [
        [1, 'open'],
        [2, 'open'],
        [3, 'met'],
      ],
    );
  });
});
