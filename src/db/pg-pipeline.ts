/**
 * A few PostgreSQL connections in pipeline mode, shared by every statement that runs outside a
 * transaction. A pipelined connection sends a statement without waiting for the one before it
 * to finish, so the statements of requests served at the same time leave in one socket write and
 * their answers come back in one read. On loopback, where each socket write also runs the
 * receiving side in the kernel, that measured about a third of the CPU per statement of a pool
 * client each (bench/pg-connection.ts). Each statement is its own round of the extended protocol
 * (it ends with a Sync), so one failing statement fails alone. Transactions, COPY and cursors
 * keep a pool connection of their own (pg-pool.ts).
 */
import pg from 'pg';

/** Result of a plain query, as Kysely reads it. */
type QueryResult = pg.QueryResult<Record<string, unknown>>;

/** Shared pipelined connections that statements are spread over. */
export interface SharedClients {
  /** Runs one statement on the shared connection with the fewest statements waiting. */
  query(config: string | pg.QueryConfig, values?: readonly unknown[]): Promise<QueryResult>;
  end(): Promise<void>;
}

interface Slot {
  client?: Promise<pg.Client>;
  waiting: number;
}

/**
 * Opens up to `count` pipelined connections with `config`, each when first needed. A connection
 * that fails or is closed by the server is forgotten, so the next statement opens a new one.
 */
export function sharedClients(config: pg.ClientConfig, count: number): SharedClients {
  const slots: Slot[] = Array.from({ length: count }, () => ({ waiting: 0 }));
  let ended = false;

  function open(slot: Slot): Promise<pg.Client> {
    const client = new pg.Client({ ...config, pipeline: true } as pg.ClientConfig);
    const forget = () => {
      if (slot.client === opened) slot.client = undefined;
    };
    // Without a listener an 'error' (the server stopped or was killed) would end the process;
    // the statements in flight fail on their own, and the caller answers 503.
    client.on('error', forget);
    client.on('end', forget);
    const opened = client.connect().then(
      () => client,
      (error: unknown) => {
        forget();
        throw error;
      },
    );
    slot.client = opened;
    return opened;
  }

  return {
    async query(query, values) {
      if (ended) throw new Error('Client was closed and is not queryable');
      let slot = slots[0] as Slot;
      for (const s of slots) if (s.waiting < slot.waiting) slot = s;
      slot.waiting++;
      try {
        const client = await (slot.client ?? open(slot));
        return await (client.query as (...args: unknown[]) => Promise<QueryResult>)(query, values);
      } finally {
        slot.waiting--;
      }
    },
    async end() {
      ended = true;
      const open = slots.map((s) => s.client).filter((c) => c !== undefined);
      for (const s of slots) s.client = undefined;
      await Promise.all(open.map((c) => c.then((client) => client.end()).catch(() => undefined)));
    },
  };
}
