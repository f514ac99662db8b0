import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  Agent,
  TEST_PASSWORD,
  createTestContext,
  makeTeam,
  signedInAgent,
  textOf,
} from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';
import { createSoftAuthenticator } from '../../../test/passkey-authenticator.ts';
import { MINUTE } from '../../lib/clock.ts';
import { acrossOrganisations } from '../../db/tenancy.ts';

const ORIGIN = 'http://localhost';

/** The options a passkey page carries in its form's data-options attribute. */
function optionsOf(body: string) {
  const match = /data-options="([^"]*)"/.exec(body);
  assert.ok(match, 'the page carries passkey options');
  return JSON.parse(
    match[1]!
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&'),
  );
}

describe('passkeys', () => {
  let t: TestContext;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  let other: Awaited<ReturnType<typeof makeTeam>>;
  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
    other = await makeTeam(t.services);
  });
  after(() => t.close());

  const passkeysOf = (accountId: string) =>
    acrossOrganisations('test: an account’s passkeys', () =>
      t.services.db
        .selectFrom('passkeys')
        .selectAll()
        .where('account_id', '=', accountId)
        .execute(),
    );

  const auditActions = (organisationId: string) =>
    t.services.db
      .selectFrom('audit_events')
      .select(['action', 'outcome'])
      .where('organisation_id', '=', organisationId)
      .execute();

  async function addPasskey(agent: Agent, device = createSoftAuthenticator(ORIGIN), name = '') {
    const page = await agent.get('/account/sign-in/passkeys/new');
    assert.equal(page.status, 200);
    const answer = device.register(optionsOf(page.body));
    const res = await agent.post('/account/sign-in/passkeys', {
      name,
      response: JSON.stringify(answer),
    });
    return { res, device };
  }

  async function passkeySignIn(agent: Agent, answer: (options: never) => unknown) {
    const page = await agent.get('/sign-in/passkey');
    assert.equal(page.status, 200);
    return agent.post('/sign-in/passkey', {
      passkey: JSON.stringify(answer(optionsOf(page.body) as never)),
    });
  }

  it('offers registration options for this site, naming the person and asking for a discoverable passkey', async () => {
    const agent = await signedInAgent(t.app, team.person);
    const page = await agent.get('/account/sign-in/passkeys/new');
    const options = optionsOf(page.body);
    assert.equal(options.rp.id, 'localhost');
    assert.equal(options.authenticatorSelection.residentKey, 'required');
    assert.equal(Buffer.from(options.user.id, 'base64url').toString(), team.person.id);
    assert.match(textOf(page.body), /What is a passkey\?/);
  });

  it('lets a person add a passkey, then sign in with it alone', async () => {
    const agent = await signedInAgent(t.app, team.person);
    const { res, device } = await addPasskey(agent, undefined, 'My phone');
    assert.equal(res.status, 303);
    const stored = await passkeysOf(team.person.id);
    assert.equal(stored.length, 1);
    assert.equal(stored[0]!.name, 'My phone');
    assert.equal(stored[0]!.organisation_id, team.organisationId);
    const listed = textOf((await agent.get('/account/sign-in')).body);
    assert.match(listed, /My phone/);
    assert.match(listed, /Not used yet/);

    const fresh = new Agent(t.app);
    const signIn = await passkeySignIn(fresh, (o) => device.authenticate(o));
    assert.equal(signIn.status, 303);
    assert.ok(fresh.cookie('hearth_session'), 'a session started');
    assert.equal((await fresh.get('/')).status, 200);
    const after = await passkeysOf(team.person.id);
    assert.equal(after[0]!.counter, device.credentials[0]!.counter);
    assert.ok(after[0]!.last_used_at);
    const actions = await auditActions(team.organisationId);
    assert.ok(actions.some((a) => a.action === 'auth.passkey_added'));
    assert.ok(actions.some((a) => a.action === 'auth.sign_in' && a.outcome === 'success'));
  });

  it('refuses an answer to another challenge, a replayed answer, and an unknown passkey', async () => {
    const agent = await signedInAgent(t.app, team.person);
    const { device } = await addPasskey(agent);

    const wrong = new Agent(t.app);
    const res = await passkeySignIn(wrong, (o) =>
      device.authenticate(o, { challenge: Buffer.from('not the challenge').toString('base64url') }),
    );
    assert.equal(res.status, 400);
    assert.equal(wrong.cookie('hearth_session'), undefined);

    // The same answer again, on the same step: the step was used up by the first try.
    const replay = new Agent(t.app);
    const page = await replay.get('/sign-in/passkey');
    const answer = JSON.stringify(device.authenticate(optionsOf(page.body)));
    const step = replay.cookie('hearth_step');
    assert.equal((await replay.post('/sign-in/passkey', { passkey: answer })).status, 303);
    const thief = new Agent(t.app);
    thief.setCookie('hearth_step', step);
    assert.equal((await thief.post('/sign-in/passkey', { passkey: answer })).status, 400);
    assert.equal(thief.cookie('hearth_session'), undefined);
    // And on a new step, the old answer names the old challenge.
    const late = new Agent(t.app);
    await late.get('/sign-in/passkey');
    assert.equal((await late.post('/sign-in/passkey', { passkey: answer })).status, 400);

    const stranger = createSoftAuthenticator(ORIGIN);
    stranger.register({ challenge: 'x', user: { id: 'someone' } });
    const unknown = new Agent(t.app);
    assert.equal((await passkeySignIn(unknown, (o) => stranger.authenticate(o))).status, 400);
    assert.equal(unknown.cookie('hearth_session'), undefined);
  });

  it('refuses an answer made on another site, and an expired challenge', async () => {
    const agent = await signedInAgent(t.app, team.person);
    const { device } = await addPasskey(agent);
    const elsewhere = new Agent(t.app);
    const res = await passkeySignIn(elsewhere, (o) =>
      device.authenticate(o, { origin: 'https://hearth.example.evil' }),
    );
    assert.equal(res.status, 400);

    const slow = new Agent(t.app);
    const page = await slow.get('/sign-in/passkey');
    const answer = JSON.stringify(device.authenticate(optionsOf(page.body)));
    t.clock.advance(11 * MINUTE);
    assert.equal((await slow.post('/sign-in/passkey', { passkey: answer })).status, 400);
    assert.equal(slow.cookie('hearth_session'), undefined);
  });

  it('refuses a passkey whose counter went backwards (a copied authenticator)', async () => {
    const agent = await signedInAgent(t.app, other.person);
    const { device } = await addPasskey(agent);
    const first = new Agent(t.app);
    assert.equal(
      (await passkeySignIn(first, (o) => device.authenticate(o, { counter: 5 }))).status,
      303,
    );
    const copy = new Agent(t.app);
    assert.equal(
      (await passkeySignIn(copy, (o) => device.authenticate(o, { counter: 3 }))).status,
      400,
    );
    assert.equal(copy.cookie('hearth_session'), undefined);
    assert.equal((await passkeysOf(other.person.id))[0]!.counter, 5);
  });

  it('refuses a registration made for another site or another challenge', async () => {
    const agent = await signedInAgent(t.app, team.partner);
    const device = createSoftAuthenticator(ORIGIN);
    for (const bend of [{ origin: 'https://elsewhere.example' }, { challenge: 'AAAA' }]) {
      const page = await agent.get('/account/sign-in/passkeys/new');
      const answer = device.register(optionsOf(page.body), bend);
      const res = await agent.post('/account/sign-in/passkeys', {
        response: JSON.stringify(answer),
      });
      assert.equal(res.status, 400);
    }
    assert.equal((await passkeysOf(team.partner.id)).length, 0);
    const res = await agent.post('/account/sign-in/passkeys', { response: '{"id":' });
    assert.equal(res.status, 400);
  });

  it('staff add a passkey as their second step, get recovery codes, then sign in with password and passkey', async () => {
    const nurse = await signedInAgent(t.app, team.practitioner);
    const { res, device } = await addPasskey(nurse, undefined, 'Ward laptop');
    assert.equal(res.status, 200);
    assert.equal([...res.body.matchAll(/<li><code>/g)].length, 10, 'recovery codes shown once');

    const agent = new Agent(t.app);
    const password = await agent.post('/sign-in', {
      email: team.practitioner.email,
      password: TEST_PASSWORD,
    });
    assert.equal(password.headers.location, '/sign-in/code');
    assert.equal(agent.cookie('hearth_session'), undefined);
    const code = await agent.get('/sign-in/code');
    assert.equal(code.status, 200);
    const options = optionsOf(code.body);
    assert.deepEqual(
      options.allowCredentials.map((c: { id: string }) => c.id),
      [device.credentials[0]!.id],
    );
    const done = await agent.post('/sign-in/code/passkey', {
      passkey: JSON.stringify(device.authenticate(options)),
    });
    assert.equal(done.status, 303);
    assert.equal(done.headers.location, '/');
    assert.ok(agent.cookie('hearth_session'));
  });

  it('refuses another account’s passkey, from this or another organisation, as a second step', async () => {
    const mine = await signedInAgent(t.app, team.manager);
    await addPasskey(mine);
    const theirs = await signedInAgent(t.app, other.manager);
    const { device: theirDevice } = await addPasskey(theirs);

    const agent = new Agent(t.app);
    await agent.post('/sign-in', { email: team.manager.email, password: TEST_PASSWORD });
    const code = await agent.get('/sign-in/code');
    const res = await agent.post('/sign-in/code/passkey', {
      passkey: JSON.stringify(theirDevice.authenticate(optionsOf(code.body))),
    });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/sign-in/code?passkey=failed');
    assert.equal(agent.cookie('hearth_session'), undefined);
    assert.match(
      textOf((await agent.get('/sign-in/code?passkey=failed')).body),
      /could not be used/,
    );
  });

  it('staff signing in with a passkey alone are refused (their passkey is a second step)', async () => {
    const admin = await signedInAgent(t.app, other.admin);
    const { device } = await addPasskey(admin);
    const agent = new Agent(t.app);
    assert.equal((await passkeySignIn(agent, (o) => device.authenticate(o))).status, 400);
    assert.equal(agent.cookie('hearth_session'), undefined);
  });

  it('removes a passkey (audited), but not staff’s last second step, and not another’s', async () => {
    const person = await signedInAgent(t.app, other.person);
    await addPasskey(person);
    const before = await passkeysOf(other.person.id);
    const passkey = before.at(-1)!;
    const foreign = await signedInAgent(t.app, team.person);
    assert.equal(
      (await foreign.post('/account/sign-in/passkeys/remove', { passkey: passkey.id })).status,
      404,
    );
    assert.equal((await passkeysOf(other.person.id)).length, before.length);
    const removed = await person.post('/account/sign-in/passkeys/remove', {
      passkey: passkey.id,
    });
    assert.equal(removed.status, 303);
    const left = await passkeysOf(other.person.id);
    assert.equal(left.length, before.length - 1);
    assert.ok(!left.some((p) => p.id === passkey.id));
    assert.ok(
      (await auditActions(other.organisationId)).some((a) => a.action === 'auth.passkey_removed'),
    );

    const nurse = await signedInAgent(t.app, other.practitioner);
    await addPasskey(nurse);
    const [only] = await passkeysOf(other.practitioner.id);
    const refused = await nurse.post('/account/sign-in/passkeys/remove', { passkey: only!.id });
    assert.equal(refused.status, 409);
    assert.match(textOf(refused.body), /only second step/);
    assert.equal((await passkeysOf(other.practitioner.id)).length, 1);
  });
});
