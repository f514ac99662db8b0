/**
 * The force form's calm-down and reassurance questions and the learning page, in Chromium with
 * the demo data and JavaScript off: Jo records a use of force through the three pages, answers
 * them, and sees them on the check page and the record; then writes down Sam's own words (as the
 * staff member Sam chose) and tags themes; Tom's dashboards never show those words. axe-core
 * checks each page with JavaScript on.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { expectAxeCleanAs, signIn, startHarness } from './harness.ts';
import type { BrowserHarness } from './harness.ts';
import { toLondonLocal } from '../../src/modules/force/time.ts';

describe(
  'calm-down questions and learning with the person in Chromium',
  { timeout: 600_000 },
  () => {
    let h: BrowserHarness;
    before(async () => {
      h = await startHarness();
    });
    after(() => h.close());

    const WORDS =
      'I needed a minute on my own before anyone came close. Please ask me what I need first.';
    let incidentPath = '';

    it('asks about calm-down methods and reassurance, and shows the answers on the check page and the record', async () => {
      const page = await h.newPage({ javaScript: false, viewport: { width: 390, height: 844 } });
      page.setDefaultTimeout(60_000);
      await signIn(page, 'jo@demo.hearth.test');
      const arrive = (name: string) => page.getByRole('heading', { level: 1, name }).waitFor();
      await page.goto('/force/incidents/new');
      await arrive('Who was force used with?');
      await page.getByLabel('Sam Taylor').check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await arrive('When, where and why');
      const now = Date.now();
      await page.getByLabel('When did it start?').fill(toLondonLocal(new Date(now - 40 * 60_000)));
      await page.getByLabel('Main reason force was used').selectOption('10');
      await page
        .getByLabel('What was happening, in your words')
        .fill('Sam was very upset after a visit was cancelled.');
      await page.getByLabel('Talking with the person and de-escalation').check();
      await page.getByRole('button', { name: 'Continue', exact: true }).click();
      await arrive('The force used and who was involved');
      await page.getByLabel('Type of force').selectOption('07');
      await page.getByLabel('How force was used').fill('Standing hold for a short time.');
      await page
        .getByRole('group', { name: /part of the person's care plan/ })
        .getByLabel('No')
        .check();
      await page
        .getByLabel('Ended', { exact: true })
        .fill(toLondonLocal(new Date(now - 35 * 60_000)));
      await page.getByRole('button', { name: 'Continue', exact: true }).click();
      await arrive('Their choices and what happened afterwards');
      await expectAxeCleanAs(h, 'jo@demo.hearth.test', page.url().replace(/^https?:\/\/[^/]+/, ''));
      if (await page.getByRole('group', { name: /know their stated choices/ }).count()) {
        await page
          .getByRole('group', { name: /know their stated choices/ })
          .getByLabel('Yes')
          .check();
        await page.getByLabel('Yes, all of them').check();
      }
      await page.getByLabel('Outcome for the person').fill('Settled and had a cup of tea with Jo.');
      await page.getByLabel('Yes, the people named in the care plan were told').check();
      const calm = page.getByRole('group', { name: /Were ways to calm down offered/ });
      await calm.getByLabel('Yes').check();
      const ways = page.getByRole('group', { name: 'Which ways were offered? (optional)' });
      await ways.getByLabel('A quiet space').check();
      await ways.getByLabel('Music').check();
      await page
        .getByRole('group', { name: /other people on the ward reassured/ })
        .getByLabel('Not needed')
        .check();
      await page.getByRole('button', { name: 'Continue to check and save' }).click();
      await arrive('Check the record before you save it');
      const review = (await page.textContent('main')) ?? '';
      assert.match(review, /Ways to calm down offered first\s*Yes/);
      assert.match(review, /A quiet space/);
      assert.match(review, /Music/);
      assert.match(review, /Others on the ward reassured\s*Not needed/);
      await page.getByRole('button', { name: 'Save the record' }).click();
      await page.getByText('The record has been saved').waitFor();
      incidentPath = new URL(page.url()).pathname;
      assert.match(incidentPath, /^\/force\/incidents\/[^/]+$/);
      const record = (await page.textContent('main')) ?? '';
      assert.match(record, /Ways to calm down offered first\s*Yes/);
      assert.match(record, /Not needed/);
      await expectAxeCleanAs(h, 'jo@demo.hearth.test', incidentPath);
    });

    it('keeps the person’s own words and themes, and dashboards show neither the words nor who', async () => {
      assert.ok(incidentPath, 'the record from the first test');
      const page = await h.newPage({ javaScript: false });
      page.setDefaultTimeout(60_000);
      await signIn(page, 'jo@demo.hearth.test');
      await page.goto(incidentPath);
      await page
        .getByRole('link', {
          name: 'Learning with the person: what could we have done differently?',
        })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Learning with the person' }).waitFor();
      await expectAxeCleanAs(h, 'jo@demo.hearth.test', `${incidentPath}/learning`);
      await page.getByLabel("In the person's own words (optional)").fill(WORDS);
      await page.getByLabel('A staff member they chose').check();
      const themes = page.getByRole('group', { name: /Which themes/ });
      await themes.getByLabel('Communication').check();
      await themes.getByLabel('Waiting').check();
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Saved. It is kept with this record.').waitFor();
      const kept = (await page.textContent('main')) ?? '';
      assert.match(kept, /Please ask me what I need first\./);
      assert.match(kept, /written down by Jo Bennett \(a staff member they chose\)/);
      // The words cannot be written over: the box is gone once they are kept.
      assert.equal(await page.locator('textarea[name="words"]').count(), 0);
      assert.ok(await themes.getByLabel('Communication').isChecked());
      await expectAxeCleanAs(h, 'jo@demo.hearth.test', `${incidentPath}/learning`);

      // Keyboard: every control on the learning form is reached with Tab (JavaScript on).
      const keys = await h.newPage();
      await signIn(keys, 'tom@demo.hearth.test');
      await keys.goto(`${incidentPath}/learning`);
      const names = new Set<string>();
      for (let n = 0; n < 60; n++) {
        await keys.keyboard.press('Tab');
        names.add(
          await keys.evaluate(() => {
            const el = document.activeElement as HTMLInputElement | null;
            return el?.name || el?.textContent?.trim() || '';
          }),
        );
      }
      assert.ok(names.has('themes'), [...names].join(','));
      assert.ok(names.has('Save'), [...names].join(','));

      // The manager's dashboards and the ward's figures: no words, only theme counts.
      const tom = await h.newPage({ javaScript: false });
      await signIn(tom, 'tom@demo.hearth.test');
      for (const path of ['/force/dashboards', `/wards/${h.demo.units.ward3}/figures`, '/']) {
        await tom.goto(path);
        const text = (await tom.textContent('body')) ?? '';
        assert.doesNotMatch(text, /ask me what I need first|minute on my own/, path);
        assert.doesNotMatch(text, /Loud voices make it worse|phone my sister/, path);
      }
    });
  },
);
