/**
 * A lived-experience partner co-signs a plan in Chromium with the demo data, first with
 * JavaScript off: Morgan opens the Ward 3 restraint reduction plan, sends a disagreement with no
 * words (the error summary says why), then co-signs, and the plan says so. Tom, the ward's
 * manager, reads the plan with its goals' charts and its printable copy. axe checks every page.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { expectAxeClean, signIn, startHarness } from './harness.ts';
import type { BrowserHarness } from './harness.ts';

describe('improvement plans in Chromium', { timeout: 600_000 }, () => {
  let h: BrowserHarness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  // axe runs inside the page, so it checks the pages with JavaScript on; the journey itself is
  // walked first with JavaScript off.
  for (const javaScript of [false, true]) {
    it(`a partner co-signs the Ward 3 plan, JavaScript ${javaScript ? 'on' : 'off'}`, async () => {
      const page = await h.newPage({ javaScript });
      page.setDefaultTimeout(60_000);
      const axe = async () => {
        if (javaScript) await expectAxeClean(page);
      };
      await signIn(page, 'morgan@demo.hearth.test');
      await page.goto('/improvement');
      await page.getByRole('heading', { level: 1, name: 'Improvement plans' }).waitFor();
      await axe();
      await page.getByRole('link', { name: 'Restraint reduction plan: Ward 3' }).click();
      await page
        .getByRole('heading', { level: 1, name: 'Restraint reduction plan: Ward 3' })
        .waitFor();
      await axe();

      await page.getByLabel('I disagree with part of it').check();
      await page.getByRole('button', { name: 'Send your response' }).click();
      await page.getByText('There is a problem').waitFor();
      assert.ok(
        await page
          .getByText('Say in your own words what you disagree with or would add')
          .first()
          .isVisible(),
      );
      await axe();

      await page.getByLabel('What you are responding to').selectOption({ label: 'The whole plan' });
      await page.getByLabel('I co-sign it').check();
      await page
        .getByLabel('In your own words')
        .fill('I helped write these goals and I co-sign them.');
      await page.getByRole('button', { name: 'Send your response' }).click();
      await page.getByText('What you said is kept beside the plan').waitFor();
      assert.ok(
        await page.getByText(/Co-signed by Morgan Reid on .*, as it stands now/).isVisible(),
      );
      await axe();
    });
  }

  it('the ward manager reads the plan with its goals and prints it', async () => {
    const page = await h.newPage({});
    await signIn(page, 'tom@demo.hearth.test');
    await page.goto('/improvement');
    await page.getByRole('link', { name: 'Restraint reduction plan: Ward 3' }).click();
    await page.getByRole('heading', { level: 2, name: 'Goals' }).waitFor();
    assert.ok(
      await page
        .getByRole('heading', { level: 3, name: 'No face-down restraint on Ward 3' })
        .isVisible(),
    );
    await expectAxeClean(page);
    await page.getByRole('link', { name: 'Printable copy (A4)' }).click();
    await page.getByRole('heading', { level: 2, name: 'Actions' }).waitFor();
    await expectAxeClean(page);
  });
});
