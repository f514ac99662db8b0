/**
 * The use-of-force journeys in Chromium: a nurse records a typical use of force with and without
 * JavaScript in two form steps and well under three minutes of work; the person reads it and
 * gives their account; managers, the national operator and the administrator see figures and
 * returns. axe-core checks every page visited (with JavaScript on, where axe can run).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { expectAxeClean, signIn, startHarness } from './harness.ts';
import type { BrowserHarness } from './harness.ts';
import { toLondonLocal } from '../../src/modules/force/time.ts';

// A conservative estimate of a nurse's time: 5 seconds per choice or click, and typing at
// 150 characters a minute (slower than the average typist), plus 10 seconds per page to read.
const SECONDS_PER_CHOICE = 5;
const CHARS_PER_SECOND = 2.5;
const SECONDS_PER_PAGE = 10;

describe('use of force in Chromium', { timeout: 240_000 }, () => {
  let h: BrowserHarness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  async function recordTypical(page: Page, javaScript: boolean) {
    let choices = 0;
    let typed = 0;
    let pages = 0;
    const type = async (label: string, text: string, exact = false) => {
      await page.getByLabel(label, { exact }).fill(text);
      typed += text.length;
    };
    const choose = async (fn: () => Promise<unknown>) => {
      await fn();
      choices++;
    };
    await page.goto('/force/incidents/new');
    if (javaScript) await expectAxeClean(page);
    pages++;
    await choose(() => page.getByLabel('Sam Taylor').check());
    await choose(() => page.getByRole('button', { name: 'Continue' }).click());
    await page.getByRole('heading', { name: 'Record a use of force' }).waitFor();
    if (javaScript) await expectAxeClean(page);
    pages++;
    const now = Date.now();
    await type('When did it start?', toLondonLocal(new Date(now - 25 * 60_000)));
    await choose(() => page.getByLabel('Main reason force was used').selectOption('10'));
    await type(
      'What was happening, in your words',
      'Sam was frightened after a phone call and threw a chair.',
    );
    await choose(() => page.getByLabel('Talking with the person and de-escalation').check());
    await choose(() => page.getByLabel('Type', { exact: true }).selectOption('07'));
    await type('Ended', toLondonLocal(new Date(now - 15 * 60_000)), true);
    await type('Staff involved', 'Jo Bennett, Staff nurse, lead\nChris Doyle, HCA, arms');
    await type('How force was used', 'Standing hold, talking with Sam throughout.');
    await choose(() =>
      page
        .getByRole('group', { name: /part of the person's care plan/ })
        .getByLabel('No')
        .check(),
    );
    if (await page.getByRole('group', { name: /know their stated choices/ }).count()) {
      await choose(() =>
        page
          .getByRole('group', { name: /know their stated choices/ })
          .getByLabel('Yes')
          .check(),
      );
      await choose(() => page.getByLabel('Yes, all of them').check());
    }
    await type('Outcome for the person', 'Settled after ten minutes and talked with Jo.');
    await choose(() => page.getByLabel('Yes, the people named in the care plan were told').check());
    await choose(() => page.getByRole('button', { name: 'Save the record' }).click());
    await page.getByText('The record has been saved').waitFor();
    if (javaScript) await expectAxeClean(page);
    const seconds =
      pages * SECONDS_PER_PAGE + choices * SECONDS_PER_CHOICE + typed / CHARS_PER_SECOND;
    return { pages, choices, typed, seconds };
  }

  for (const javaScript of [true, false]) {
    it(`a nurse records a typical use of force ${javaScript ? 'with' : 'without'} JavaScript in under three minutes`, async () => {
      const page = await h.newPage({ javaScript });
      await signIn(page, 'jo@demo.hearth.test');
      const effort = await recordTypical(page, javaScript);
      assert.equal(effort.pages, 2, 'two form steps: who, then what happened');
      assert.ok(
        effort.seconds < 180,
        `estimated ${effort.seconds.toFixed(0)} s of work (${JSON.stringify(effort)})`,
      );
      await page.getByRole('heading', { name: /Use of force on/ }).waitFor();
      assert.match((await page.textContent('body')) ?? '', /Immediate debrief with the person/);
    });
  }

  it('shows every problem at once when the form is sent empty, without JavaScript', async () => {
    const page = await h.newPage({ javaScript: false });
    await signIn(page, 'jo@demo.hearth.test');
    await page.goto(`/force/incidents/new?personId=${h.demo.people.sam}`);
    await page.getByLabel('When did it start?').fill('');
    await page.getByRole('button', { name: 'Save the record' }).click();
    await page.getByText('There is a problem').waitFor();
    const summary = (await page.locator('.nhsuk-error-summary').textContent()) ?? '';
    assert.match(summary, /Enter when it started/);
    assert.match(summary, /Describe how force was used/);
  });

  it('the person chooses whether to read what staff wrote, and gives their account', async () => {
    const page = await h.newPage();
    await signIn(page, 'sam@demo.hearth.test');
    await page.goto('/my-incidents');
    await expectAxeClean(page);
    await page.locator('a[href^="/my-incidents/"]').first().click();
    await page.getByRole('heading', { name: /When force was used with you on/ }).waitFor();
    await expectAxeClean(page);
    // What staff wrote is not on the page until the person chooses to read it.
    assert.equal(await page.getByText('Why staff say force was used').count(), 0);
    const readNow = page.getByRole('link', { name: 'Read it now' });
    if ((await readNow.count()) > 0) {
      assert.ok(await page.getByText('What staff wrote can be hard to read').isVisible());
      await readNow.click();
      await page.getByText('Why staff say force was used').waitFor();
      await expectAxeClean(page);
    } else {
      // Flagged words wait for staff to look at the suggestions first.
      await page.getByText('Staff are still getting their record ready for you').waitFor();
    }
    await page
      .getByLabel('Your account, in your own words')
      .fill('I was scared and wanted someone I knew.');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Your changes are saved').waitFor();
    await expectAxeClean(page);
  });

  for (const [email, pages] of [
    [
      'tom@demo.hearth.test',
      ['/force', '/force/reviews', '/force/dashboards', '/force/denominators'],
    ],
    ['priya@demo.hearth.test', ['/force/dashboards', '/force/returns', '/force/denominators']],
    ['nina@demo.hearth.test', ['/force/dashboards', '/force/returns']],
    ['morgan@demo.hearth.test', ['/force/dashboards']],
    ['jo@demo.hearth.test', ['/force', '/force/observations/new', '/force/searches/new']],
  ] as const) {
    it(`${email.split('@')[0]} sees accessible figures and lists`, async () => {
      const page = await h.newPage();
      await signIn(page, email);
      for (const url of pages) {
        const res = await page.goto(url);
        assert.equal(res?.status(), 200, url);
        await expectAxeClean(page);
      }
    });
  }

  it('a manager sees overdue reviews on the home page and opens a record', async () => {
    const page = await h.newPage();
    await signIn(page, 'tom@demo.hearth.test');
    await page.getByRole('heading', { name: /After use of force: \d+ overdue/ }).waitFor();
    await page.locator('.app-force-panel a[href^="/force/incidents/"]').first().click();
    await page.getByRole('heading', { name: /Use of force on/ }).waitFor();
    await expectAxeClean(page);
    await page.goto(`/force/people/${h.demo.people.sam}`);
    await expectAxeClean(page);
  });
});
