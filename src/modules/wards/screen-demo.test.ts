/**
 * The ward screen demo tells its story: Ward 3's screen shows the current expectations (with one
 * earlier version kept), two approved messages and the staff notes, while Sam's message waits
 * with its reason; the Safewards page shows calm-down shares for some months; the learning
 * themes have counts of 5 or more and some shown as "fewer than 5"; two people's own words.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext } from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';
import { loadDemo } from '../../demo.ts';
import { seedForceDemo } from '../force/index.ts';
import { seedWardsDemo } from './demo.ts';
import { createWardsStore } from './store.ts';

describe('ward screen demo data', () => {
  let t: TestContext;
  let ids: Awaited<ReturnType<typeof loadDemo>>;
  let token: string;
  before(async () => {
    t = await createTestContext();
    ids = await loadDemo(t.services);
    await seedForceDemo(t.services, ids);
    ({ screenToken: token } = await seedWardsDemo(t.services.db, createWardsStore(), t.clock, ids));
  });
  after(() => t.close());

  const actor = (id: string) => t.services.accounts.people.actorFor(id);

  it('shows Ward 3’s screen with the expectations, two messages and staff notes only', async () => {
    const screen = await t.services.wards.screen.display.show(token);
    assert.equal(screen.connected, true);
    if (!screen.connected) return;
    assert.equal(screen.messages.length, 2);
    assert.ok(screen.messages.every((m) => !/07700/.test(m.body)));
    assert.ok(screen.expectations.some((l) => /sorry when we get it wrong/.test(l)));
    assert.deepEqual(screen.staff.map((s) => s.name).sort(), ['Jo Bennett', 'Tom Okafor']);
    const tom = await actor(ids.people.tom);
    const view = await t.services.wards.screen.expectations.view(tom, ids.units.ward3);
    assert.equal(view.current?.version, 2);
    assert.equal(view.earlier.length, 1);
  });

  it('holds Sam’s message with its reason, and Tom sees it waiting', async () => {
    const sam = await actor(ids.people.sam);
    const mine = await t.services.wards.screen.messages.mine(sam);
    assert.equal(mine.messages.length, 1);
    assert.match(mine.messages[0]?.heldReason ?? '', /phone number/);
    const tom = await actor(ids.people.tom);
    const queue = await t.services.wards.screen.messages.queue(tom, ids.units.ward3);
    assert.equal(queue.waiting.length, 1);
    assert.equal(queue.shown.length, 2);
  });

  it('gives Dev a note on Willow Ward', async () => {
    const dev = await actor(ids.people.dev);
    const notes = await t.services.wards.aboutMe.forWard(dev.organisationId, ids.units.willow);
    assert.deepEqual(
      notes.map((n) => n.displayName),
      ['Dev Patel'],
    );
  });

  it('shows calm-down shares for some months on the Safewards page', async () => {
    const tom = await actor(ids.people.tom);
    const view = await t.services.wards.safewards.overview(tom, ids.units.ward3, {});
    const rows = view.calmDown ?? [];
    const shown = rows.filter((r) => /%\)$/.test(r.offered) || /%\)$/.test(r.reassured));
    assert.ok(shown.length >= 2, JSON.stringify(rows));
    assert.ok(
      rows.some((r) => /too few/.test(r.offered)),
      'some months too few to show',
    );
  });

  it('has learning themes with counts of 5 or more and some fewer than 5', async () => {
    const tom = await actor(ids.people.tom);
    const figures = await t.services.force.learning.themeFigures(tom, ids.units.ward3);
    const counts = (figures?.themes ?? []).map((th) => th.count);
    assert.ok(
      counts.some((c) => Number(c) >= 5),
      JSON.stringify(counts),
    );
    assert.ok(
      counts.some((c) => /fewer than 5/i.test(c)),
      JSON.stringify(counts),
    );
  });

  it('keeps two people’s own words, written down by Jo whom they chose', async () => {
    const rows = await t.services.db
      .selectFrom('force_learning')
      .select(['incident_id', 'words_by_name', 'words_by_role'])
      .where('organisation_id', '=', ids.organisationId)
      .where('words', 'is not', null)
      .execute();
    assert.equal(rows.length, 2);
    assert.ok(rows.every((r) => r.words_by_name === 'Jo Bennett'));
    assert.ok(rows.every((r) => r.words_by_role === 'chosen_staff'));
  });
});
