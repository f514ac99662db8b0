/**
 * Setting up a new organisation, as a real one would: `hearth invite --organisation` on the
 * command line (a child process against the test database), then in Chromium the administrator
 * accepts, adds a ward with beds from the set-up checklist, invites a nurse, who accepts and is
 * given the ward; the nurse invites a person (admins invite staff only), who accepts; and the
 * nurse sees the person in the ward's list. The
 * checklist ticks as steps are done; axe finds nothing on the pages along the way.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { createApp, createServices } from '../../src/app.ts';
import { freshDatabase, testConfig } from '../factories.ts';
import { expectAxeClean } from './harness.ts';

const bin = path.resolve(import.meta.dirname, '../../bin/hearth.js');
const PASSWORD = 'lantern-meadow-copper-fjord';

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('setting up a new organisation in Chromium', { timeout: 600_000 }, () => {
  let app: FastifyInstance;
  let browser: Browser;
  let baseUrl: string;
  let databaseUrl: string;
  let drop: () => Promise<void>;

  before(async () => {
    const database = await freshDatabase();
    drop = database.drop;
    databaseUrl = database.url;
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const services = createServices(database.conn, testConfig({ publicUrl: baseUrl }));
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

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ baseURL: baseUrl });
    return context.newPage();
  }

  /** Accepts an invitation link in a fresh browser, choosing a password. */
  async function accept(link: string): Promise<Page> {
    const page = await newPage();
    await page.goto(link);
    await expectAxeClean(page);
    await page.getByLabel('Choose a password').fill(PASSWORD);
    await page.getByLabel('Type the password again').fill(PASSWORD);
    await page.getByRole('button', { name: 'Set up my account' }).click();
    await page.getByRole('heading', { level: 1, name: /Hello,/ }).waitFor();
    return page;
  }

  /** The state of a checklist step on the administrator's home page. */
  async function stepState(page: Page, id: string): Promise<string> {
    await page.goto('/');
    return (await page.locator(`#setup-${id} .nhsuk-tag`).innerText()).trim();
  }

  /** Invites someone from the invitation form; returns the link shown once. */
  async function invite(
    page: Page,
    who: { name: string; email: string; role: string; unit?: string },
  ): Promise<string> {
    await page.goto('/invitations/new');
    await expectAxeClean(page);
    await page.getByLabel('Their name').fill(who.name);
    await page.getByLabel('Their email address').fill(who.email);
    await page.getByRole('radio', { name: who.role, exact: true }).check();
    if (who.unit) await page.getByLabel('Unit', { exact: true }).selectOption({ label: who.unit });
    await page.getByRole('button', { name: 'Create invitation link' }).click();
    const link = (await page.locator('#invitation-link').innerText()).trim();
    assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/invitations\/[\w-]+$/);
    return link;
  }

  it('goes from `hearth invite --organisation` to a nurse seeing a person on the ward', async () => {
    const env: Record<string, string | undefined> = {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      PUBLIC_URL: baseUrl,
    };
    delete env.NODE_TEST_CONTEXT;
    const cli = spawnSync(
      process.execPath,
      [
        bin,
        'invite',
        '--organisation',
        'Fenwick Vale NHS Trust',
        '--email',
        'admin@fenwick.example',
        '--name',
        'Dana Okafor',
      ],
      { env, encoding: 'utf8', timeout: 120_000 },
    );
    assert.equal(cli.status, 0, cli.stderr);
    const adminLink = cli.stdout.trim().split('\n').at(-1)!;

    const admin = await accept(adminLink);
    await admin.getByRole('heading', { name: 'Setting up Hearth' }).waitFor();
    await expectAxeClean(admin);
    assert.equal(await stepState(admin, 'units'), 'To do');
    assert.equal(await stepState(admin, 'staff'), 'To do');

    // A ward with beds, reached from the checklist.
    await admin.locator('#setup-units a').click();
    await admin.getByRole('button', { name: 'Add a unit' }).click();
    await expectAxeClean(admin);
    await admin.getByLabel('Name').fill('Heather Ward');
    await admin.getByRole('radio', { name: 'Ward', exact: true }).check();
    await admin.getByLabel('Number of beds (wards only, optional)').fill('18');
    await admin.getByRole('button', { name: 'Add unit' }).click();
    await admin.getByRole('cell', { name: 'Heather Ward' }).waitFor();
    await expectAxeClean(admin);
    assert.equal(await stepState(admin, 'units'), 'Done');

    const nurseLink = await invite(admin, {
      name: 'Sam Idowu',
      email: 'sam.idowu@fenwick.example',
      role: 'Practitioner',
      unit: 'Heather Ward',
    });
    assert.equal(await stepState(admin, 'staff'), 'Done');
    const nurse = await accept(nurseLink);

    // The administrator gives the nurse the ward on the staff page.
    await admin.goto('/admin/staff');
    await expectAxeClean(admin);
    await admin.getByRole('link', { name: 'Sam Idowu' }).click();
    await expectAxeClean(admin);
    const ward = admin.getByRole('checkbox', { name: 'Heather Ward' });
    if (!(await ward.isChecked())) await ward.check();
    await admin.getByRole('button', { name: 'Save role and units' }).click();
    await admin.waitForURL((url) => url.pathname === '/admin/staff');

    // People who use services are invited by the staff who work with them.
    const personLink = await invite(nurse, {
      name: 'Robin Hale',
      email: 'robin@example.org',
      role: 'Person using services',
      unit: 'Heather Ward',
    });
    const person = await accept(personLink);
    await expectAxeClean(person);

    await nurse.goto('/people');
    await expectAxeClean(nurse);
    await nurse.getByText('Robin Hale').first().waitFor();
    await nurse.goto('/');
    await nurse.getByText('Heather Ward').first().waitFor();
  });
});
