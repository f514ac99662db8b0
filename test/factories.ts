/**
 * Test factories: a freshly migrated real database (SQLite file by default, a new PostgreSQL
 * database when TEST_DATABASE_URL is set), the real services and app, a clock tests can move,
 * and a small browser-like agent that keeps cookies and CSRF tokens.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { tenantGuard, tenantTables } from './tenant-guard.ts';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../src/config.ts';
import type { Config } from '../src/config.ts';
import { connect, migrateToLatest } from '../src/db/index.ts';
import type { Connection } from '../src/db/index.ts';
import { createApp, createServices } from '../src/app.ts';
import type { Services } from '../src/app.ts';
import { hashPassword } from '../src/modules/accounts/index.ts';
import type { Role } from '../src/modules/accounts/index.ts';

/** The password every factory-made account has. */
export const TEST_PASSWORD = 'correct-horse-battery-staple';
const passwordHashPromise = hashPassword(TEST_PASSWORD);

/** A clock that stands still until a test moves it. */
export interface TestClock {
  (): Date;
  advance(ms: number): void;
  set(date: Date): void;
}

/** Makes a movable clock starting at `start`. */
export function makeClock(start = new Date('2026-06-01T09:00:00Z')): TestClock {
  let now = start.getTime();
  const clock = (() => new Date(now)) as TestClock;
  clock.advance = (ms) => {
    now += ms;
  };
  clock.set = (date) => {
    now = date.getTime();
  };
  return clock;
}

/**
 * Migrates, then puts the tenancy guard on the handle every service will use, so each test
 * also proves that its statements keep to one organisation (test/tenant-guard.ts).
 */
async function migrateAndGuard(conn: Connection): Promise<void> {
  await migrateToLatest(conn.db);
  conn.db = conn.db.withPlugin(tenantGuard(await tenantTables(conn.db)));
}

/**
 * Opens a fresh, empty database for one test file or test, migrated to the latest version
 * unless `migrate` is false (for tests of a migration itself).
 */
export async function freshDatabase({ migrate = true } = {}): Promise<{
  conn: Connection;
  url: string;
  drop(): Promise<void>;
}> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const name = `hearth_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const conn = await connect(url.toString());
    if (migrate) await migrateAndGuard(conn);
    return {
      conn,
      url: url.toString(),
      async drop() {
        await conn.close();
        const a = new pg.Client({ connectionString: adminUrl });
        await a.connect();
        await a.query(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-test-'));
  const file = path.join(dir, 'hearth.sqlite');
  const conn = await connect(`sqlite:${file}`);
  if (migrate) await migrateAndGuard(conn);
  return {
    conn,
    url: `sqlite:${file}`,
    async drop() {
      await conn.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Configuration for tests. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({ NODE_ENV: 'test', HEARTH_DATA_DIR: os.tmpdir() }),
    publicUrl: 'http://localhost',
    // Tests that move the clock by weeks still sign staff in with a password alone; the 7-day
    // rule's own tests set 7 days (src/modules/accounts/second-factor.test.ts).
    secondFactorGraceMs: 10 * 365 * 24 * 60 * 60 * 1000,
    ...overrides,
  };
}

/** Everything a route or service test needs. */
export interface TestContext {
  services: Services;
  app: FastifyInstance;
  clock: TestClock;
  conn: Connection;
  databaseUrl: string;
  close(): Promise<void>;
}

/** Builds the real app over a fresh database. Call `close()` in `after`. */
export async function createTestContext(overrides: Partial<Config> = {}): Promise<TestContext> {
  const database = await freshDatabase();
  const clock = makeClock();
  const services = createServices(database.conn, testConfig(overrides), clock);
  const app = await createApp(services);
  await app.ready();
  return {
    services,
    app,
    clock,
    conn: database.conn,
    databaseUrl: database.url,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

let counter = 0;
function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}-${randomBytes(3).toString('hex')}`;
}

/** Makes an organisation with one ward. */
export async function makeOrganisation(services: Services, name = unique('Org')) {
  const org = await services.accounts.provisioning.provisionOrganisation(name);
  const ward = await services.accounts.provisioning.provisionUnit(org.id, unique('Ward'), 'ward');
  return { organisationId: org.id, unitId: ward.id };
}

/** Makes an account in an organisation. */
export async function makeAccount(
  services: Services,
  input: {
    organisationId: string;
    role: Role;
    unitIds?: string[];
    practitionerIds?: string[];
    displayName?: string;
  },
) {
  const email = `${unique(input.role)}@example.test`;
  const { id } = await services.accounts.provisioning.provisionAccount({
    organisationId: input.organisationId,
    email,
    displayName: input.displayName ?? unique('Name'),
    role: input.role,
    password: TEST_PASSWORD,
    passwordHash: await passwordHashPromise,
    unitIds: input.unitIds,
    practitionerIds: input.practitionerIds,
  });
  return { id, email, password: TEST_PASSWORD };
}

/**
 * A small organisation with one of each role: a practitioner with the person on their caseload,
 * all in one ward.
 */
export async function makeTeam(services: Services) {
  const { organisationId, unitId } = await makeOrganisation(services);
  const practitioner = await makeAccount(services, {
    organisationId,
    role: 'practitioner',
    unitIds: [unitId],
  });
  const person = await makeAccount(services, {
    organisationId,
    role: 'service_user',
    unitIds: [unitId],
    practitionerIds: [practitioner.id],
  });
  const manager = await makeAccount(services, {
    organisationId,
    role: 'unit_manager',
    unitIds: [unitId],
  });
  const admin = await makeAccount(services, { organisationId, role: 'org_admin' });
  const partner = await makeAccount(services, { organisationId, role: 'lived_experience_partner' });
  const national = await makeAccount(services, { organisationId, role: 'national_operator' });
  return { organisationId, unitId, practitioner, person, manager, admin, partner, national };
}

/** A response as tests see it. */
export interface TestResponse {
  status: number;
  body: string;
  headers: Record<string, string | string[] | number | undefined>;
}

/**
 * A browser-like client over `app.inject`: keeps cookies, picks up the latest CSRF token from
 * pages, and sends forms as a browser would.
 */
export class Agent {
  private cookies = new Map<string, string>();
  csrf: string | undefined;
  readonly app: FastifyInstance;
  readonly ip: string;

  constructor(app: FastifyInstance, ip = '127.0.0.1') {
    this.app = app;
    this.ip = ip;
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(headers: Record<string, unknown>, body: string): void {
    const setCookie = headers['set-cookie'];
    const list = Array.isArray(setCookie) ? setCookie : setCookie ? [String(setCookie)] : [];
    for (const c of list) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(body);
    if (token) this.csrf = token[1];
  }

  /** The value of a cookie the agent holds. */
  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** Sets or clears a cookie by hand (to replay an old one, say). */
  setCookie(name: string, value: string | undefined): void {
    if (value === undefined) this.cookies.delete(name);
    else this.cookies.set(name, value);
  }

  async get(url: string): Promise<TestResponse> {
    const res = await this.app.inject({
      method: 'GET',
      url,
      headers: { cookie: this.cookieHeader() },
      remoteAddress: this.ip,
    });
    this.remember(res.headers, res.body);
    return { status: res.statusCode, body: res.body, headers: res.headers };
  }

  /** Posts a form. The CSRF token is added unless `csrf: false`. */
  async post(
    url: string,
    form: Record<string, string | string[]> = {},
    options: { csrf?: boolean; rawBody?: string; headers?: Record<string, string> } = {},
  ): Promise<TestResponse> {
    if (options.csrf !== false && !this.csrf) await this.get('/sign-in');
    const params = new URLSearchParams();
    if (options.csrf !== false && this.csrf) params.append('_csrf', this.csrf);
    for (const [k, v] of Object.entries(form)) {
      for (const item of Array.isArray(v) ? v : [v]) params.append(k, item);
    }
    const res = await this.app.inject({
      method: 'POST',
      url,
      headers: {
        cookie: this.cookieHeader(),
        'content-type': 'application/x-www-form-urlencoded',
        ...options.headers,
      },
      payload: options.rawBody ?? params.toString(),
      remoteAddress: this.ip,
    });
    this.remember(res.headers, res.body);
    return { status: res.statusCode, body: res.body, headers: res.headers };
  }

  /** Signs in; throws when it does not work. */
  async signIn(email: string, password = TEST_PASSWORD): Promise<void> {
    const res = await this.post('/sign-in', { email, password });
    if (res.status !== 303) throw new Error(`sign-in failed for ${email}: ${res.status}`);
    await this.get('/');
  }
}

/** Signs in a new agent as an account. */
export async function signedInAgent(
  app: FastifyInstance,
  account: { email: string },
): Promise<Agent> {
  const agent = new Agent(app);
  await agent.signIn(account.email);
  return agent;
}

/** Plain text of an HTML page, tags removed and spaces squeezed, for readable assertions. */
export function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
