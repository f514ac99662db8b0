/** Each demo role signs in with a real browser, walks its home page and links; axe finds nothing. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { demoLogins } from '../../src/demo.ts';
import { expectAxeClean, signIn, startHarness } from './harness.ts';
import type { BrowserHarness } from './harness.ts';

describe('foundation in Chromium', { timeout: 600_000 }, () => {
  let h: BrowserHarness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  it('the sign-in page is accessible, and shows errors with and without JavaScript', async () => {
    for (const javaScript of [true, false]) {
      const page = await h.newPage({ javaScript });
      await page.goto('/sign-in');
      // axe runs inside the page, so it checks the JavaScript journey; the HTML is the same.
      if (javaScript) await expectAxeClean(page);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('There is a problem').waitFor();
      if (javaScript) await expectAxeClean(page);
      await signIn(page, 'sam@demo.hearth.test');
      await page.getByRole('heading', { name: /Hello, Sam Taylor/ }).waitFor();
    }
  });

  for (const login of demoLogins) {
    it(`${login.about} signs in and every header link is accessible`, async () => {
      const page = await h.newPage();
      await signIn(page, login.email);
      await assert.doesNotReject(
        page
          .getByRole('heading', { level: 1, name: new RegExp(`Hello, ${login.displayName}`) })
          .waitFor(),
      );
      await expectAxeClean(page);
      const links = await page
        .locator('.nhsuk-header__navigation-link')
        .evaluateAll((els) =>
          els
            .map((e) => (e as HTMLAnchorElement).getAttribute('href'))
            .filter((h): h is string => !!h),
        );
      for (const href of links) {
        await page.goto(href);
        assert.notEqual(await page.title(), 'Page not found – Hearth', href);
        await expectAxeClean(page);
      }
      await page.goto('/sign-out');
      await expectAxeClean(page);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await assert.doesNotReject(
        page.getByRole('heading', { name: 'You have signed out' }).waitFor(),
      );
    });
  }

  it('a person can leave quickly: the quick exit replaces the page in history', async () => {
    const page = await h.newPage();
    await page.route('https://www.bbc.co.uk/**', (route) =>
      route.fulfill({ status: 200, body: '<title>Weather</title>' }),
    );
    await signIn(page, 'sam@demo.hearth.test');
    await page.goto('/who-has-seen-my-information');
    await page.goto('/about');
    await page.getByRole('link', { name: /Leave this page/ }).click();
    await page.waitForURL(/bbc\.co\.uk/);
    await page.goBack();
    assert.ok(
      !page.url().endsWith('/about'),
      `going back should not return to the page left (at ${page.url()})`,
    );
  });

  it('an admin invites a member of staff using only the keyboard', async () => {
    const page = await h.newPage();
    await signIn(page, 'priya@demo.hearth.test');
    await page.goto('/invitations/new');
    await expectAxeClean(page);
    await page.getByLabel('Their name').focus();
    await page.keyboard.type('Casey Doyle');
    await page.keyboard.press('Tab');
    await page.keyboard.type('casey@example.test');
    await page.getByLabel('Practitioner').check();
    await page.getByLabel('Unit', { exact: true }).selectOption({ label: 'Ward 3' });
    await page.getByRole('button', { name: 'Create invitation link' }).focus();
    await page.keyboard.press('Enter');
    await assert.doesNotReject(
      page.getByRole('heading', { name: /Invitation ready for Casey Doyle/ }).waitFor(),
    );
    await expectAxeClean(page);
  });
});
