import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { sql } from 'kysely';
import { connect, listMigrations, migrateToLatest } from './index.ts';
import { freshDatabase } from '../../test/factories.ts';

describe('database', () => {
  it('migrates a fresh database, and again does nothing', async () => {
    const database = await freshDatabase();
    try {
      assert.deepEqual(await migrateToLatest(database.conn.db), []);
      assert.ok(listMigrations().length >= 2);
    } finally {
      await database.drop();
    }
  });

  it(
    'runs SQLite durably: WAL, synchronous=FULL, foreign keys on',
    { skip: Boolean(process.env.TEST_DATABASE_URL) },
    async () => {
      const database = await freshDatabase();
      try {
        const handle = database.conn.sqliteHandle!;
        assert.equal(
          (handle.prepare('pragma journal_mode').get() as { journal_mode: string }).journal_mode,
          'wal',
        );
        assert.equal(
          (handle.prepare('pragma synchronous').get() as { synchronous: number }).synchronous,
          2,
        );
        assert.equal(
          (handle.prepare('pragma foreign_keys').get() as { foreign_keys: number }).foreign_keys,
          1,
        );
      } finally {
        await database.drop();
      }
    },
  );

  it(
    'refuses PostgreSQL with synchronous_commit off, saying what to change',
    { skip: !process.env.TEST_DATABASE_URL },
    async () => {
      const database = await freshDatabase();
      const name = new URL(database.url).pathname.slice(1);
      await database.conn.close();
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      try {
        await admin.query(`alter database ${name} set synchronous_commit = off`);
        await assert.rejects(
          connect(database.url),
          /synchronous_commit=off.*Turn synchronous_commit on/s,
        );
      } finally {
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    },
  );

  it(
    'keeps running when PostgreSQL ends an idle connection, and the next query works',
    { skip: !process.env.TEST_DATABASE_URL },
    async () => {
      const database = await freshDatabase();
      const name = new URL(database.url).pathname.slice(1);
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      try {
        await sql`select 1`.execute(database.conn.db); // leaves an idle connection in the pool
        const warned = new Promise((resolve) => process.once('warning', resolve));
        await admin.query(
          `select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`,
          [name],
        );
        assert.match(String(await warned), /idle PostgreSQL connection was closed/);
        const { rows } = await sql<{ n: number }>`select 1 as n`.execute(database.conn.db);
        assert.equal(Number(rows[0]!.n), 1);
      } finally {
        await admin.end();
        await database.drop();
      }
    },
  );

  it('rolls back a transaction that fails halfway', async () => {
    const database = await freshDatabase();
    try {
      const { db } = database.conn;
      await assert.rejects(
        db.transaction().execute(async (trx) => {
          await trx
            .insertInto('organisations')
            .values({ id: 'o1', name: 'Half', created_at: '2026-01-01T00:00:00.000Z' })
            .execute();
          throw new Error('stop here');
        }),
      );
      const rows = await sql<{
        n: number | string;
      }>`select count(*) as n from organisations`.execute(db);
      assert.equal(Number(rows.rows[0]!.n), 0);
    } finally {
      await database.drop();
    }
  });
});
