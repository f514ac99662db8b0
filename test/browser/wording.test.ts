/**
 * Shaping the self-assessment's words in Chromium, with JavaScript off: an administrator adds a
 * local statement, a lived-experience partner suggests plainer words for it, and the
 * administrator compares and accepts, so the statement list shows the new words. axe needs
 * scripts, so it reads each page again in a context with JavaScript on.
 */
import { after, before, describe, it } from 'node:test';
import { expectAxeCleanAs, signIn, startHarness } from './harness.ts';
import type { BrowserHarness } from './harness.ts';

const LOCAL = 'Staff here ask me how my week has been before we talk about plans.';
const REWORDED = 'Staff ask how my week has been before we talk about plans.';

describe('shaping the self-assessment words in Chromium', { timeout: 600_000 }, () => {
  let h: BrowserHarness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  const axeAs = (email: string, path: string) => expectAxeCleanAs(h, email, path);

  it('an administrator adds a local statement, a partner rewords it, the administrator accepts', async () => {
    const admin = await h.newPage({ javaScript: false });
    admin.setDefaultTimeout(30_000);
    await signIn(admin, 'priya@demo.hearth.test');
    await admin.goto('/assessment/statements');
    await admin.getByRole('heading', { level: 1, name: 'The statements we ask about' }).waitFor();
    await axeAs('priya@demo.hearth.test', '/assessment/statements');
    await admin.getByLabel('Principle').selectOption({ index: 1 });
    await admin.getByLabel('The statement').fill(LOCAL);
    await admin.getByRole('button', { name: 'Add statement' }).click();
    await admin.getByText(LOCAL).first().waitFor();

    const partner = await h.newPage({ javaScript: false });
    partner.setDefaultTimeout(30_000);
    await signIn(partner, 'morgan@demo.hearth.test');
    await partner.goto('/assessment/statements');
    await axeAs('morgan@demo.hearth.test', '/assessment/statements');
    await partner.getByRole('link', { name: `Suggest new words for "${LOCAL}"` }).click();
    await partner.getByRole('heading', { level: 1, name: 'Suggest new words' }).waitFor();
    await axeAs('morgan@demo.hearth.test', new URL(partner.url()).pathname);
    await partner.getByLabel('Your words').fill(REWORDED);
    await partner.getByRole('button', { name: 'Send suggestion' }).click();
    await partner.getByRole('heading', { name: 'Your suggestions' }).waitFor();
    await partner.getByText(REWORDED).first().waitFor();

    await admin.goto('/assessment/statements');
    await admin.locator('#suggestions ~ dl a[href^="/assessment/suggestions/"]').first().click();
    await admin.getByRole('heading', { level: 1, name: 'Suggested wording' }).waitFor();
    await axeAs('priya@demo.hearth.test', new URL(admin.url()).pathname);
    await admin.getByLabel('Accept: new rounds use these words').check();
    await admin.getByRole('button', { name: 'Save decision' }).click();
    await admin.getByRole('heading', { level: 1, name: 'The statements we ask about' }).waitFor();
    await admin.locator('li', { hasText: REWORDED }).first().waitFor();
  });
});
