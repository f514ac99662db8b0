/**
 * The demo tells its story: two closed Ward 3 rounds where staff rate safety and choice well above
 * what people who use the ward say, every group big enough to show, a change between the rounds,
 * and an open round on the home page.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext } from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';
import { loadDemo } from '../../demo.ts';
import { DEMO_ROUND_TITLES, findDemoLatestClosedRound, seedAssessmentDemo } from './demo.ts';
import { createAssessmentStore } from './store.ts';

describe('self-assessment demo data', () => {
  let t: TestContext;
  let ids: Awaited<ReturnType<typeof loadDemo>>;
  before(async () => {
    t = await createTestContext();
    ids = await loadDemo(t.services);
    await seedAssessmentDemo(t.services.db, createAssessmentStore(), t.clock, ids);
  });
  after(() => t.close());

  it('has two closed Ward 3 rounds with every group shown and a gap on safety and choice', async () => {
    const priya = await t.services.accounts.people.actorFor(ids.people.priya);
    const latest = await findDemoLatestClosedRound(
      t.services.db,
      createAssessmentStore(),
      ids.organisationId,
    );
    assert.equal(latest?.title, DEMO_ROUND_TITLES.second);
    const closed = await t.services.assessment.results.closedRounds(priya);
    assert.deepEqual(closed.map((r) => r.title).sort(), [
      DEMO_ROUND_TITLES.first,
      DEMO_ROUND_TITLES.second,
    ]);
    for (const round of closed) {
      assert.equal(round.unitId, ids.units.ward3);
      const r = await t.services.assessment.results.forRound(priya, round.id);
      assert.ok(r.groups.every((g) => g.shown && g.responses! >= 5));
      const top = r.gaps.slice(0, 3).map((g) => g.id);
      assert.ok(top.includes('safety') && top.includes('choice'), top.join(', '));
      for (const id of ['safety', 'choice'])
        assert.ok(r.gaps.find((g) => g.id === id)!.gap > 1, `${round.title}: ${id}`);
    }
  });

  it('shows a change between the rounds: people rate safety higher the second time', async () => {
    const priya = await t.services.accounts.people.actorFor(ids.people.priya);
    const latest = await findDemoLatestClosedRound(
      t.services.db,
      createAssessmentStore(),
      ids.organisationId,
    );
    const r = await t.services.assessment.results.forRound(priya, latest!.id);
    assert.equal(r.comparison?.previous.title, DEMO_ROUND_TITLES.first);
    const safety = r.comparison!.rows.find((x) => x.id === 'safety')!;
    assert.ok(safety.changes.people!.difference.change > 0.2);
    assert.ok(safety.changes.staff && safety.changes.partners);
  });

  it('has an open round waiting on a person’s home page', async () => {
    const sam = await t.services.accounts.people.actorFor(ids.people.sam);
    const waiting = await t.services.assessment.rounds.waitingFor(sam);
    assert.deepEqual(
      waiting.map((w) => w.title),
      [DEMO_ROUND_TITLES.open],
    );
  });
});
