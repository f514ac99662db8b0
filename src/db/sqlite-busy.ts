/**
 * SQLite without stalls: node:sqlite calls are synchronous, so waiting for another process's
 * write lock inside SQLite (busy_timeout) would freeze every request in this process. Instead
 * SQLite waits only a few milliseconds, and this driver waits between attempts asynchronously,
 * with backoff and jitter, letting other requests read meanwhile (WAL readers never block).
 *
 * - Transactions begin with BEGIN IMMEDIATE, so the write lock is taken at the start, where a
 *   wait is safe to retry, and never halfway through (where SQLite could only fail).
 * - A write outside a transaction is retried the same way.
 * - Past the deadline the error is "database is locked", which pages answer with 503 and a
 *   request to try again; nothing was written.
 */
import { CompiledQuery, SelectQueryNode, SqliteDialect } from 'kysely';
import type {
  DatabaseConnection,
  Driver,
  QueryResult,
  SqliteDatabase,
  TransactionSettings,
} from 'kysely';

/** How long SQLite itself may block the event loop waiting for a lock, per attempt. */
export const SQLITE_BUSY_TIMEOUT_MS = 5;

/** How long a write waits, in all, for another process's write lock before it gives up. */
export const SQLITE_WRITE_DEADLINE_MS = 5000;

/** Answers true for SQLite's "database is locked" (SQLITE_BUSY and its extended codes). */
export function isSqliteBusy(error: unknown): boolean {
  const errcode = (error as { errcode?: unknown } | null)?.errcode;
  return typeof errcode === 'number' && (errcode & 0xff) === 5;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One holder at a time on the single connection, as Kysely's own SQLite driver has, but handed
 * on first come, first served: a release wakes only the next waiter. Waking every waiter to race
 * for the lock cost work for each waiting request on every query, and under 100 connections let
 * some requests wait for seconds while later ones went first (bench/README.md, "HTTP load").
 */
class Mutex {
  #held = false;
  #waiting: ((() => void) | undefined)[] = [];
  #head = 0;
  lock(): Promise<void> {
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }
  unlock(): void {
    const next = this.#waiting[this.#head];
    if (!next) {
      this.#held = false;
      this.#waiting = [];
      this.#head = 0;
      return;
    }
    // Reading from a moving head, not shift(), which copies a long queue on every release.
    this.#waiting[this.#head++] = undefined;
    if (this.#head > 1000 && this.#head * 2 > this.#waiting.length) {
      this.#waiting = this.#waiting.slice(this.#head);
      this.#head = 0;
    }
    // The lock passes straight to the next waiter, so nobody can slip in between.
    next();
  }
}

class BusyAwareConnection implements DatabaseConnection {
  readonly #db: SqliteDatabase;
  readonly #mutex: Mutex;
  readonly #deadlineMs: number;
  inTransaction = false;

  constructor(db: SqliteDatabase, mutex: Mutex, deadlineMs: number) {
    this.#db = db;
    this.#mutex = mutex;
    this.#deadlineMs = deadlineMs;
  }

  /** Runs a statement; outside a transaction, a busy write is retried until the deadline. */
  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    if (this.inTransaction) return this.#run<R>(compiled);
    return this.retryWhileBusy(() => this.#run<R>(compiled));
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(compiled.query)) {
      throw new Error('SQLite streams only select queries');
    }
    const statement = this.#db.prepare(compiled.sql);
    for (const row of statement.iterate(compiled.parameters)) yield { rows: [row as R] };
  }

  /**
   * Retries work that failed because another process holds the write lock. Between attempts
   * it lets go of the connection, so this process's other requests keep reading.
   */
  async retryWhileBusy<T>(work: () => Promise<T>): Promise<T> {
    const giveUpAt = Date.now() + this.#deadlineMs;
    for (let attempt = 0; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (!isSqliteBusy(error) || Date.now() >= giveUpAt) throw error;
      }
      // Capped at 25 ms: a long command-line write pauses BATCH_PAUSE_MS (30 ms) between its
      // batches (batches.ts), and a waiting request must wake within that pause to go first.
      const backoff = Math.min(25, 5 * 2 ** attempt);
      this.#mutex.unlock();
      await sleep(backoff / 2 + Math.random() * (backoff / 2));
      await this.#mutex.lock();
    }
  }

  async #run<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const statement = this.#db.prepare(compiled.sql);
    if (statement.reader) return { rows: statement.all(compiled.parameters) as R[] };
    const { changes, lastInsertRowid } = statement.run(compiled.parameters);
    return {
      numAffectedRows: BigInt(changes),
      insertId: BigInt(lastInsertRowid),
      rows: [],
    };
  }
}

class BusyAwareDriver implements Driver {
  readonly #mutex = new Mutex();
  readonly #connection: BusyAwareConnection;
  readonly #db: SqliteDatabase;

  constructor(db: SqliteDatabase, deadlineMs: number) {
    this.#db = db;
    this.#connection = new BusyAwareConnection(db, this.#mutex, deadlineMs);
  }
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock();
    return this.#connection;
  }
  async beginTransaction(_c: DatabaseConnection, _s: TransactionSettings): Promise<void> {
    // Outside a transaction, executeQuery waits out another process's lock (see above).
    await this.#connection.executeQuery(CompiledQuery.raw('begin immediate'));
    this.#connection.inTransaction = true;
  }
  async commitTransaction(): Promise<void> {
    try {
      await this.#connection.executeQuery(CompiledQuery.raw('commit'));
    } finally {
      this.#connection.inTransaction = false;
    }
  }
  async rollbackTransaction(): Promise<void> {
    this.#connection.inTransaction = false;
    await this.#connection.executeQuery(CompiledQuery.raw('rollback'));
  }
  async releaseConnection(): Promise<void> {
    this.#mutex.unlock();
  }
  async destroy(): Promise<void> {
    this.#db.close();
  }
}

/** Kysely's SQLite dialect with the busy-aware driver. */
export class BusyAwareSqliteDialect extends SqliteDialect {
  readonly #db: SqliteDatabase;
  readonly #deadlineMs: number;
  constructor(db: SqliteDatabase, deadlineMs = SQLITE_WRITE_DEADLINE_MS) {
    super({ database: db });
    this.#db = db;
    this.#deadlineMs = deadlineMs;
  }
  override createDriver(): Driver {
    return new BusyAwareDriver(this.#db, this.#deadlineMs);
  }
}
