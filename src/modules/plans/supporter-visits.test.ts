/**
 * Supporter links that allow several visits, through the real app: the code once, then visits
 * without it until the link's idle period; the code again after that; one-visit links as before;
 * stopped, expired and locked links refuse at once; a visit opens only its own link.
 */
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
import { DAY, MINUTE } from '../../lib/clock.ts';
import { hashToken } from '../../lib/tokens.ts';
import { SUPPORTER_VISIT_COOKIE } from './web/supporter.ts';

type Team = Awaited<ReturnType<typeof makeTeam>>;

describe('Supporter links with several visits', () => {
  let t: TestContext;
  let team: Team;
  let person: Agent;
  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
    person = await signedInAgent(t.app, team.person);
    await person.post('/my-plan', { version: '0', helpsText: 'Walks by the river.' });
  });
  after(() => t.close());

  /** Makes a link through the sharing form; returns its path and code. */
  async function makeLink(visits?: string): Promise<{ url: string; code: string; id: string }> {
    await person.get('/my-plan/sharing');
    const made = await person.post('/my-plan/supporter-links', {
      supporterName: 'Chris',
      days: '7',
      ...(visits ? { visits } : {}),
    });
    assert.equal(made.status, 200);
    const link = /<code id="supporter-link"[^>]*>([^<]+)<\/code>/.exec(made.body)![1]!;
    const code = /id="supporter-code">(\d{6})</.exec(made.body)![1]!;
    const url = new URL(link).pathname;
    const row = await t.services.db
      .selectFrom('plan_supporter_links')
      .select(['id', 'visits', 'idle_minutes'])
      .where('organisation_id', '=', team.organisationId)
      .where('token_hash', '=', hashToken(url.split('/').pop()!))
      .executeTakeFirstOrThrow();
    assert.equal(row.visits, visits ?? 'once');
    assert.equal(Number(row.idle_minutes), 30);
    if (visits === 'several') assert.match(textOf(made.body), /used many times/);
    else assert.match(textOf(made.body), /The link works once/);
    return { url, code, id: row.id };
  }

  async function supporterLooks(): Promise<number> {
    const rows = await t.services.db
      .selectFrom('audit_events')
      .select('id')
      .where('organisation_id', '=', team.organisationId)
      .where('action', '=', 'plan.view_supporter')
      .execute();
    return rows.length;
  }

  it('asks for the code once, then opens again without it until the idle period passes', async () => {
    const { url, code } = await makeLink('several');
    const sharing = textOf((await person.get('/my-plan/sharing')).body);
    assert.match(sharing, /Can be used many times until/);

    const supporter = new Agent(t.app, '10.30.0.1');
    const ask = await supporter.get(url);
    assert.equal(ask.status, 200);
    assert.match(textOf(ask.body), /use this link many times/);
    const before = await supporterLooks();
    const first = await supporter.post(url, { code });
    assert.equal(first.status, 200);
    assert.match(textOf(first.body), /Walks by the river/);
    assert.match(textOf(first.body), /open this link again/);
    assert.ok(supporter.cookie(SUPPORTER_VISIT_COOKIE), 'the visit is kept in a cookie');

    t.clock.advance(20 * MINUTE);
    const second = await supporter.get(url);
    assert.equal(second.status, 200);
    assert.match(textOf(second.body), /Walks by the river/);
    // Each look counts from the last one, so steady use keeps the visit open.
    t.clock.advance(20 * MINUTE);
    const third = await supporter.get(url);
    assert.match(textOf(third.body), /Walks by the river/);
    assert.equal(await supporterLooks(), before + 3, 'every look is recorded for the person');

    t.clock.advance(31 * MINUTE);
    const idle = await supporter.get(url);
    assert.equal(idle.status, 200);
    assert.match(textOf(idle.body), /Enter your code/);
    assert.doesNotMatch(textOf(idle.body), /Walks by the river/);
    assert.equal(await supporterLooks(), before + 3);
    // The code works again after the break, since the link has not ended.
    const again = await supporter.post(url, { code });
    assert.match(textOf(again.body), /Walks by the river/);
    t.clock.advance(-71 * MINUTE);
  });

  it('keeps one-visit links as before, also when the form skips the choice', async () => {
    const { url, code } = await makeLink();
    const supporter = new Agent(t.app, '10.30.0.2');
    assert.match(textOf((await supporter.get(url)).body), /shown once/);
    const first = await supporter.post(url, { code });
    assert.equal(first.status, 200);
    assert.match(textOf(first.body), /will not open the plan again/);
    assert.equal(supporter.cookie(SUPPORTER_VISIT_COOKIE), undefined);
    assert.equal((await supporter.get(url)).status, 410);
    assert.equal((await supporter.post(url, { code })).status, 410);
  });

  it('a visit opens only its own link; a made-up visit opens nothing', async () => {
    const one = await makeLink('several');
    const two = await makeLink('several');
    const supporter = new Agent(t.app, '10.30.0.3');
    await supporter.post(one.url, { code: one.code });
    const visit = supporter.cookie(SUPPORTER_VISIT_COOKIE)!;
    const other = new Agent(t.app, '10.30.0.4');
    other.setCookie(SUPPORTER_VISIT_COOKIE, visit);
    const wrongLink = await other.get(two.url);
    assert.match(textOf(wrongLink.body), /Enter your code/);
    other.setCookie(SUPPORTER_VISIT_COOKIE, 'made-up');
    assert.match(textOf((await other.get(one.url)).body), /Enter your code/);
    // The same cookie does open its own link, from any device that holds it.
    other.setCookie(SUPPORTER_VISIT_COOKIE, visit);
    assert.match(textOf((await other.get(one.url)).body), /Walks by the river/);
  });

  it('stopping, the end of the link and the wrong-code lock end an open visit at once', async () => {
    const stopping = await makeLink('several');
    const a = new Agent(t.app, '10.30.0.5');
    await a.post(stopping.url, { code: stopping.code });
    assert.match(textOf((await a.get(stopping.url)).body), /Walks by the river/);
    await person.get('/my-plan/sharing');
    await person.post(`/my-plan/supporter-links/${stopping.id}/revoke`);
    const stopped = await a.get(stopping.url);
    assert.equal(stopped.status, 410);
    assert.match(textOf(stopped.body), /stopped this link/);

    const ending = await makeLink('several');
    const b = new Agent(t.app, '10.30.0.6');
    await b.post(ending.url, { code: ending.code });
    t.clock.advance(7 * DAY + MINUTE);
    const ended = await b.get(ending.url);
    assert.equal(ended.status, 410);
    assert.match(textOf(ended.body), /expired/);
    t.clock.advance(-(7 * DAY + MINUTE));

    const locking = await makeLink('several');
    const c = new Agent(t.app, '10.30.0.7');
    await c.post(locking.url, { code: locking.code });
    const wrongCode = locking.code === '000000' ? '111111' : '000000';
    const stranger = new Agent(t.app, '10.30.0.8');
    for (let i = 0; i < 5; i++) await stranger.post(locking.url, { code: wrongCode });
    const locked = await c.get(locking.url);
    assert.equal(locked.status, 410);
    assert.match(textOf(locked.body), /typed wrongly too many times/);
  });
});
