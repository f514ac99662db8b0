import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  Agent,
  createTestContext,
  makeTeam,
  signedInAgent,
  textOf,
} from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';
import { IDLE_TIMEOUT_MS, ABSOLUTE_TIMEOUT_MS, INVITATION_TTL_MS } from './service.ts';
import { MINUTE } from '../../lib/clock.ts';

describe('accounts pages', () => {
  let t: TestContext;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
  });
  after(() => t.close());

  it('shows the sign-in page with a quick exit and no navigation', async () => {
    const res = await new Agent(t.app).get('/sign-in');
    assert.equal(res.status, 200);
    assert.match(textOf(res.body), /Sign in to Hearth/);
    assert.match(res.body, /data-quick-exit/);
    assert.match(String(res.headers['content-security-policy']), /script-src 'self' 'sha256-/);
    assert.equal(res.headers['cache-control'], 'no-store');
  });

  it('signs each role in and shows their own home page', async () => {
    const expectations: [{ email: string }, RegExp][] = [
      [team.person, /Who has seen my information/],
      [team.practitioner, /People you work with/],
      [team.manager, /People in your units/],
      [team.admin, /People using services/],
      [team.partner, /lived experience|experience to this service/i],
    ];
    for (const [account, pattern] of expectations) {
      const agent = await signedInAgent(t.app, account);
      const home = await agent.get('/');
      assert.equal(home.status, 200);
      assert.match(textOf(home.body), pattern);
    }
  });

  it('refuses a wrong password with the same message as an unknown email, and writes nothing', async () => {
    const agent = new Agent(t.app, '10.9.0.1');
    const wrong = await agent.post('/sign-in', {
      email: team.person.email,
      password: 'not-the-password-at-all',
    });
    const unknown = await agent.post('/sign-in', {
      email: 'nobody@example.test',
      password: 'not-the-password-at-all',
    });
    assert.equal(wrong.status, 400);
    assert.equal(unknown.status, 400);
    const message = /The email address or password is not right/;
    assert.match(textOf(wrong.body), message);
    assert.match(textOf(unknown.body), message);
    assert.match(wrong.body, /nhsuk-error-summary/);
    assert.equal(agent.cookie('hearth_session'), undefined);
  });

  it('gives a new session token at every sign-in (no fixation) and ends it at sign-out', async () => {
    const agent = new Agent(t.app);
    agent.setCookie('hearth_session', 'planted-by-an-attacker-aaaaaaaaaaaaaaaaaaaaaaa');
    await agent.signIn(team.person.email);
    const first = agent.cookie('hearth_session');
    assert.ok(first && first !== 'planted-by-an-attacker-aaaaaaaaaaaaaaaaaaaaaaa');
    await agent.signIn(team.person.email);
    assert.notEqual(agent.cookie('hearth_session'), first);
    const current = agent.cookie('hearth_session');
    await agent.post('/sign-out');
    agent.setCookie('hearth_session', current);
    const replay = await agent.get('/');
    assert.equal(replay.status, 303);
    assert.match(String(replay.headers.location), /^\/sign-in/);
  });

  it('ends a session after 30 idle minutes and after 12 hours in all', async () => {
    const agent = await signedInAgent(t.app, team.practitioner);
    t.clock.advance(IDLE_TIMEOUT_MS - MINUTE);
    assert.equal((await agent.get('/')).status, 200);
    t.clock.advance(IDLE_TIMEOUT_MS + MINUTE);
    assert.equal((await agent.get('/')).status, 303);

    const busy = await signedInAgent(t.app, team.practitioner);
    for (let spent = 0; spent < ABSOLUTE_TIMEOUT_MS - 20 * MINUTE; spent += 20 * MINUTE) {
      t.clock.advance(20 * MINUTE);
      assert.equal((await busy.get('/')).status, 200);
    }
    t.clock.advance(40 * MINUTE);
    assert.equal((await busy.get('/')).status, 303);
  });

  it('rate-limits sign-in per account, without locking out other accounts', async () => {
    const agent = new Agent(t.app, '10.9.0.2');
    for (let i = 0; i < 5; i++) {
      await agent.post('/sign-in', {
        email: team.manager.email,
        password: 'wrong-password-number-' + i,
      });
    }
    const locked = await agent.post('/sign-in', {
      email: team.manager.email,
      password: 'correct-horse-battery-staple',
    });
    assert.equal(locked.status, 429);
    assert.match(textOf(locked.body), /too many attempts/i);
    const other = new Agent(t.app, '10.9.0.3');
    await other.signIn(team.admin.email);
    t.clock.advance(16 * MINUTE);
    await new Agent(t.app, '10.9.0.2').signIn(team.manager.email);
  });

  it('disabling an account ends all its sessions at once', async () => {
    const t2 = await createTestContext();
    try {
      const team2 = await makeTeam(t2.services);
      const phone = await signedInAgent(t2.app, team2.practitioner);
      const laptop = await signedInAgent(t2.app, team2.practitioner);
      const admin = await signedInAgent(t2.app, team2.admin);
      const res = await admin.post(`/people/${team2.practitioner.id}/disable`);
      assert.equal(res.status, 303);
      assert.equal((await phone.get('/')).status, 303);
      assert.equal((await laptop.get('/')).status, 303);
      const again = new Agent(t2.app, '10.9.0.9');
      const refused = await again.post('/sign-in', {
        email: team2.practitioner.email,
        password: 'correct-horse-battery-staple',
      });
      assert.equal(refused.status, 400);
    } finally {
      await t2.close();
    }
  });

  it('lets an admin invite staff and the person join once, choosing their own password', async () => {
    const admin = await signedInAgent(t.app, team.admin);
    const created = await admin.post('/invitations', {
      displayName: 'Rowan Green',
      email: 'rowan@example.test',
      role: 'practitioner',
      unitId: team.unitId,
    });
    assert.equal(created.status, 200);
    const link =
      /<code id="invitation-link">http:\/\/localhost(\/invitations\/[\w-]+)<\/code>/.exec(
        created.body,
      )?.[1];
    assert.ok(link, 'the page shows the link');
    const rowan = new Agent(t.app);
    const page = await rowan.get(link);
    assert.match(textOf(page.body), /Welcome to Hearth, Rowan Green/);
    const weak = await rowan.post(link, {
      password: 'password1234',
      confirmPassword: 'password1234',
    });
    assert.equal(weak.status, 400);
    assert.match(textOf(weak.body), /many people use/);
    const short = await rowan.post(link, { password: 'short', confirmPassword: 'short' });
    assert.match(textOf(short.body), /at least 12 characters/);
    const ok = await rowan.post(link, {
      password: 'river-stone-mossy-path',
      confirmPassword: 'river-stone-mossy-path',
    });
    assert.equal(ok.status, 303);
    assert.match(textOf((await rowan.get('/')).body), /Hello, Rowan Green/);
    const reuse = await new Agent(t.app).get(link);
    assert.equal(reuse.status, 410);
    assert.match(textOf(reuse.body), /already been used/);
  });

  it('refuses an expired invitation with a clear page', async () => {
    const practitioner = await signedInAgent(t.app, team.practitioner);
    const created = await practitioner.post('/invitations', {
      displayName: 'Kit Moss',
      email: 'kit@example.test',
      role: 'service_user',
      unitId: team.unitId,
    });
    const link = /\/invitations\/[\w-]{43}/.exec(created.body)?.[0];
    assert.ok(link);
    t.clock.advance(INVITATION_TTL_MS + MINUTE);
    const res = await new Agent(t.app).get(link);
    assert.equal(res.status, 410);
    assert.match(textOf(res.body), /expired/);
    const post = await new Agent(t.app).post(link, {
      password: 'river-stone-mossy-path',
      confirmPassword: 'river-stone-mossy-path',
    });
    assert.equal(post.status, 410);
  });

  it('does not let a practitioner invite staff (the form refuses the role)', async () => {
    const fresh = await makeTeam(t.services);
    const practitioner = await signedInAgent(t.app, fresh.practitioner);
    const res = await practitioner.post('/invitations', {
      displayName: 'Sneaky Admin',
      email: 'sneaky@example.test',
      role: 'org_admin',
      unitId: fresh.unitId,
    });
    assert.equal(res.status, 400);
    assert.match(textOf(res.body), /cannot invite someone to this role/);
  });
});
