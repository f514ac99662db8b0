/**
 * The Safewards demo tells its story: Ward 3 has every intervention in place since Safewards
 * started, a check each month since with scores rising, two meetings, and "about me" notes that
 * Sam sees from the staff and the staff see from Sam.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext } from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';
import { loadDemo } from '../../demo.ts';
import { seedWardsDemo } from './demo.ts';
import { createWardsStore } from './store.ts';

describe('Safewards demo data', () => {
  let t: TestContext;
  let ids: Awaited<ReturnType<typeof loadDemo>>;
  before(async () => {
    t = await createTestContext();
    ids = await loadDemo(t.services);
    await seedWardsDemo(t.services.db, createWardsStore(), t.clock, ids);
  });
  after(() => t.close());

  it('shows Ward 3’s checks rising month by month, with two meetings', async () => {
    const tom = await t.services.accounts.people.actorFor(ids.people.tom);
    const view = await t.services.wards.safewards.overview(tom, ids.units.ward3, {});
    assert.ok(view.interventions.every((i) => i.since !== null));
    const scores = view.months.map((m) => m.overall);
    assert.ok(scores.length >= 9, String(scores.length));
    assert.ok(scores.every((s) => s !== null));
    assert.ok((scores.at(-1) as number) - (scores[0] as number) >= 30, JSON.stringify(scores));
    assert.ok(view.trend.svg, 'enough months for an SPC chart');
    assert.equal(
      view.months.reduce((n, m) => n + m.meetings, 0),
      2,
    );
  });

  it('shows staff notes to Sam and Sam’s shared note to the staff', async () => {
    const sam = await t.services.accounts.people.actorFor(ids.people.sam);
    const forSam = await t.services.wards.aboutMe.panel(sam);
    assert.deepEqual(forSam?.notes.map((n) => n.name).sort(), ['Jo Bennett', 'Tom Okafor']);
    const jo = await t.services.accounts.people.actorFor(ids.people.jo);
    const forJo = await t.services.wards.aboutMe.panel(jo);
    assert.deepEqual(
      forJo?.notes.map((n) => n.name),
      ['Sam Taylor'],
    );
  });
});
