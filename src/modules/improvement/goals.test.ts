/**
 * Restraint reduction goals: the "met" rule against worked charts (too few months, above the
 * target, at the target with and without a real improvement, holding at zero), and a ward's
 * plan through the pages: goals added with bad input refused, a partner's comment on a goal.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { xmrChart } from '../../lib/spc.ts';
import { createTestContext, makeTeam, signedInAgent, textOf } from '../../../test/factories.ts';
import type { Agent, TestContext } from '../../../test/factories.ts';
import { acrossOrganisations } from '../../db/tenancy.ts';
import { MIN_MONTHS, judgeGoal } from './goals.ts';

describe('whether a goal is met', () => {
  const down = (values: (number | null)[]) =>
    xmrChart(values, { better: 'down', baselineLength: 12 });

  it('says too few months below the minimum, whatever the figures', () => {
    assert.equal(judgeGoal(down(Array(MIN_MONTHS - 1).fill(0)), 0), 'too-few');
    // Gaps are not months with figures.
    assert.equal(judgeGoal(down([...Array(MIN_MONTHS - 1).fill(0), null, null]), 0), 'too-few');
  });

  it('is met when the latest three months are at or below the target with a real improvement', () => {
    const baseline = [8, 9, 7, 8, 10, 9, 8, 7, 9, 8, 9, 8];
    const chart = down([...baseline, 5, 4, 4, 3, 4, 3, 3]);
    assert.equal(chart.latest, 'improving');
    assert.equal(judgeGoal(chart, 4), 'met');
    // One of the latest three above the target: not yet, even with the improvement.
    assert.equal(judgeGoal(down([...baseline, 5, 4, 4, 3, 4, 3, 5]), 4), 'not-yet');
  });

  it('is not met when the figures are at the target only by the usual ups and downs', () => {
    const chart = down([6, 3, 5, 4, 6, 3, 5, 4, 6, 3, 4, 4, 3, 5, 3]);
    assert.notEqual(chart.latest, 'improving');
    assert.equal(judgeGoal(chart, 4), 'not-yet');
  });

  it('is holding when every month shown is at or below the target (no face-down restraint at all)', () => {
    assert.equal(judgeGoal(down(Array(14).fill(0)), 0), 'holding');
  });

  it('has no figures for a goal without a target', () => {
    assert.equal(judgeGoal(down(Array(14).fill(1)), null), 'no-figures');
  });
});

describe('a ward’s restraint reduction plan', () => {
  let t: TestContext;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  let manager: Agent;
  let planId: string;
  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
    manager = await signedInAgent(t.app, team.manager);
  });
  after(() => t.close());

  const goals = () =>
    acrossOrganisations('test: every goal', () =>
      t.services.db.selectFrom('improvement_goals').selectAll().execute(),
    );

  it('is started from the plans page by the ward’s manager', async () => {
    const list = await manager.get('/improvement');
    assert.match(textOf(list.body), /Restraint reduction plan for /);
    const res = await manager.post('/improvement/plans', {
      subjectKind: 'ward_reduction',
      subjectId: team.unitId,
    });
    assert.equal(res.status, 303);
    planId = String(res.headers.location).split('/').pop()!.split('?')[0]!;
    // The nurse sees the plan but cannot start or change one.
    const nurse = await signedInAgent(t.app, team.practitioner);
    assert.equal((await nurse.get(`/improvement/plans/${planId}`)).status, 200);
    assert.equal(
      (await nurse.post(`/improvement/plans/${planId}/goals`, { title: 'x' })).status,
      404,
    );
  });

  it('refuses goals without a target, with a past day or too long, saving nothing', async () => {
    const good = {
      title: 'No face-down restraint',
      measure: 'prone',
      target: '0',
      targetOn: '2027-12-31',
    };
    for (const [form, message] of [
      [{ ...good, target: '' }, /Enter the monthly figure the goal aims for/],
      [{ ...good, target: 'none' }, /Enter the target as a number/],
      [{ ...good, targetOn: '2026-05-01' }, /Choose a day after today/],
      [{ ...good, title: 'x'.repeat(301) }, /Keep the goal to 300 characters or fewer/],
      [{ ...good, measure: 'made-up' }, /Choose how the goal is measured/],
    ] as const) {
      const res = await manager.post(`/improvement/plans/${planId}/goals`, form);
      assert.equal(res.status, 400);
      assert.match(textOf(res.body), message);
    }
    assert.equal((await goals()).length, 0);
  });

  it('shows each goal with what its figures say, and a partner’s comment on it', async () => {
    assert.equal(
      (
        await manager.post(`/improvement/plans/${planId}/goals`, {
          title: 'No face-down restraint',
          measure: 'prone',
          target: '0',
          targetOn: '2027-12-31',
        })
      ).status,
      303,
    );
    const [goal] = await goals();
    const partner = await signedInAgent(t.app, team.partner);
    assert.equal(
      (
        await partner.post(`/improvement/plans/${planId}/review`, {
          about: `goal:${goal!.id}`,
          kind: 'comment',
          text: 'Ask the people who were held what would have helped.',
        })
      ).status,
      303,
    );
    const page = textOf((await manager.get(`/improvement/plans/${planId}`)).body);
    assert.match(page, /No face-down restraint/);
    assert.match(page, /Too few months to say/);
    assert.match(page, /Ask the people who were held what would have helped\./);
    // An action can serve the goal and be measured by it.
    const res = await manager.post(`/improvement/plans/${planId}/actions`, {
      what: 'De-escalation refresher for every member of staff',
      ownerId: team.manager.id,
      dueOn: '2026-09-30',
      linkKey: `goal:${goal!.id}`,
      measure: `goal:${goal!.id}`,
    });
    assert.equal(res.status, 303);
    assert.match(
      textOf((await manager.get(`/improvement/plans/${planId}`)).body),
      /How we will know it worked Goal: No face-down restraint/,
    );
  });
});
