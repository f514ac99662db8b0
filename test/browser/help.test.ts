/**
 * Help now and leaving safely in Chromium: Help now is reachable signed out and signed in, with
 * tap-to-call links; "Leave this page" (click or Escape three times, with or without
 * JavaScript) ends the session on the server, and neither Back nor a fresh visit shows the
 * person's pages. axe finds nothing on the pages.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { expectAxeClean, signIn, startHarness } from './harness.ts';
import type { BrowserHarness } from './harness.ts';

const PERSON = 'sam@demo.hearth.test';
const ADMIN = 'priya@demo.hearth.test';

describe('help now and leaving safely in Chromium', { timeout: 600_000 }, () => {
  let h: BrowserHarness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  async function sessionsOf(email: string): Promise<number> {
    const rows = await h.services.db
      .selectFrom('sessions')
      .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
      .select('sessions.id')
      .where('accounts.email', '=', email)
      .execute();
    return rows.length;
  }

  async function waitForNoSession(email: string): Promise<void> {
    for (let i = 0; i < 50; i += 1) {
      if ((await sessionsOf(email)) === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.fail(`the session of ${email} is still in the database`);
  }

  async function neutralSite(page: Page): Promise<void> {
    await page.route('https://www.bbc.co.uk/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Weather</title>' }),
    );
  }

  async function expectSignInPage(page: Page): Promise<void> {
    await page.getByRole('heading', { name: 'Sign in to Hearth' }).waitFor();
    assert.match(new URL(page.url()).pathname, /^\/sign-in/);
  }

  for (const javaScript of [true, false]) {
    it(`after "Leave this page" (JavaScript ${javaScript ? 'on' : 'off'}), Back and a fresh visit show sign-in and the session is gone`, async () => {
      const page = await h.newPage({ javaScript });
      await neutralSite(page);
      await signIn(page, PERSON);
      assert.equal(await sessionsOf(PERSON), 1);
      await page.goto('/help-now');
      await page.goto('/');
      await page.goto('/my-plan');
      await page.getByRole('link', { name: /Leave this page/ }).click();
      await page.waitForURL(/bbc\.co\.uk/);
      await waitForNoSession(PERSON);
      await page.goBack();
      await expectSignInPage(page);
      await page.goto('/my-plan');
      await expectSignInPage(page);
    });
  }

  it('Escape three times leaves and ends the session', async () => {
    const page = await h.newPage();
    await neutralSite(page);
    await signIn(page, PERSON);
    await page.goto('/my-plan');
    for (let i = 0; i < 3; i += 1) await page.keyboard.press('Escape');
    await page.waitForURL(/bbc\.co\.uk/);
    await waitForNoSession(PERSON);
    await page.goBack();
    await expectSignInPage(page);
  });

  it('Help now is open signed out, on a phone, with tap-to-call links; Staying safe online too', async () => {
    const page = await h.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto('/sign-in');
    await page
      .getByRole('link', { name: /^Help now/ })
      .first()
      .click();
    await page.getByRole('heading', { level: 1, name: 'Help now' }).waitFor();
    assert.equal(
      await page.getByRole('link', { name: 'Call 116 123' }).getAttribute('href'),
      'tel:116123',
    );
    assert.equal(
      await page.getByRole('link', { name: 'Text SHOUT to 85258' }).getAttribute('href'),
      'sms:85258?&body=SHOUT',
    );
    await expectAxeClean(page);
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'staying safe online', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Staying safe online' }).waitFor();
    await expectAxeClean(page);
  });

  it('the administrator adds a crisis number and the person sees it beside their plan', async () => {
    const admin = await h.newPage();
    await signIn(admin, ADMIN);
    await admin.goto('/admin/help-numbers');
    await expectAxeClean(admin);
    await admin.getByLabel('Who the number reaches').fill('Crisis team (24 hours)');
    await admin.getByLabel('Number', { exact: true }).fill('0161 496 0000');
    await admin.getByRole('button', { name: 'Add number' }).click();
    await admin.getByText('Number added').waitFor();
    await expectAxeClean(admin);
    await admin.getByRole('button', { name: 'Add number' }).click();
    await admin.getByText('There is a problem').waitFor();
    await expectAxeClean(admin);

    const person = await h.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(person, PERSON);
    await person.goto('/my-plan');
    const link = person.locator('.app-help-now-panel').getByRole('link', {
      name: 'Call 0161 496 0000',
    });
    assert.equal(await link.getAttribute('href'), 'tel:01614960000');
    await expectAxeClean(person);
    await person
      .getByRole('link', { name: /^Help now/ })
      .first()
      .click();
    await person.getByRole('heading', { name: 'Your care team' }).waitFor();
    await expectAxeClean(person);
  });
});
