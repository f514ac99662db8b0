/**
 * The shift report in Chromium on a phone with JavaScript off, with the demo data: Jo reports
 * this shift for Ward 3, a count of 100 is refused with the error summary, and Tom, the ward's
 * manager, reads the figures with the SPC signal in words. axe-core checks every page.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { expectAxeClean, signIn, startHarness } from './harness.ts';
import type { BrowserHarness } from './harness.ts';

const phone = { width: 390, height: 844 };

describe('ward shift report in Chromium', { timeout: 600_000 }, () => {
  let h: BrowserHarness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  // axe runs inside the page, so it checks the pages with JavaScript on; the journey itself is
  // walked first with JavaScript off, as a phone on a poor connection might.
  for (const javaScript of [false, true]) {
    it(`a nurse reports the shift on a phone, JavaScript ${javaScript ? 'on' : 'off'}`, async () => {
      const page = await h.newPage({ javaScript, viewport: phone });
      page.setDefaultTimeout(60_000);
      const axe = async () => {
        if (javaScript) await expectAxeClean(page);
      };
      await signIn(page, 'jo@demo.hearth.test');
      await page.goto('/wards');
      await page.getByRole('heading', { level: 1, name: 'Shift reports' }).waitFor();
      await axe();
      await page.getByRole('link', { name: 'Report this shift for Ward 3' }).click();
      await page.getByRole('heading', { level: 1, name: 'Shift report' }).waitFor();
      await axe();

      await page.getByLabel('Declined regular medication').fill('100');
      await page.getByRole('button', { name: /report$/ }).click();
      await page.getByText('There is a problem').waitFor();
      await axe();

      await page.getByLabel('Declined regular medication').fill('1');
      await page
        .getByLabel('Hurtful words said to someone (shouting, swearing or insults)')
        .fill('2');
      await page.getByRole('button', { name: /report$/ }).click();
      // The first pass saves the report; the second changes it, keeping the first as history.
      await page.getByText(javaScript ? 'Report changed.' : 'Report saved. Thank you.').waitFor();
      assert.equal(await page.getByLabel('Declined regular medication').inputValue(), '1');
      await axe();
    });
  }

  it('the ward manager reads the figures, with the signal in words', async () => {
    const page = await h.newPage({ viewport: phone });
    await signIn(page, 'tom@demo.hearth.test');
    await page.goto(`/wards/${h.demo.units.ward3}/figures`);
    await page.getByRole('heading', { level: 1, name: 'Conflict and containment' }).waitFor();
    assert.ok(await page.getByText('What this chart shows:').first().isVisible());
    await expectAxeClean(page);
  });
});
