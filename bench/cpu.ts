/**
 * `npm exec -- node bench/cpu.ts [--requests 300] [--dialect sqlite|postgres] [--pages home,glance]
 *  [--concurrency 1]`
 *
 * CPU time per request, which a busy machine barely changes (unlike requests a second): starts
 * one Hearth process, sends N sequential requests for each page and reads the server process's
 * own CPU time (user + system, from /proc) before and after. Requests ask for br/gzip as a
 * browser does, so compression is counted. It also reports the mean of the quietest quarter of
 * batches of 25 requests, which moves less with the load of other processes. On PostgreSQL it
 * also reads the CPU time of the server's backends serving the bench database (from /proc, so
 * run it on the database's machine), so a page's whole cost is known, not only Node's.
 * `--concurrency N` sends N requests at a time (saves stay one at a time), as a ward does.
 */
import fs from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import { getPage, prepareDatabase, signIn, startHearth } from './http-setup.ts';

const args = process.argv.slice(2);
function arg(name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return (i >= 0 ? args[i + 1] : undefined) ?? fallback;
}
const concurrency = Number(arg('concurrency', '1'));
const requests = Math.ceil(Number(arg('requests', '300')) / concurrency) * concurrency;
const dialect = arg('dialect', 'sqlite') as 'sqlite' | 'postgres';
const wanted = arg('pages', 'home,glance,dashboard,language,save,healthz').split(',');
const pgAdmin =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres:hearth-ci@127.0.0.1:5432/postgres';

/** Requests per batch: long enough for /proc's 10 ms clock ticks to be a few percent at most. */
const BATCH = 25;

/** The mean of the lowest quarter of the values (at least one). */
function lowQuartile(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const n = Math.max(1, Math.floor(sorted.length / 4));
  return sorted.slice(0, n).reduce((a, b) => a + b, 0) / Math.min(n, sorted.length || 1);
}

/** CPU milliseconds (user + system) a process has used, from /proc/<pid>/stat. */
function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 (1-based) of the whole line: 12 and 13 here.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/**
 * CPU milliseconds used so far by the PostgreSQL backends connected to the bench database.
 * A backend that has gone since the last call keeps its last reading, so a connection the pool
 * closes does not make the total fall.
 */
function pgServerCpu(admin: pg.Client, database: string) {
  const seen = new Map<number, number>();
  return async (): Promise<number> => {
    const { rows } = await admin.query<{ pid: number }>(
      'select pid from pg_stat_activity where datname = $1',
      [database],
    );
    for (const { pid } of rows) {
      try {
        seen.set(pid, cpuMs(pid));
      } catch {
        // The backend ended between the query and the read, or runs on another machine.
      }
    }
    return [...seen.values()].reduce((a, b) => a + b, 0);
  };
}

const db = await prepareDatabase(dialect, 1, pgAdmin);
let admin: pg.Client | undefined;
let serverCpu = async () => 0;
if (dialect === 'postgres') {
  admin = new pg.Client({ connectionString: pgAdmin });
  await admin.connect();
  serverCpu = pgServerCpu(admin, new URL(db.url).pathname.slice(1));
}
const hearth = await startHearth(db, 1);
const pid = hearth.child.pid ?? 0;
try {
  const base = hearth.baseUrl;
  const nurse = await signIn(base, 'jo@demo.hearth.test');
  const manager = await signIn(base, 'tom@demo.hearth.test');
  const saver = await signIn(base, db.savers[0] ?? '');
  const planId = /href="\/plans\/([\w-]{20,})"/.exec(await getPage(base, nurse, '/plans'))?.[1];
  let version = Number(
    /name="version" value="(\d+)"/.exec(await getPage(base, saver, '/my-plan/edit'))?.[1],
  );
  const headers = (cookie: string) => ({ cookie, 'accept-encoding': 'br, gzip' });
  const pages: Record<string, () => Promise<Response>> = {
    healthz: () => fetch(`${base}/healthz`),
    home: () => fetch(`${base}/`, { headers: headers(nurse.cookie) }),
    glance: () => fetch(`${base}/plans/${planId}/at-a-glance`, { headers: headers(nurse.cookie) }),
    dashboard: () => fetch(`${base}/force/dashboards`, { headers: headers(manager.cookie) }),
    language: () => fetch(`${base}/check-my-writing`, { headers: headers(nurse.cookie) }),
    save: async () => {
      const res = await fetch(`${base}/my-plan`, {
        method: 'POST',
        redirect: 'manual',
        headers: { ...headers(saver.cookie), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          _csrf: saver.csrf,
          version: String(version),
          wellText: `Walking (${version})`,
        }),
      });
      if (res.status === 303) version++;
      return res;
    },
  };
  const rows: Record<string, number> = {};
  const lows: Record<string, number> = {};
  const server: Record<string, number> = {};
  for (const name of wanted) {
    const send = pages[name];
    if (!send) throw new Error(`Unknown page ${name}`);
    // Warm-up: the JIT, template caches and the database's page cache.
    for (let i = 0; i < 30; i++) await (await send()).arrayBuffer();
    const before = cpuMs(pid);
    const serverBefore = await serverCpu();
    let bad = 0;
    const batchMeans: number[] = [];
    let batchStart = before;
    // Saves stay one at a time: each carries the plan's version, so two at once would conflict.
    const together = name === 'save' ? 1 : concurrency;
    let inBatch = 0;
    for (let i = 0; i < requests; i += together) {
      const statuses = await Promise.all(
        Array.from({ length: together }, async () => {
          const res = await send();
          await res.arrayBuffer();
          return res.status;
        }),
      );
      bad += statuses.filter((status) => status !== 200 && status !== 303).length;
      inBatch += together;
      if (inBatch >= BATCH) {
        const now = cpuMs(pid);
        batchMeans.push((now - batchStart) / inBatch);
        batchStart = now;
        inBatch = 0;
      }
    }
    const perRequest = (cpuMs(pid) - before) / requests;
    const serverPerRequest = ((await serverCpu()) - serverBefore) / requests;
    // Other processes on a shared machine slow this one's CPU too (caches, shared cores); the
    // quietest batches show the cost with the least of that, so A/B runs compare those.
    const low = lowQuartile(batchMeans);
    rows[name] = Number(perRequest.toFixed(2));
    lows[name] = Number(low.toFixed(2));
    if (dialect === 'postgres') server[name] = Number(serverPerRequest.toFixed(2));
    const serverText =
      dialect === 'postgres' ? `, PostgreSQL ${serverPerRequest.toFixed(2)} ms` : '';
    process.stderr.write(
      `${name.padEnd(10)} ${perRequest.toFixed(2)} ms CPU per request, quietest batches ${low.toFixed(2)}${serverText}${bad ? ` (${bad} bad)` : ''}\n`,
    );
  }
  process.stdout.write(
    `${JSON.stringify({
      dialect,
      requests,
      concurrency,
      load_average: Number(os.loadavg()[0]?.toFixed(2)),
      cpu_ms_per_request: rows,
      cpu_ms_quietest: lows,
      ...(dialect === 'postgres' ? { pg_server_cpu_ms_per_request: server } : {}),
    })}\n`,
  );
} finally {
  await admin?.end();
  await hearth.stop();
  await db.drop();
}
