/**
 * The crisis view and "Who has seen my information" in Chromium with the demo data: a nurse on
 * a phone (390×844) reaches a person's plan "at a glance" in two taps from home, and reads how
 * to approach them and what helps before anything about force; the same by name search with
 * JavaScript off on a desktop; a nurse of another ward finds no one and gets 404; the person
 * filters their list of looks and changes, with JavaScript on and off, as a list on a phone.
 * axe-core checks every page visited.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { expectAxeClean, signIn, startHarness } from './harness.ts';
import type { BrowserHarness } from './harness.ts';

const phone = { width: 390, height: 844 };
const glanceOrder = [
  'How to approach me',
  'What helps',
  'What makes things worse',
  'If force or medication is being considered',
  'Contacts and allergies',
];

async function sectionHeadings(page: Page): Promise<string[]> {
  return (await page.locator('main h2').allTextContents()).map((t) => t.trim());
}

describe('crisis view and who has seen, in Chromium', { timeout: 600_000 }, () => {
  let h: BrowserHarness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  it('a nurse on a phone reaches the plan in two taps, calm things first', async () => {
    const page = await h.newPage({ viewport: phone });
    await signIn(page, 'jo@demo.hearth.test');
    await expectAxeClean(page);
    await page.getByRole('link', { name: 'Sam Taylor', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Sam Taylor' }).waitFor();
    await expectAxeClean(page);
    assert.deepEqual(await sectionHeadings(page), [
      'Plan',
      'Your open tasks',
      'Conversation about hard experiences',
      'Records of force',
    ]);
    await page.getByRole('link', { name: /Plan at a glance/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Sam Taylor: at a glance' }).waitFor();
    await expectAxeClean(page);

    assert.deepEqual(await sectionHeadings(page), glanceOrder);
    const calm = page.getByText('Speak slowly and quietly', { exact: false });
    const calmBox = await calm.boundingBox();
    assert.ok(
      calmBox && calmBox.y + calmBox.height < phone.height,
      'the calm words are on the first screen',
    );

    const version = await page.locator('.app-glance__version').boundingBox();
    assert.ok(version, 'the version line is shown');
    assert.ok(
      version.y + version.height <= phone.height / 5,
      `header and version take at most a fifth of the screen (ends at ${version.y + version.height})`,
    );
    assert.ok(version.height < 40, 'version and date on one line');

    const tel = page.locator('a[href^="tel:"]');
    assert.equal(await tel.first().getAttribute('href'), 'tel:07700900123');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= phone.width, `no sideways scrolling (${width})`);
  });

  it('finds a person by name with JavaScript off on a desktop, and opens the plan', async () => {
    const page = await h.newPage({ javaScript: false });
    await signIn(page, 'jo@demo.hearth.test');
    await page.getByLabel('Find a person by name').fill('  sam ');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('heading', { name: '1 person found' }).waitFor();
    await page.getByRole('link', { name: /Plan at a glance/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Sam Taylor: at a glance' }).waitFor();
    assert.deepEqual(await sectionHeadings(page), glanceOrder);
  });

  it('a nurse of another ward finds no one and is shown no person page', async () => {
    const page = await h.newPage();
    await signIn(page, 'dev@demo.hearth.test');
    await page.getByLabel('Find a person by name').fill('Sam');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('heading', { name: 'No one found' }).waitFor();
    await expectAxeClean(page);
    const response = await page.goto(`/caseload/${h.demo.people.sam}`);
    assert.equal(response?.status(), 404);
  });

  for (const javaScript of [true, false]) {
    it(`the person filters who has seen their information on a phone (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      // Jo looks at Sam's plan twice today, so there is something to group.
      const jo = await h.services.accounts.people.actorFor(h.demo.people.jo);
      const sam = await h.services.accounts.people.actorFor(h.demo.people.sam);
      const planId = (await h.services.plans.ownPlan.get(sam))!.view.planId;
      const ctx = { actor: h.services.accounts.people.auditActor(jo), ip: null };
      for (let i = 0; i < 2; i++) await h.services.plans.planAccess.open(jo, planId, 'full', ctx);

      const page = await h.newPage({ javaScript, viewport: phone });
      await signIn(page, 'sam@demo.hearth.test');
      await page.goto('/who-has-seen-my-information');
      if (javaScript) await expectAxeClean(page);
      assert.equal(await page.locator('main table').count(), 0, 'a list, not a table');
      await page.locator('input[name=show][value=looks]').check();
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL(/show=looks/);
      assert.deepEqual(await sectionHeadings(page), ['Who looked at your plan and notes']);
      // A heading per person, then short lines of what they did.
      assert.ok(
        await page.getByRole('heading', { name: 'Jo Bennett, practitioner' }).first().isVisible(),
      );
      assert.ok(
        await page
          .getByText(/^Looked at your plan (twice|\d+ times)\.$/)
          .first()
          .isVisible(),
      );
      if (javaScript) await expectAxeClean(page);

      await page.locator('input[name=show][value=changes]').check();
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL(/show=changes/);
      assert.deepEqual(await sectionHeadings(page), ['Changes to your plan and notes']);
      assert.equal(await page.getByText(/looked at your plan/i).count(), 0);

      await page.locator('input[name=show][value=emergency]').check();
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL(/show=emergency/);
      assert.deepEqual(await sectionHeadings(page), ['Looks in an emergency']);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= phone.width, `no sideways scrolling (${width})`);
    });
  }
});
