/**
 * `npm test`: runs every colocated *.test.ts and test/**\/*.test.ts with node's test runner.
 * Browser tests need Debian's Chromium; without it they are skipped with one clear line,
 * except under CI=true, where a missing browser fails the run.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function findTests(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => path.join(dir, f));
}

const all = [...findTests(path.join(root, 'src')), ...findTests(path.join(root, 'test'))].sort();
const browserDir = path.join(root, 'test', 'browser') + path.sep;
let files = all;
if (!fs.existsSync(chromium)) {
  if (process.env.CI === 'true') {
    console.error(
      `Chromium was not found at ${chromium}; CI needs it for the browser tests (apt-get install chromium).`,
    );
    process.exit(1);
  }
  files = all.filter((f) => !f.startsWith(browserDir));
  console.log(
    `Browser tests skipped: Chromium is not installed (run: sudo apt-get install chromium).`,
  );
}

// Pages load the browser bundles that `npm start` builds; build them for the tests too.
const build = spawnSync(process.execPath, [path.join(root, 'scripts/build-browser.ts')], {
  stdio: 'inherit',
  cwd: root,
});
if (build.status !== 0) process.exit(build.status ?? 1);

const onlyArgs = process.argv.slice(2);
// Arguments may name test files or folders; folders run every test file inside them.
const selected =
  onlyArgs.length > 0
    ? onlyArgs.flatMap((a) => {
        const full = path.resolve(a);
        return fs.statSync(full).isDirectory() ? findTests(full) : [full];
      })
    : files;
const result = spawnSync(
  process.execPath,
  ['--test', '--test-concurrency=2', '--test-timeout=300000', ...selected],
  { stdio: 'inherit', cwd: root, env: { ...process.env, NODE_ENV: 'test' } },
);
process.exit(result.status ?? 1);
