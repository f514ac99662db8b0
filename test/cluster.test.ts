// `hearth serve --workers 2`: both workers answer, a session started on one works on the other,
// /healthz answers, and SIGTERM stops the primary and every worker cleanly.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { signIn } from '../bench/http-setup.ts';

const root = path.resolve(import.meta.dirname, '..');

async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(address && typeof address === 'object' ? address.port : 0));
    });
  });
}

describe('hearth serve --workers 2', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-cluster-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('serves from both workers with one session, and stops on SIGTERM', async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      HEARTH_DATA_DIR: dir,
      HEARTH_SHUTDOWN_GRACE_SECONDS: '2',
    };
    delete env.NODE_TEST_CONTEXT;
    if (!process.env.TEST_DATABASE_URL) env.DATABASE_URL = `sqlite:${path.join(dir, 'h.sqlite')}`;
    else {
      // A database of its own on the test server.
      const pg = (await import('pg')).default;
      const name = `hearth_cluster_${process.pid}`;
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`drop database if exists ${name}`);
      await admin.query(`create database ${name}`);
      await admin.end();
      const u = new URL(process.env.TEST_DATABASE_URL);
      u.pathname = `/${name}`;
      env.DATABASE_URL = u.toString();
    }
    const child = spawn(
      process.execPath,
      [path.join(root, 'src/cli/index.ts'), 'serve', '--workers', '2'],
      { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setInterval(() => {
          if (out.includes('Hearth is running')) {
            clearInterval(timer);
            resolve();
          }
        }, 50);
        void exited.then(() => {
          clearInterval(timer);
          reject(new Error(`stopped before it was ready: ${out}`));
        });
      });
      assert.match(out, /2 worker processes/);
      // The sign-ins are printed once, by the primary.
      assert.equal(out.split('Demo sign-ins at').length - 1, 1);
      const base = `http://127.0.0.1:${port}`;
      const nurse = await signIn(base, 'jo@demo.hearth.test');
      for (let i = 0; i < 20; i++) {
        const res = await fetch(`${base}/`, { headers: { cookie: nurse.cookie } });
        assert.equal(res.status, 200);
        assert.match(await res.text(), /Sam Taylor/);
        const health = await fetch(`${base}/healthz`);
        assert.equal(health.status, 200);
      }
      // Each request's log line names the process that answered it: both workers did.
      const pids = new Set(
        out
          .split('\n')
          .filter((l) => l.includes('"statusCode":200') && l.includes('"path":"/",'))
          .map((l) => (JSON.parse(l) as { pid: number }).pid),
      );
      assert.equal(pids.size, 2, `answered by ${[...pids].join(', ')}`);
    } finally {
      child.kill('SIGTERM');
    }
    const code = await exited;
    assert.equal(code, 0, out);
  });
});
