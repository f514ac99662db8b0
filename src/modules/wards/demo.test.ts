/**
 * The demo tells the story it is meant to: Ward 3's containment falls for real after Safewards
 * starts (the SPC chart says improving), while Willow Ward only varies by chance (common cause).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext } from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';
import { loadDemo } from '../../demo.ts';
import { seedWardsDemo } from './demo.ts';
import { createWardsStore } from './store.ts';

describe('wards demo data', () => {
  let t: TestContext;
  let ids: Awaited<ReturnType<typeof loadDemo>>;
  before(async () => {
    t = await createTestContext();
    ids = await loadDemo(t.services);
    await seedWardsDemo(t.services.db, createWardsStore(), t.clock, ids);
  });
  after(() => t.close());

  const page = async (unitId: string) => {
    const priya = await t.services.accounts.people.actorFor(ids.people.priya);
    const to = t.clock().toISOString().slice(0, 7);
    const [y, m] = to.split('-').map(Number) as [number, number];
    const back = y * 12 + m - 1 - 17;
    const from = `${Math.floor(back / 12)}-${String((back % 12) + 1).padStart(2, '0')}`;
    return t.services.wards.figures.page(priya, unitId, { from, to });
  };

  it('shows Ward 3 improving after Safewards, with two recent shifts missing', async () => {
    const ward3 = await page(ids.units.ward3);
    assert.equal(ward3.months.length, 18);
    assert.match(ward3.containmentChart.text, /^Improving/);
    assert.match(ward3.conflictChart.text, /^Improving/);
    // Today's shifts that have started, and the last four nights, have no report.
    assert.ok(ward3.missing.length >= 4, String(ward3.missing.length));
  });

  it('shows Willow Ward with common cause variation only', async () => {
    const willow = await page(ids.units.willow);
    assert.match(willow.containmentChart.text, /^Common cause/);
    assert.match(willow.conflictChart.text, /^Common cause/);
  });
});
