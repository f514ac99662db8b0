import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as OTPAuth from 'otpauth';
import {
  Agent,
  TEST_PASSWORD,
  createTestContext,
  makeTeam,
  signedInAgent,
  textOf,
} from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';
import { DAY, HOUR, MINUTE } from '../../lib/clock.ts';

function secretOf(body: string): string {
  const match = /data-secret>([A-Z2-7]+)</.exec(body);
  assert.ok(match, 'the set-up page shows the key');
  return match[1]!;
}

function codeAt(secret: string, at: Date): string {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({
    timestamp: at.getTime(),
  });
}

function recoveryCodesOf(body: string): string[] {
  return [...body.matchAll(/<li><code>([0-9a-f-]{14})<\/code><\/li>/g)].map((m) => m[1]!);
}

describe('second step after a password', () => {
  let t: TestContext;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  before(async () => {
    t = await createTestContext({ secondFactorGraceMs: 7 * DAY });
    team = await makeTeam(t.services);
  });
  after(() => t.close());

  it('lets staff sign in with a password alone in their first 7 days, then asks them to add a second step', async () => {
    await signedInAgent(t.app, team.practitioner);
    t.clock.advance(7 * DAY + HOUR);
    const agent = new Agent(t.app);
    const res = await agent.post('/sign-in', {
      email: team.practitioner.email,
      password: TEST_PASSWORD,
    });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/sign-in/set-up');
    assert.equal(agent.cookie('hearth_session'), undefined, 'no session before the second step');
    assert.equal((await agent.get('/')).status, 303);
    const setUp = await agent.get('/sign-in/set-up');
    assert.equal(setUp.status, 200);
    assert.match(setUp.body, /<svg/);
    const secret = secretOf(setUp.body);
    const stored = await t.conn.db
      .selectFrom('totp_secrets')
      .select('secret_enc')
      .where('account_id', '=', team.practitioner.id)
      .executeTakeFirstOrThrow();
    assert.ok(!stored.secret_enc.includes(secret), 'the app secret is stored encrypted');
    const wrong = await agent.post('/sign-in/set-up', { code: '000000' });
    assert.equal(wrong.status, 400);
    const done = await agent.post('/sign-in/set-up', { code: codeAt(secret, t.clock()) });
    assert.equal(done.status, 200);
    const codes = recoveryCodesOf(done.body);
    assert.equal(codes.length, 10);
    const hashes = await t.conn.db
      .selectFrom('recovery_codes')
      .select('code_hash')
      .where('account_id', '=', team.practitioner.id)
      .execute();
    assert.equal(hashes.length, 10);
    assert.ok(hashes.every((h) => !codes.some((c) => h.code_hash.includes(c.replace(/-/g, '')))));
    assert.ok(agent.cookie('hearth_session'));
    assert.equal((await agent.get('/')).status, 200);

    // From now on every password sign-in asks for a code; each code and recovery code works once.
    t.clock.advance(2 * MINUTE);
    const next = new Agent(t.app);
    const first = await next.post('/sign-in', {
      email: team.practitioner.email,
      password: TEST_PASSWORD,
    });
    assert.equal(first.headers.location, '/sign-in/code');
    const code = codeAt(secret, t.clock());
    assert.equal((await next.post('/sign-in/code', { code })).status, 303);
    const replay = new Agent(t.app);
    await replay.post('/sign-in', { email: team.practitioner.email, password: TEST_PASSWORD });
    assert.equal((await replay.post('/sign-in/code', { code })).status, 400, 'a code works once');
    assert.equal((await replay.post('/sign-in/code', { code: codes[0]! })).status, 303);
    const again = new Agent(t.app);
    await again.post('/sign-in', { email: team.practitioner.email, password: TEST_PASSWORD });
    assert.equal((await again.post('/sign-in/code', { code: codes[0]! })).status, 400);
  });

  it('allows 5 tries at a code, then asks for the password again', async () => {
    const agent = new Agent(t.app);
    await agent.post('/sign-in', { email: team.practitioner.email, password: TEST_PASSWORD });
    for (let i = 0; i < 5; i++) {
      assert.equal((await agent.post('/sign-in/code', { code: `12345${i}` })).status, 400);
    }
    const sixth = await agent.post('/sign-in/code', { code: '123456' });
    assert.equal(sixth.status, 403);
    assert.match(textOf(sixth.body), /sign in again/);
  });

  it('people who use services are never asked for a second step', async () => {
    t.clock.advance(30 * DAY);
    await signedInAgent(t.app, team.person);
  });

  it('lists where you are signed in and signs out everywhere else', async () => {
    const t2 = await createTestContext();
    try {
      const team2 = await makeTeam(t2.services);
      const here = await signedInAgent(t2.app, team2.manager);
      const there = await signedInAgent(t2.app, team2.manager);
      const page = await here.get('/account/sign-in');
      assert.equal(page.status, 200);
      assert.match(textOf(page.body), /Where you're signed in/);
      assert.equal((page.body.match(/<tr>/g) ?? []).length, 3, 'a header row and two sessions');
      assert.match(textOf(page.body), /\(this device\)/);
      assert.equal((await here.post('/account/sign-in/sign-out-others')).status, 303);
      assert.equal((await there.get('/')).status, 303, 'the other session has ended');
      assert.equal((await here.get('/')).status, 200, 'this one carries on');
    } finally {
      await t2.close();
    }
  });
});
