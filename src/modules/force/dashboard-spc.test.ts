/**
 * The dashboard's rate chart is a statistical process control chart: a month far above the
 * usual rate is named "concerning" in words (not only in colour), each month's signal is in the
 * table, and limits can be worked out afresh from a chosen month.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, makeTeam, signedInAgent } from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';
import { recordTeamIncident } from '../../../test/force-fixtures.ts';
import { shiftPeriod, toLondonLocal } from './time.ts';

describe('the rate chart on the dashboard', () => {
  let t: TestContext;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  let period: string;
  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
    period = toLondonLocal(t.clock()).slice(0, 7);
    const admin = await t.services.accounts.people.actorFor(team.admin.id);
    // A year of 1,000 bed days a month, with every use of force in the latest month.
    await t.services.force.denominators.saveBedDays(
      admin,
      team.organisationId,
      Array.from({ length: 12 }, (_, n) => ({
        unitId: team.unitId,
        period: shiftPeriod(period, -n),
        occupiedBedDays: 1000,
      })),
      { actor: null, ip: null },
    );
    for (let i = 0; i < 6; i++) await recordTeamIncident(t.services, team);
  });
  after(() => t.close());

  it('names the latest month concerning, in words, and says why for each month', async () => {
    const manager = await t.services.accounts.people.actorFor(team.manager.id);
    const page = await t.services.force.dashboards.page(manager, { scope: `unit:${team.unitId}` });
    assert.equal(page.monthly.spc.variation, 'concerning');
    assert.match(page.monthly.spc.text, /^Concerning:/);
    const last = page.monthly.months.at(-1);
    assert.equal(last?.period, period);
    assert.match(last?.signalShown ?? '', /^Concerning \(outside the limits/);
    // Eleven months below the mean make a run, which is better, so those read as improving.
    assert.match(page.monthly.months[0]?.signalShown ?? '', /^Improving \(7 or more in a row/);
    assert.match(page.monthly.rateSvg, /Concerning/);
    assert.match(page.monthly.rateSvg, /Limits/);
  });

  it('works out limits afresh from a chosen month, and ignores a month outside the range', async () => {
    const manager = await t.services.accounts.people.actorFor(team.manager.id);
    const change = shiftPeriod(period, -5);
    const page = await t.services.force.dashboards.page(manager, {
      scope: `unit:${team.unitId}`,
      change,
    });
    assert.equal(page.monthly.spc.change, change);
    // The first seven months are all 0 with their own baseline: no longer a run below a mean.
    assert.equal(page.monthly.months[0]?.signalShown, 'Common cause');
    const outside = await t.services.force.dashboards.page(manager, {
      scope: `unit:${team.unitId}`,
      change: '1999-01',
    });
    assert.equal(outside.monthly.spc.change, null);
    const nonsense = await t.services.force.dashboards.page(manager, {
      scope: `unit:${team.unitId}`,
      change: '<script>',
    });
    assert.equal(nonsense.monthly.spc.change, null);
  });

  it('shows the signal in words on the page itself', async () => {
    const agent = await signedInAgent(t.app, team.manager);
    const res = await agent.get(`/force/dashboards?scope=unit:${team.unitId}`);
    assert.equal(res.status, 200);
    assert.match(res.body, /What the rate chart shows:<\/strong> Concerning:/);
    assert.match(res.body, /Chart signal/);
  });
});
