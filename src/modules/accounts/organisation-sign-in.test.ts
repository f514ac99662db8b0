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

describe('organisation sign-in (without a provider)', () => {
  let t: TestContext;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
  });
  after(() => t.close());

  it('refuses a return from a provider when no sign-in was started in this browser', async () => {
    const agent = new Agent(t.app);
    const res = await agent.get('/sign-in/organisation/callback?code=made-up&state=made-up');
    assert.equal(res.status, 403);
    assert.match(textOf(res.body), /could not sign you in/);
    assert.equal(agent.cookie('hearth_session'), undefined);
    const events = await t.conn.db
      .selectFrom('audit_events')
      .select('detail')
      .where('action', '=', 'auth.sign_in')
      .where('outcome', '=', 'failure')
      .execute();
    assert.ok(events.some((e) => String(e.detail).includes('no sign-in was waiting')));
  });

  it('refuses a provider that is not https (loopback http aside) and one Hearth cannot read', async () => {
    const admin = await signedInAgent(t.app, team.admin);
    await admin.get('/organisation/sign-in');
    const plain = await admin.post('/organisation/sign-in', {
      issuer: 'http://idp.example.test',
      clientId: 'hearth',
      clientSecret: 'secret',
    });
    assert.equal(plain.status, 400);
    assert.match(textOf(plain.body), /must start with https/);
    const unreachable = await admin.post('/organisation/sign-in', {
      issuer: 'http://127.0.0.1:9',
      clientId: 'hearth',
      clientSecret: 'secret',
    });
    assert.equal(unreachable.status, 400);
    assert.match(textOf(unreachable.body), /could not read the settings/);
    const rows = await t.conn.db.selectFrom('oidc_providers').selectAll().execute();
    assert.equal(rows.length, 0);
  });

  it('offers no organisation sign-in until one is set up, and refuses a made-up organisation', async () => {
    const agent = new Agent(t.app);
    const page = await agent.get('/sign-in');
    assert.doesNotMatch(textOf(page.body), /organisation account/);
    const start = await agent.get('/sign-in/organisation/start?organisation=made-up');
    assert.equal(start.status, 400);
    assert.equal(agent.cookie('hearth_step'), undefined);
  });
});
