/**
 * Database access for Hearth: one Kysely instance over node:sqlite (embedded default) or
 * PostgreSQL. Every dialect difference lives in this folder; modules write portable SQL.
 *
 * Durability: SQLite runs in WAL mode with synchronous=FULL so an acknowledged write survives
 * power loss; PostgreSQL is refused when fsync or synchronous_commit is off.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './database.ts';
import { adaptNodeSqlite } from './node-sqlite-driver.ts';
import { sharedClients } from './pg-pipeline.ts';
import { copyCapablePool } from './pg-pool.ts';
import { BusyAwareSqliteDialect, SQLITE_BUSY_TIMEOUT_MS } from './sqlite-busy.ts';

export type { Database } from './database.ts';
export { migrateToLatest, listMigrations } from './migrate.ts';
export { isDatabaseUnavailable } from './availability.ts';

/** Which SQL engine a connection talks to. */
export type Dialect = 'sqlite' | 'postgres';

/** The database handle every store receives. */
export type Db = Kysely<Database>;

/** An open database with the facts the rest of the app needs about it. */
export interface Connection {
  db: Db;
  dialect: Dialect;
  /** For SQLite, the file path (or ':memory:'); for PostgreSQL, undefined. */
  sqliteFile?: string;
  /** The raw node:sqlite handle, for online backup. */
  sqliteHandle?: DatabaseSync;
  close(): Promise<void>;
}

/** Tells whether a database URL names PostgreSQL. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/**
 * How many pipelined connections statements outside transactions share on PostgreSQL
 * (pg-pipeline.ts); 0 runs every statement on a pool client of its own. Off unless asked for
 * (HEARTH_PG_PIPELINED): with it on, a command-line process did not exit after closing its
 * connection, and an idle shared connection the server ends is not reported as the pool's are;
 * both are open (bench/README.md, sixth round).
 */
export const PG_PIPELINED_CONNECTIONS = 0;

/**
 * Opens a database from a URL: `postgres://…` for PostgreSQL (over TCP, or over a Unix socket
 * with `?host=/var/run/postgresql`), `sqlite:<file>` or a bare path for SQLite.
 * `pipelined` defaults to HEARTH_PG_PIPELINED, else PG_PIPELINED_CONNECTIONS.
 */
export async function connect(
  url: string,
  pipelined = Number(process.env.HEARTH_PG_PIPELINED ?? PG_PIPELINED_CONNECTIONS),
): Promise<Connection> {
  if (isPostgresUrl(url)) return connectPostgres(url, pipelined);
  const file = url.replace(/^sqlite:/, '');
  return connectSqlite(file);
}

function connectSqlite(file: string): Connection {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const handle = new DatabaseSync(file);
  // 16 KiB pages for new databases (an existing file keeps its own size): a bulk import touches
  // most pages of every random-key index, and committing a quarter as many pages measured about
  // 40% faster; point reads barely notice.
  handle.exec('PRAGMA page_size = 16384');
  // WAL lets readers continue during a write; FULL makes every commit durable on power loss.
  handle.exec('PRAGMA journal_mode = WAL');
  handle.exec('PRAGMA synchronous = FULL');
  handle.exec('PRAGMA foreign_keys = ON');
  // SQLite waits for another process's lock only briefly, blocking the event loop; the driver
  // waits between attempts without blocking (sqlite-busy.ts).
  handle.exec(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  // 64 MiB of page cache (the default is 2 MiB): the register's random-key indexes outgrow the
  // default quickly, and every miss is a disk read during imports and dashboard refreshes.
  handle.exec('PRAGMA cache_size = -65536');
  const db = new Kysely<Database>({
    dialect: new BusyAwareSqliteDialect(adaptNodeSqlite(handle)),
  });
  return {
    db,
    dialect: 'sqlite',
    sqliteFile: file,
    sqliteHandle: handle,
    close: () => db.destroy(),
  };
}

async function connectPostgres(url: string, pipelined: number): Promise<Connection> {
  // A connection attempt to a server that has gone away fails after 5 s instead of waiting for
  // ever, so the page can say so (503) and /healthz can report it.
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000 });
  // An idle connection the server ends (a restart, a failover, an administrator) is reported
  // here; without a listener it would crash the process. The pool drops that connection and
  // opens a new one for the next query, and a real outage shows in the next query and /healthz.
  pool.on('error', (error: Error & { code?: string }) => {
    process.emitWarning(`An idle PostgreSQL connection was closed (${error.code ?? 'no code'})`);
  });
  // The pool's listener covers idle clients only. A client in use when the server goes away also
  // emits 'error' (and its query fails, which the page reports as 503); without a listener of
  // its own that event would end the process.
  // Nothing more to do here: the query or transaction on that connection fails in its own
  // caller (a 503 page), and an idle one is reported by the pool's listener above.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
  const shared =
    Number.isInteger(pipelined) && pipelined > 0
      ? sharedClients({ connectionString: url, connectionTimeoutMillis: 5000 }, pipelined)
      : undefined;
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: copyCapablePool(pool, shared) }),
  });
  try {
    await assertPostgresDurable(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

/**
 * Refuses a PostgreSQL server that could lose acknowledged writes: records of force and
 * disclosures must never silently disappear after a crash.
 */
async function assertPostgresDurable(db: Db): Promise<void> {
  for (const setting of ['fsync', 'synchronous_commit', 'full_page_writes']) {
    const result = await sql<{
      value: string;
    }>`select current_setting(${setting}) as value`.execute(db);
    const value = result.rows[0]?.value;
    if (value === 'off') {
      throw new Error(
        `PostgreSQL has ${setting}=off, so a crash could lose saved records. ` +
          `Turn ${setting} on in postgresql.conf and restart PostgreSQL before starting Hearth.`,
      );
    }
  }
}

/** How long a health probe waits for the database before it answers "unavailable". */
export const HEALTH_DEADLINE_MS = 2000;

/**
 * Answers true when the database answers a real read in time (used by /healthz and /readyz).
 * It reads the migrations table, not `select 1`, so a locked or unreadable SQLite file fails.
 */
export async function isReachable(db: Db): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), HEALTH_DEADLINE_MS);
  });
  const probe = sql`select count(*) as n from kysely_migration`.execute(db).then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([probe, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
