/**
 * The ward screen story: expectations published in versions; a discharge message written,
 * held when it holds a phone number, checked, shown and taken down; a display token that opens
 * only its ward's screen, and a revoked one that shows only "no longer connected". The screen
 * shows nothing personal however the address is changed.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, makeTeam, signedInAgent, textOf } from '../../../test/factories.ts';
import type { Agent, TestContext } from '../../../test/factories.ts';

describe('the ward screen, expectations and discharge messages', () => {
  let t: TestContext;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  let other: Awaited<ReturnType<typeof makeTeam>>;
  let nurse: Agent;
  let manager: Agent;
  let person: Agent;
  let screenUrl = '';
  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
    other = await makeTeam(t.services);
    nurse = await signedInAgent(t.app, team.practitioner);
    manager = await signedInAgent(t.app, team.manager);
    person = await signedInAgent(t.app, team.person);
  });
  after(() => t.close());

  const expectationsUrl = () => `/wards/${team.unitId}/expectations`;

  it('keeps every version of the expectations, and a stale edit is told someone was first', async () => {
    assert.equal(
      (await nurse.post(expectationsUrl(), { body: 'We knock first.', basedOn: '0' })).status,
      303,
    );
    assert.equal(
      (await nurse.post(expectationsUrl(), { body: 'We knock first.\nWe listen.', basedOn: '1' }))
        .status,
      303,
    );
    const stale = await manager.post(expectationsUrl(), { body: 'Other words', basedOn: '1' });
    assert.equal(stale.status, 409);
    assert.match(textOf(stale.body), /Someone else published a new version/);
    const page = textOf((await person.get(expectationsUrl())).body);
    assert.match(page, /We listen\./);
    assert.match(page, /Version 2, published by/);
    assert.match(page, /Version 1, published by/);
    assert.doesNotMatch(page, /Publish a new version/); // people read; staff publish
    const poster = await person.get(`${expectationsUrl()}/poster`);
    assert.equal(poster.status, 200);
    assert.match(poster.body, /app-poster__list/);
    const empty = await nurse.post(expectationsUrl(), { body: '  ', basedOn: '2' });
    assert.equal(empty.status, 400);
  });

  it('refuses a message over 2,000 characters with a clear message, and saves nothing', async () => {
    const page = await person.get('/discharge-message');
    assert.equal(page.status, 200);
    const res = await person.post('/discharge-message', {
      unitId: team.unitId,
      body: 'a'.repeat(2001),
    });
    assert.equal(res.status, 400);
    assert.match(textOf(res.body), /longer than 2,000 characters/);
    const rows = await t.services.db
      .selectFrom('ward_discharge_messages')
      .selectAll()
      .where('organisation_id', '=', team.organisationId)
      .execute();
    assert.equal(rows.length, 0);
  });

  let heldId = '';
  let goodId = '';
  it('holds a message with a phone number, with the reason, for a staff check', async () => {
    const held = await person.post('/discharge-message', {
      unitId: team.unitId,
      body: 'Text me on 07700 900123 if you want to talk.',
    });
    assert.match(String(held.headers.location), /saved=held/);
    const good = await person.post('/discharge-message', {
      unitId: team.unitId,
      body: 'It does get better. Be kind to yourself.',
      firstName: 'Sam',
    });
    assert.match(String(good.headers.location), /saved=sent/);
    const rows = await t.services.db
      .selectFrom('ward_discharge_messages')
      .selectAll()
      .where('organisation_id', '=', team.organisationId)
      .execute();
    heldId = rows.find((r) => r.held_reason)?.id ?? '';
    goodId = rows.find((r) => !r.held_reason)?.id ?? '';
    const queue = textOf((await nurse.get(`/wards/${team.unitId}/discharge-messages`)).body);
    assert.match(queue, /Held for a closer look/);
    assert.match(queue, /It seems to include a phone number/);
  });

  it('needs a reason to decline, and shows the reason to the writer', async () => {
    const url = `/wards/${team.unitId}/discharge-messages/${heldId}`;
    const bare = await nurse.post(url, { decision: 'decline' });
    assert.equal(bare.status, 400);
    assert.match(textOf(bare.body), /Say why/);
    assert.equal(
      (await nurse.post(url, { decision: 'decline', reason: 'It has a phone number in it.' }))
        .status,
      303,
    );
    assert.equal(
      (
        await nurse.post(`/wards/${team.unitId}/discharge-messages/${goodId}`, {
          decision: 'approve',
        })
      ).status,
      303,
    );
    const mine = textOf((await person.get('/discharge-message')).body);
    assert.match(mine, /Why it is not shown: It has a phone number in it\./);
    assert.match(mine, /On the ward screen/);
  });

  it('holds a message over 500 characters with the reason, and keeps every word', async () => {
    const body = `${'Things do get better, one day at a time. '.repeat(13)}Take care.`;
    assert.ok(body.length > 500 && body.length <= 2000);
    const res = await person.post('/discharge-message', { unitId: team.unitId, body });
    assert.match(String(res.headers.location), /saved=held/);
    const row = await t.services.db
      .selectFrom('ward_discharge_messages')
      .selectAll()
      .where('organisation_id', '=', team.organisationId)
      .where('body', '=', body)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'waiting');
    assert.match(row.held_reason ?? '', /longer than 500 characters/);
    const mine = textOf((await person.get('/discharge-message')).body);
    assert.match(mine, /longer than 500 characters/);
  });

  it('gives a manager a screen address that shows approved messages and expectations only', async () => {
    const made = await manager.post(`/wards/${team.unitId}/display-tokens`, { label: 'Day room' });
    assert.equal(made.status, 200);
    screenUrl = /\/ward-screen\/[A-Za-z0-9_-]{40,}/.exec(made.body)?.[0] ?? '';
    assert.ok(screenUrl);
    const stored = await t.services.db
      .selectFrom('ward_display_tokens')
      .selectAll()
      .where('organisation_id', '=', team.organisationId)
      .execute();
    assert.ok(!JSON.stringify(stored).includes(screenUrl.split('/').pop() as string));
    const screen = await new (nurse.constructor as typeof Agent)(t.app).get(screenUrl);
    assert.equal(screen.status, 200);
    assert.match(screen.body, /http-equiv="refresh" content="300"/);
    const text = textOf(screen.body);
    assert.match(text, /We listen\./);
    assert.match(text, /It does get better/);
    assert.match(text, /Sam/);
    assert.doesNotMatch(text, /07700/);
    assert.doesNotMatch(screen.body, /<script[^>]*src=/); // the screen runs no script of ours
  });

  it('takes a withdrawn message off the screen at once', async () => {
    assert.equal((await person.post(`/discharge-message/${goodId}/withdraw`, {})).status, 303);
    const text = textOf((await new (nurse.constructor as typeof Agent)(t.app).get(screenUrl)).body);
    assert.doesNotMatch(text, /It does get better/);
    // Nobody else can take someone's message down.
    assert.equal((await nurse.post(`/discharge-message/${heldId}/withdraw`, {})).status, 404);
  });

  it('shows nothing personal whatever address is tried', async () => {
    const visitor = new (nurse.constructor as typeof Agent)(t.app, '10.9.9.9');
    const names = [team.person, team.practitioner, team.manager].map((a) => a.email);
    const ids = [
      team.unitId,
      other.unitId,
      team.organisationId,
      other.organisationId,
      team.person.id,
      team.practitioner.id,
      other.person.id,
      heldId,
      goodId,
    ];
    const token = screenUrl.split('/').pop() as string;
    const tries = [
      ...ids.map((id) => `/ward-screen/${id}`),
      ...ids.map((id) => `${screenUrl}/${id}`),
      ...ids.map((id) => `${screenUrl}?unit=${id}&person=${id}`),
      `/ward-screen/${token.slice(0, -1)}`,
      `/ward-screen/${token.toUpperCase()}`,
      ...ids.map((id) => `/wards/${id}/expectations`),
      ...ids.map((id) => `/wards/${id}/discharge-messages`),
    ];
    for (const url of tries) {
      const res = await visitor.get(url);
      for (const secret of [...names, 'Text me on', '07700', team.person.id])
        assert.ok(!res.body.includes(secret), `${url} showed ${secret}`);
      if (!url.startsWith(screenUrl + '?')) assert.notEqual(res.status, 200, url);
    }
  });

  it('shows only "no longer connected" once the token is revoked', async () => {
    const list = await t.services.db
      .selectFrom('ward_display_tokens')
      .select('id')
      .where('organisation_id', '=', team.organisationId)
      .execute();
    const revoke = await manager.post(
      `/wards/${team.unitId}/display-tokens/${list[0]?.id}/revoke`,
      {},
    );
    assert.equal(revoke.status, 303);
    const res = await new (nurse.constructor as typeof Agent)(t.app, '10.1.1.1').get(screenUrl);
    assert.match(textOf(res.body), /This screen is no longer connected/);
    assert.doesNotMatch(textOf(res.body), /We listen/);
  });

  it('slows down guessing: unknown screen addresses from one address get "too many"', async () => {
    const guesser = new (nurse.constructor as typeof Agent)(t.app, '10.2.2.2');
    let last = 0;
    for (let n = 0; n < 22; n++)
      last = (await guesser.get(`/ward-screen/${'x'.repeat(30)}${n}`)).status;
    assert.equal(last, 429);
  });
});
