/**
 * A throwaway database for a benchmark: a new PostgreSQL database (dropped afterwards) or a
 * SQLite file in a temporary folder. Every benchmark that builds its own data starts here.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connect } from '../src/db/index.ts';
import type { Connection } from '../src/db/index.ts';

/** The PostgreSQL server benchmarks create their databases on (BENCH_DATABASE_URL to change). */
export const benchPgAdmin =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres:hearth-ci@127.0.0.1:5432/postgres';

/** Opens a fresh, empty database on the given engine; `drop()` closes and removes it. */
export async function openBenchDatabase(
  dialect: 'sqlite' | 'postgres',
): Promise<{ conn: Connection; drop(): Promise<void> }> {
  if (dialect === 'postgres') {
    const name = `hearth_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: benchPgAdmin });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(benchPgAdmin);
    url.pathname = `/${name}`;
    const conn = await connect(url.toString());
    return {
      conn,
      async drop() {
        await conn.close();
        const a = new pg.Client({ connectionString: benchPgAdmin });
        await a.connect();
        await a.query(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-bench-'));
  const conn = await connect(`sqlite:${path.join(dir, 'bench.sqlite')}`);
  return {
    conn,
    async drop() {
      await conn.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
