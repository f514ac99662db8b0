/**
 * Importing the CSV in Chromium: the organisation administrator finds the import beside the
 * export, uploads a file with a bad row and sees every bad line (nothing imported), then uploads
 * the corrected file and sees the counts. With JavaScript on (axe checks every page) and off.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { expectAxeClean, signIn, startHarness } from './harness.ts';
import type { BrowserHarness } from './harness.ts';
import { CSV_COLUMNS } from '../../src/modules/force/csv.ts';

describe('importing use-of-force records in Chromium', { timeout: 120_000 }, () => {
  let h: BrowserHarness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  for (const javaScript of [true, false]) {
    it(`the administrator imports a file, ${javaScript ? 'with' : 'without'} JavaScript`, async () => {
      const page = await h.newPage({ javaScript });
      await signIn(page, 'priya@demo.hearth.test');
      await page.goto('/force/returns');
      await page.getByRole('link', { name: 'Import records from a CSV file' }).click();
      await page.getByRole('heading', { name: 'Import use-of-force records', level: 1 }).waitFor();
      if (javaScript) await expectAxeClean(page);

      // Start from the export, as the page suggests, with new ids so the rows are new records.
      const exported = await page.request.get('/force/export.csv');
      assert.equal(exported.status(), 200);
      const base = (parse(await exported.text(), { columns: true }) as Record<string, string>[])[0];
      assert.ok(base, 'the demo organisation has records to export');
      const prefix = javaScript ? 'web-js' : 'web-nojs';
      const rows = Array.from({ length: 3 }, (_, n) => ({
        ...base,
        RestrictiveIntIncID: `${prefix}-${n}`,
        RestrictiveIntTypeID: `${prefix}-${n}-t`,
      }));
      const file = (list: Record<string, string>[]) => ({
        name: 'records.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(stringify(list, { header: true, columns: [...CSV_COLUMNS] })),
      });

      // The file upload component's script gives the input's id to its own button: find it by name.
      await page
        .locator('input[type=file][name=file]')
        .setInputFiles(file(rows.map((r, n) => (n === 1 ? { ...r, UnitID: 'no-such-ward' } : r))));
      await page.getByRole('button', { name: 'Check and import' }).click();
      await page.getByRole('heading', { name: 'There is a problem with the file' }).waitFor();
      assert.match(
        await page.locator('.app-import-problems').innerText(),
        /Line 3: UnitID is not a unit of your organisation/,
      );
      if (javaScript) await expectAxeClean(page);

      await page.locator('input[type=file][name=file]').setInputFiles(file(rows));
      await page.getByRole('button', { name: 'Check and import' }).click();
      await page.getByRole('heading', { name: 'Import complete' }).waitFor();
      assert.match(await page.locator('.nhsuk-summary-list').innerText(), /New records\s+3/);
      if (javaScript) await expectAxeClean(page);
    });
  }
});
