/**
 * `hearth serve --workers N`: N processes share one port through node:cluster. Sessions, sign-in
 * throttling and rate limits live in the database, so any worker can answer any request; on
 * SQLite the workers share the WAL file (readers never wait; one writer at a time).
 *
 * The primary prepares the database once (migrations, key check, demo), forks the workers,
 * prints the banner when all are listening, replaces a worker that dies, and on SIGTERM or SIGINT
 * passes the signal on and waits for every worker to finish its grace period.
 */
import cluster from 'node:cluster';
import type { Worker } from 'node:cluster';
import os from 'node:os';
import type { Config } from './config.ts';
import { loadConfig } from './config.ts';
import { announce, prepareToServe, startServer } from './main.ts';

/** How many workers `hearth serve` runs when not told: one per core. */
export function defaultWorkers(): number {
  return os.availableParallelism();
}

/** Reads a --workers value: a whole number from 1 to 256. */
export function parseWorkers(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256) {
    throw new Error(`--workers must be a whole number from 1 to 256 (it is "${value}")`);
  }
  return n;
}

/** Serves with `workers` processes (one: this process serves, as `npm start` does). */
export async function serve(
  { workers = defaultWorkers() }: { workers?: number },
  config: Config = loadConfig(),
): Promise<void> {
  if (cluster.isWorker) {
    await startServer(config, { asWorker: true });
    return;
  }
  if (workers <= 1) {
    await startServer(config);
    return;
  }
  await prepareToServe(config);
  await runPrimary(workers, config);
}

async function runPrimary(workers: number, config: Config): Promise<void> {
  let stopping = false;
  const listening = new Set<number>();
  let announced = false;
  const fork = (): Worker => cluster.fork({ HEARTH_CLUSTER_WORKER: '1' });

  cluster.on('listening', (worker) => {
    listening.add(worker.id);
    if (!announced && listening.size === workers) {
      announced = true;
      const dialect = config.databaseUrl.startsWith('postgres') ? 'postgres' : 'sqlite';
      void announce(config, dialect, workers);
    }
  });
  cluster.on('exit', (worker, code, signal) => {
    listening.delete(worker.id);
    if (stopping) return;
    // A worker that dies is replaced, after a short pause so a crash loop cannot spin.
    console.error(`A Hearth worker stopped (${signal ?? `exit ${code}`}); starting another.`);
    setTimeout(() => {
      if (!stopping) fork();
    }, 1000).unref();
  });
  for (let i = 0; i < workers; i++) fork();

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const alive = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
    // Each worker lets its requests finish for the grace period, then closes the rest itself;
    // one that still has not gone a few seconds later is ended.
    const deadline = setTimeout(() => {
      for (const w of alive) w.process.kill('SIGKILL');
    }, config.shutdownGraceMs + 5000);
    deadline.unref();
    let left = alive.length;
    if (left === 0) process.exit(0);
    for (const w of alive) {
      w.once('exit', () => {
        if (--left === 0) process.exit(0);
      });
      w.process.kill(signal);
    }
  };
  process.once('SIGINT', () => stop('SIGTERM'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}
