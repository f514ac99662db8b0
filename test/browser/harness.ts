/**
 * Browser test harness: a real Hearth server on a loopback port over a fresh database with the
 * demo organisation, and Debian's Chromium driven by playwright-core. `expectAxeClean` runs
 * axe-core against WCAG 2.2 A and AA on the current page.
 */
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import { createApp, createServices } from '../../src/app.ts';
import type { Services } from '../../src/app.ts';
import { loadDemo, DEMO_PASSWORD } from '../../src/demo.ts';
import type { DemoIds } from '../../src/demo.ts';
import { seedModuleDemos } from '../../src/demo-modules.ts';
import { freshDatabase, testConfig } from '../factories.ts';

/** A running server and browser for one test file. */
export interface BrowserHarness {
  baseUrl: string;
  browser: Browser;
  services: Services;
  demo: DemoIds;
  app: FastifyInstance;
  /** A new browser context (own cookies); `javaScript: false` for no-JS journeys. */
  newPage(options?: {
    javaScript?: boolean;
    offline?: boolean;
    viewport?: { width: number; height: number };
  }): Promise<Page>;
  close(): Promise<void>;
}

/** Starts the server and Chromium. */
export async function startHarness(): Promise<BrowserHarness> {
  const database = await freshDatabase();
  const services = createServices(database.conn, testConfig({ publicUrl: 'http://127.0.0.1' }));
  const demo = await loadDemo(services);
  await seedModuleDemos(services, demo);
  const app = await createApp(services);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  assert.ok(address && typeof address === 'object');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const contexts: BrowserContext[] = [];
  return {
    baseUrl,
    browser,
    services,
    demo,
    app,
    async newPage(options = {}) {
      const context = await browser.newContext({
        baseURL: baseUrl,
        javaScriptEnabled: options.javaScript ?? true,
        viewport: options.viewport ?? { width: 1280, height: 900 },
      });
      contexts.push(context);
      return context.newPage();
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await app.close();
      await database.drop();
    },
  };
}

/** Signs in through the real form. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** Fails the test when axe-core finds any WCAG 2.2 A/AA violation on the page. */
export async function expectAxeClean(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'])
    .analyze();
  const summary = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  assert.deepEqual(summary, [], `axe found problems on ${page.url()}`);
}

/**
 * Runs axe on a page as the given account in a new context with JavaScript on: axe needs
 * scripts, so journeys with JavaScript off check their pages this way.
 */
export async function expectAxeCleanAs(
  h: BrowserHarness,
  email: string,
  path: string,
): Promise<void> {
  const page = await h.newPage();
  page.setDefaultTimeout(30_000);
  await signIn(page, email);
  await page.goto(path);
  await expectAxeClean(page);
  await page.context().close();
}
