import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, createTestContext, makeTeam } from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';
import { SIGN_IN_LIMITS } from './service.ts';
import { MINUTE } from '../../lib/clock.ts';

/** How many sign-in attempts for an account reached the password check (each leaves a failure event). */
async function passwordChecks(t: TestContext, accountId: string): Promise<number> {
  const rows = await t.conn.db
    .selectFrom('audit_events')
    .select('id')
    .where('action', '=', 'auth.sign_in')
    .where('record_id', '=', accountId)
    .where('outcome', '=', 'failure')
    .execute();
  return rows.length;
}

describe('sign-in limits under concurrency', () => {
  let t: TestContext;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
  });
  after(() => t.close());

  it('checks at most the per-account limit when 20 wrong passwords arrive at once', async () => {
    const agent = new Agent(t.app, '10.20.0.1');
    await agent.get('/sign-in');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        agent.post('/sign-in', { email: team.manager.email, password: `wrong-guess-${i}-xxxx` }),
      ),
    );
    const statuses = results.map((r) => r.status);
    const checked = statuses.filter((s) => s === 400).length;
    const refused = statuses.filter((s) => s === 429).length;
    assert.equal(checked + refused, 20, `unexpected statuses: ${statuses.join(',')}`);
    assert.equal(checked, SIGN_IN_LIMITS.account);
    assert.equal(await passwordChecks(t, team.manager.id), SIGN_IN_LIMITS.account);
    // Even the right password is refused until the window ends, then works again.
    const right = await agent.post('/sign-in', {
      email: team.manager.email,
      password: team.manager.password,
    });
    assert.equal(right.status, 429);
    const limited = await t.conn.db
      .selectFrom('audit_events')
      .select('detail')
      .where('action', '=', 'auth.sign_in_limited')
      .execute();
    assert.equal(limited.length, 1, 'the limit being reached is recorded once');
    assert.doesNotMatch(String(limited[0]!.detail), /@/, 'no email address in the record');
    t.clock.advance(SIGN_IN_LIMITS.windowMs + MINUTE);
    await new Agent(t.app, '10.20.0.1').signIn(team.manager.email);
  });

  it('checks at most the per-address limit when many accounts are tried at once from one address', async () => {
    const agent = new Agent(t.app, '10.20.0.2');
    await agent.get('/sign-in');
    const tries = SIGN_IN_LIMITS.ip + 10;
    const results = await Promise.all(
      Array.from({ length: tries }, (_, i) =>
        agent.post('/sign-in', {
          email: `nobody-${i}@example.test`,
          password: 'guess-guess-guess',
        }),
      ),
    );
    const checked = results.filter((r) => r.status === 400).length;
    assert.equal(checked, SIGN_IN_LIMITS.ip);
    assert.equal(results.filter((r) => r.status === 429).length, tries - SIGN_IN_LIMITS.ip);
    // Another address is not affected.
    await new Agent(t.app, '10.20.0.3').signIn(team.admin.email);
  });

  it('does not use up the allowance with sign-ins that work', async () => {
    const agent = new Agent(t.app, '10.20.0.4');
    for (let i = 0; i < SIGN_IN_LIMITS.account + 2; i++)
      await agent.signIn(team.practitioner.email);
  });
});
