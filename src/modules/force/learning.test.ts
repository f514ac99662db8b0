/**
 * Calm-down methods and reassurance on a use of force, and learning with the person after it:
 * the answers go through the pages to the record, the check page and the record page, and may
 * be skipped; the person's words are written once and never changed; themes come from a fixed
 * list; bad input, another organisation's record and someone outside the review's readers save
 * nothing; ward figures are counts with 1 to 4 shown as "fewer than 5".
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, makeTeam, signedInAgent, textOf } from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';
import {
  recordTeamIncident,
  recordThroughPages,
  typicalIncident,
} from '../../../test/force-fixtures.ts';
import { periodOf, toLondonLocal } from './time.ts';

describe('calm-down methods and reassurance on the record', () => {
  let t: TestContext;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
  });
  after(() => t.close());

  const ago = (minutes: number) => toLondonLocal(new Date(t.clock().getTime() - minutes * 60_000));
  const form = () => ({
    unitId: team.unitId,
    startAt: ago(40),
    reasonCode: '10',
    reasonNarrative: 'They were very upset after a phone call.',
    avoidanceCodes: ['deescalation'],
    rows: '1',
    i0_type: '07',
    i0_end: ago(30),
    i0_s0_account: team.practitioner.id,
    i0_s0_role: 'lead',
    howForceUsed: 'A standing hold, talking throughout.',
    inCarePlan: 'no',
    outcome: 'Settled in ten minutes.',
    harm: 'none',
    notification: 'sent',
    nonStaff: 'none',
    accountOffered: 'yes',
    planKnown: 'yes',
    planFollowed: 'yes',
  });
  const row = (id: string) =>
    t.conn.db
      .selectFrom('force_incidents')
      .select(['calm_down_offered', 'calm_down_methods', 'others_reassured'])
      .where('organisation_id', '=', team.organisationId)
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
      .then((r) => ({ ...r }));

  it('keeps the answers from page 3, shows them on the check page and the record', async () => {
    const nurse = await signedInAgent(t.app, team.practitioner);
    const { review, saved } = await recordThroughPages(nurse, team.person.id, {
      ...form(),
      calmDownOffered: 'yes',
      calmDownMethods: ['quiet_space', 'music'],
      othersReassured: 'not_needed',
    });
    assert.match(textOf(review.body), /Ways to calm down offered first\s+Yes/);
    assert.match(textOf(review.body), /A quiet space/);
    assert.equal(saved.status, 303);
    const id = /\/force\/incidents\/([^/?]+)/.exec(String(saved.headers.location))![1]!;
    assert.deepEqual(await row(id), {
      calm_down_offered: 'yes',
      calm_down_methods: JSON.stringify(['quiet_space', 'music']),
      others_reassured: 'not_needed',
    });
    const page = textOf((await nurse.get(`/force/incidents/${id}`)).body);
    assert.match(page, /Others on the ward reassured\s+Not needed/);
    assert.match(page, /A quiet space, Music/);
  });

  it('lets every answer be skipped, and refuses answers that are not on the list', async () => {
    const nurse = await signedInAgent(t.app, team.practitioner);
    const { saved } = await recordThroughPages(nurse, team.person.id, form());
    const id = /\/force\/incidents\/([^/?]+)/.exec(String(saved.headers.location))![1]!;
    assert.deepEqual(await row(id), {
      calm_down_offered: null,
      calm_down_methods: null,
      others_reassured: null,
    });
    await assert.rejects(
      recordThroughPages(nurse, team.person.id, { ...form(), calmDownMethods: ['shouting'] }),
      /page 3: 400.*Choose calm-down methods from the list/,
    );
  });

  it('keeps the answers when a correction comes from a source that does not ask', async () => {
    const actor = await t.services.accounts.people.actorFor(team.practitioner.id);
    const ctx = { actor: null, ip: null };
    const id = await t.services.force.incidents.record(
      actor,
      typicalIncident(team, t.clock(), {
        calmDown: { offered: 'no', methods: [], othersReassured: 'yes' },
      }),
      ctx,
    );
    const withoutCalm = typicalIncident(team, t.clock());
    delete withoutCalm.calmDown;
    const manager = await t.services.accounts.people.actorFor(team.manager.id);
    await t.services.force.incidents.amend(manager, id, withoutCalm, 'Typo in the place', ctx);
    assert.deepEqual(await row(id), {
      calm_down_offered: 'no',
      calm_down_methods: null,
      others_reassured: 'yes',
    });
  });
});

describe('learning with the person after force', () => {
  let t: TestContext;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  let other: Awaited<ReturnType<typeof makeTeam>>;
  let incidentId: string;
  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
    other = await makeTeam(t.services);
    incidentId = await recordTeamIncident(t.services, team);
  });
  after(() => t.close());

  const kept = async () => ({
    learning: await t.conn.db
      .selectFrom('force_learning')
      .selectAll()
      .where('organisation_id', '=', team.organisationId)
      .where('incident_id', '=', incidentId)
      .executeTakeFirst()
      .then((r) => (r ? { ...r } : undefined)),
    themes: (
      await t.conn.db
        .selectFrom('force_learning_themes')
        .select('theme')
        .where('organisation_id', '=', team.organisationId)
        .where('incident_id', '=', incidentId)
        .orderBy('theme')
        .execute()
    ).map((r) => r.theme),
  });
  const url = () => `/force/incidents/${incidentId}/learning`;

  it('refuses bad input with a clear message and saves nothing', async () => {
    const nurse = await signedInAgent(t.app, team.practitioner);
    const long = await nurse.post(url(), {
      words: 'x'.repeat(2000),
      recorderRole: 'peer_worker',
      themes: ['noise'],
    });
    assert.equal(long.status, 400);
    assert.match(textOf(long.body), /Write 1000 characters or fewer/);
    const unknown = await nurse.post(url(), { themes: ['noise', 'blame'] });
    assert.equal(unknown.status, 400);
    assert.match(textOf(unknown.body), /Choose themes from the list/);
    const noRole = await nurse.post(url(), { words: 'Ask me first.' });
    assert.equal(noRole.status, 400);
    assert.match(textOf(noRole.body), /Say who wrote down their words/);
    assert.deepEqual(await kept(), { learning: undefined, themes: [] });
  });

  it('is 404 for another organisation and for people outside the review readers', async () => {
    for (const account of [other.practitioner, other.admin, team.person, team.partner]) {
      const agent = await signedInAgent(t.app, account);
      const get = await agent.get(url());
      assert.ok([403, 404].includes(get.status), `${account.id} GET ${get.status}`);
      const post = await agent.post(url(), { themes: ['noise'] });
      assert.ok([403, 404].includes(post.status), `${account.id} POST ${post.status}`);
    }
    assert.deepEqual(await kept(), { learning: undefined, themes: [] });
  });

  it('keeps the words once, with who wrote them and in what role; themes may change', async () => {
    const nurse = await signedInAgent(t.app, team.practitioner);
    const saved = await nurse.post(url(), {
      words: 'Ask me before you come close. The music helps.',
      recorderRole: 'chosen_staff',
      themes: ['communication', 'noise'],
    });
    assert.equal(saved.status, 303);
    const page = textOf((await nurse.get(url())).body);
    assert.match(page, /Ask me before you come close\. The music helps\./);
    assert.match(page, /a staff member they chose/i);
    const first = await kept();
    assert.equal(first.learning?.words_by, team.practitioner.id);
    assert.equal(first.learning?.words_by_role, 'chosen_staff');
    assert.deepEqual(first.themes, ['communication', 'noise']);

    // A second writing of the words is refused whole: the themes sent with it are not saved.
    const manager = await signedInAgent(t.app, team.manager);
    const again = await manager.post(url(), {
      words: 'Something else',
      recorderRole: 'peer_worker',
      themes: ['staffing'],
    });
    assert.equal(again.status, 409);
    assert.match(textOf(again.body), /already written down/);
    assert.deepEqual(await kept(), first);

    const themesOnly = await manager.post(url(), { themes: ['staffing', 'waiting'] });
    assert.equal(themesOnly.status, 303);
    const after = await kept();
    assert.equal(after.learning?.words, first.learning?.words);
    assert.deepEqual(after.themes, ['staffing', 'waiting']);
  });

  it('counts themes per ward over 12 months, with 1 to 4 as "fewer than 5" and no words', async () => {
    const manager = await t.services.accounts.people.actorFor(team.manager.id);
    const ctx = { actor: null, ip: null };
    for (let n = 0; n < 5; n += 1) {
      const id = await recordTeamIncident(t.services, team);
      await t.services.force.learning.save(
        manager,
        id,
        { words: '', recorderRole: '', themes: ['staffing'] },
        ctx,
      );
    }
    const figures = await t.services.force.learning.themeFigures(manager, team.unitId);
    const count = (code: string) => figures?.themes.find((f) => f.code === code)?.count;
    assert.equal(count('staffing'), '6');
    assert.equal(count('waiting'), 'fewer than 5');
    assert.equal(count('noise'), '0');
    assert.doesNotMatch(JSON.stringify(figures), /music/i);
    const nurse = await t.services.accounts.people.actorFor(team.practitioner.id);
    assert.equal(await t.services.force.learning.themeFigures(nurse, team.unitId), null);
    const theirs = await t.services.accounts.people.actorFor(other.manager.id);
    assert.equal(await t.services.force.learning.themeFigures(theirs, team.unitId), null);
  });

  it('gives the calm-down share per month, leaving skipped answers out', async () => {
    const nurse = await t.services.accounts.people.actorFor(team.practitioner.id);
    const ctx = { actor: null, ip: null };
    for (const offered of ['yes', 'yes', 'yes', 'yes', 'yes', 'no', null]) {
      await t.services.force.incidents.record(
        nurse,
        typicalIncident(team, t.clock(), {
          calmDown: { offered, methods: [], othersReassured: offered ? 'yes' : null },
        }),
        ctx,
      );
    }
    const manager = await t.services.accounts.people.actorFor(team.manager.id);
    const month = periodOf(t.clock().toISOString());
    const months = await t.services.force.learning.calmDownMonths(
      manager,
      team.unitId,
      month,
      month,
    );
    assert.equal(months?.length, 1);
    assert.equal(months?.[0]?.offered, '5 of 6 (83%)');
    assert.equal(months?.[0]?.reassured, '6 of 6 (100%)');
  });
});
