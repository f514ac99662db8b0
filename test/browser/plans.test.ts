/**
 * My plan in Chromium with the demo data: a person writes and shares their plan with
 * JavaScript off and on, a nurse reads it on a phone at the moment of crisis (and uses
 * emergency access), the manager reviews it, and the person's plan stays readable offline
 * until sign-out. axe-core checks every page visited with JavaScript on.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { expectAxeClean, signIn, startHarness } from './harness.ts';
import type { BrowserHarness } from './harness.ts';

describe('My plan in Chromium', { timeout: 600_000 }, () => {
  let h: BrowserHarness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  it('a person writes and shares their plan with JavaScript off', async () => {
    const page = await h.newPage({ javaScript: false });
    await signIn(page, 'alex@demo.hearth.test');
    await page.getByRole('link', { name: 'My plan', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'My plan' }).waitFor();
    await page.getByRole('button', { name: 'Change my plan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Change my plan' }).waitFor();
    await page.getByLabel('What does not help me').fill('Being rushed. <b>Shouting</b>.');
    await page.getByLabel('Raised voices').check();
    await page.getByLabel('Face-down (prone)').check();
    await page.getByRole('button', { name: 'Save my plan' }).click();
    await page.getByText('Your plan is saved').waitFor();
    assert.ok(await page.getByText('Being rushed. <b>Shouting</b>.').isVisible());

    await page.getByRole('link', { name: 'Choose who can see my plan' }).click();
    await page.getByLabel('Willow Ward').check();
    await page.getByRole('button', { name: 'Save who can see my plan' }).click();
    await page.getByRole('heading', { name: 'Who can see my plan' }).waitFor();
    assert.ok(await page.getByLabel('Willow Ward').isChecked());

    await page.getByLabel('Their name').fill('Sol');
    await page.getByRole('button', { name: 'Make a link' }).click();
    await page.getByRole('heading', { name: /Your link for Sol is ready/ }).waitFor();
    const link = (await page.locator('#supporter-link').textContent())!.trim();
    const code = (await page.locator('#supporter-code').textContent())!.trim();

    const supporter = await h.newPage({ javaScript: false });
    await supporter.goto(new URL(link).pathname);
    await supporter.getByLabel('Code').fill(code);
    await supporter.getByRole('button', { name: 'Show the plan' }).click();
    await supporter.getByRole('heading', { name: "Alex Morgan's plan" }).waitFor();
    assert.ok(await supporter.getByText('Being rushed.', { exact: false }).isVisible());

    await page.goto('/who-has-seen-my-information');
    await page.getByText('Sol (your supporter)').waitFor();
  });

  it('a person reads, accepts a suggestion and prints with JavaScript on; every page is accessible', async () => {
    const page = await h.newPage();
    await signIn(page, 'sam@demo.hearth.test');
    await expectAxeClean(page);
    await page.goto('/my-plan');
    await expectAxeClean(page);
    await page.getByRole('link', { name: 'Look at the suggestion' }).click();
    await page.getByRole('heading', { name: /suggested a change to your plan/ }).waitFor();
    await expectAxeClean(page);
    await page.getByRole('button', { name: 'Accept this change' }).click();
    await page.getByText('You accepted the suggested change').waitFor();
    assert.ok(await page.getByText('Sam finds it easier to write things down').isVisible());
    for (const path of [
      '/my-plan/edit',
      '/my-plan/sharing',
      '/my-plan/history',
      '/my-plan/history/1',
      '/my-plan/agreement',
      '/my-plan/print',
      '/my-plan/card',
      '/who-has-seen-my-information',
    ]) {
      await page.goto(path);
      assert.notEqual(await page.title(), 'Page not found – Hearth', path);
      await expectAxeClean(page);
    }
    // The edit form shows errors in the NHS way, and keeps what was typed.
    await page.goto('/my-plan/edit');
    await page.getByLabel("What I am like when I'm well").fill('Still me.');
    await page.locator('#declined-well').check();
    await page.getByRole('button', { name: 'Save my plan' }).click();
    await page.getByText('There is a problem').waitFor();
    await expectAxeClean(page);
    assert.equal(await page.getByLabel("What I am like when I'm well").inputValue(), 'Still me.');
  });

  it('a nurse at the moment of crisis reads "at a glance" first on a phone, and uses emergency access', async () => {
    const page = await h.newPage({ viewport: { width: 375, height: 740 } });
    await signIn(page, 'jo@demo.hearth.test');
    await page.goto('/plans');
    await expectAxeClean(page);
    await page.getByRole('link', { name: 'Sam Taylor: at a glance' }).click();
    // How to approach Sam comes first (the hazard log says why); force choices follow.
    const approach = page.getByRole('heading', { name: 'How to approach me' });
    await approach.waitFor();
    const box = await approach.boundingBox();
    assert.ok(
      box && box.y + box.height < 740,
      `how to approach is on the first screen (at ${box?.y})`,
    );
    await page.getByText('Never hold Sam Taylor:').waitFor();
    assert.ok(await page.getByText('Face-down (prone)').first().isVisible());
    await expectAxeClean(page);
    await page.getByRole('link', { name: 'Read the whole plan' }).click();
    await page.getByRole('heading', { level: 1, name: "Sam Taylor's plan" }).waitFor();
    await expectAxeClean(page);

    await page.goto('/plans/emergency-access');
    await expectAxeClean(page);
    await page.getByLabel('Whose plan do you need?').selectOption({ label: 'Alex Morgan' });
    await page.getByRole('button', { name: 'Open the plan' }).click();
    await page.getByText('There is a problem').waitFor();
    await expectAxeClean(page);
    await page
      .getByLabel('Why do you need to open it now?')
      .fill('Alex is very distressed in the community team base and we need to know what helps.');
    await page.getByRole('button', { name: 'Open the plan' }).click();
    await page.getByRole('heading', { name: 'Alex Morgan: at a glance' }).waitFor();
    assert.ok(await page.getByText(/Emergency access until/).isVisible());
    await expectAxeClean(page);

    const alex = await h.newPage();
    await signIn(alex, 'alex@demo.hearth.test');
    await alex.getByText('Your plan was opened in an emergency').waitFor();
    await expectAxeClean(alex);
  });

  it('the manager reviews emergency looks from their home page', async () => {
    const nurse = await h.newPage();
    await signIn(nurse, 'jo@demo.hearth.test');
    await nurse.goto('/plans/emergency-access');
    const options = await nurse
      .getByLabel('Whose plan do you need?')
      .locator('option')
      .allTextContents();
    assert.ok(
      !options.includes('Sam Taylor'),
      'plans already shared are not offered for emergency access',
    );

    // A Ward 3 nurse opens a Ward 3 person's plan in an emergency: Tom manages Ward 3.
    const jo = await h.services.accounts.people.actorFor(h.demo.people.jo);
    await h.services.plans.emergencyAccess.start(
      jo,
      {
        personId: h.demo.people.sam,
        reason: 'Night shift: Sam asked for her plan to be read out.',
      },
      { actor: h.services.accounts.people.auditActor(jo), ip: null },
    );
    const page = await h.newPage();
    await signIn(page, 'tom@demo.hearth.test');
    await page.getByRole('heading', { name: 'Emergency looks to review' }).waitFor();
    await expectAxeClean(page);
    assert.ok(
      await page.getByText('Night shift: Sam asked for her plan to be read out.').isVisible(),
    );
    await page
      .getByRole('button', { name: /Mark .* as reviewed/ })
      .first()
      .click();
    await page.getByRole('heading', { level: 1, name: 'Plans shared with me' }).waitFor();
    await expectAxeClean(page);
    assert.equal(await page.getByText('Night shift: Sam asked').count(), 0);
  });

  it("the person's own plan is readable offline on their device, and is cleared at sign-out", async () => {
    const page = await h.newPage();
    await signIn(page, 'sam@demo.hearth.test');
    await page.goto('/my-plan');
    await page.getByRole('button', { name: 'Keep a copy on this device' }).click();
    await page.getByText(/You can read your plan on this device without a connection/).waitFor();
    await expectAxeClean(page);

    await page.context().setOffline(true);
    await page.goto('/my-plan');
    await page.getByText('This is the copy of your plan kept on this device').waitFor();
    assert.ok(await page.getByText('Never face-down', { exact: false }).isVisible());
    await page.context().setOffline(false);

    await page.goto('/sign-out');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'You have signed out' }).waitFor();
    await page.waitForFunction(async () => (await caches.keys()).length === 0);
    const registrations = await page.evaluate(
      async () => (await navigator.serviceWorker.getRegistrations()).length,
    );
    assert.equal(registrations, 0);
    await page.context().setOffline(true);
    const offline = await page.goto('/my-plan').catch(() => null);
    assert.ok(!offline || !(await page.getByText('This is the copy of your plan').isVisible()));
    await page.context().setOffline(false);
  });
});
