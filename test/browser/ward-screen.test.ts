/**
 * The ward screen and what feeds it, in Chromium with the demo data and JavaScript off: Tom
 * connects a screen and it shows Ward 3's expectations, the staff's "about me" and approved
 * messages in large print, nothing personal, and nothing at all once the address is changed or
 * the screen revoked; Sam writes messages (some held, with the reason), Tom checks one with the
 * language checker's suggestions and shows it, and Sam takes it down again; the expectations
 * poster and its versions; the organisation chart. axe-core checks each page (JavaScript on).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { expectAxeClean, expectAxeCleanAs, signIn, startHarness } from './harness.ts';
import type { BrowserHarness } from './harness.ts';

/**
 * axe on the reloading ward screen, leaving out only its rule against a meta refresh: the
 * screen reloads itself for new messages, and says so with a link that turns it off (WCAG
 * 2.2.1 allows a time limit that can be turned off). The "off" page is checked in full.
 */
async function expectScreenAxeClean(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'])
    .disableRules(['meta-refresh'])
    .analyze();
  assert.deepEqual(
    results.violations.map((v) => v.id),
    [],
  );
}

/** What each press of Tab reaches, as tag#id or tag[name] (up to `presses`). */
async function tabStops(page: Page, presses: number): Promise<string[]> {
  const stops: string[] = [];
  for (let n = 0; n < presses; n++) {
    await page.keyboard.press('Tab');
    stops.push(
      await page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement | null;
        if (!el) return '';
        return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.name ? `[${el.name}]` : ''}:${el.textContent?.trim().slice(0, 40) ?? ''}`;
      }),
    );
  }
  return stops;
}

describe('ward screen in Chromium', { timeout: 900_000 }, () => {
  let h: BrowserHarness;
  let ward3 = '';
  let willow = '';
  before(async () => {
    h = await startHarness();
    ward3 = h.demo.units.ward3;
    willow = h.demo.units.willow;
  });
  after(() => h.close());

  /** Tom makes a screen address for Ward 3 through the page (JavaScript off) and returns it. */
  async function makeScreen(label: string): Promise<{ tom: Page; path: string }> {
    const tom = await h.newPage({ javaScript: false });
    tom.setDefaultTimeout(60_000);
    await signIn(tom, 'tom@demo.hearth.test');
    await tom.goto(`/wards/${ward3}/display-tokens`);
    await tom.getByRole('heading', { level: 1, name: 'Ward screen' }).waitFor();
    await tom.getByLabel('Where is the screen?').fill(label);
    await tom.getByRole('button', { name: 'Make a screen address' }).click();
    const path = ((await tom.locator('main code').textContent()) ?? '').trim();
    assert.match(path, /^\/ward-screen\/[A-Za-z0-9_-]{20,}$/);
    return { tom, path };
  }

  it('shows Ward 3’s screen in large print with nothing personal, until the address changes or is revoked', async () => {
    const { tom, path } = await makeScreen('Day room by the window');
    // The demo's own screen is listed too (its address was printed once at start-up).
    assert.ok(await tom.getByText('Day room (demo)').isVisible());

    const screen = await h.newPage({ javaScript: false });
    const response = await screen.goto(path);
    assert.equal(response?.status(), 200);
    await screen.getByRole('heading', { level: 1, name: 'Welcome to the ward' }).waitFor();
    const text = (await screen.textContent('body')) ?? '';
    // The current expectations (version 2), the staff's notes, the two approved messages.
    assert.match(text, /wait for an answer when we safely can/);
    assert.match(text, /Jo Bennett/);
    assert.match(text, /Tom Okafor/);
    assert.match(text, /Be kind to yourself and let people help you/);
    assert.match(text, /Going home today/);
    // Nothing personal, held, from another ward, or from the register.
    for (const never of [
      /Sam/,
      /Taylor/,
      /07700/,
      /9434765919/,
      /Dev Patel/,
      /Kemi|Liam|Aisha/,
      /phone call with family/,
      /ligature/i,
      /restrain|force/i,
    ])
      assert.doesNotMatch(text, never);
    // Large print: the screen's words are at least 24px, and it has no links to follow.
    const size = await screen
      .locator('.app-ward-screen li')
      .first()
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    assert.ok(size >= 24, String(size));
    // Its one link stops it reloading (and leads to the same screen, nowhere else).
    assert.deepEqual(
      await screen.locator('main a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
      ['?reload=off'],
    );
    assert.equal(await screen.locator('meta[http-equiv="refresh"]').count(), 1);
    await screen.getByRole('link', { name: 'Stop it reloading while you read' }).click();
    assert.equal(await screen.locator('meta[http-equiv="refresh"]').count(), 0);
    assert.match((await screen.textContent('body')) ?? '', /Be kind to yourself/);
    const withJs = await h.newPage();
    await withJs.goto(path);
    await expectScreenAxeClean(withJs);
    await withJs.goto(`${path}?reload=off`);
    await expectAxeClean(withJs);

    // Changing the address shows nothing: another unit, another token, the token cut short.
    const token = path.split('/').pop() ?? '';
    const other = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const changed of [
      `/ward-screen/${willow}`,
      `/ward-screen/${ward3}`,
      `/ward-screen/${other}`,
      `/ward-screen/${token.slice(0, -4)}`,
      `${path}/${willow}`,
      `/ward-screen/${h.demo.people.sam}`,
    ]) {
      const res = await screen.goto(changed);
      assert.equal(res?.status(), 404, changed);
      const shown = (await screen.textContent('body')) ?? '';
      assert.doesNotMatch(shown, /Be kind to yourself|Jo Bennett|wait for an answer/, changed);
    }
    // A query naming another ward changes nothing: the token alone chooses the ward.
    await screen.goto(`${path}?unitId=${willow}`);
    assert.doesNotMatch((await screen.textContent('body')) ?? '', /Dev Patel/);

    // Tom revokes it; the screen then says only that it is no longer connected.
    await tom.getByRole('button', { name: 'Revoke the screen in Day room by the window' }).click();
    await tom
      .getByText(/Revoked/)
      .first()
      .waitFor();
    await screen.goto(path);
    const after = (await screen.textContent('body')) ?? '';
    assert.match(after, /no longer connected/);
    assert.doesNotMatch(after, /Be kind to yourself|Jo Bennett|wait for an answer/);
    await withJs.goto(path);
    await expectAxeClean(withJs);
    assert.equal(await withJs.locator('meta[http-equiv="refresh"]').count(), 0);
    await expectAxeCleanAs(h, 'tom@demo.hearth.test', `/wards/${ward3}/display-tokens`);

    // Keyboard: the label box and its button are reached with Tab.
    const keys = await h.newPage();
    await signIn(keys, 'tom@demo.hearth.test');
    await keys.goto(`/wards/${ward3}/display-tokens`);
    const stops = await tabStops(keys, 40);
    assert.ok(
      stops.some((s) => s.startsWith('input#label')),
      stops.join('\n'),
    );
    assert.ok(
      stops.some((s) => s.includes('Make a screen address')),
      stops.join('\n'),
    );
  });

  it('holds messages with contact details or over 500 characters, and shows one once checked, until its writer takes it down', async () => {
    const sam = await h.newPage({ javaScript: false });
    sam.setDefaultTimeout(60_000);
    await signIn(sam, 'sam@demo.hearth.test');
    // Sam finds the page from the home page's ward panel.
    await sam.goto('/');
    await sam.getByRole('link', { name: /Leaving the ward soon\?/ }).click();
    await sam.getByLabel('Your message').waitFor();
    const write = async (body: string) => {
      await sam.goto('/discharge-message');
      await sam.getByLabel('Your message').fill(body);
      await sam.getByRole('button', { name: 'Send my message' }).click();
    };
    await write('Write to me at sam.t@example.com when you are out.');
    await sam.getByText('will look at your message closely').waitFor();
    assert.match((await sam.textContent('main')) ?? '', /it seems to include an email address/);
    const long = `${'Every small step counts, even on the slow days. '.repeat(11)}You can do this.`;
    assert.ok(long.length > 500);
    await write(long);
    await sam.getByText('will look at your message closely').waitFor();
    assert.match((await sam.textContent('main')) ?? '', /longer than 500 characters/);
    const kind = 'Some days I kicked off, and the staff still treated me kindly. Hang in there.';
    await write(kind);
    await sam.getByText('A member of staff will read your message soon.').waitFor();
    await expectAxeCleanAs(h, 'sam@demo.hearth.test', '/discharge-message');

    // Tom checks it, with the language checker's suggestions beside it, and shows it.
    const { tom, path } = await makeScreen('Corridor');
    await tom.goto(`/wards/${ward3}/discharge-messages`);
    await tom.getByRole('heading', { level: 1, name: 'Discharge messages' }).waitFor();
    const queue = (await tom.textContent('main')) ?? '';
    assert.match(queue, /Held for a closer look\. It seems to include an email address/);
    assert.match(queue, /Held for a closer look\. It is longer than 500 characters/);
    assert.match(queue, /It seems to include a phone number/); // the demo's own held message
    const card = tom.locator('.nhsuk-card', { hasText: 'Hang in there' });
    assert.match(
      (await card.textContent()) ?? '',
      /Suggestions from the language checker[\s\S]*kicked off/i,
    );
    await expectAxeCleanAs(h, 'tom@demo.hearth.test', `/wards/${ward3}/discharge-messages`);
    await card.getByLabel('Yes, show it').check();
    await card.getByRole('button', { name: 'Save' }).click();
    await tom.getByText('The message is now on the ward screen.').waitFor();

    const screen = await h.newPage({ javaScript: false });
    await screen.goto(path);
    assert.match((await screen.textContent('body')) ?? '', /Hang in there/);
    assert.doesNotMatch((await screen.textContent('body')) ?? '', /example\.com|slow days/);

    // Sam takes it down; it leaves the screen at once.
    await sam.goto('/discharge-message');
    await sam
      .locator('.nhsuk-card', { hasText: 'Hang in there' })
      .getByRole('button', { name: 'Take this message down' })
      .click();
    await sam.getByText('Your message has been taken down.').waitFor();
    await screen.goto(path);
    assert.doesNotMatch((await screen.textContent('body')) ?? '', /Hang in there/);
    assert.match((await screen.textContent('body')) ?? '', /Going home today/);
  });

  it('keeps each version of the expectations and prints the current one as a poster', async () => {
    const tom = await h.newPage({ javaScript: false });
    tom.setDefaultTimeout(60_000);
    await signIn(tom, 'tom@demo.hearth.test');
    await tom.goto(`/wards/${ward3}/expectations`);
    let text = (await tom.textContent('main')) ?? '';
    assert.match(text, /Version 2/);
    assert.match(text, /Version 1/);
    await expectAxeCleanAs(h, 'tom@demo.hearth.test', `/wards/${ward3}/expectations`);
    const box = tom.locator('textarea[name="body"]');
    await box.fill(`${await box.inputValue()}\nWe ask before we change the TV channel.`);
    await tom.locator('form[action$="/expectations"] button').click();
    await tom.waitForURL(/saved=1/);
    text = (await tom.textContent('main')) ?? '';
    assert.match(text, /Version 3/);
    assert.match(text, /Version 2/);
    assert.match(text, /Version 1/);

    await tom.goto(`/wards/${ward3}/expectations/poster`);
    const poster = (await tom.textContent('main')) ?? '';
    assert.match(poster, /We ask before we change the TV channel\./);
    assert.match(poster, /sorry when we get it wrong/);
    await expectAxeCleanAs(h, 'tom@demo.hearth.test', `/wards/${ward3}/expectations/poster`);

    // Sam, on the ward, reads the same current version.
    await expectAxeCleanAs(h, 'sam@demo.hearth.test', `/wards/${ward3}/expectations`);
    const sam = await h.newPage({ javaScript: false });
    await signIn(sam, 'sam@demo.hearth.test');
    await sam.goto(`/wards/${ward3}/expectations`);
    assert.match((await sam.textContent('main')) ?? '', /change the TV channel/);
    assert.equal(await sam.locator('textarea[name="body"]').count(), 0);
  });

  it('shows the organisation chart with a described chart, and ward themes as counts only', async () => {
    const priya = await h.newPage({ javaScript: false });
    await signIn(priya, 'priya@demo.hearth.test');
    await priya.goto('/ward-figures');
    await priya
      .getByRole('heading', { level: 1, name: 'Conflict and containment on every ward' })
      .waitFor();
    const svg = priya.locator('figure.app-chart svg').first();
    assert.ok((await svg.locator('title').textContent())?.trim());
    assert.ok((await svg.locator('desc').textContent())?.trim());
    assert.match((await priya.textContent('main')) ?? '', /What this chart shows:/);
    await expectAxeCleanAs(h, 'priya@demo.hearth.test', '/ward-figures');

    // Ward 3's figures: the learning themes as counts, some shown as "fewer than 5", no words.
    const tom = await h.newPage({ javaScript: false });
    await signIn(tom, 'tom@demo.hearth.test');
    await tom.goto(`/wards/${ward3}/figures`);
    const table = tom.locator('table', { hasText: 'Themes tagged in the last 12 months' });
    const cells = await table.locator('td').allTextContents();
    assert.ok(
      cells.every((c) => /^(\d+|fewer than 5)$/.test(c.trim())),
      cells.join(','),
    );
    assert.ok(cells.some((c) => Number(c) >= 5));
    assert.ok(cells.some((c) => c.trim() === 'fewer than 5'));
    const page = (await tom.textContent('main')) ?? '';
    assert.doesNotMatch(page, /Loud voices make it worse|phone my sister/);
    await expectAxeCleanAs(h, 'tom@demo.hearth.test', `/wards/${ward3}/figures`);
  });
});
