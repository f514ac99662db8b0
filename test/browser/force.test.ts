/**
 * The use-of-force journeys in Chromium: a nurse on a phone records a typical use of force with
 * and without JavaScript across the form's pages (a problem shown at its field, fixed, reviewed,
 * changed and saved once); the person reads it and
 * gives their account, and reads back their own words from the learning after force (JavaScript
 * off); managers, the national operator and the administrator see figures and
 * returns. axe-core checks every page visited (with JavaScript on, where axe can run).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { expectAxeClean, expectAxeCleanAs, signIn, startHarness } from './harness.ts';
import type { BrowserHarness } from './harness.ts';
import { toLondonLocal } from '../../src/modules/force/time.ts';
import { acrossOrganisations } from '../../src/db/tenancy.ts';
import { typicalIncident } from '../force-fixtures.ts';

// A conservative estimate of a nurse's time: 5 seconds per choice or click, and typing at
// 150 characters a minute (slower than the average typist), plus 10 seconds per page to read.
const SECONDS_PER_CHOICE = 5;
const CHARS_PER_SECOND = 2.5;
const SECONDS_PER_PAGE = 10;

describe('use of force in Chromium', { timeout: 600_000 }, () => {
  let h: BrowserHarness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  async function recordTypical(page: Page, javaScript: boolean, marker: string) {
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
    const arrive = async (heading: string | RegExp) => {
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      if (javaScript) await expectAxeClean(page);
      pages++;
    };
    await page.goto('/force/incidents/new');
    await arrive('Who was force used with?');
    await choose(() => page.getByLabel('Sam Taylor').check());
    await choose(() => page.getByRole('button', { name: 'Continue' }).click());
    await arrive('When, where and why');
    const now = Date.now();
    await type('When did it start?', toLondonLocal(new Date(now - 25 * 60_000)));
    await choose(() => page.getByLabel('Main reason force was used').selectOption('10'));
    await type(
      'What was happening, in your words',
      `Sam was frightened after a phone call (${marker}).`,
    );
    await choose(() => page.getByLabel('Talking with the person and de-escalation').check());
    await choose(() => page.getByRole('button', { name: 'Continue', exact: true }).click());
    await arrive('The force used and who was involved');
    await choose(() => page.getByLabel('Type of force').selectOption('07'));
    // The nurse recording is already chosen as lead; a colleague is chosen from the list.
    assert.equal(await page.locator('select[name="i0_s0_role"]').inputValue(), 'lead');
    const lead = await page.locator('select[name="i0_s0_account"]').inputValue();
    assert.ok(lead, 'the nurse recording is filled in from their account');
    const options = page.locator('select[name="i0_s1_account"] option');
    for (let k = 1; k < (await options.count()); k++) {
      const value = (await options.nth(k).getAttribute('value')) ?? '';
      if (value && value !== lead) {
        await choose(() => page.locator('select[name="i0_s1_account"]').selectOption(value));
        await choose(() => page.locator('select[name="i0_s1_role"]').selectOption('arms'));
        break;
      }
    }
    await type('How force was used', 'Standing hold, talking with Sam throughout.');
    await choose(() =>
      page
        .getByRole('group', { name: /part of the person's care plan/ })
        .getByLabel('No')
        .check(),
    );
    // Forgetting when the hold ended: the problem is shown at that field, on this page.
    await choose(() => page.getByRole('button', { name: 'Continue', exact: true }).click());
    await page.getByText('There is a problem').waitFor();
    assert.match((await page.locator('#i0_end-error').textContent()) ?? '', /ended/);
    assert.equal(
      await page.getByLabel('How force was used').inputValue(),
      'Standing hold, talking with Sam throughout.',
    );
    if (javaScript) await expectAxeClean(page);
    await type('Ended', toLondonLocal(new Date(now - 15 * 60_000)), true);
    await choose(() => page.getByRole('button', { name: 'Continue', exact: true }).click());
    await arrive('Their choices and what happened afterwards');
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
    await choose(() => page.getByRole('button', { name: 'Continue to check and save' }).click());
    await arrive('Check the record before you save it');
    const review = (await page.textContent('main')) ?? '';
    assert.match(review, new RegExp(`Sam was frightened after a phone call \\(${marker}\\)`));
    assert.match(review, /Settled after ten minutes and talked with Jo\./);
    // Change goes back to the answer with what was typed, and Continue comes back here.
    await page.getByRole('link', { name: 'Change how force was used' }).click();
    assert.equal(
      await page.getByLabel('How force was used').inputValue(),
      'Standing hold, talking with Sam throughout.',
    );
    await page.getByRole('button', { name: 'Continue to check and save' }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Check the record before you save it' })
      .waitFor();
    await choose(() => page.getByRole('button', { name: 'Save the record' }).click());
    await page.getByText('The record has been saved').waitFor();
    if (javaScript) await expectAxeClean(page);
    const seconds =
      pages * SECONDS_PER_PAGE + choices * SECONDS_PER_CHOICE + typed / CHARS_PER_SECOND;
    return { pages, choices, typed, seconds };
  }

  for (const javaScript of [true, false]) {
    it(`a nurse on a phone records a use of force across the pages ${javaScript ? 'with' : 'without'} JavaScript`, async () => {
      const page = await h.newPage({ javaScript, viewport: { width: 390, height: 844 } });
      await signIn(page, 'jo@demo.hearth.test');
      const marker = `journey ${javaScript ? 'js' : 'no-js'} ${Date.now()}`;
      const effort = await recordTypical(page, javaScript, marker);
      assert.equal(effort.pages, 5, 'who, three pages, then the review');
      assert.ok(
        effort.seconds < 240,
        `estimated ${effort.seconds.toFixed(0)} s of work (${JSON.stringify(effort)})`,
      );
      await page.getByRole('heading', { name: /Use of force on/ }).waitFor();
      assert.match((await page.textContent('body')) ?? '', /Immediate debrief with the person/);
      const rows = await acrossOrganisations('test: the journey made one record', () =>
        h.services.db
          .selectFrom('force_incidents')
          .select('id')
          .where('reason_narrative', 'like', `%(${marker})%`)
          .execute(),
      );
      assert.equal(rows.length, 1);
    });
  }

  it("shows the first page's problems at their fields when it is sent empty, without JavaScript", async () => {
    const page = await h.newPage({ javaScript: false });
    await signIn(page, 'jo@demo.hearth.test');
    await page.goto(`/force/incidents/new?personId=${h.demo.people.sam}`);
    await page.getByLabel('When did it start?').fill('');
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await page.getByText('There is a problem').waitFor();
    const summary = (await page.locator('.nhsuk-error-summary').textContent()) ?? '';
    assert.match(summary, /Enter when it started/);
    assert.match(summary, /Describe why force was used/);
    assert.doesNotMatch(summary, /Describe how force was used/);
    assert.match(
      (await page.locator('#startAt-error').textContent()) ?? '',
      /Enter when it started/,
    );
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

  it('the person reads back what they said could have been done differently, without JavaScript', async () => {
    // A use of force of their own with their words written down by a peer worker (through the
    // service, so the step does not depend on the demo's records).
    const jo = await h.services.accounts.people.actorFor(h.demo.people.jo);
    const now = Date.now();
    const ctx = { actor: null, ip: null };
    const incidentId = await h.services.force.incidents.record(
      jo,
      typicalIncident(
        { unitId: h.demo.units.ward3, person: { id: h.demo.people.sam } },
        new Date(now),
        // Sam's plan is shared with the ward; the answers are ignored when there is none.
        { place: 'Garden', planKnown: 'yes', planFollowed: 'yes' },
        90,
      ),
      ctx,
    );
    const words = 'Tell me about the visit sooner, and let me sit in the garden.';
    await h.services.force.learning.save(
      jo,
      incidentId,
      { words, recorderRole: 'peer_worker', themes: ['communication'] },
      ctx,
    );
    const page = await h.newPage({ javaScript: false });
    await signIn(page, 'sam@demo.hearth.test');
    await page.goto(`/my-incidents/${incidentId}`);
    const heading = page.getByRole('heading', {
      level: 2,
      name: 'What you told us could have been done differently',
    });
    await heading.waitFor();
    assert.ok(await page.getByText(words).isVisible());
    assert.match((await page.textContent('main')) ?? '', /a peer worker, wrote down your words/);
    assert.equal(await page.getByText('Communication', { exact: true }).count(), 0);
    await page.context().close();
    await expectAxeCleanAs(h, 'sam@demo.hearth.test', `/my-incidents/${incidentId}`);
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
