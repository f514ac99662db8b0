/**
 * Bad input at the edge (security-and-reliability.md, section b): each gets a clear NHS-style
 * page with the right status, writes nothing, and shows no internals.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { Agent, createTestContext, makeTeam, signedInAgent, textOf } from './factories.ts';
import type { TestContext } from './factories.ts';

describe('bad input', () => {
  let t: TestContext;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  let other: Awaited<ReturnType<typeof makeTeam>>;
  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
    other = await makeTeam(t.services);
  });
  after(() => t.close());

  async function invitationCount(): Promise<number> {
    const row = await sql<{ n: number | string }>`select count(*) as n from invitations`.execute(
      t.conn.db,
    );
    return Number(row.rows[0]!.n);
  }

  function assertNoInternals(body: string): void {
    assert.doesNotMatch(body, /at .*\.ts:\d+|Error:|stack|FST_/);
  }

  it('refuses a POST without a CSRF token (403) and writes nothing', async () => {
    const admin = await signedInAgent(t.app, team.admin);
    const before = await invitationCount();
    const res = await admin.post(
      '/invitations',
      {
        displayName: 'No Token',
        email: 'notoken@example.test',
        role: 'practitioner',
        unitId: team.unitId,
      },
      { csrf: false },
    );
    assert.equal(res.status, 403);
    assert.match(textOf(res.body), /this form has expired/);
    assert.equal(await invitationCount(), before);
  });

  it('refuses a forged CSRF token', async () => {
    const admin = await signedInAgent(t.app, team.admin);
    const res = await admin.post('/sign-out', { _csrf: 'forged-token' }, { csrf: false });
    assert.equal(res.status, 403);
  });

  it('refuses a body over 1 MB with 413 and stays up', async () => {
    const agent = new Agent(t.app);
    await agent.get('/sign-in');
    const res = await agent.post(
      '/sign-in',
      {},
      { rawBody: `email=${'a'.repeat(1024 * 1024 + 10)}` },
    );
    assert.equal(res.status, 413);
    assert.match(textOf(res.body), /too much to send/);
    assert.equal((await agent.get('/healthz')).status, 200);
  });

  it('refuses malformed form encoding with 400', async () => {
    const agent = new Agent(t.app);
    await agent.get('/sign-in');
    const res = await agent.post(
      '/sign-in',
      {},
      { rawBody: `_csrf=${agent.csrf}&email=%E0%A4%A&password=x` },
    );
    assert.equal(res.status, 400);
    assert.match(textOf(res.body), /encoding was broken/);
    assertNoInternals(res.body);
  });

  it('refuses NUL bytes and lone surrogates with 400, writing nothing', async () => {
    const admin = await signedInAgent(t.app, team.admin);
    const before = await invitationCount();
    for (const name of ['Null\u0000Byte', 'Tab\u0000']) {
      const res = await admin.post('/invitations', {
        displayName: name,
        email: `bad-${before}@example.test`,
        role: 'practitioner',
        unitId: team.unitId,
      });
      assert.equal(res.status, 400, name);
      assertNoInternals(res.body);
    }
    // Percent-encoded by hand too, as a script would send it.
    const raw = await admin.post(
      '/invitations',
      {},
      {
        rawBody: `_csrf=${admin.csrf}&displayName=%ED%A0%80x&email=x%40example.test&role=practitioner`,
      },
    );
    assert.equal(raw.status, 400);
    assert.equal(await invitationCount(), before);
  });

  it('keeps emoji, combining marks and right-to-left text exactly (NFC once)', async () => {
    const admin = await signedInAgent(t.app, team.admin);
    const name = 'Zoë 🌿 \u05E9\u05DC\u05D5\u05DD e\u0301';
    const res = await admin.post('/invitations', {
      displayName: name,
      email: 'unicode@example.test',
      role: 'practitioner',
      unitId: team.unitId,
    });
    assert.equal(res.status, 200);
    const row = await t.conn.db
      .selectFrom('invitations')
      .select('display_name')
      .where('email', '=', 'unicode@example.test')
      .executeTakeFirstOrThrow();
    assert.equal(row.display_name, name.normalize('NFC'));
  });

  it('stores HTML as typed and shows it inert', async () => {
    const admin = await signedInAgent(t.app, team.admin);
    const res = await admin.post('/invitations', {
      displayName: '<script>alert(1)</script><img src=x onerror=alert(2)>',
      email: 'xss@example.test',
      role: 'practitioner',
      unitId: team.unitId,
    });
    assert.equal(res.status, 200);
    assert.doesNotMatch(res.body, /<script>alert\(1\)<\/script>/);
    assert.match(res.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  });

  it('answers unknown routes with an NHS-style 404', async () => {
    const agent = await signedInAgent(t.app, team.practitioner);
    for (const url of ['/no-such-page', '/invitations/../../etc/passwd', '/%00']) {
      const res = await agent.get(url);
      assert.ok([400, 404].includes(res.status), `${url}: ${res.status}`);
      assertNoInternals(res.body);
    }
    const res = await agent.get('/no-such-page');
    assert.match(textOf(res.body), /Page not found/);
    assert.match(res.body, /nhsuk-header/);
  });

  it("treats another organisation's ids in a URL as not found", async () => {
    const admin = await signedInAgent(t.app, team.admin);
    const res = await admin.post(`/people/${other.practitioner.id}/disable`);
    assert.equal(res.status, 404);
    const still = await t.conn.db
      .selectFrom('accounts')
      .select('status')
      .where('id', '=', other.practitioner.id)
      .executeTakeFirstOrThrow();
    assert.equal(still.status, 'active');
  });

  it('refuses a repeated field where one answer is expected, and unknown fields change nothing', async () => {
    const admin = await signedInAgent(t.app, team.admin);
    const res = await admin.post('/invitations', {
      displayName: ['One', 'Two'],
      email: 'dupe@example.test',
      role: 'practitioner',
      unitId: team.unitId,
    });
    assert.equal(res.status, 400);
    assert.match(textOf(res.body), /Give one answer/);
    const mass = await admin.post('/invitations', {
      displayName: 'Mass Assign',
      email: 'mass@example.test',
      role: 'practitioner',
      unitId: team.unitId,
      organisation_id: other.organisationId,
      __proto__: 'polluted',
      invited_by: other.admin.id,
    });
    assert.equal(mass.status, 200);
    const row = await t.conn.db
      .selectFrom('invitations')
      .selectAll()
      .where('email', '=', 'mass@example.test')
      .executeTakeFirstOrThrow();
    assert.equal(row.organisation_id, team.organisationId);
    assert.equal(row.invited_by, team.admin.id);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('sends the security headers on every page', async () => {
    const res = await new Agent(t.app).get('/sign-in');
    const csp = String(res.headers['content-security-policy']);
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['referrer-policy'], 'no-referrer');
  });

  it('reports health', async () => {
    const res = await new Agent(t.app).get('/healthz');
    assert.equal(res.status, 200);
    assert.deepEqual(JSON.parse(res.body), { status: 'ok' });
  });
});
