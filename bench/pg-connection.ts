/**
 * `npm exec -- node bench/pg-connection.ts [--statements 2000] [--rounds 5]`
 *
 * CPU cost of one PostgreSQL statement, in this Node process and in the server backend that
 * runs it, for the ways Hearth could talk to PostgreSQL: loopback TCP or the Unix socket, one
 * statement at a time or eight at once (on one pipelined client, or on eight pool clients), and
 * with pg's row parsers or without. The variants take turns in every round, so a change in the
 * machine's load touches them all alike; medians over rounds are printed.
 *
 * URLs: BENCH_DATABASE_URL (TCP, default the CI server) and BENCH_SOCKET_DATABASE_URL (default
 * `postgres://<os user>@localhost/postgres?host=/var/run/postgresql`, which peer
 * authentication accepts when a role of that name exists). Run it on the database's machine:
 * the server's CPU time is read from /proc.
 */
import fs from 'node:fs';
import os from 'node:os';
import pg from 'pg';

const args = process.argv.slice(2);
function arg(name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return (i >= 0 ? args[i + 1] : undefined) ?? fallback;
}
const statements = Number(arg('statements', '2000'));
const rounds = Number(arg('rounds', '5'));
const tcpUrl =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres:hearth-ci@127.0.0.1:5432/postgres';
const socketUrl =
  process.env.BENCH_SOCKET_DATABASE_URL ??
  `postgres://${os.userInfo().username}@localhost/postgres?host=/var/run/postgresql`;

/** CPU milliseconds (user + system) of a process, from /proc/<pid>/stat (10 ms ticks). */
function procCpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** CPU milliseconds of this process, with microsecond resolution. */
function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

// A statement shaped like the home page's reads: named (prepared once per connection), a
// parameter, a few rows of text, integers and a timestamp.
const READ = {
  name: 'bench_connection_read',
  text: `select c.oid::int as id, c.relname::text as name, c.relpages as pages,
           now() - (c.oid::int % 1000) * interval '1 minute' as at
         from pg_class c where c.relkind = $1 order by c.oid limit 8`,
  values: ['r'],
};

/** A query config that leaves every column as the server's text (no per-row parsing). */
const RAW_TYPES = { getTypeParser: () => (value: string) => value };

interface Variant {
  name: string;
  url: 'tcp' | 'socket';
  /** Statements sent together and awaited together. */
  batch: number;
  /** `one`: a single client (pipelined when batch > 1); `pool`: one pool client per statement. */
  clients: 'one' | 'pool';
  raw?: boolean;
}

const variants: Variant[] = [
  { name: 'TCP, one at a time', url: 'tcp', batch: 1, clients: 'one' },
  { name: 'Unix socket, one at a time', url: 'socket', batch: 1, clients: 'one' },
  { name: 'TCP, rows left as text', url: 'tcp', batch: 1, clients: 'one', raw: true },
  { name: 'TCP, 8 at once, pipelined', url: 'tcp', batch: 8, clients: 'one' },
  { name: 'TCP, 8 at once, 8 pool clients', url: 'tcp', batch: 8, clients: 'pool' },
  { name: 'socket, 8 at once, pipelined', url: 'socket', batch: 8, clients: 'one' },
];

interface Opened {
  run(batch: number, raw: boolean): Promise<void>;
  backendPids(): number[];
  close(): Promise<void>;
}

async function open(v: Variant): Promise<Opened> {
  const connectionString = v.url === 'tcp' ? tcpUrl : socketUrl;
  const query = (raw: boolean) => (raw ? { ...READ, types: RAW_TYPES } : READ);
  if (v.clients === 'one') {
    const client = new pg.Client({ connectionString, pipeline: v.batch > 1 } as pg.ClientConfig);
    await client.connect();
    const pid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]
      ?.pid;
    return {
      async run(batch, raw) {
        await Promise.all(Array.from({ length: batch }, () => client.query(query(raw))));
      },
      backendPids: () => (pid ? [pid] : []),
      close: () => client.end(),
    };
  }
  const pool = new pg.Pool({ connectionString, max: v.batch });
  const pids: number[] = [];
  const held = await Promise.all(Array.from({ length: v.batch }, () => pool.connect()));
  for (const c of held) {
    pids.push((await c.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]?.pid ?? 0);
    c.release();
  }
  return {
    async run(batch, raw) {
      await Promise.all(Array.from({ length: batch }, () => pool.query(query(raw))));
    },
    backendPids: () => pids,
    close: () => pool.end(),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const results = new Map<string, { node: number[]; server: number[]; wall: number[] }>();
for (let round = 0; round < rounds; round++) {
  for (const v of variants) {
    const opened = await open(v);
    // Warm-up: the statement is prepared, the JIT has seen the code.
    for (let i = 0; i < 200; i += v.batch) await opened.run(v.batch, v.raw ?? false);
    const serverBefore = opened.backendPids().reduce((a, p) => a + procCpuMs(p), 0);
    const nodeBefore = ownCpuMs();
    const t0 = performance.now();
    for (let i = 0; i < statements; i += v.batch) await opened.run(v.batch, v.raw ?? false);
    const wall = performance.now() - t0;
    const node = ownCpuMs() - nodeBefore;
    const server = opened.backendPids().reduce((a, p) => a + procCpuMs(p), 0) - serverBefore;
    await opened.close();
    const r = results.get(v.name) ?? { node: [], server: [], wall: [] };
    r.node.push((1000 * node) / statements);
    r.server.push((1000 * server) / statements);
    r.wall.push((1000 * wall) / statements);
    results.set(v.name, r);
  }
}
process.stdout.write(
  `load average ${os.loadavg()[0]?.toFixed(2)}; median of ${rounds} rounds of ${statements} statements; µs per statement\n`,
);
process.stdout.write(
  `${'variant'.padEnd(34)} ${'Node CPU'.padStart(9)} ${'server CPU'.padStart(11)} ${'wall'.padStart(7)}\n`,
);
for (const [name, r] of results) {
  process.stdout.write(
    `${name.padEnd(34)} ${median(r.node).toFixed(1).padStart(9)} ${median(r.server).toFixed(1).padStart(11)} ${median(r.wall).toFixed(1).padStart(7)}\n`,
  );
}
