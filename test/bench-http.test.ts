// bench/http.ts end to end, very briefly: it prepares a database, starts Hearth and the bare
// route, signs in, drives every page, checks every response and ends with one JSON line.
// The machine running the tests may be very busy, so a request slower than the bench's timeout is
// only a warning here (--allow-timeouts, and a longer timeout); a wrong answer, a socket error or
// a page where no request finished still fails the run.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';

const root = path.resolve(import.meta.dirname, '..');

describe('bench:http', () => {
  it('measures every page with no errors and prints the figures as JSON', () => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.NODE_TEST_CONTEXT;
    const dialect = process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite';
    if (process.env.TEST_DATABASE_URL) env.BENCH_DATABASE_URL = process.env.TEST_DATABASE_URL;
    const run = spawnSync(
      process.execPath,
      [
        path.join(root, 'bench/http.ts'),
        ...['--dialect', dialect, '--connections', '1,2', '--seconds', '2', '--workers', '1'],
        ...['--timeout', '30', '--allow-timeouts'],
      ],
      { cwd: root, env, encoding: 'utf8', timeout: 240_000 },
    );
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.trim().split('\n');
    const figures = JSON.parse(lines.at(-1) ?? '') as Record<string, unknown>;
    for (const key of [
      'dialect',
      'bare_rps',
      'home_rps_10',
      'home_p99_ms_100',
      'glance_rps_10',
      'dashboard_p99_ms_100',
      'save_rps_10',
      'errors',
      'ratio_home_vs_bare',
    ]) {
      assert.ok(key in figures, `missing ${key}`);
    }
    assert.equal(figures.dialect, dialect);
    assert.equal(Number(figures.errors) - Number(figures.timeouts), 0, run.stderr);
    assert.ok(Number(figures.bare_rps) > 0);
    assert.ok(Number(figures.home_rps_10) > 0, run.stderr);
    assert.ok(Number(figures.save_rps_10) > 0, run.stderr);
    assert.ok(Number(figures.ratio_home_vs_bare) > 0 && Number(figures.ratio_home_vs_bare) < 1);
    // The table on stderr names each page it measured.
    for (const page of ['home', 'glance', 'dashboard', 'save', 'language']) {
      assert.match(run.stderr, new RegExp(`${page} `));
    }
  });
});
