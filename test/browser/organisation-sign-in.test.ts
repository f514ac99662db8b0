/**
 * Staff sign in with their organisation's account: a real OpenID provider (oidc-provider) in
 * this process, Hearth on a loopback port, Chromium through the whole authorization code flow
 * with PKCE. The provider speaks http on loopback, which Hearth allows only outside production.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { createApp, createServices } from '../../src/app.ts';
import type { Services } from '../../src/app.ts';
import type { FastifyInstance } from 'fastify';
import { TEST_PASSWORD, freshDatabase, makeTeam, testConfig } from '../factories.ts';
import { expectAxeClean, signIn } from './harness.ts';
import { startTestProvider } from '../oidc/test-provider.ts';
import type { TestProvider } from '../oidc/test-provider.ts';

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('organisation sign-in in Chromium', { timeout: 300_000 }, () => {
  let services: Services;
  let app: FastifyInstance;
  let browser: Browser;
  let provider: TestProvider;
  let baseUrl: string;
  let drop: () => Promise<void>;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  let other: Awaited<ReturnType<typeof makeTeam>>;
  let orgName: string;

  before(async () => {
    const database = await freshDatabase();
    drop = database.drop;
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    services = createServices(database.conn, testConfig({ publicUrl: baseUrl }));
    team = await makeTeam(services);
    other = await makeTeam(services);
    orgName = (
      await services.db
        .selectFrom('organisations')
        .select('name')
        .where('id', '=', team.organisationId)
        .executeTakeFirstOrThrow()
    ).name;
    app = await createApp(services);
    await app.listen({ port, host: '127.0.0.1' });
    provider = await startTestProvider(`${baseUrl}/sign-in/organisation/callback`);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
    });
  });
  after(async () => {
    await browser?.close();
    await provider?.close();
    await app?.close();
    await drop?.();
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ baseURL: baseUrl });
    return context.newPage();
  }

  /** Goes from Hearth's sign-in page through the provider's log-in and consent screens. */
  async function signInAtProvider(page: Page, login: string): Promise<void> {
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'Sign in with your organisation account' }).click();
    await page.getByRole('heading', { name: 'Sign in with your organisation account' }).waitFor();
    await expectAxeClean(page);
    await page.getByRole('button', { name: `Continue to ${orgName}` }).click();
    await page.waitForURL((url) => url.origin === provider.issuer);
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('anything');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((url) => url.origin === baseUrl);
  }

  it('an administrator sets the provider up; its secret is stored encrypted', async () => {
    const page = await newPage();
    await signIn(page, team.admin.email, TEST_PASSWORD);
    await page.goto('/organisation/sign-in');
    await expectAxeClean(page);
    await page.getByLabel('Provider address (issuer)').fill(provider.issuer);
    await page.getByLabel('Client ID').fill(provider.clientId);
    await page.getByLabel('Client secret').fill(provider.clientSecret);
    await page.getByRole('button', { name: 'Save sign-in settings' }).click();
    await page.waitForURL(/saved=1/);
    const row = await services.db
      .selectFrom('oidc_providers')
      .selectAll()
      .where('organisation_id', '=', team.organisationId)
      .executeTakeFirstOrThrow();
    assert.equal(row.issuer, provider.issuer);
    assert.ok(!row.client_secret_enc.includes(provider.clientSecret), 'secret not in clear');
    assert.match(row.client_secret_enc, /^v1:/);
    // The form never shows the secret again.
    assert.ok(!(await page.content()).includes(provider.clientSecret));
  });

  it('a member of staff signs in with their organisation account, and sign-out ends the session', async () => {
    provider.setAccount('staff-subject-1', {
      email: team.practitioner.email,
      email_verified: true,
    });
    const page = await newPage();
    await signInAtProvider(page, 'staff-subject-1');
    await page.getByRole('heading', { level: 1, name: /Hello,/ }).waitFor();
    await expectAxeClean(page);
    const linked = await services.db
      .selectFrom('account_identities')
      .selectAll()
      .where('organisation_id', '=', team.organisationId)
      .execute();
    assert.deepEqual(
      linked.map((l) => [l.subject, l.account_id]),
      [['staff-subject-1', team.practitioner.id]],
    );
    await page.goto('/sign-out');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'You have signed out' }).waitFor();
    await page.goto('/');
    assert.match(new URL(page.url()).pathname, /^\/sign-in/);
    // Once linked, the subject signs in even when the provider stops sending the email.
    provider.setAccount('staff-subject-1', {});
    const again = await newPage();
    await signInAtProvider(again, 'staff-subject-1');
    await again.getByRole('heading', { level: 1, name: /Hello,/ }).waitFor();
  });

  it('never creates an account: unknown, unverified, other-organisation and non-staff people are refused', async () => {
    const before = await services.db.selectFrom('accounts').select('id').execute();
    const cases: [string, { email?: string; email_verified?: boolean }][] = [
      ['nobody-here', { email: 'new.starter@example.test', email_verified: true }],
      ['unverified', { email: team.manager.email, email_verified: false }],
      ['elsewhere', { email: other.manager.email, email_verified: true }],
      ['a-person', { email: team.person.email, email_verified: true }],
    ];
    for (const [login, claims] of cases) {
      provider.setAccount(login, claims);
      const page = await newPage();
      await signInAtProvider(page, login);
      await page.getByRole('heading', { name: 'We could not sign you in' }).waitFor();
      await expectAxeClean(page);
      await page.goto('/');
      assert.match(new URL(page.url()).pathname, /^\/sign-in/, `${login} has no session`);
    }
    const after = await services.db.selectFrom('accounts').select('id').execute();
    assert.equal(after.length, before.length);
  });
});
