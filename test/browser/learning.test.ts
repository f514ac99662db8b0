/**
 * The trauma-informed practice course in Chromium on a phone, with JavaScript off and on: a
 * member of staff opens the course, reads the first section, answers its questions with the
 * keyboard-usable radios, sees why each answer is or is not the best one, and the contents page
 * shows the section passed. axe (JavaScript on) finds nothing on the course pages or the grid.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { expectAxeClean, signIn, startHarness } from './harness.ts';
import type { BrowserHarness } from './harness.ts';
import { loadCourse } from '../../src/modules/learning/index.ts';

const PHONE = { width: 390, height: 844 };

describe('the trauma-informed practice course in Chromium', { timeout: 600_000 }, () => {
  let h: BrowserHarness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  for (const [javaScript, email] of [
    [false, 'dev@demo.hearth.test'],
    [true, 'tom@demo.hearth.test'],
  ] as const) {
    it(`a nurse on a phone takes a section (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const section = loadCourse().sections[0]!;
      const page = await h.newPage({ javaScript, viewport: PHONE });
      page.setDefaultTimeout(20_000);
      // axe runs inside the page, so it checks the same pages in the JavaScript-on run.
      const axe = async () => {
        if (javaScript) await expectAxeClean(page);
      };
      await signIn(page, email);
      await page.goto('/learning');
      await axe();
      await page.goto('/learning/course');
      await page.getByRole('heading', { name: 'Trauma-informed practice', level: 1 }).waitFor();
      await axe();
      await page.getByRole('button', { name: new RegExp(`Start: ${section.title}`) }).click();
      await page.getByRole('heading', { name: section.title, level: 1 }).waitFor();
      await axe();
      for (const q of section.questions) {
        const right = q.options.find((o) => o.right)!;
        const group = page.getByRole('group', { name: q.ask });
        await group.getByLabel(right.text, { exact: true }).check();
      }
      await page.getByRole('button', { name: 'Check my answers' }).click();
      await page.getByText(/so you have passed this section/).waitFor();
      const firstWhy = section.questions[0]!.options[0]!.why;
      assert.ok(await page.getByText(firstWhy).isVisible());
      await axe();
      await page.goto('/learning/course');
      await page.getByText('Passed').first().waitFor();
    });
  }

  it('the unit grid is axe-clean for a unit manager', async () => {
    const page = await h.newPage({ viewport: PHONE });
    await signIn(page, 'tom@demo.hearth.test');
    await page.goto('/learning/unit');
    await page.getByRole('heading', { name: /Training on/, level: 1 }).waitFor();
    await expectAxeClean(page);
  });
});
