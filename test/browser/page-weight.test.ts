/**
 * Page weight on a first visit (issue 17, item 10): for a person, a nurse and a manager, each
 * main page is loaded with an empty browser cache, and Chromium's own network events
 * (encodedDataLength: bytes on the wire, after compression, headers included) must show the
 * page's HTML under 30 KB and everything the page fetched under 120 KB.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { signIn, startHarness } from './harness.ts';
import type { BrowserHarness } from './harness.ts';

const HTML_BUDGET = 30 * 1024;
const TOTAL_BUDGET = 120 * 1024;

const who = [
  { email: 'sam@demo.hearth.test', about: 'a person' },
  { email: 'jo@demo.hearth.test', about: 'a nurse' },
  { email: 'tom@demo.hearth.test', about: 'a unit manager' },
];

describe('page weight on a first visit', { timeout: 600_000 }, () => {
  let h: BrowserHarness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  for (const { email, about } of who) {
    it(`${about}: every main page is light enough with an empty cache`, async () => {
      const page = await h.newPage();
      await signIn(page, email);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Network.enable');
      const types = new Map<string, string>();
      const sizes = new Map<string, number>();
      cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type));
      cdp.on('Network.loadingFinished', (e) => sizes.set(e.requestId, e.encodedDataLength));

      // The home page and every link in the header are the main pages of each role.
      await page.goto('/');
      const links = await page
        .locator('.nhsuk-header__navigation-link')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
      const paths = ['/', ...new Set(links.filter((href) => href.startsWith('/')))];
      assert.ok(paths.length >= 3, `only ${paths.join(', ')}`);
      const report: string[] = [];
      const over: string[] = [];
      for (const path of paths) {
        await cdp.send('Network.clearBrowserCache');
        types.clear();
        sizes.clear();
        await page.goto(path, { waitUntil: 'load' });
        // Let late requests (module scripts, a service worker's fetches) finish.
        await page.waitForLoadState('networkidle');
        let html = 0;
        let total = 0;
        for (const [id, bytes] of sizes) {
          total += bytes;
          if (types.get(id) === 'Document') html += bytes;
        }
        assert.ok(html > 0, `no document seen for ${path}`);
        report.push(
          `${path}: HTML ${(html / 1024).toFixed(1)} KB, total ${(total / 1024).toFixed(1)} KB`,
        );
        if (html >= HTML_BUDGET || total >= TOTAL_BUDGET) over.push(report.at(-1)!);
      }
      if (process.env.PAGE_WEIGHT_REPORT) console.log(report.join('\n'));
      assert.deepEqual(over, [], `over budget (HTML 30 KB, total 120 KB):\n${report.join('\n')}`);
    });
  }
});
