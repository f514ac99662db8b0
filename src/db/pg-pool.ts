/**
 * The PostgreSQL pool Kysely uses, with two additions. Kysely hands every query to the pool
 * client as `query(sql, parameters)`; the pool passes ordinary queries straight on, and:
 *
 * - runs a query whose only parameter is a `CopyIn` as `COPY … FROM STDIN` (pg-copy-streams)
 *   on the same client, so it joins whatever transaction is open. COPY measured about twice as
 *   fast as a multi-row INSERT for the register's wide rows;
 * - runs a query whose only parameter is a `Prepared` as a named prepared statement, so the
 *   server plans it once per connection. The dashboards' aggregate queries spent longer being
 *   planned (about 0.7 ms) than being run.
 *
 * Given shared pipelined connections (pg-pipeline.ts), a statement outside a transaction runs on
 * one of them; a connection Kysely asks for takes a pool client of its own only when its first
 * statement starts a transaction or is a COPY, and keeps it until Kysely releases it.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type { SharedClients } from './pg-pipeline.ts';
import { Prepared } from './prepared.ts';

export { copyLine } from './pack.ts';

/** Rows for COPY, as lines of PostgreSQL's text format (see `copyLine`). */
export class CopyIn {
  readonly chunks: readonly string[];
  readonly rowCount: number;
  constructor(chunks: readonly string[], rowCount: number) {
    this.chunks = chunks;
    this.rowCount = rowCount;
  }
}

const statementNames = new Map<string, string>();
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (name === undefined) {
    name = `hearth_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
    statementNames.set(sql, name);
  }
  return name;
}

/** The query configuration for `sql` run with `parameters`, or undefined for a COPY. */
function queryConfigOf(sql: string, parameters?: readonly unknown[]) {
  const only = parameters?.length === 1 ? parameters[0] : undefined;
  if (only instanceof Prepared)
    return { name: statementName(sql), text: sql, values: [...only.values] };
  return { text: sql, values: parameters ? [...parameters] : undefined };
}

type Query = PostgresPoolClient['query'];

/** Runs Kysely's query on a client of its own: COPY, prepared or plain. */
function runOn(client: pg.PoolClient, sqlOrCursor: unknown, parameters?: readonly unknown[]) {
  const only = parameters?.length === 1 ? parameters[0] : undefined;
  if (typeof sqlOrCursor === 'string' && only instanceof CopyIn)
    return runCopy(client, sqlOrCursor, only);
  if (typeof sqlOrCursor === 'string' && only instanceof Prepared)
    return client.query(queryConfigOf(sqlOrCursor, parameters));
  return (client.query as (...args: unknown[]) => unknown)(sqlOrCursor, parameters);
}

/** Whether a statement needs a connection of its own: a transaction or a COPY. */
function needsOwnClient(sqlOrCursor: unknown, parameters?: readonly unknown[]): boolean {
  if (typeof sqlOrCursor !== 'string') return true;
  if (parameters?.length === 1 && parameters[0] instanceof CopyIn) return true;
  return /^\s*(begin|start\s+transaction)\b/i.test(sqlOrCursor);
}

/**
 * Wraps a pg pool so that Kysely's clients can run `CopyIn` and `Prepared` queries, and, given
 * `shared`, run statements outside transactions on the shared pipelined connections.
 */
export function copyCapablePool(pool: pg.Pool, shared?: SharedClients): PostgresPool {
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    async connect() {
      if (shared) return lazyClient(pool, shared);
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) {
        wrapper = {
          query: ((sqlOrCursor: unknown, parameters?: readonly unknown[]) =>
            runOn(client, sqlOrCursor, parameters)) as Query,
          release: (destroy?: boolean) => client.release(destroy),
        };
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
    end: async () => {
      await shared?.end();
      await pool.end();
    },
  };
}

/** A Kysely connection that takes a pool client only when a transaction or COPY needs one. */
function lazyClient(pool: pg.Pool, shared: SharedClients): PostgresPoolClient {
  let own: Promise<pg.PoolClient> | undefined;
  return {
    query: ((sqlOrCursor: unknown, parameters?: readonly unknown[]) => {
      if (!own && !needsOwnClient(sqlOrCursor, parameters))
        return shared.query(queryConfigOf(sqlOrCursor as string, parameters));
      own ??= pool.connect();
      return own.then((client) => runOn(client, sqlOrCursor, parameters));
    }) as Query,
    release: (destroy?: boolean) => {
      const held = own;
      own = undefined;
      void held?.then(
        (client) => client.release(destroy),
        () => undefined,
      );
    },
  };
}

async function runCopy(client: pg.PoolClient, sql: string, rows: CopyIn) {
  await pipeline(Readable.from(rows.chunks), client.query(copyFrom(sql)));
  return { command: 'INSERT' as const, rowCount: rows.rowCount, rows: [] };
}
