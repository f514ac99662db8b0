/**
 * Static files (issue 17, item 10): pages name content-hashed files, which are served
 * precompressed (brotli or gzip, made at build) with a year's immutable caching; the plain
 * names still work with a short cache; a changed file gets a new name.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { hashAssets } from '../scripts/hash-assets.ts';
import type { TestContext } from './factories.ts';
import { Agent, createTestContext } from './factories.ts';

const YEAR = 'public, max-age=31536000, immutable';

describe('static files', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestContext();
  });
  after(() => t.close());

  it('pages name hashed files, served precompressed with a long cache', async () => {
    const page = await new Agent(t.app).get('/sign-in');
    const hrefs = [...page.body.matchAll(/(?:href|src)="(\/static\/[^"]+)"/g)].map((m) => m[1]!);
    const styles = hrefs.filter((h) => h.endsWith('.css'));
    assert.ok(styles.length >= 2, 'NHS and Hearth styles');
    for (const href of hrefs) {
      assert.match(href, /^\/static\/h\/.+\.[0-9a-f]{10}\.(css|js)$/, href);
      for (const [accept, encoding] of [
        ['br, gzip', 'br'],
        ['gzip', 'gzip'],
        ['', undefined],
      ] as const) {
        const res = await t.app.inject({ url: href, headers: { 'accept-encoding': accept } });
        assert.equal(res.statusCode, 200, href);
        assert.equal(res.headers['content-encoding'], encoding, `${href} with "${accept}"`);
        assert.equal(res.headers['cache-control'], YEAR, href);
      }
    }
  });

  it('the plain names keep working, cached for an hour only', async () => {
    const res = await t.app.inject({ url: '/static/css/app.css' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], 'public, max-age=3600');
  });

  it('a changed file gets a new name; the .br and .gz hold the same content', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'hearth-assets-'));
    try {
      mkdirSync(path.join(root, 'public', 'css'), { recursive: true });
      mkdirSync(path.join(root, 'public', 'js'), { recursive: true });
      mkdirSync(path.join(root, 'public', 'build'), { recursive: true });
      mkdirSync(path.join(root, 'nhsuk'));
      writeFileSync(path.join(root, 'public', 'build', 'language.js'), 'void 0;');
      writeFileSync(path.join(root, 'nhsuk', 'nhsuk-frontend.min.css'), 'a{}');
      const css = path.join(root, 'public', 'css', 'app.css');
      const manifestOf = () =>
        JSON.parse(readFileSync(path.join(root, 'public', 'build', 'manifest.json'), 'utf8'));
      writeFileSync(css, 'body { color: black; }');
      hashAssets(root, path.join(root, 'nhsuk'));
      const first = manifestOf()['css/app.css'];
      writeFileSync(css, 'body { color: #212b32; }');
      hashAssets(root, path.join(root, 'nhsuk'));
      const second = manifestOf()['css/app.css'];
      assert.notEqual(first, second);
      const file = path.join(root, 'public', 'build', 'h', second.replace('/static/h/', ''));
      assert.equal(readFileSync(file, 'utf8'), 'body { color: #212b32; }');
      assert.ok(readFileSync(`${file}.br`).length > 0);
      assert.ok(readFileSync(`${file}.gz`).length > 0);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
