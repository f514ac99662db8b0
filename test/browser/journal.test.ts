/**
 * The reflective journal in Chromium on a phone, with JavaScript off and on: a nurse named on a
 * recent use of force follows the support offer on their home page to the journal prompt,
 * writes an entry, reads it, shares it with a named colleague as supervisor, exports it and
 * deletes it. The supervisor reads only the shared entry; the unit manager reads none. axe
 * (JavaScript on) finds nothing on each page.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { expectAxeClean, signIn, startHarness } from './harness.ts';
import type { BrowserHarness } from './harness.ts';

const PHONE = { width: 390, height: 844 };

describe('the reflective journal in Chromium', { timeout: 600_000 }, () => {
  let h: BrowserHarness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  for (const javaScript of [false, true]) {
    it(`a nurse writes, shares, exports and deletes an entry (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const mark = javaScript ? 'lounge' : 'corridor';
      const nurse = await h.newPage({ javaScript, viewport: PHONE });
      nurse.setDefaultTimeout(20_000);
      const axe = async () => {
        if (javaScript) await expectAxeClean(nurse);
      };
      // Dev is named on the demo's recent uses of force, so his home page offers support.
      await signIn(nurse, 'dev@demo.hearth.test');
      await nurse.goto('/');
      await nurse.getByRole('heading', { name: 'Support for you' }).waitFor();
      await axe();
      await nurse.getByRole('link', { name: 'See what support you can have' }).click();
      await nurse.getByRole('heading', { name: 'Support for you', level: 1 }).waitFor();
      await axe();
      await nurse.getByRole('link', { name: 'Write about it in your journal' }).first().click();
      await nurse.getByRole('heading', { name: 'Write in your journal', level: 1 }).waitFor();
      assert.match(new URL(nurse.url()).search, /prompt=force/);
      await axe();
      await nurse.getByLabel('What happened?').fill(`A restraint in the ${mark} this morning.`);
      await nurse.getByLabel('How did it feel, then and now?').fill('Shaky, then tired.');
      await nurse.getByRole('button', { name: 'Save entry' }).click();
      await nurse.getByText('Entry saved. Only you can read it.').waitFor();
      await nurse.getByText(`A restraint in the ${mark} this morning.`).waitFor();
      const entryUrl = new URL(nurse.url()).pathname;
      assert.match(entryUrl, /^\/learning\/journal\/[^/]+$/);
      await axe();

      // A second entry, never shared, which the supervisor must not reach.
      await nurse.goto('/learning/journal/new?prompt=any');
      await nurse.getByLabel('What happened?').fill(`Private note about the ${mark}.`);
      await nurse.getByRole('button', { name: 'Save entry' }).click();
      await nurse.getByText('Entry saved. Only you can read it.').waitFor();
      const privateUrl = new URL(nurse.url()).pathname;

      await nurse.goto(entryUrl);
      await nurse.getByLabel('Who to share it with').selectOption({ label: 'Jo Bennett' });
      await nurse.getByRole('button', { name: 'Share this entry' }).click();
      await nurse.getByText('You are sharing this entry with Jo Bennett.').waitFor();
      await axe();
      await nurse.goto('/learning/journal');
      await nurse.getByRole('heading', { level: 1 }).first().waitFor();
      await axe();

      const supervisor = await h.newPage({ javaScript, viewport: PHONE });
      await signIn(supervisor, 'jo@demo.hearth.test');
      await supervisor.goto(entryUrl);
      await supervisor.getByText(`A restraint in the ${mark} this morning.`).waitFor();
      assert.ok(await supervisor.getByText('Dev Patel chose to share this with you').isVisible());
      assert.equal(await supervisor.getByRole('button', { name: 'Delete entry' }).count(), 0);
      if (javaScript) await expectAxeClean(supervisor);
      const hidden = await supervisor.goto(privateUrl);
      assert.equal(hidden?.status(), 404);
      await supervisor.goto('/learning/journal');
      assert.equal(await supervisor.getByText(`Private note about the ${mark}.`).count(), 0);

      const manager = await h.newPage({ javaScript, viewport: PHONE });
      await signIn(manager, 'tom@demo.hearth.test');
      for (const url of [entryUrl, privateUrl]) {
        assert.equal((await manager.goto(url))?.status(), 404);
      }
      await manager.goto('/learning/journal');
      assert.doesNotMatch(await manager.content(), new RegExp(mark));
      await manager.goto('/learning/unit/wellbeing');
      assert.doesNotMatch(await manager.content(), new RegExp(`${mark}|Dev Patel`));

      const exported = await nurse.request.get('/learning/journal/export');
      assert.equal(exported.status(), 200);
      const text = await exported.text();
      assert.match(text, new RegExp(`A restraint in the ${mark} this morning\\.`));
      assert.match(text, new RegExp(`Private note about the ${mark}\\.`));

      for (const url of [entryUrl, privateUrl]) {
        await nurse.goto(url);
        await nurse.getByLabel('I want to delete this entry').check();
        await nurse.getByRole('button', { name: 'Delete entry' }).click();
        await nurse.waitForURL((u) => u.pathname !== url);
      }
      await axe();
      assert.doesNotMatch(await nurse.content(), new RegExp(mark));
      assert.equal((await supervisor.goto(entryUrl))?.status(), 404);
    });
  }
});
