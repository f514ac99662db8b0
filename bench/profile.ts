/**
 * `npm exec -- node bench/profile.ts --page home|glance|dashboard|save|language [--seconds 10]
 *  [--dialect sqlite|postgres] [--connections 10]`
 *
 * Starts one Hearth process under `node --cpu-prof` over the bench database, drives one page
 * with autocannon, stops the server (which writes the profile) and prints where the time went:
 * self time by function and by package or source folder. The .cpuprofile is kept for Chrome's
 * DevTools (its path is printed).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { getPage, prepareDatabase, signIn } from './http-setup.ts';

const args = process.argv.slice(2);
function arg(name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return (i >= 0 ? args[i + 1] : undefined) ?? fallback;
}
const pageName = arg('page', 'home');
const seconds = Number(arg('seconds', '10'));
const dialect = arg('dialect', 'sqlite') as 'sqlite' | 'postgres';
const connections = Number(arg('connections', '10'));
const root = path.resolve(import.meta.dirname, '..');
const pgAdmin =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres:hearth-ci@127.0.0.1:5432/postgres';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a script lives, shortened: a package name, or a path inside Hearth. */
function placeOf(url: string): string {
  if (!url) return '(native)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm?.[1]) return nm[1];
  if (url.startsWith('node:')) return url;
  const inRoot = url.replace(`file://${root}/`, '');
  return inRoot.split('/').slice(0, 3).join('/');
}

/** Self time per node from `fromUs` on (start-up and warm-up are left out). */
function summarise(profile: Profile, fromUs: number): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfMs = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at >= fromUs) selfMs.set(id, (selfMs.get(id) ?? 0) + delta / 1000);
  });
  const total = [...selfMs.values()].reduce((a, b) => a + b, 0);
  const byFunction = new Map<string, number>();
  const byPlace = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${placeOf(url)}:${lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
    const place = placeOf(url);
    byPlace.set(place, (byPlace.get(place) ?? 0) + ms);
  }
  const byStage = stagesOf(profile, fromUs);
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `  ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`)
      .join('\n');
  return `Time by stage (whole stack; share of busy time):\n${top(byStage, 20)}\n\nSelf time by place:\n${top(byPlace, 20)}\n\nSelf time by function:\n${top(byFunction, 30)}`;
}

/**
 * Stages of a request, tried in order against every frame of a sample's stack: the first that
 * matches takes the sample. Order matters: the response write and logging run inside the
 * compression callbacks, and the database inside the route.
 */
const stages: [string, RegExp][] = [
  ['garbage collection', /^\(garbage collector\)/],
  ['logging (pino)', /node_modules\/(pino|sonic-boom|thread-stream)\//],
  ['session lookup', /resolveSession|findSessionWithAccount/],
  [
    'database (Kysely, node:sqlite, pg)',
    /node_modules\/(kysely|pg|pg-protocol)\/|src\/db\/|node:sqlite/,
  ],
  ['rendering (reply.page, Nunjucks)', /^page .*src\/web\/server\.ts|node_modules\/nunjucks\//],
  ['compression', /node_modules\/@fastify\/compress\/|node:zlib/],
  ['route code (modules)', /src\/modules\//],
  ['CSRF', /node_modules\/(@fastify\/csrf-protection|@fastify\/csrf)\//],
  ['cookies', /node_modules\/@fastify\/cookie\//],
  ['helmet', /node_modules\/(@fastify\/helmet|helmet)\//],
  [
    'Fastify (routing, hooks, reply)',
    /node_modules\/(fastify|find-my-way|avvio|light-my-request)\//,
  ],
  [
    'HTTP parsing and socket writes',
    /node:_http|node:net|node:internal\/(streams|stream_base|http)/,
  ],
];

/** Busy time (idle left out) per stage of `stages`, from `fromUs` on. */
function stagesOf(profile: Profile, fromUs: number): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n: ProfileNode) =>
    `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url}`;
  const stageOfNode = new Map<number, string>();
  const stageOf = (leaf: number): string => {
    const known = stageOfNode.get(leaf);
    if (known !== undefined) return known;
    const frames: string[] = [];
    for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
      const node = byId.get(id);
      if (node) frames.push(label(node));
    }
    const stage = stages.find(([, re]) => frames.some((f) => re.test(f)))?.[0] ?? 'other';
    stageOfNode.set(leaf, stage);
    return stage;
  };
  const out = new Map<string, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at < fromUs) return;
    const leaf = byId.get(id);
    if (!leaf || leaf.callFrame.functionName === '(idle)') return;
    const stage = stageOf(id);
    out.set(stage, (out.get(stage) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return out;
}

const db = await prepareDatabase(dialect, connections, pgAdmin);
const profDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-prof-'));
const port = 20000 + Math.floor(Math.random() * 20000);
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: db.url,
  HEARTH_DATA_DIR: db.dataDir,
  PORT: String(port),
  HOST: '127.0.0.1',
  PUBLIC_URL: `http://127.0.0.1:${port}`,
};
delete env.NODE_TEST_CONTEXT;
delete env.NODE_ENV;
const child = spawn(
  process.execPath,
  ['--cpu-prof', `--cpu-prof-dir=${profDir}`, path.join(root, 'src/main.ts')],
  { env, stdio: ['ignore', 'pipe', 'inherit'] },
);
await new Promise<void>((resolve) => {
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  lines.on('line', (line) => {
    if (line.startsWith('Hearth is running')) resolve();
  });
});
const base = `http://127.0.0.1:${port}`;
let loadStartUs = 0;
try {
  const nurse = await signIn(base, 'jo@demo.hearth.test');
  const manager = await signIn(base, 'tom@demo.hearth.test');
  const planId = /href="\/plans\/([\w-]{20,})"/.exec(await getPage(base, nurse, '/plans'))?.[1];
  const saver = await signIn(base, db.savers[0] ?? '');
  let version = 0;
  // As a browser asks, so that compression is counted as it is for real pages.
  const browser = (cookie: string) => ({ cookie, 'accept-encoding': 'br, gzip' });
  const pages: Record<string, autocannon.Request> = {
    home: { method: 'GET', path: '/', headers: browser(nurse.cookie) },
    glance: {
      method: 'GET',
      path: `/plans/${planId}/at-a-glance`,
      headers: browser(nurse.cookie),
    },
    dashboard: { method: 'GET', path: '/force/dashboards', headers: browser(manager.cookie) },
    language: { method: 'GET', path: '/check-my-writing', headers: browser(nurse.cookie) },
    save: {
      method: 'POST',
      path: '/my-plan',
      setupRequest: (req) => ({
        ...req,
        headers: { ...browser(saver.cookie), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          _csrf: saver.csrf,
          version: String(version),
          wellText: `Walking (${version})`,
        }).toString(),
      }),
      onResponse: (status) => {
        if (status === 303) version++;
      },
    },
  };
  const request = pages[pageName];
  if (!request) throw new Error(`--page must be one of ${Object.keys(pages).join(', ')}`);
  // Warm up, then note the time: V8's profile clock is the same monotonic clock as hrtime.
  await autocannon({ url: base, connections, duration: 2, requests: [request] });
  loadStartUs = Number(process.hrtime.bigint() / 1000n);
  const result = await autocannon({
    url: base,
    connections: pageName === 'save' ? 1 : connections,
    duration: seconds,
    requests: [request],
  });
  process.stderr.write(
    `${pageName}: ${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}\n`,
  );
} finally {
  await new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
  await db.drop();
}
const file = fs.readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
if (!file) throw new Error('No profile was written');
const profile = JSON.parse(fs.readFileSync(path.join(profDir, file), 'utf8')) as Profile;
console.log(summarise(profile, loadStartUs));
console.log(`\nProfile: ${path.join(profDir, file)}`);
