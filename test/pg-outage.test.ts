// A real PostgreSQL stopped, and killed with kill -9, under traffic: Hearth keeps running,
// answers 503 (never 500) while the database is away, and recovers without a restart.
// It stops the shared cluster, so it runs only when asked: HEARTH_TEST_PG_CONTROL=1, with
// TEST_DATABASE_URL on this machine and pg_ctlcluster present. The cluster is started again in
// a finally, whatever happens; each outage lasts a few seconds.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import pg from 'pg';
import { signIn } from '../bench/http-setup.ts';

const root = path.resolve(import.meta.dirname, '..');
const adminUrl = process.env.TEST_DATABASE_URL ?? '';
const CLUSTER = ['15', 'main'];
const PID_FILE = '/var/lib/postgresql/15/main/postmaster.pid';
const local = /^postgres(ql)?:\/\/[^@]*@(127\.0\.0\.1|localhost)(:\d+)?\//.test(adminUrl);
const allowed =
  process.env.HEARTH_TEST_PG_CONTROL === '1' && local && fs.existsSync('/usr/bin/pg_ctlcluster');

function cluster(action: 'start' | 'stop'): void {
  execFileSync(
    'pg_ctlcluster',
    [...CLUSTER, action, ...(action === 'stop' ? ['-m', 'fast'] : [])],
    {
      stdio: 'ignore',
    },
  );
}

function isOnline(): boolean {
  try {
    execFileSync('pg_ctlcluster', [...CLUSTER, 'status'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('PostgreSQL stopped and killed under traffic', { skip: !allowed }, () => {
  it('keeps running, answers 503 while it is away and recovers', async () => {
    const name = `hearth_outage_${process.pid}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-outage-'));
    const port = 20000 + (process.pid % 20000);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      HEARTH_DATA_DIR: dir,
      DATABASE_URL: url.toString(),
    };
    delete env.NODE_TEST_CONTEXT;
    const child = spawn(process.execPath, [path.join(root, 'src/main.ts')], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    let exitCode: number | null | undefined;
    child.on('exit', (code) => (exitCode = code));
    const base = `http://127.0.0.1:${port}`;
    const statuses: { phase: string; url: string; status: number }[] = [];
    let phase = 'up';
    let traffic = true;
    try {
      for (let i = 0; i < 600 && !out.includes('Hearth is running'); i++) await sleep(100);
      assert.match(out, /Hearth is running/);
      const nurse = await signIn(base, 'jo@demo.hearth.test');
      // Steady traffic: the home page (session read and panels) and the health check.
      const loop = (async () => {
        while (traffic) {
          for (const u of ['/', '/healthz']) {
            const res = await fetch(`${base}${u}`, { headers: { cookie: nurse.cookie } }).catch(
              () => null,
            );
            statuses.push({ phase, url: u, status: res ? res.status : 0 });
            await res?.arrayBuffer();
          }
          await sleep(50);
        }
      })();
      const waitHealthy = async (what: string) => {
        for (let i = 0; i < 200; i++) {
          const res = await fetch(`${base}/healthz`).catch(() => null);
          if (res?.status === 200) return;
          await sleep(100);
        }
        assert.fail(`/healthz did not come back after ${what}`);
      };

      await sleep(500);
      // kill -9 of the postmaster: connections vanish without a goodbye.
      phase = 'killed';
      const pid = Number(fs.readFileSync(PID_FILE, 'utf8').split('\n')[0]);
      process.kill(pid, 'SIGKILL');
      await sleep(2000);
      cluster('start');
      phase = 'restarting';
      await waitHealthy('kill -9');
      phase = 'back';
      await sleep(500);

      // A clean stop: the server ends every session with an error.
      phase = 'stopped';
      cluster('stop');
      await sleep(2000);
      cluster('start');
      phase = 'restarting';
      await waitHealthy('a stop');
      phase = 'back again';
      await sleep(1000);
      traffic = false;
      await loop;

      assert.equal(exitCode, undefined, `Hearth exited: ${out.slice(-2000)}`);
      const during = statuses.filter((s) => s.phase === 'killed' || s.phase === 'stopped');
      assert.ok(
        during.some((s) => s.status === 503),
        'answered 503 while the database was away',
      );
      const bad = statuses.filter((s) => s.status !== 200 && s.status !== 503);
      assert.deepEqual(bad, [], 'only 200 or 503, never a 500 or a dropped connection');
      const last = statuses.filter((s) => s.phase === 'back again');
      assert.ok(last.length > 0 && last.every((s) => s.status === 200), JSON.stringify(last));
    } finally {
      traffic = false;
      if (!isOnline()) cluster('start');
      child.kill('SIGTERM');
      await sleep(500);
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
