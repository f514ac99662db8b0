/**
 * The data generation (src/db/generation.ts) and the home page kept by it (src/web/kept-pages.ts):
 * every table but the listed few moves the generation when a change commits, and a kept home
 * page is never served after a record it shows has changed, whoever changed it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { connect } from '../src/db/index.ts';
import type { Connection } from '../src/db/index.ts';
import { dialectOf } from '../src/db/dialect.ts';
import { GENERATION_EXEMPT_TABLES, readDataGeneration } from '../src/db/generation.ts';
import { acrossOrganisations } from '../src/db/tenancy.ts';
import { createTestContext, makeTeam, signedInAgent } from './factories.ts';
import type { TestContext } from './factories.ts';
import { ctxOf, ensureTeamPlan } from './plans-fixtures.ts';

/** Every table, and which have the generation's triggers. */
async function tablesAndTriggers(conn: Connection): Promise<{ tables: string[]; with: string[] }> {
  if (dialectOf(conn.db) === 'postgres') {
    const tables = await sql<{ name: string }>`
      select tablename as name from pg_tables where schemaname = current_schema()`.execute(conn.db);
    const triggers = await sql<{ name: string }>`
      select c.relname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid
      where t.tgname = c.relname || '_generation'`.execute(conn.db);
    return { tables: tables.rows.map((r) => r.name), with: triggers.rows.map((r) => r.name) };
  }
  const tables = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and name not like 'sqlite%'`.execute(
    conn.db,
  );
  const triggers = await sql<{ name: string }>`
    select tbl_name as name from sqlite_master where type = 'trigger'
      and name like '%\\_generation\\_%' escape '\\'
    group by tbl_name having count(*) = 3`.execute(conn.db);
  return { tables: tables.rows.map((r) => r.name), with: triggers.rows.map((r) => r.name) };
}

// One app and database for the file: every test makes its own team, so none sees another's.
let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(async () => {
  await ctx.close();
});

describe('data generation', () => {
  it('every table but the exempt ones moves it (a later migration cannot forget one)', async () => {
    const { tables, with: withTriggers } = await tablesAndTriggers(ctx.conn);
    const missing = tables.filter(
      (t) => !GENERATION_EXEMPT_TABLES.includes(t) && !withTriggers.includes(t),
    );
    assert.deepEqual(missing, [], 'add the generation triggers as migration 0042 does');
    const exemptWith = withTriggers.filter((t) => GENERATION_EXEMPT_TABLES.includes(t));
    assert.deepEqual(exemptWith, []);
    assert.ok(tables.length > 50);
  });

  it('moves when a change commits, and not for audit events, sessions or a rollback', async () => {
    const db = ctx.conn.db;
    const team = await makeTeam(ctx.services);
    const start = Number(await readDataGeneration(db));

    await acrossOrganisations('test: rename a unit', () =>
      sql`update units set name = name || '.' where id = ${team.unitId}`.execute(db),
    );
    const afterUpdate = Number(await readDataGeneration(db));
    assert.ok(afterUpdate > start, 'an update moves it');

    // Reads write audit events and sessions; they must not end every kept page.
    const agent = await signedInAgent(ctx.app, team.practitioner);
    await agent.get('/');
    const beforeLooks = Number(await readDataGeneration(db));
    await db.transaction().execute((trx) =>
      ctx.services.auditLog.record(
        trx,
        { actor: null, ip: null },
        {
          organisationId: team.organisationId,
          action: 'test.looked',
          subjectPersonId: team.person.id,
        },
      ),
    );
    await agent.signIn(team.practitioner.email);
    assert.equal(Number(await readDataGeneration(db)), beforeLooks);

    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await acrossOrganisations('test: rename a unit', () =>
          sql`update units set name = name || '!' where id = ${team.unitId}`.execute(trx),
        );
        throw new Error('rolled back');
      }),
      /rolled back/,
    );
    assert.equal(Number(await readDataGeneration(db)), beforeLooks, 'a rollback does not');
  });
});

describe('the kept home page', () => {
  /** Counts how often the home page is worked out rather than served as kept. */
  function countHomeRenders(): { count: number } {
    const counter = { count: 0 };
    const home = ctx.services.accounts.home;
    const original = home.homeFor.bind(home);
    home.homeFor = async (actor) => {
      counter.count += 1;
      return original(actor);
    };
    // Signing in showed the home page already: start from a minute with nothing kept.
    ctx.clock.advance(60_000);
    return counter;
  }

  it('is served again while nothing changes, with fresh tokens each time', async () => {
    const team = await makeTeam(ctx.services);
    // A person's home page carries a CSRF token (the quick-exit button's).
    const agent = await signedInAgent(ctx.app, team.person);
    const renders = countHomeRenders();
    const first = await agent.get('/');
    const second = await agent.get('/');
    assert.equal(first.status, 200);
    assert.equal(second.status, 200);
    assert.equal(renders.count, 1, 'the second view was the kept page');
    const token = (html: string) => /data-quick-exit-csrf="([^"]+)"/.exec(html)?.[1];
    assert.ok(token(first.body) && token(second.body));
    assert.notEqual(token(first.body), token(second.body), 'each response has its own token');
    assert.doesNotMatch(second.body, /csrf-[0-9a-f]{32}|form-[0-9a-f]{32}/, 'no stand-in leaks');
    const withoutTokens = (html: string) => html.replace(/data-quick-exit-csrf="[^"]*"/g, '');
    assert.equal(withoutTokens(first.body), withoutTokens(second.body));
    // The kept page's token works: signing out with it is accepted.
    agent.csrf = 'not-a-token';
    assert.equal((await agent.post('/sign-out')).status, 403, 'a wrong token is refused');
    agent.csrf = token(second.body);
    const out = await agent.post('/sign-out');
    assert.equal(out.status, 200);
    assert.match(out.body, /You have signed out/);
  });

  it('shows a change made by another connection at once', async () => {
    const team = await makeTeam(ctx.services);
    const agent = await signedInAgent(ctx.app, team.practitioner);
    const renders = countHomeRenders();
    const before = await agent.get('/');
    const other = await connect(ctx.databaseUrl);
    try {
      // As a command-line tool or an administrator would, outside this process's code.
      await sql`update accounts set display_name = 'Renamed Person'
        where id = ${team.person.id}`.execute(other.db);
    } finally {
      await other.close();
    }
    const afterChange = await agent.get('/');
    assert.doesNotMatch(before.body, /Renamed Person/);
    assert.match(afterChange.body, /Renamed Person/);
    assert.equal(renders.count, 2);
  });

  it('is worked out again when the minute moves on, and kept per person', async () => {
    const team = await makeTeam(ctx.services);
    const practitioner = await signedInAgent(ctx.app, team.practitioner);
    const manager = await signedInAgent(ctx.app, team.manager);
    const renders = countHomeRenders();
    await practitioner.get('/');
    const managerHome = await manager.get('/');
    assert.equal(renders.count, 2, 'another person never gets a kept page of someone else');
    assert.doesNotMatch(managerHome.body, /People you work with/);
    await practitioner.get('/');
    assert.equal(renders.count, 2);
    ctx.clock.advance(60_000);
    await practitioner.get('/');
    assert.equal(renders.count, 3);
  });
});

/** Counts how often a plan is read for a page rather than served as kept. */
function countPlanReads(): { count: number } {
  const counter = { count: 0 };
  const planAccess = ctx.services.plans.planAccess;
  const original = planAccess.read.bind(planAccess);
  planAccess.read = async (...args) => {
    counter.count += 1;
    return original(...args);
  };
  return counter;
}

describe('a kept plan page', () => {
  it('audits every showing, kept or not, and ends the moment sharing stops', async () => {
    const team = await makeTeam(ctx.services);
    const planId = await ensureTeamPlan(ctx.services, team);
    const nurse = await signedInAgent(ctx.app, team.practitioner);
    const planReads = countPlanReads();
    const looks = async () =>
      (
        await sql<{ n: number | string }>`select count(*) as n from audit_events
          where record_id = ${planId} and action = 'plan.view_glance'`.execute(ctx.conn.db)
      ).rows[0]!.n;

    for (let i = 0; i < 3; i++) {
      const glance = await nurse.get(`/plans/${planId}/at-a-glance`);
      assert.equal(glance.status, 200);
      assert.match(glance.body, /A quiet room and a cup of tea\./);
    }
    assert.equal(planReads.count, 1, 'read once, then kept');
    assert.equal(Number(await looks()), 3, 'each showing is a look the person can see');

    const person = await ctx.services.accounts.people.actorFor(team.person.id);
    await ctx.services.plans.sharing.update(
      person,
      { unitIds: [], accountIds: [], privateSections: [] },
      ctxOf(ctx.services, person),
    );
    assert.equal((await nurse.get(`/plans/${planId}/at-a-glance`)).status, 404);
    assert.equal(Number(await looks()), 3);
  });

  it('is not kept under emergency access, which ends at a time', async () => {
    const team = await makeTeam(ctx.services);
    const planId = await ensureTeamPlan(ctx.services, team);
    const person = await ctx.services.accounts.people.actorFor(team.person.id);
    await ctx.services.plans.sharing.update(
      person,
      { unitIds: [], accountIds: [], privateSections: [] },
      ctxOf(ctx.services, person),
    );
    const managerActor = await ctx.services.accounts.people.actorFor(team.manager.id);
    await ctx.services.plans.emergencyAccess.start(
      managerActor,
      { personId: team.person.id, reason: 'Test: urgent review needed now' },
      ctxOf(ctx.services, managerActor),
    );
    const planReads = countPlanReads();
    const manager = await signedInAgent(ctx.app, team.manager);
    const first = await manager.get(`/plans/${planId}/at-a-glance`);
    const second = await manager.get(`/plans/${planId}/at-a-glance`);
    assert.equal(first.status, 200);
    assert.equal(second.status, 200);
    assert.equal(planReads.count, 2);
  });
});

describe('kept pages and compression', () => {
  it('sends a page without tokens in the bytes kept for the encoding asked for', async () => {
    const team = await makeTeam(ctx.services);
    const nurse = await signedInAgent(ctx.app, team.practitioner);
    const cookie = `hearth_session=${nurse.cookie('hearth_session')}`;
    const get = (acceptEncoding?: string) =>
      ctx.app.inject({
        method: 'GET',
        url: '/',
        headers: acceptEncoding ? { cookie, 'accept-encoding': acceptEncoding } : { cookie },
      });
    const plain = await get();
    assert.equal(plain.statusCode, 200);
    assert.equal(plain.headers['content-encoding'], undefined);
    const decoders: Record<string, (b: Buffer) => Buffer> = {
      br: brotliDecompressSync,
      gzip: gunzipSync,
    };
    for (const [asked, expected] of [
      ['br, gzip', 'br'],
      ['gzip', 'gzip'],
      ['x-gzip', 'gzip'],
      ['gzip, deflate, br, zstd', 'br'],
      ['*', 'gzip'],
      ['br;q=0, gzip', 'gzip'],
    ] as const) {
      for (let i = 0; i < 2; i++) {
        const res = await get(asked);
        assert.equal(res.statusCode, 200);
        assert.equal(res.headers['content-encoding'], expected, asked);
        assert.match(String(res.headers.vary), /accept-encoding/i);
        assert.equal(decoders[expected]!(res.rawPayload).toString('utf8'), plain.body, asked);
      }
    }
    // Encodings Hearth does not offer get the page as it is, as for any page.
    for (const asked of ['deflate', 'identity', 'zstd']) {
      const res = await get(asked);
      assert.equal(res.headers['content-encoding'], undefined, asked);
      assert.equal(res.body, plain.body, asked);
    }
  });

  it('compresses a page with tokens per response, each with its own token', async () => {
    const team = await makeTeam(ctx.services);
    const person = await signedInAgent(ctx.app, team.person);
    const cookie = `hearth_session=${person.cookie('hearth_session')}`;
    const tokens = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const res = await ctx.app.inject({
        method: 'GET',
        url: '/',
        headers: { cookie, 'accept-encoding': 'br' },
      });
      assert.equal(res.headers['content-encoding'], 'br');
      const html = brotliDecompressSync(res.rawPayload).toString('utf8');
      tokens.add(/data-quick-exit-csrf="([^"]+)"/.exec(html)![1]!);
    }
    assert.equal(tokens.size, 3);
  });
});
