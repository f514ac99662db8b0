/**
 * A person's rights in Chromium with the demo data: Sam finds "Your information" from her home
 * page, reads her copy, downloads it as a file, is warned before deleting, deletes her plan and
 * finds it gone, with the keyboard where it matters. axe-core checks every page visited; the
 * administrator's retention page is checked too.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { expectAxeClean, signIn, startHarness } from './harness.ts';
import type { BrowserHarness } from './harness.ts';

describe('Your information in Chromium', { timeout: 600_000 }, () => {
  let h: BrowserHarness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  it('a person downloads their information and deletes their plan', async () => {
    const page = await h.newPage();
    await signIn(page, 'sam@demo.hearth.test');
    await page.getByRole('link', { name: 'See and download your information' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your information' }).waitFor();
    await expectAxeClean(page);

    await page.getByRole('link', { name: 'Read your information on one page' }).click();
    await page.getByRole('heading', { level: 1, name: 'A copy of your information' }).waitFor();
    assert.ok(
      await page.getByRole('heading', { name: 'Version 1', exact: false }).first().isVisible(),
    );
    await expectAxeClean(page);

    await page.goto('/my-information');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download your information as a file' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^my-information-\d{4}-\d{2}-\d{2}\.json$/);
    const saved = JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as {
      plan: { versions: unknown[] } | null;
    };
    assert.ok(saved.plan && saved.plan.versions.length > 0);

    await page.getByRole('link', { name: 'Delete your plan or reflections' }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Delete your plan or reflections' })
      .waitFor();
    await expectAxeClean(page);
    // Nothing chosen: the error summary takes focus and names the question.
    await page.getByRole('button', { name: 'Delete now' }).click();
    await page.getByText('There is a problem').waitFor();
    await expectAxeClean(page);
    await page.getByLabel('My plan').focus();
    await page.keyboard.press('Space');
    assert.ok(await page.getByLabel('My plan').isChecked());
    await page.getByRole('button', { name: 'Delete now' }).click();
    await page
      .getByRole('heading', { level: 1, name: 'What you asked us to delete has gone' })
      .waitFor();
    await expectAxeClean(page);

    await page.goto('/my-information');
    assert.ok(
      await page.getByText('Records of times force was used', { exact: false }).isVisible(),
    );
    await page.goto('/my-plan');
    await expectAxeClean(page);
    await page.goto('/who-has-seen-my-information');
    await expectAxeClean(page);
  });

  it('an administrator sets how long records are kept', async () => {
    const page = await h.newPage();
    await signIn(page, 'priya@demo.hearth.test');
    await page.goto('/admin/retention');
    await page.getByRole('heading', { level: 1, name: 'How long records are kept' }).waitFor();
    await expectAxeClean(page);
    await page.getByLabel('Use-of-force records, observation episodes and searches').fill('12');
    await page.getByRole('button', { name: 'Save periods' }).click();
    await page.getByText('There is a problem').waitFor();
    await expectAxeClean(page);
    await page.getByLabel('Use-of-force records, observation episodes and searches').fill('48');
    await page.getByRole('button', { name: 'Save periods' }).click();
    await page.getByText('Saved. The next retention run').waitFor();
  });
});
