/**
 * Safewards in Chromium with the demo data: Tom, Ward 3's manager, does this month's fidelity
 * check with JavaScript off (a bad month is refused with the error summary, then the check is
 * saved and changed, keeping the first), and reads the trend. Sam reads the staff's "about me"
 * on the home page and writes one. axe-core checks every page with JavaScript on.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { expectAxeClean, signIn, startHarness } from './harness.ts';
import type { BrowserHarness } from './harness.ts';

describe('Safewards in Chromium', { timeout: 600_000 }, () => {
  let h: BrowserHarness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  for (const javaScript of [false, true]) {
    it(`a ward manager does the monthly check, JavaScript ${javaScript ? 'on' : 'off'}`, async () => {
      const page = await h.newPage({ javaScript });
      page.setDefaultTimeout(60_000);
      const axe = async () => {
        if (javaScript) await expectAxeClean(page);
      };
      await signIn(page, 'tom@demo.hearth.test');
      await page.goto('/wards');
      await page.getByRole('link', { name: 'Safewards for Ward 3' }).click();
      await page.getByRole('heading', { level: 1, name: 'Safewards' }).waitFor();
      assert.ok(await page.getByText('What this chart shows:').isVisible());
      await axe();
      await page
        .getByRole('link', { name: 'Change which interventions are in place on Ward 3' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Interventions in place' }).waitFor();
      await axe();
      await page.goto('/wards');
      await page.getByRole('link', { name: 'Safewards for Ward 3' }).click();
      await page.getByRole('link', { name: /Do this month.s check for Ward 3/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Monthly Safewards check' }).waitFor();
      await axe();

      const month = await page.getByLabel('Month').inputValue();
      await page.getByLabel('Month').fill('2999-01');
      await page.getByRole('button', { name: /check$/ }).click();
      await page.getByText('There is a problem').waitFor();
      await axe();

      await page.getByLabel('Month').fill(month);
      await page
        .getByRole('group', { name: 'Staff give a reason when they cannot say yes' })
        .getByLabel('Partly')
        .check();
      await page.getByRole('button', { name: /check$/ }).click();
      await page.getByText('Check changed. The earlier answers are kept below.').waitFor();
      await page
        .getByText(/^Version 1, saved by Tom Okafor/)
        .first()
        .waitFor();
      await axe();
    });
  }

  it('a person reads the staff’s “about me” and writes their own', async () => {
    const page = await h.newPage({ javaScript: false });
    await signIn(page, 'sam@demo.hearth.test');
    await page.getByRole('heading', { name: 'Get to know the staff on your ward' }).waitFor();
    assert.ok(await page.getByText('Tom Okafor').first().isVisible());
    await page.getByRole('link', { name: /Write your own/ }).click();
    await page.getByRole('heading', { level: 1, name: 'About me' }).waitFor();
    await page.getByLabel('About me').fill('I like drawing and long walks.');
    await page.getByRole('button', { name: 'Save and share with ward staff' }).click();
    await page.getByText('Your “about me” is saved.').waitFor();
    const withJs = await h.newPage({ javaScript: true });
    await signIn(withJs, 'sam@demo.hearth.test');
    await expectAxeClean(withJs);
    await withJs.goto('/about-me');
    await expectAxeClean(withJs);
  });
});
