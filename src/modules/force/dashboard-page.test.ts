/**
 * The small-number rule lives in the service: a page for a wider audience (a lived-experience
 * partner, national figures) and every download never carry a count from 1 to 4, whoever asks
 * (a page, a CLI or a JSON view would all get the same); a unit manager for their unit and an
 * administrator for their organisation, who may open the records anyway, see exact counts.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { createTestContext, makeTeam } from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';
import { recordTeamIncident } from '../../../test/force-fixtures.ts';
import { rangeOf } from './dashboard-page.ts';
import { SUPPRESSED_TEXT } from './stats.ts';

describe('dashboard figures from the service', () => {
  let t: TestContext;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
    // Two incidents: real counts of 1 to 4, which must never be shown.
    await recordTeamIncident(t.services, team);
    await recordTeamIncident(t.services, team);
  });
  after(() => t.close());

  it('shows a wider audience counts of 1 to 4 as "fewer than 5" and carries no raw count', async () => {
    const manager = await t.services.accounts.people.actorFor(team.manager.id);
    const raw = await t.services.force.dashboards.monthly(
      manager,
      { level: 'unit', organisationId: team.organisationId, unitId: team.unitId },
      rangeOf({}, t.clock()),
    );
    assert.equal(raw.total.incidents, 2);
    const partner = await t.services.accounts.people.actorFor(team.partner.id);
    const page = await t.services.force.dashboards.page(partner, { scope: `unit:${team.unitId}` });
    assert.equal(page.exact, false);
    assert.equal(page.monthly.totalShown.incidents, SUPPRESSED_TEXT);
    assert.equal(page.monthly.totalShown.interventions, SUPPRESSED_TEXT);
    assert.equal(page.monthly.totalShown.offered, SUPPRESSED_TEXT);
    assert.ok(page.trend.series.length > 0);
    for (const s of page.trend.series)
      for (const shown of s.shown) assert.ok(shown === '0' || shown === SUPPRESSED_TEXT, shown);
    for (const d of page.duration.rows) {
      assert.equal(d.interventionsShown, SUPPRESSED_TEXT);
      assert.equal(d.meanShown, SUPPRESSED_TEXT);
    }
    // No field of the view model holds a bare count of incidents or interventions.
    const json = JSON.stringify(page);
    assert.doesNotMatch(json, /"(incidents|interventions|prone|counts|value)":\s*\[?\d/);
  });

  it('shows exact counts to the unit manager and the administrator, and labels no gap', async () => {
    const manager = await t.services.accounts.people.actorFor(team.manager.id);
    const mine = await t.services.force.dashboards.page(manager, { scope: `unit:${team.unitId}` });
    assert.equal(mine.exact, true);
    assert.equal(mine.monthly.totalShown.incidents, '2');
    assert.doesNotMatch(JSON.stringify(mine), /fewer than 5/);
    assert.doesNotMatch(mine.trend.svg, /not shown/);
    const admin = await t.services.accounts.people.actorFor(team.admin.id);
    for (const scope of ['organisation', `unit:${team.unitId}`]) {
      const page = await t.services.force.dashboards.page(admin, { scope });
      assert.equal(page.monthly.totalShown.interventions, '2', scope);
    }
    // National figures stay suppressed, with the suppressed month drawn as a labelled gap.
    const national = await t.services.accounts.people.actorFor(team.national.id);
    const wide = await t.services.force.dashboards.page(national, { scope: 'national' });
    assert.equal(wide.exact, false);
    assert.notEqual(wide.monthly.totalShown.incidents, '2');
    assert.match(wide.trend.svg, /not shown:/);
    assert.match(wide.monthly.proneEmpty ?? '', /Nothing to draw/);
  });

  it('suppresses the downloads the same way', async () => {
    const manager = await t.services.accounts.people.actorFor(team.manager.id);
    for (const view of ['trend', 'monthly', 'duration', 'disparity', 'zero']) {
      const { csv } = await t.services.force.dashboards.csv(manager, { view });
      const rows = parse(csv, { columns: true }) as Record<string, string>[];
      for (const row of rows) {
        for (const column of ['Interventions', 'Incidents', 'Prone restraints']) {
          const cell = row[column];
          if (cell === undefined) continue;
          assert.ok(!/^[1-4]$/.test(cell), `${view} ${column} shows ${cell}`);
        }
      }
    }
  });

  it('suppresses the annual return too, and keeps the raw values out of it', async () => {
    const admin = await t.services.accounts.people.actorFor(team.admin.id);
    const year = String(t.clock().getUTCFullYear());
    const ret = await t.services.force.returns.page(admin, { year });
    const incidents = ret.ret.lines.find((l) => l.measure === 'Incidents');
    assert.equal(incidents?.shown, SUPPRESSED_TEXT);
    assert.ok(ret.ret.lines.every((l) => !('value' in l)));
  });
});
