/**
 * Bundles the browser scripts (language checker, passkeys) with esbuild into public/build/ (minified, no inline code,
 * so they run under a strict CSP), then writes the content-hashed, precompressed copies of
 * every static file and their manifest (scripts/hash-assets.ts). Fails when the language
 * checker is over its size budget. `npm start` and `npm test` run it first.
 * Usage: npm run build:browser
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import { hashAssets } from './hash-assets.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'public', 'build');
/** Live checking must stay light on slow connections: 40 KB gzipped at most (issue 15 allows 60). */
const LANGUAGE_BUDGET_BYTES = 40 * 1024;

async function buildLanguageChecker(): Promise<number> {
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, 'language.js');
  await build({
    entryPoints: [join(root, 'src', 'modules', 'language', 'browser-entry.ts')],
    outfile,
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020'],
    platform: 'browser',
    legalComments: 'none',
    logLevel: 'warning',
  });
  const gzipped = gzipSync(readFileSync(outfile), { level: 9 }).length;
  const kb = (gzipped / 1024).toFixed(1);
  if (gzipped > LANGUAGE_BUDGET_BYTES) {
    console.error(`public/build/language.js is ${kb} KB gzipped, over the 40 KB budget.`);
    return 1;
  }
  console.log(`public/build/language.js: ${kb} KB gzipped (budget 40 KB)`);
  return 0;
}

/** Passkeys in the browser: @simplewebauthn/browser and a few lines that use it. */
async function buildPasskeys(): Promise<number> {
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: [join(root, 'src', 'modules', 'accounts', 'browser', 'passkey-entry.ts')],
    outfile: join(outdir, 'passkey.js'),
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020'],
    platform: 'browser',
    legalComments: 'none',
    logLevel: 'warning',
  });
  console.log('public/build/passkey.js built');
  return 0;
}

process.exitCode = (await buildLanguageChecker()) || (await buildPasskeys());
if (process.exitCode === 0) {
  const require = createRequire(import.meta.url);
  const nhsukDir = join(dirname(require.resolve('nhsuk-frontend/package.json')), 'dist', 'nhsuk');
  console.log(
    `public/build/h/: ${hashAssets(root, nhsukDir)} static files hashed, with .br and .gz`,
  );
}
