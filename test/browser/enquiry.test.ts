/**
 * Asking about trauma in Chromium with the demo data: a practitioner walks the whole
 * conversation without JavaScript (the flow must not need it), the same pages are axe-clean
 * with JavaScript, a person reads and shares what they recorded, and a manager reads rates.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { expectAxeClean, signIn, startHarness } from './harness.ts';
import type { BrowserHarness } from './harness.ts';

const future = new Date(Date.now() + 3 * 86_400_000);

async function fillDate(page: Page, legend: RegExp) {
  const group = page.getByRole('group', { name: legend });
  await group.getByLabel('Day').fill(String(future.getUTCDate()));
  await group.getByLabel('Month').fill(String(future.getUTCMonth() + 1));
  await group.getByLabel('Year').fill(String(future.getUTCFullYear()));
}

describe('asking about trauma in Chromium', { timeout: 600_000 }, () => {
  let h: BrowserHarness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  for (const javaScript of [false, true]) {
    it(`Jo asks Riley, who shares something, with JavaScript ${javaScript ? 'on' : 'off'}`, async () => {
      const page = await h.newPage({ javaScript });
      const check = async () => {
        if (javaScript) await expectAxeClean(page);
      };
      await signIn(page, 'jo@demo.hearth.test');
      await page.goto('/enquiry');
      await check();
      const person = javaScript ? 'Casey Brown' : 'Riley Cooper';
      await page
        .getByRole('button', {
          name: new RegExp(`(Start a conversation|Start a new conversation) with ${person}`),
        })
        .click();
      await page.getByRole('heading', { name: 'Before you ask' }).waitFor();
      await check();
      for (const label of [
        /somewhere private/,
        /enough time/,
        /on their own/,
        /share a language/,
      ]) {
        await page.getByLabel(label).check();
      }
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('heading', { name: 'Why we ask everyone' }).waitFor();
      await check();
      await page.getByLabel('Yes, now is OK').check();
      await page.getByRole('button', { name: 'Continue' }).click();

      // The first question: say yes, with some words that look like HTML.
      await page.getByText('Question 1 of 9. You can skip, pause or stop at any time.').waitFor();
      await check();
      await page.getByLabel('Yes', { exact: true }).check();
      await page.getByLabel(/add a few words/).fill('<b>not bold</b>');
      await page.getByRole('button', { name: 'Save and continue' }).click();
      for (let n = 2; n <= 9; n++) {
        await page.getByText(`Question ${n} of 9.`).waitFor();
        await page.getByLabel("I'd rather not say").check();
        await page.getByRole('button', { name: 'Save and continue' }).click();
      }
      await page.getByRole('heading', { name: 'Responding to what was shared' }).waitFor();
      assert.ok(await page.getByText('"<b>not bold</b>"').isVisible());
      await check();
      await page
        .getByRole('group', { name: 'Is any of this still happening?' })
        .getByLabel('No', { exact: true })
        .check();
      await page.getByLabel('Yes, now').check();
      await page.getByRole('button', { name: 'Save and continue' }).click();
      await page.getByRole('heading', { name: 'Closing the conversation' }).waitFor();
      await check();
      await page.getByLabel('Yes, and we did it together').check();
      await fillDate(page, /When will you check in with them again/);
      await page.getByRole('button', { name: 'Save and agree the record' }).click();
      await page.getByRole('heading', { name: 'Agreeing what goes in the record' }).waitFor();
      await check();
      await page
        .getByLabel('The words for the record')
        .fill('Hard times growing up. Would like support.');
      await page.getByLabel(/has read or heard these words and agrees/).check();
      await page.getByRole('button', { name: 'Save the record' }).click();
      await page.getByRole('heading', { name: `Conversation with ${person}` }).waitFor();
      assert.ok(await page.getByText('Looking after you').isVisible());
      await check();
      await page.getByRole('link', { name: 'Offer support or make a referral' }).click();
      await check();
      await page.getByLabel('Riverside Trauma Therapy Service').check();
      await page.getByLabel('Making a referral for them').check();
      await page.getByLabel(`${person} agrees to this`).check();
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Waiting to hear', { exact: false }).first().waitFor();
      await page.getByRole('button', { name: 'Yes, I would like some reflective space' }).click();
      await page.getByRole('heading', { name: 'Reflective space' }).waitFor();
      await check();
    });
  }

  it('Sam reads what was recorded, chooses who sees it, and uses the reflective guide', async () => {
    const page = await h.newPage();
    await signIn(page, 'sam@demo.hearth.test');
    await page.getByRole('link', { name: /^Recorded / }).click();
    await page.getByRole('heading', { name: 'What you chose to record' }).waitFor();
    await expectAxeClean(page);
    await page.getByLabel(/Everyone in the care team at Ward 3/).check();
    await page.getByRole('button', { name: 'Save who can see this' }).click();
    await page.getByText(/and: Everyone in the care team at Ward 3/).waitFor();
    await page.getByRole('link', { name: 'Hide this from all staff' }).click();
    await expectAxeClean(page);
    await page.goto('/what-happened-to-you');
    await expectAxeClean(page);
    await page.getByLabel(/What has happened to you\?/).fill('A lot of moving about as a child.');
    await page.getByRole('button', { name: 'Save it privately' }).click();
    await page.getByRole('heading', { name: 'Your reflection' }).waitFor();
    await expectAxeClean(page);
  });

  it('a manager sees rates with small numbers suppressed, and the directory', async () => {
    const page = await h.newPage();
    await signIn(page, 'tom@demo.hearth.test');
    await page.goto('/enquiry/rates');
    await page.getByRole('heading', { name: 'Enquiry rates' }).waitFor();
    assert.ok((await page.getByText('fewer than 5').count()) > 0);
    await expectAxeClean(page);
    await page.goto('/support-services');
    assert.ok((await page.locator('.nhsuk-card').count()) >= 6);
    await expectAxeClean(page);
    await page.goto('/support-services/new');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('There is a problem').waitFor();
    await expectAxeClean(page);
    await page.goto('/enquiry/guide');
    await expectAxeClean(page);
  });
});
