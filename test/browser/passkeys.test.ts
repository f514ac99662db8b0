/**
 * Passkeys in Chromium with the DevTools virtual authenticator (CTAP2, built-in, resident keys,
 * user verification): a nurse adds a passkey and signs in with password and passkey; a person
 * who uses services adds one and signs in with it alone; axe finds nothing on the pages. Hearth
 * runs on http://localhost (a passkey needs a domain name, not an IP address) on a free port, and
 * its public address in config says so: that is the origin and relying party it checks.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { createApp, createServices } from '../../src/app.ts';
import type { Services } from '../../src/app.ts';
import { acrossOrganisations } from '../../src/db/tenancy.ts';
import { TEST_PASSWORD, freshDatabase, makeTeam, testConfig } from '../factories.ts';
import { expectAxeClean, signIn } from './harness.ts';

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('passkeys in Chromium', { timeout: 300_000 }, () => {
  let services: Services;
  let app: FastifyInstance;
  let browser: Browser;
  let baseUrl: string;
  let drop: () => Promise<void>;
  let team: Awaited<ReturnType<typeof makeTeam>>;

  before(async () => {
    const database = await freshDatabase();
    drop = database.drop;
    const port = await freePort();
    baseUrl = `http://localhost:${port}`;
    services = createServices(database.conn, testConfig({ publicUrl: baseUrl }));
    team = await makeTeam(services);
    app = await createApp(services);
    await app.listen({ port, host: '127.0.0.1' });
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
    });
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await drop?.();
  });

  /** A page with its own virtual authenticator, which answers without a prompt. */
  async function pageWithAuthenticator(): Promise<Page> {
    const context = await browser.newContext({ baseURL: baseUrl });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    return page;
  }

  const passkeysOf = (accountId: string) =>
    acrossOrganisations('test: an account’s passkeys', () =>
      services.db.selectFrom('passkeys').selectAll().where('account_id', '=', accountId).execute(),
    );

  async function addPasskey(page: Page, name: string): Promise<void> {
    await page.goto('/account/sign-in');
    await expectAxeClean(page);
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add a passkey' }).waitFor();
    await expectAxeClean(page);
    await page.getByLabel('Name for this passkey (optional)').fill(name);
    await page.getByRole('button', { name: 'Add a passkey' }).click();
  }

  async function signOut(page: Page): Promise<void> {
    await page.goto('/sign-out');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'You have signed out' }).waitFor();
  }

  it('a nurse adds a passkey, then signs in with password and passkey', async () => {
    const page = await pageWithAuthenticator();
    await signIn(page, team.practitioner.email, TEST_PASSWORD);
    await addPasskey(page, 'Ward computer');
    await page.getByRole('heading', { name: 'Your recovery codes' }).waitFor();
    assert.equal(await page.locator('[data-recovery-codes] li').count(), 10);
    await expectAxeClean(page);
    await page.getByRole('button', { name: 'I have kept these codes safe' }).click();
    await page.getByRole('cell', { name: 'Ward computer', exact: true }).waitFor();
    assert.equal((await passkeysOf(team.practitioner.id)).length, 1);
    await signOut(page);

    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill(team.practitioner.email);
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/sign-in\/code$/);
    await page.getByRole('heading', { level: 1, name: 'Use your passkey' }).waitFor();
    await expectAxeClean(page);
    await page.getByRole('button', { name: 'Use your passkey' }).click();
    await page.getByRole('heading', { level: 1, name: /Hello,/ }).waitFor();
    const [used] = await passkeysOf(team.practitioner.id);
    assert.ok(used!.last_used_at, 'the passkey’s last use is recorded');
  });

  it('a person who uses services adds a passkey and signs in with it alone', async () => {
    const page = await pageWithAuthenticator();
    await signIn(page, team.person.email, TEST_PASSWORD);
    await addPasskey(page, 'My phone');
    await page.waitForURL(/passkey=added/);
    await page.getByText('Your passkey was added.').waitFor();
    await page.getByRole('cell', { name: 'My phone', exact: true }).waitFor();
    await signOut(page);

    await page.goto('/sign-in');
    await expectAxeClean(page);
    await page.getByRole('button', { name: 'Use a passkey instead' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in with a passkey' }).waitFor();
    await expectAxeClean(page);
    await page.getByRole('button', { name: 'Use your passkey' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    assert.doesNotMatch(new URL(page.url()).pathname, /sign-in/);
    const [used] = await passkeysOf(team.person.id);
    assert.ok(used!.last_used_at);
  });

  it('without JavaScript, passkeys are not offered and the password still works', async () => {
    const context = await browser.newContext({ baseURL: baseUrl, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/sign-in');
    assert.equal(await page.getByRole('button', { name: 'Use a passkey instead' }).count(), 0);
    await signIn(page, team.manager.email, TEST_PASSWORD);
    await page.goto('/account/sign-in');
    assert.equal(await page.getByRole('button', { name: 'Add a passkey' }).count(), 0);
    await page.getByText('Passkeys need JavaScript').waitFor();
  });
});
