/**
 * Partners shaping the course in Chromium, with JavaScript off: a lived-experience partner
 * suggests new words for one part of a section, an administrator compares the words and accepts,
 * and the section then shows the new words to a nurse of the same organisation. axe needs
 * scripts, so it reads each page again in a context with JavaScript on.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { expectAxeCleanAs, signIn, startHarness } from './harness.ts';
import type { BrowserHarness } from './harness.ts';

const SECTION = '/learning/course/what-trauma-is';
const NEW_WORDS =
  'Trauma is about what happened and how it still feels, in the words of the person.';

describe('partners suggesting course words in Chromium', { timeout: 600_000 }, () => {
  let h: BrowserHarness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  const axeAs = (email: string, path: string) => expectAxeCleanAs(h, email, path);

  it('a partner suggests, an administrator accepts, and the course shows the new words', async () => {
    const partner = await h.newPage({ javaScript: false });
    partner.setDefaultTimeout(30_000);
    await signIn(partner, 'morgan@demo.hearth.test');
    await partner.goto(SECTION);
    await partner.getByRole('link', { name: 'Suggest a change to this section' }).click();
    await partner.getByRole('heading', { level: 1, name: /Suggest a change to/ }).waitFor();
    await axeAs('morgan@demo.hearth.test', new URL(partner.url()).pathname);
    await partner.getByRole('link', { name: 'Suggest new words for part 2' }).click();
    await partner.getByRole('heading', { level: 1, name: 'Suggest new words' }).waitFor();
    const formPath = new URL(partner.url()).pathname + new URL(partner.url()).search;
    await axeAs('morgan@demo.hearth.test', formPath);

    // Sending nothing is refused at the field, and nothing is saved.
    await partner.getByLabel('Your words').fill('');
    await partner.getByRole('button', { name: 'Send suggestion' }).click();
    await partner.getByRole('heading', { name: 'There is a problem' }).waitFor();

    await partner.getByLabel('Your words').fill(NEW_WORDS);
    await partner.getByLabel(/Why you suggest it/).fill('Plainer words for people new to this.');
    await partner.getByRole('button', { name: 'Send suggestion' }).click();
    await partner
      .getByRole('heading', { level: 1, name: 'Your suggestions for the course' })
      .waitFor();
    await partner.getByText('Your suggestion has been sent').waitFor();
    await axeAs('morgan@demo.hearth.test', '/learning/suggestions');

    const admin = await h.newPage({ javaScript: false });
    admin.setDefaultTimeout(30_000);
    await signIn(admin, 'priya@demo.hearth.test');
    await admin.goto('/admin/learning/suggestions');
    await admin
      .getByRole('heading', { level: 1, name: 'Suggestions for the course text' })
      .waitFor();
    await axeAs('priya@demo.hearth.test', '/admin/learning/suggestions');
    await admin
      .getByRole('link', { name: /What trauma is/ })
      .first()
      .click();
    await admin.getByRole('heading', { level: 1, name: /Suggestion for/ }).waitFor();
    await axeAs('priya@demo.hearth.test', new URL(admin.url()).pathname);
    await admin.getByLabel('Accept: use these words in our course').check();
    await admin.getByRole('button', { name: 'Save decision' }).click();
    await admin.getByText('The suggestion was accepted').waitFor();

    const nurse = await h.newPage({ javaScript: false });
    nurse.setDefaultTimeout(30_000);
    await signIn(nurse, 'jo@demo.hearth.test');
    await nurse.goto(SECTION);
    await nurse.getByText(NEW_WORDS).waitFor();
    assert.equal(
      await nurse.getByRole('link', { name: 'Suggest a change to this section' }).count(),
      0,
    );
  });
});
