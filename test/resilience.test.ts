/**
 * Staying steady when clients stall, the server stops, or the database goes away: a half-sent
 * request is cut off in time, a stopping server closes stalled connections after its grace
 * period, and (on PostgreSQL) a database that drops every connection gives 503 pages and comes
 * back without a restart, with no crash from a connection in use.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createApp, createServices } from '../src/app.ts';
import { connect, isDatabaseUnavailable } from '../src/db/index.ts';
import {
  createTestContext,
  freshDatabase,
  makeClock,
  makeTeam,
  signedInAgent,
  testConfig,
  textOf,
} from './factories.ts';

const root = path.resolve(import.meta.dirname, '..');

/** Sends the start of a request and never the rest; resolves with what the server answers. */
function halfRequest(port: number): Promise<{ answer: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(
        'POST /sign-in HTTP/1.1\r\nHost: localhost\r\n' +
          'Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nemail=',
      );
    });
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('error', reject);
    socket.on('close', () => resolve({ answer, ms: Date.now() - started }));
  });
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('a client that stalls', () => {
  it('is answered 408 and cut off once the request deadline passes', async () => {
    const t = await createTestContext({ requestTimeoutMs: 600 });
    try {
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = t.app.server.address() as net.AddressInfo;
      const { answer, ms } = await halfRequest(port);
      assert.match(answer, /^HTTP\/1\.1 408/);
      assert.ok(ms < 8000, `cut off after ${ms} ms`);
    } finally {
      await t.close();
    }
  });
});

describe('stopping the server', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-stop-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('closes a stalled connection after the grace period and exits cleanly', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [path.join(root, 'src/main.ts')], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        PORT: String(port),
        HEARTH_DATA_DIR: dir,
        DATABASE_URL: `sqlite:${path.join(dir, 'hearth.sqlite')}`,
        HEARTH_DEMO: 'false',
        HEARTH_SHUTDOWN_GRACE_SECONDS: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('Hearth is running')) resolve();
      });
      child.on('exit', () => reject(new Error('the server stopped before it was ready')));
    });
    const stalled = halfRequest(port);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const stopAt = Date.now();
    child.kill('SIGTERM');
    const code = await exited;
    const took = Date.now() - stopAt;
    await stalled;
    assert.equal(code, 0);
    assert.ok(took >= 900, `waited for the grace period (${took} ms)`);
    assert.ok(took < 6000, `stopped in ${took} ms`);
  });
});

/** A TCP relay to PostgreSQL that the test can cut (every connection dropped) and restore. */
function relayTo(target: URL) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let port = 0;
  const open = async () => {
    server = net.createServer((client) => {
      const upstream = net.connect(Number(target.port || 5432), target.hostname);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server?.listen(port, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
  };
  return {
    open,
    get port() {
      return port;
    },
    async cut() {
      const closing = new Promise((resolve) => server?.close(resolve));
      for (const s of sockets) s.destroy();
      await closing;
    },
  };
}

describe('the database goes away (PostgreSQL)', { skip: !process.env.TEST_DATABASE_URL }, () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let relay: ReturnType<typeof relayTo>;
  before(async () => {
    database = await freshDatabase();
    relay = relayTo(new URL(database.url));
    await relay.open();
  });
  after(async () => {
    await relay.cut();
    await database.drop();
  });

  it('answers 503 while it is away, and recovers without a restart', async () => {
    const url = new URL(database.url);
    url.host = `127.0.0.1:${relay.port}`;
    const conn = await connect(url.toString());
    const services = createServices(conn, testConfig(), makeClock());
    const app = await createApp(services);
    try {
      const team = await makeTeam(services);
      const agent = await signedInAgent(app, team.practitioner);
      assert.equal((await agent.get('/')).status, 200);

      // When the database drops every connection: a query in flight, and a transaction holding
      // its connection between two queries (that connection's 'error' event once ended the process).
      const inFlight = sql`select pg_sleep(2)`.execute(conn.db);
      const holding = conn.db.transaction().execute(async (trx) => {
        await sql`select 1`.execute(trx);
        await new Promise((resolve) => setTimeout(resolve, 600));
        await sql`select 1`.execute(trx);
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      await relay.cut();
      const failure = await inFlight.then(
        () => null,
        (error: unknown) => error,
      );
      assert.ok(isDatabaseUnavailable(failure), `the query failed as unavailable: ${failure}`);
      const held = await holding.then(
        () => null,
        (error: unknown) => error,
      );
      assert.ok(isDatabaseUnavailable(held), `the transaction failed as unavailable: ${held}`);

      const page = await agent.get('/');
      assert.equal(page.status, 503);
      assert.equal(page.headers['retry-after'], '30');
      assert.match(textOf(page.body), /Hearth cannot reach its records just now/);
      assert.match(textOf(page.body), /Nothing you were doing has been half-saved/);
      assert.equal((await agent.get('/healthz')).status, 503);
      assert.equal((await agent.get('/readyz')).status, 503);

      await relay.open();
      assert.equal((await agent.get('/healthz')).status, 200);
      assert.equal((await agent.get('/')).status, 200);
    } finally {
      await app.close();
      await conn.close();
    }
  });
});
