/**
 * SQLite with another process holding the write lock (a CLI import against the live file, say):
 * requests keep being served while a write waits, the write goes through once the lock is
 * released, and a write that cannot get its turn before the deadline fails as "busy" (503) with
 * nothing written.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { DatabaseSync } from 'node:sqlite';
import { after, before, describe, it } from 'node:test';
import { Kysely, sql } from 'kysely';
import { isDatabaseBusy } from '../src/db/availability.ts';
import { adaptNodeSqlite } from '../src/db/node-sqlite-driver.ts';
import { BusyAwareSqliteDialect, SQLITE_BUSY_TIMEOUT_MS } from '../src/db/sqlite-busy.ts';
import type { TestContext } from './factories.ts';
import { createTestContext, makeTeam, signedInAgent } from './factories.ts';

const onSqlite = !process.env.TEST_DATABASE_URL;

/** Starts another process that takes the write lock and holds it for `ms`; resolves once it has it. */
async function holdWriteLock(file: string, ms: number): Promise<{ released: Promise<void> }> {
  const script = `
    const { DatabaseSync } = require('node:sqlite');
    const db = new DatabaseSync(process.argv[1]);
    db.exec('begin immediate');
    db.exec("insert into audit_heads (chain, seq, hash) values ('other-process-' || random(), 0, 'x')");
    process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('commit'); db.close(); }, Number(process.argv[2]));`;
  // Without the test runner's marker, which would make the child talk the runner's protocol.
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  const child = spawn(process.execPath, ['-e', script, file, String(ms)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env,
  });
  const done = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`the locking process ended early (${code})`)));
  });
  return { released: done };
}

/** The longest gap between timer ticks while `work` runs: how long the event loop was blocked. */
async function longestStall(work: () => Promise<unknown>): Promise<number> {
  let last = Date.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = Date.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 10);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return longest;
}

describe('SQLite while another process writes', { skip: !onSqlite }, () => {
  let t: TestContext;
  let file: string;
  before(async () => {
    t = await createTestContext();
    file = t.databaseUrl.replace(/^sqlite:/, '');
  });
  after(() => t.close());

  it('keeps serving pages while a write waits, then writes once the lock is released', async () => {
    const team = await makeTeam(t.services);
    const agent = await signedInAgent(t.app, team.practitioner);
    // Templates compile on first use; warm them up so only waiting is measured.
    assert.equal((await agent.get('/')).status, 200);
    const { released } = await holdWriteLock(file, 3000);
    const started = Date.now();
    let pagesWhileWaiting = 0;
    const stall = await longestStall(async () => {
      const write = t.conn.db
        .transaction()
        .execute((trx) =>
          sql`insert into audit_heads (chain, seq, hash) values ('waited', 0, 'y')`.execute(trx),
        );
      const autocommit =
        sql`insert into audit_heads (chain, seq, hash) values ('auto', 0, 'z')`.execute(t.conn.db);
      // Pages keep coming while both writes wait for their turn.
      while (Date.now() - started < 2000) {
        assert.equal((await agent.get('/healthz')).status, 200);
        assert.equal((await agent.get('/')).status, 200);
        pagesWhileWaiting++;
        // Requests to a real server arrive as I/O, so the event loop turns between them.
        await new Promise((resolve) => setImmediate(resolve));
      }
      await Promise.all([write, autocommit]);
    });
    await released;
    assert.ok(Date.now() - started >= 2900, 'the writes waited for the lock');
    assert.ok(pagesWhileWaiting >= 3, `pages were served meanwhile (${pagesWhileWaiting})`);
    // Waiting inside SQLite would block it for the whole 3 seconds.
    assert.ok(stall < 1000, `the event loop was never blocked for long (${stall} ms)`);
    const chains = await sql<{
      chain: string;
    }>`select chain from audit_heads where chain in ('waited', 'auto') or chain like 'other-process-%' order by chain`.execute(
      t.conn.db,
    );
    assert.deepEqual(
      chains.rows.map((r) => r.chain.replace(/-[-\d]+$/, '')),
      ['auto', 'other-process', 'waited'],
    );
  });

  it('gives up at the deadline as busy, with nothing written', async () => {
    const handle = new DatabaseSync(file);
    handle.exec(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    const db = new Kysely<Record<string, never>>({
      dialect: new BusyAwareSqliteDialect(adaptNodeSqlite(handle), 300),
    });
    try {
      const { released } = await holdWriteLock(file, 1500);
      const failure = await db
        .transaction()
        .execute((trx) =>
          sql`insert into audit_heads (chain, seq, hash) values ('too-late', 0, 'w')`.execute(trx),
        )
        .then(
          () => null,
          (error: unknown) => error,
        );
      assert.ok(isDatabaseBusy(failure), `failed as busy: ${String(failure)}`);
      await released;
      const rows = await sql`select chain from audit_heads where chain = 'too-late'`.execute(db);
      assert.equal(rows.rows.length, 0);
      // The connection is usable again at once.
      await db.transaction().execute((trx) => sql`select 1`.execute(trx));
    } finally {
      await db.destroy();
    }
  });
});
