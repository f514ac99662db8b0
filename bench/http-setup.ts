/**
 * Set-up for bench/http.ts: a fresh database with the demo organisation and one extra person per
 * connection for the plan-save run (each saves only their own plan, so saves never collide), a
 * Hearth server and the bare route as child processes, and sign-in over HTTP with a cookie jar.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { connect, migrateToLatest } from '../src/db/index.ts';
import { createServices } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { DEMO_PASSWORD, loadDemo } from '../src/demo.ts';
import { seedModuleDemos } from '../src/demo-modules.ts';
import { hashPassword } from '../src/modules/accounts/index.ts';

const root = path.resolve(import.meta.dirname, '..');

/**
 * autocannon's per-request timer (the retimer package) re-arms itself with the time left, which
 * is negative when the timer fires late on a busy event loop, as at the end of a 100-connection
 * run. Node then waits 1 ms, which is what was meant, and prints TimeoutNegativeWarning. The
 * warning comes from the load generator, not from Hearth, so the bench drops that one kind.
 */
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  const type = typeof rest[0] === 'string' ? rest[0] : (rest[0] as { type?: string })?.type;
  const name = warning instanceof Error ? warning.name : type;
  if (name === 'TimeoutNegativeWarning') return;
  (emitWarning as (...a: unknown[]) => void)(warning, ...rest);
}) as typeof process.emitWarning;

/** A prepared database the server processes open. */
export interface BenchDatabase {
  url: string;
  dataDir: string;
  /** Emails of the people who save their own plans, one per save connection. */
  savers: string[];
  drop(): Promise<void>;
}

/** Creates the database, loads the demo and adds `saverCount` people on Ward 3. */
export async function prepareDatabase(
  dialect: 'sqlite' | 'postgres',
  saverCount: number,
  pgAdmin: string,
): Promise<BenchDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-bench-http-'));
  let url = `sqlite:${path.join(dataDir, 'hearth.sqlite')}`;
  let dropPg = async () => {};
  if (dialect === 'postgres') {
    const name = `hearth_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: pgAdmin });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(pgAdmin);
    u.pathname = `/${name}`;
    url = u.toString();
    dropPg = async () => {
      const a = new pg.Client({ connectionString: pgAdmin });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    };
  }
  const conn = await connect(url);
  const savers: string[] = [];
  try {
    await migrateToLatest(conn.db);
    const config = loadConfig({ HEARTH_DATA_DIR: dataDir, DATABASE_URL: url });
    const services = createServices(conn, config);
    const ids = await loadDemo(services);
    await seedModuleDemos(services, ids);
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (let i = 1; i <= saverCount; i++) {
      const email = `bench-saver-${i}@demo.hearth.test`;
      await services.accounts.provisioning.provisionAccount({
        organisationId: ids.organisationId,
        email,
        displayName: `Bench Person ${i}`,
        role: 'service_user',
        password: DEMO_PASSWORD,
        passwordHash,
        unitIds: [ids.units.ward3],
        practitionerIds: [ids.people.jo],
      });
      savers.push(email);
    }
  } finally {
    await conn.close();
  }
  return {
    url,
    dataDir,
    savers,
    async drop() {
      await dropPg();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A child process serving HTTP on a loopback port. */
export interface Served {
  baseUrl: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

function waitForLine(child: ChildProcess, pattern: RegExp, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!child.stdout) throw new Error('no stdout');
    const lines = createInterface({ input: child.stdout });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const onExit = (code: number | null) =>
      reject(new Error(`${what} exited (${code}) before it was ready: ${stderr.slice(-2000)}`));
    child.once('exit', onExit);
    lines.on('line', (line) => {
      const match = pattern.exec(line);
      if (!match) return;
      child.off('exit', onExit);
      // Keep reading so a chatty child never blocks on a full pipe.
      child.stdout?.resume();
      resolve(match[1] ?? '');
    });
  });
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
}

function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.NODE_TEST_CONTEXT;
  delete env.NODE_ENV;
  return env;
}

/** Starts the bare Fastify route. */
export async function startBare(): Promise<Served> {
  const child = spawn(process.execPath, [path.join(root, 'bench/bare-server.ts')], {
    env: childEnv({}),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await waitForLine(child, /^port (\d+)/, 'The bare route');
  return { baseUrl: `http://127.0.0.1:${port}`, child, stop: stopper(child) };
}

async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = address && typeof address === 'object' ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts `hearth serve` over the prepared database with `workers` processes. */
export async function startHearth(db: BenchDatabase, workers: number): Promise<Served> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [path.join(root, 'src/cli/index.ts'), 'serve', '--workers', String(workers)],
    {
      env: childEnv({
        DATABASE_URL: db.url,
        HEARTH_DATA_DIR: db.dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: `http://127.0.0.1:${port}`,
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  await waitForLine(child, /^(Hearth is running)/, 'Hearth');
  const baseUrl = `http://127.0.0.1:${port}`;
  // Every worker must be listening before timing starts.
  for (let i = 0; i < 50; i++) {
    const res = await fetch(`${baseUrl}/healthz`).catch(() => null);
    if (res?.ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { baseUrl, child, stop: stopper(child) };
}

/** A signed-in client: its cookie header and a CSRF token for forms. */
export interface SignedIn {
  cookie: string;
  csrf: string;
}

function cookiesFrom(res: Response, jar: Map<string, string>): void {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const eq = pair?.indexOf('=') ?? -1;
    if (pair && eq > 0) jar.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
}

function cookieHeader(jar: Map<string, string>): string {
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

function csrfIn(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('No CSRF token on the page');
  return match[1];
}

/** Signs in through the real sign-in form. */
export async function signIn(baseUrl: string, email: string): Promise<SignedIn> {
  const jar = new Map<string, string>();
  const form = await fetch(`${baseUrl}/sign-in`);
  cookiesFrom(form, jar);
  const csrf = csrfIn(await form.text());
  const body = new URLSearchParams({
    _csrf: csrf,
    email,
    password: DEMO_PASSWORD,
  });
  const res = await fetch(`${baseUrl}/sign-in`, {
    method: 'POST',
    body,
    headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
    redirect: 'manual',
  });
  cookiesFrom(res, jar);
  if (res.status !== 303 && res.status !== 302) {
    throw new Error(`Signing in as ${email} answered ${res.status}`);
  }
  // The CSRF secret lives in its own cookie, so the sign-in form's token stays valid.
  const home = await fetch(`${baseUrl}/`, { headers: { cookie: cookieHeader(jar) } });
  cookiesFrom(home, jar);
  if (home.status !== 200) throw new Error(`Home after sign-in answered ${home.status}`);
  return { cookie: cookieHeader(jar), csrf };
}

/** Reads a page as a signed-in client. */
export async function getPage(baseUrl: string, who: SignedIn, url: string): Promise<string> {
  const res = await fetch(`${baseUrl}${url}`, { headers: { cookie: who.cookie } });
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  return res.text();
}
