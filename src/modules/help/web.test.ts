/** Help now pages, the organisation's crisis numbers and "Leave this page" on the server. */
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
import { countCrisisNumbers } from './index.ts';

describe('help pages', () => {
  let t: TestContext;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  let other: Awaited<ReturnType<typeof makeTeam>>;
  let admin: Agent;
  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
    other = await makeTeam(t.services);
    admin = await signedInAgent(t.app, team.admin);
  });
  after(() => t.close());

  async function auditCount(action: string, organisationId = team.organisationId) {
    const rows = await t.services.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', action)
      .where('organisation_id', '=', organisationId)
      .execute();
    return rows.length;
  }

  async function sessionCount(): Promise<number> {
    return (await t.services.db.selectFrom('sessions').select('id').execute()).length;
  }

  it('shows Help now to someone signed out, with the national numbers as links', async () => {
    const res = await new Agent(t.app).get('/help-now');
    assert.equal(res.status, 200);
    const page = textOf(res.body);
    assert.match(page, /Call 111 and choose option 2/);
    assert.match(page, /Call 116 123/);
    assert.match(page, /Text SHOUT to 85258/);
    assert.match(page, /Call 999/);
    assert.match(res.body, /href="tel:111"/);
    assert.match(res.body, /href="tel:116123"/);
    assert.match(res.body, /href="sms:85258\?&amp;body=SHOUT"/);
    assert.match(res.body, /href="tel:999"/);
    assert.doesNotMatch(page, /Your care team/);
    // Signed out pages lead with Help now and "Leave this page" on one strip.
    assert.match(res.body, /class="app-quick-exit__help"/);
    assert.match(res.body, /href="\/leave"[^>]*data-quick-exit/);
  });

  it('lets the administrator add, change and remove a number, audited, and people see it', async () => {
    const page = await admin.get('/admin/help-numbers');
    assert.equal(page.status, 200);
    assert.match(textOf(page.body), /has not added any numbers yet/);
    const added = await admin.post('/admin/help-numbers', {
      label: 'Crisis team (24 hours)',
      number: '0161 496 0000',
      kind: 'phone',
      position: '',
    });
    assert.equal(added.status, 303);
    assert.equal(added.headers.location, '/admin/help-numbers?done=added');
    const list = await admin.get('/admin/help-numbers?done=added');
    assert.match(list.body, /nhsuk-notification-banner--success/);
    assert.match(list.body, /href="tel:01614960000"/);
    assert.equal(await auditCount('help.number_add'), 1);

    await admin.post('/admin/help-numbers', {
      label: 'Ward 3 text line',
      number: '07700 900123',
      kind: 'text',
      position: '5',
    });
    const person = await signedInAgent(t.app, team.person);
    const help = await person.get('/help-now');
    assert.match(textOf(help.body), /Your care team Crisis team \(24 hours\) Call 0161 496 0000/);
    assert.match(help.body, /href="sms:07700900123"/);

    // Someone in another organisation never sees these numbers.
    const stranger = await signedInAgent(t.app, other.person);
    assert.doesNotMatch(textOf((await stranger.get('/help-now')).body), /Crisis team/);

    const row = await t.services.db
      .selectFrom('help_numbers')
      .selectAll()
      .where('organisation_id', '=', team.organisationId)
      .where('label', '=', 'Crisis team (24 hours)')
      .executeTakeFirstOrThrow();
    assert.equal(row.position, 1);
    const edit = await admin.get(`/admin/help-numbers/${row.id}`);
    assert.equal(edit.status, 200);
    assert.match(edit.body, /value="0161 496 0000"/);
    const changed = await admin.post(`/admin/help-numbers/${row.id}`, {
      label: 'Crisis team',
      number: '0161 496 0001',
      kind: 'phone',
      position: '9',
    });
    assert.equal(changed.status, 303);
    assert.equal(await auditCount('help.number_change'), 1);
    const order = textOf((await person.get('/help-now')).body);
    assert.ok(order.indexOf('Ward 3 text line') < order.indexOf('Crisis team'), order);

    // Another organisation's administrator cannot reach it.
    const otherAdmin = await signedInAgent(t.app, other.admin);
    assert.equal((await otherAdmin.get(`/admin/help-numbers/${row.id}`)).status, 404);
    assert.equal((await otherAdmin.post(`/admin/help-numbers/${row.id}/remove`)).status, 404);

    const counts = await countCrisisNumbers(t.services.help, [
      team.organisationId,
      other.organisationId,
    ]);
    assert.equal(counts.get(team.organisationId), 2);
    assert.equal(counts.get(other.organisationId), 0);

    // The panel beside the person's plan (a page of another module) carries the numbers too.
    const plan = await person.get('/my-plan');
    assert.equal(plan.status, 200);
    assert.match(plan.body, /class="app-help-now-panel"/);
    assert.match(plan.body, /<a href="sms:07700900123">Text 07700 900123<\/a>/);
    assert.match(plan.body, /<a href="tel:116123">Call 116 123<\/a>/);

    const removed = await admin.post(`/admin/help-numbers/${row.id}/remove`);
    assert.equal(removed.status, 303);
    assert.equal(await auditCount('help.number_remove'), 1);
    assert.doesNotMatch(textOf((await person.get('/help-now')).body), /Crisis team/);
  });

  it('refuses a bad number with a message at the field and keeps what was typed', async () => {
    const before = await auditCount('help.number_add');
    const res = await admin.post('/admin/help-numbers', {
      label: 'Out of hours',
      number: 'javascript:alert(1)',
      kind: 'fax',
      position: '0',
    });
    assert.equal(res.status, 400);
    const page = textOf(res.body);
    assert.match(page, /There is a problem/);
    assert.match(page, /Enter the number using digits/);
    assert.match(page, /Choose whether people call or text/);
    assert.match(page, /Enter a number from 1 to 99/);
    assert.match(res.body, /value="Out of hours"/);
    assert.equal(await auditCount('help.number_add'), before);
  });

  it('ends the session on the server when the person leaves without JavaScript', async () => {
    const person = await signedInAgent(t.app, team.person);
    const sessions = await sessionCount();
    const res = await person.get('/leave');
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, t.services.config.quickExitUrl);
    assert.equal(await sessionCount(), sessions - 1);
    const back = await person.get('/');
    assert.equal(back.status, 303);
    assert.match(String(back.headers.location), /^\/sign-in/);
  });

  it('ends the session with the beacon, or on the next request when the beacon is lost', async () => {
    const beacon = await signedInAgent(t.app, team.person);
    let sessions = await sessionCount();
    const res = await beacon.post('/leave', {});
    assert.equal(res.status, 204);
    assert.equal(await sessionCount(), sessions - 1);

    const lost = await signedInAgent(t.app, team.person);
    sessions = await sessionCount();
    lost.setCookie('hearth_left', '1');
    const next = await lost.get('/my-plan');
    assert.equal(next.status, 303);
    assert.match(String(next.headers.location), /^\/sign-in/);
    assert.equal(await sessionCount(), sessions - 1);
    assert.equal(lost.cookie('hearth_left'), undefined);
    // Signing in again afterwards works as usual.
    await lost.signIn(team.person.email);
    assert.equal((await lost.get('/')).status, 200);
  });

  it('has a Staying safe online page, linked from sign-in and every footer', async () => {
    const visitor = new Agent(t.app);
    const res = await visitor.get('/staying-safe-online');
    assert.equal(res.status, 200);
    assert.match(textOf(res.body), /private window/);
    const signIn = await visitor.get('/sign-in');
    assert.match(signIn.body, /<a href="\/staying-safe-online">staying safe online<\/a>/);
    assert.match(signIn.body, /nhsuk-footer[\s\S]*href="\/staying-safe-online"/);
  });
});
