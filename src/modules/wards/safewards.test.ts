/**
 * Safewards on a ward: the ten interventions and their checklists, the manager's monthly check
 * (a second is a change with history; bad input saves nothing; no future month), scores and
 * trend, the mutual help meeting log, and "about me" for staff and for people who choose to share.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, makeTeam, signedInAgent, textOf } from '../../../test/factories.ts';
import type { Agent, TestContext } from '../../../test/factories.ts';
import { checkText } from '../language/index.ts';
import { fidelityItemIds, interventions, scoreCheck, scoreIntervention } from './interventions.ts';
import { ABOUT_ME_MAX } from './safewards-schema.ts';

// The test clock reads 2026-06-01 09:00 UTC: this month is June 2026.
const MONTH = '2026-06';

describe('the ten interventions', () => {
  it('has ten interventions with stable, unique ids and 2 to 4 checklist items each', () => {
    assert.equal(interventions.length, 10);
    assert.equal(new Set(interventions.map((i) => i.id)).size, 10);
    assert.equal(new Set(fidelityItemIds).size, fidelityItemIds.length);
    for (const i of interventions)
      assert.ok(i.checklist.length >= 2 && i.checklist.length <= 4, i.id);
  });

  it('uses words the language checker passes', () => {
    for (const i of interventions)
      for (const text of [i.name, i.summary, ...i.checklist.map((c) => c.text)])
        assert.deepEqual(
          checkText(text).map((f) => f.text),
          [],
          text,
        );
  });

  it('scores seen as 2, partly as 1, not yet as 0, and leaves skipped items out', () => {
    const soft = interventions.find((i) => i.id === 'soft-words')!;
    assert.equal(scoreIntervention(soft, {}), null);
    assert.equal(scoreIntervention(soft, { 'sw-reason': 'seen' }), 100);
    assert.equal(scoreIntervention(soft, { 'sw-reason': 'seen', 'sw-options': 'not_yet' }), 50);
    assert.equal(
      scoreIntervention(soft, { 'sw-reason': 'partly', 'sw-options': 'partly', 'sw-tone': 'seen' }),
      67,
    );
    // Two interventions answered: soft words 100, talk down 0 -> 50 overall.
    assert.equal(scoreCheck({ 'sw-reason': 'seen', 'td-calm': 'not_yet' }), 50);
    assert.equal(scoreCheck({}), null);
  });
});

describe('Safewards on a ward', () => {
  let t: TestContext;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  let other: Awaited<ReturnType<typeof makeTeam>>;
  let manager: Agent;
  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
    other = await makeTeam(t.services);
    manager = await signedInAgent(t.app, team.manager);
  });
  after(() => t.close());

  const base = () => `/wards/${team.unitId}/safewards`;
  const rows = async () =>
    JSON.stringify([
      await t.services.db
        .selectFrom('ward_fidelity_checks')
        .selectAll()
        .where('organisation_id', '=', team.organisationId)
        .execute(),
      await t.services.db
        .selectFrom('ward_fidelity_check_versions')
        .selectAll()
        .where('organisation_id', '=', team.organisationId)
        .execute(),
      await t.services.db
        .selectFrom('ward_interventions')
        .selectAll()
        .where('organisation_id', '=', team.organisationId)
        .execute(),
    ]);
  const actions = async () =>
    (
      await t.services.db
        .selectFrom('audit_events')
        .select('action')
        .where('organisation_id', '=', team.organisationId)
        .where('action', 'like', 'wards.%')
        .execute()
    )
      .map((a) => a.action)
      .sort();

  it('records which interventions are in place, refusing a future date', async () => {
    const bad = await manager.post(`${base()}/in-place`, {
      'since_soft-words': '2026-01-05',
      'since_talk-down': '2026-07-01',
    });
    assert.equal(bad.status, 400);
    assert.match(bad.body, /href="#since_talk-down"/);
    const wrong = await manager.post(`${base()}/in-place`, { 'since_soft-words': '2026-02-30' });
    assert.equal(wrong.status, 400);
    assert.match(wrong.body, /Enter a real date/);
    assert.equal(
      (
        await t.services.db
          .selectFrom('ward_interventions')
          .selectAll()
          .where('organisation_id', '=', team.organisationId)
          .execute()
      ).length,
      0,
    );
    const res = await manager.post(`${base()}/in-place`, {
      'since_soft-words': '2026-01-05',
      'since_talk-down': '',
    });
    assert.equal(res.status, 303);
    const page = textOf((await manager.get(base())).body);
    assert.match(page, /Soft words .*2026-01-05/);
    assert.match(page, /Talk down .*Not yet/);
  });

  it('saves a month’s check, and a second is a change with the first kept', async () => {
    const first = await manager.post(`${base()}/check`, {
      month: MONTH,
      'sw-reason': 'seen',
      'sw-options': 'partly',
      'td-calm': 'not_yet',
    });
    assert.equal(first.status, 303);
    assert.match(String(first.headers.location), /saved=new/);
    const second = await manager.post(`${base()}/check`, {
      month: MONTH,
      'sw-reason': 'seen',
      'sw-options': 'seen',
      note: 'Talk down training booked',
    });
    assert.equal(second.status, 303);
    assert.match(String(second.headers.location), /saved=changed/);
    const form = textOf((await manager.get(String(second.headers.location))).body);
    assert.match(form, /Check changed/);
    assert.match(form, /Version 1, saved by .*Soft words: 75; Talk down: 0/);
    const overview = textOf((await manager.get(base())).body);
    // June: only soft words answered, all seen -> 100 overall.
    assert.match(overview, /2026-06 100 skipped 100 skipped/);
    assert.match(overview, /at least 6 months/);
    assert.deepEqual(
      (await actions()).filter((a) => a.includes('fidelity')),
      ['wards.fidelity_check', 'wards.fidelity_check_change'],
    );
  });

  const bad: [string, Record<string, string | string[]>, string][] = [
    ['a month that has not begun', { month: '2026-07' }, 'month'],
    ['a month that does not exist', { month: '2026-13' }, 'month'],
    ['an answer that is not a choice', { 'sw-reason': 'always' }, 'sw-reason'],
    ['two answers to one point', { 'sw-reason': ['seen', 'partly'] }, 'sw-reason'],
    ['a note that is too long', { note: 'x'.repeat(1001) }, 'note'],
  ];
  for (const [label, form, field] of bad) {
    it(`refuses ${label} with a message by the field, and saves nothing`, async () => {
      const before = await rows();
      const res = await manager.post(`${base()}/check`, { month: MONTH, ...form });
      assert.equal(res.status, 400);
      assert.match(res.body, new RegExp(`href="#${field}"`));
      assert.equal(await rows(), before);
    });
  }

  it('lets only the ward’s manager check it; the administrator reads; others get 404', async () => {
    const nurse = await signedInAgent(t.app, team.practitioner);
    assert.equal((await nurse.get(`${base()}/check`)).status, 404);
    assert.equal((await nurse.get(base())).status, 404);
    const theirs = await signedInAgent(t.app, other.manager);
    assert.equal((await theirs.get(base())).status, 404);
    assert.equal((await theirs.post(`${base()}/check`, { month: MONTH })).status, 404);
    const admin = await signedInAgent(t.app, team.admin);
    assert.equal((await admin.get(base())).status, 200);
    assert.equal((await admin.get(`${base()}/check`)).status, 404);
  });

  it('logs a mutual help meeting with no names asked, and refuses a future one', async () => {
    const nurse = await signedInAgent(t.app, team.practitioner);
    const url = `/wards/${team.unitId}/mutual-help`;
    const form = textOf((await nurse.get(url)).body);
    assert.match(form, /No names are needed/);
    const future = await nurse.post(url, { heldOn: '2026-06-02', thanks: 'x' });
    assert.equal(future.status, 400);
    assert.match(future.body, /href="#heldOn"/);
    const long = await nurse.post(url, { heldOn: '2026-06-01', offers: 'x'.repeat(1001) });
    assert.equal(long.status, 400);
    assert.match(long.body, /href="#offers"/);
    const ok = await nurse.post(url, {
      heldOn: '2026-06-01',
      thanks: 'For the music last night',
      requests: '',
    });
    assert.equal(ok.status, 303);
    const list = textOf((await nurse.get(url)).body);
    assert.match(list, /For the music last night/);
    const meetings = await t.services.db
      .selectFrom('ward_mutual_help_meetings')
      .selectAll()
      .where('organisation_id', '=', team.organisationId)
      .execute();
    assert.equal(meetings.length, 1);
    assert.equal(meetings[0]?.requests, null);
    // The meeting counts on the Safewards page.
    assert.match(
      textOf((await manager.get(base())).body),
      /2026-06 100 skipped 100 [a-z ]* 1 Calm-down methods and reassurance/,
    );
    const theirs = await signedInAgent(t.app, other.practitioner);
    assert.equal((await theirs.get(url)).status, 404);
  });
});

describe('about me', () => {
  let t: TestContext;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  let other: Awaited<ReturnType<typeof makeTeam>>;
  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
    other = await makeTeam(t.services);
  });
  after(() => t.close());

  it('shows a staff member’s note to people on the ward, and to the ward screen', async () => {
    const nurse = await signedInAgent(t.app, team.practitioner);
    const tooLong = await nurse.post('/about-me', { about: 'x'.repeat(ABOUT_ME_MAX + 1) });
    assert.equal(tooLong.status, 400);
    assert.equal((await nurse.post('/about-me', { about: '  ' })).status, 400);
    const res = await nurse.post('/about-me', { about: 'I grow tomatoes and play chess.' });
    assert.equal(res.status, 303);
    const person = await signedInAgent(t.app, team.person);
    const home = textOf((await person.get('/')).body);
    assert.match(home, /Get to know the staff on your ward/);
    assert.match(home, /I grow tomatoes and play chess/);
    const theirs = await signedInAgent(t.app, other.person);
    assert.doesNotMatch(textOf((await theirs.get('/')).body), /tomatoes/);
    const screen = await t.services.wards.aboutMe.forWard(team.organisationId, team.unitId);
    assert.deepEqual(Object.keys(screen[0] ?? {}).sort(), ['about', 'displayName']);
    assert.equal(screen[0]?.about, 'I grow tomatoes and play chess.');
    assert.deepEqual(await t.services.wards.aboutMe.forWard(other.organisationId, team.unitId), []);
  });

  it('offers the language checker’s suggestions on a saved note', async () => {
    const nurse = await signedInAgent(t.app, team.practitioner);
    const words = 'I help people who are non-compliant with their meds.';
    assert.ok(checkText(words).length > 0, 'the example must have something to suggest');
    await nurse.post('/about-me', { about: words });
    assert.match(
      textOf((await nurse.get('/about-me')).body),
      /language checker has some suggestions/,
    );
  });

  it('shows a person’s note only to the ward’s staff, and removing it withdraws it', async () => {
    const person = await signedInAgent(t.app, team.person);
    const form = textOf((await person.get('/about-me')).body);
    assert.match(form, /Only the staff of your ward/);
    assert.equal(
      (await person.post('/about-me', { about: 'I like football and quiet mornings.' })).status,
      303,
    );
    const manager = await signedInAgent(t.app, team.manager);
    assert.match(textOf((await manager.get('/')).body), /quiet mornings/);
    // Never on the ward screen, and never shown to another person.
    const screen = await t.services.wards.aboutMe.forWard(team.organisationId, team.unitId);
    assert.ok(screen.every((n) => !n.about.includes('quiet mornings')));
    assert.equal((await person.post('/about-me/remove', {})).status, 303);
    assert.doesNotMatch(textOf((await manager.get('/')).body), /quiet mornings/);
    const left = await t.services.db
      .selectFrom('ward_about_me')
      .selectAll()
      .where('organisation_id', '=', team.organisationId)
      .where('account_id', '=', team.person.id)
      .execute();
    assert.equal(left.length, 0);
  });

  it('is not offered to the administrator or a lived-experience partner', async () => {
    for (const who of [team.admin, team.partner]) {
      const agent = await signedInAgent(t.app, who);
      assert.equal((await agent.get('/about-me')).status, 404);
    }
  });
});
