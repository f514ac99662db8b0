// Statements outside transactions share the pipelined connections; transactions keep their own.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { connect } from './index.ts';
import { freshDatabase } from '../../test/factories.ts';

const backendPid = sql<{ pid: number }>`select pg_backend_pid() as pid`;

describe('PostgreSQL pipelined connections', { skip: !process.env.TEST_DATABASE_URL }, () => {
  it('runs statements sent at once on at most the shared connections', async () => {
    const database = await freshDatabase({ migrate: false });
    const pipelined = await connect(database.url, 2);
    const pooled = await connect(database.url, 0);
    try {
      const pidsOf = async (db: typeof pooled.db) =>
        new Set(
          (await Promise.all(Array.from({ length: 12 }, () => backendPid.execute(db)))).map(
            (r) => r.rows[0]?.pid,
          ),
        );
      assert.ok((await pidsOf(pipelined.db)).size <= 2);
      // Without sharing, statements at once spread over the pool: the check above can fail.
      assert.ok((await pidsOf(pooled.db)).size > 2);
    } finally {
      await pipelined.close();
      await pooled.close();
      await database.drop();
    }
  });

  it('fails a bad statement alone, and keeps a transaction on its own connection', async () => {
    const database = await freshDatabase({ migrate: false });
    const pipelined = await connect(database.url, 2);
    const { db } = pipelined;
    try {
      const settled = await Promise.allSettled([
        sql`select 1 as n`.execute(db),
        sql`select 1 / 0 as n`.execute(db),
        sql`select ${2}::int as n`.execute(db),
      ]);
      assert.deepEqual(
        settled.map((s) => s.status),
        ['fulfilled', 'rejected', 'fulfilled'],
      );
      const shared = new Set<number | undefined>();
      for (let i = 0; i < 6; i++) shared.add((await backendPid.execute(db)).rows[0]?.pid);
      await db.transaction().execute(async (trx) => {
        const own = (await backendPid.execute(trx)).rows[0]?.pid;
        assert.ok(!shared.has(own), 'the transaction has a connection of its own');
        await sql`set local application_name = 'inside'`.execute(trx);
        // A statement outside the transaction, sent while it is open, does not see its setting.
        const outside = await sql<{
          name: string;
        }>`select current_setting('application_name') as name`.execute(db);
        assert.notEqual(outside.rows[0]?.name, 'inside');
        assert.equal((await backendPid.execute(trx)).rows[0]?.pid, own);
      });
    } finally {
      await pipelined.close();
      await database.drop();
    }
  });
});
