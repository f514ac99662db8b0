/**
 * A double click on a create form makes one thing, with JavaScript on (the button ignores the
 * second click) and off (the server's form token refuses the second sending). Checked in the
 * database, with axe on the result.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { expectAxeClean, signIn, startHarness } from './harness.ts';
import type { BrowserHarness } from './harness.ts';

const PERSON = 'sam@demo.hearth.test';

describe('double submission in Chromium', { timeout: 300_000 }, () => {
  let h: BrowserHarness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  async function linksFor(name: string): Promise<number> {
    const rows = await h.services.db
      .selectFrom('plan_supporter_links')
      .select('id')
      .where('supporter_name', '=', name)
      .execute();
    return rows.length;
  }

  for (const javaScript of [true, false]) {
    it(`a double click on "Make a link" makes one link (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const page = await h.newPage({ javaScript });
      await signIn(page, PERSON);
      await page.goto('/my-plan/sharing');
      const name = `Robin ${javaScript ? 'A' : 'B'}`;
      await page.getByLabel('Their name').fill(name);
      await page.getByRole('button', { name: 'Make a link' }).dblclick();
      await page.waitForLoadState('load');
      await page
        .getByText(/Your link for .* is ready|Your link was made/)
        .first()
        .waitFor();
      // Give a second sending, if one went, time to reach the database.
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(await linksFor(name), 1);
      if (javaScript) await expectAxeClean(page);
    });
  }
});
