/**
 * The demo plans: Ward 3's reduction plan with two goals and a partner's comment, and a closed
 * Ward 3 round's action plan co-signed by Morgan with one disagreement in their own words.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext } from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';
import { ctxOf } from '../../../test/plans-fixtures.ts';
import { loadDemo } from '../../demo.ts';
import { seedImprovementDemos } from './demo.ts';

describe('improvement demo plans', () => {
  let t: TestContext;
  let ids: Awaited<ReturnType<typeof loadDemo>>;
  before(async () => {
    t = await createTestContext();
    ids = await loadDemo(t.services);
    // A closed Ward 3 round for the action plan (the self-assessment's own demo adds real ones).
    const priya = await t.services.accounts.people.actorFor(ids.people.priya);
    const closesOn = new Date(t.clock().getTime() + 7 * 86_400_000).toISOString().slice(0, 10);
    const { id } = await t.services.assessment.rounds.open(
      priya,
      { unitId: ids.units.ward3, title: 'Ward 3 spring', closesOn },
      ctxOf(t.services, priya),
    );
    await t.services.assessment.rounds.close(priya, id, ctxOf(t.services, priya));
    await seedImprovementDemos(
      {
        improvement: t.services.improvement,
        actorFor: (accountId) => t.services.accounts.people.actorFor(accountId),
        clock: t.clock,
        forceFigures: t.services.force.dashboards,
        closedRounds: (actor) => t.services.assessment.results.closedRounds(actor),
      },
      ids,
    );
  });
  after(() => t.close());

  it('has a Ward 3 reduction plan with two goals and a round plan co-signed by Morgan', async () => {
    const morgan = await t.services.accounts.people.actorFor(ids.people.morgan);
    const { plans } = await t.services.improvement.plans.list(morgan);
    assert.equal(plans.length, 2);
    const reduction = plans.find((p) => p.title.includes('Restraint reduction plan: Ward 3'));
    const round = plans.find((p) => p.title.includes('Ward 3 spring'));
    assert.ok(reduction && round);
    const r = await t.services.improvement.page.view(morgan, reduction.id);
    assert.equal(r.goals.length, 2);
    const v = await t.services.improvement.page.view(morgan, round.id);
    assert.equal(v.signed?.partnerName, 'Morgan Reid');
    assert.equal(v.signed?.changedSince, false);
    const disagreements = v.actions.flatMap((a) => a.said).filter((s) => s.kind === 'disagree');
    assert.equal(disagreements.length, 1);
    assert.match(disagreements[0]!.text ?? '', /Once a month is not enough/);
  });
});
