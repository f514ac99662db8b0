/**
 * Language suggestions in Chromium: live as a practitioner types (the organisation's own rules
 * included), server-side with JavaScript off, and an administrator's new rule applying at once.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { expectAxeClean, signIn, startHarness } from './harness.ts';
import type { BrowserHarness } from './harness.ts';

describe('language suggestions in Chromium', { timeout: 600_000 }, () => {
  let h: BrowserHarness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  const live = (page: Page) => page.locator('#text-suggestions');

  it('a practitioner sees suggestions appear as they type, in a polite live region', async () => {
    const page = await h.newPage();
    await signIn(page, 'jo@demo.hearth.test');
    await page.getByRole('link', { name: 'Check my writing' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Check my writing' }).waitFor();
    await expectAxeClean(page);
    const box = page.getByLabel('Your writing');
    assert.match((await box.getAttribute('aria-describedby')) ?? '', /text-suggestions/);
    assert.equal(await live(page).getAttribute('aria-live'), 'polite');

    await box.pressSequentially('He refused his depot.', { delay: 5 });
    await live(page).getByText('One suggestion about wording').waitFor();
    assert.match(await live(page).innerText(), /refused[\s\S]*You could try: declined/);
    await expectAxeClean(page);

    // The demo organisation's own rule and allowed team name apply live too.
    await box.fill('');
    await box.pressSequentially(
      'Sam has been difficult to engage. Referred to the Challenging Behaviour Team.',
      { delay: 2 },
    );
    await live(page)
      .getByText(/what we offer does not yet fit/)
      .waitFor();
    const text = await live(page).innerText();
    assert.match(text, /One suggestion about wording/);
    assert.match(text, /difficult to engage/);
    assert.match(text, /what we offer does not yet fit/);
    assert.doesNotMatch(text, /Challenging Behaviour/);

    // Posting with JavaScript on: the server's suggestions stay until the person types again.
    await page.getByRole('button', { name: 'Check my writing' }).click();
    await page.getByRole('heading', { name: 'The writing you checked' }).waitFor();
    await page.waitForTimeout(600);
    await live(page).getByText('One suggestion about wording').waitFor();
    assert.equal(
      await page.locator('.app-language-highlight mark').innerText(),
      'difficult to engage',
    );
    await expectAxeClean(page);
  });

  it('with JavaScript off, a practitioner submits and sees the suggestions from the server', async () => {
    const page = await h.newPage({ javaScript: false });
    await signIn(page, 'dev@demo.hearth.test');
    await page.goto('/check-my-writing');
    await page.getByLabel('Your writing').fill('She kicked off and was <b>manipulative</b>.');
    await page.getByRole('button', { name: 'Check my writing' }).click();
    await page.getByText('2 suggestions about wording').waitFor();
    const marks = await page.locator('.app-language-highlight mark').allInnerTexts();
    assert.deepEqual(marks, ['kicked off', 'manipulative']);
    // What was typed as HTML stays text.
    assert.match(await page.locator('.app-language-highlight').innerText(), /<b>manipulative/);
    assert.equal(await page.locator('.app-language-highlight b').count(), 0);
  });

  it('an administrator adds a rule, and it applies on the next page a practitioner opens', async () => {
    const admin = await h.newPage();
    await signIn(admin, 'priya@demo.hearth.test');
    await admin.getByRole('link', { name: 'Language rules', exact: true }).click();
    await admin.getByRole('heading', { level: 1, name: 'Language rules' }).waitFor();
    await expectAxeClean(admin);

    await admin.getByRole('button', { name: 'Add rule' }).click();
    await admin.getByText('There is a problem').waitFor();
    await expectAxeClean(admin);

    await admin.getByLabel('Words to look for').fill('delayed discharge patient+');
    await admin.getByRole('radio', { name: /^Jargon/ }).check();
    await admin.getByRole('radio', { name: /^Gently/ }).check();
    await admin
      .getByLabel('Why the words may harm')
      .fill('Names the person after a delay that the system is responsible for.');
    await admin.getByLabel('What to try instead').fill('is waiting for a place at …');
    await admin.getByRole('button', { name: 'Add rule' }).click();
    await admin.getByText('Rule added').waitFor();
    await expectAxeClean(admin);

    const page = await h.newPage();
    await signIn(page, 'jo@demo.hearth.test');
    await page.goto('/check-my-writing');
    await page.getByLabel('Your writing').pressSequentially('He is a delayed discharge patient.', {
      delay: 5,
    });
    await live(page).getByText('a delay that the system is responsible for').waitFor();
  });

  it('people using services never load the checker', async () => {
    const page = await h.newPage();
    await signIn(page, 'sam@demo.hearth.test');
    assert.equal(await page.locator('script[src*="/language."]').count(), 0);
  });
});
