/**
 * An organisation's own wording (issue 12 item 1): an administrator adds a local statement; a
 * partner suggests new words for a built-in one; bad input saves nothing; the administrator
 * accepts once; a round opened earlier keeps the words it opened with, and a new round asks the
 * new words and the local statement (same item ids); a decline carries a reason the partner sees;
 * another organisation sees none of it.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, makeTeam, signedInAgent, textOf } from '../../../test/factories.ts';
import type { Agent, TestContext } from '../../../test/factories.ts';
import { loadInstrument } from './index.ts';

type Team = Awaited<ReturnType<typeof makeTeam>>;

describe('local statements and suggested wording', () => {
  let t: TestContext;
  let team: Team;
  let other: Team;
  let admin: Agent;
  let partner: Agent;
  let nurse: Agent;
  let otherAdmin: Agent;
  let otherPartner: Agent;
  const instrument = loadInstrument();
  const principle = instrument.sections.find((s) => s.kind === 'principle')!;
  const statement = principle.items.find((i) => !i.staffOnly)!;
  let oldRound = '';
  let localId = '';
  let proposalId = '';

  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
    other = await makeTeam(t.services);
    admin = await signedInAgent(t.app, team.admin);
    partner = await signedInAgent(t.app, team.partner);
    nurse = await signedInAgent(t.app, team.practitioner);
    otherAdmin = await signedInAgent(t.app, other.admin);
    otherPartner = await signedInAgent(t.app, other.partner);
  });
  after(() => t.close());

  const day = (days: number) =>
    new Date(t.clock().getTime() + days * 86_400_000).toISOString().slice(0, 10);
  const openRound = async () => {
    const res = await admin.post('/assessment/rounds', { unitId: '', closesOn: day(20) });
    assert.equal(res.status, 303);
    return String(res.headers.location).split('/').pop()!.split('?')[0]!;
  };
  const rows = (
    table: 'assessment_local_items' | 'assessment_wording_proposals' | 'assessment_wording',
  ) =>
    t.services.db
      .selectFrom(table)
      .selectAll()
      .where('organisation_id', '=', team.organisationId)
      .execute();

  it('keeps the words a round opened with: an earlier round is opened first', async () => {
    oldRound = await openRound();
    assert.ok(oldRound.length > 10);
  });

  it('lets an administrator add a local statement, refusing bad ones and saving nothing', async () => {
    for (const [form, message] of [
      [{ sectionId: 'made-up', text: 'Staff say hello' }, /Choose a principle/],
      [{ sectionId: principle.id, text: '' }, /Write the statement/],
      [{ sectionId: principle.id, text: 'x'.repeat(161) }, /160 characters or fewer/],
    ] as const) {
      const res = await admin.post('/assessment/statements', form);
      assert.equal(res.status, 400);
      assert.match(textOf(res.body), message);
    }
    assert.deepEqual(await rows('assessment_local_items'), []);
    assert.equal(
      (
        await partner.post('/assessment/statements', {
          sectionId: principle.id,
          text: 'A partner adds',
        })
      ).status,
      404,
    );
    const ok = await admin.post('/assessment/statements', {
      sectionId: principle.id,
      text: 'Staff here tell me their name when we meet',
    });
    assert.equal(ok.status, 303);
    const [local] = await rows('assessment_local_items');
    assert.match(local!.id, /^[a-z-]+\.local-[a-z0-9]+-1$/);
    localId = local!.id;
    const page = textOf((await partner.get('/assessment/statements')).body);
    assert.match(page, /Staff here tell me their name when we meet Local/);
    assert.doesNotMatch(
      textOf((await otherPartner.get('/assessment/statements')).body),
      /tell me their name/,
    );
  });

  it('refuses empty, unchanged, over-long and unknown suggestions, and another organisation’s statement', async () => {
    const url = `/assessment/statements/${statement.id}/suggest`;
    for (const [form, message] of [
      [{ text: '' }, /Write the words you suggest/],
      [{ text: statement.text }, /same as the current words/],
      [{ text: 'y'.repeat(161) }, /160 characters or fewer/],
    ] as const) {
      const res = await partner.post(url, form);
      assert.equal(res.status, 400);
      assert.match(textOf(res.body), message);
    }
    assert.equal(
      (await partner.post('/assessment/statements/made.up/suggest', { text: 'New' })).status,
      404,
    );
    assert.equal(
      (await otherPartner.post(`/assessment/statements/${localId}/suggest`, { text: 'New' }))
        .status,
      404,
    );
    assert.equal((await nurse.get(url)).status, 404);
    assert.deepEqual(await rows('assessment_wording_proposals'), []);
  });

  it('saves a suggestion, which the administrator accepts once', async () => {
    const sent = await partner.post(`/assessment/statements/${statement.id}/suggest`, {
      text: 'People here feel safe to say what they think',
      why: 'Clearer for people who are unwell',
    });
    assert.equal(sent.status, 303);
    const [row] = await rows('assessment_wording_proposals');
    proposalId = row!.id;
    assert.equal(row!.current_text, statement.text);
    assert.match(
      textOf((await partner.get('/assessment/statements')).body),
      /Waiting for a decision/,
    );
    assert.equal((await otherAdmin.get(`/assessment/suggestions/${proposalId}`)).status, 404);
    assert.equal(
      (await otherAdmin.post(`/assessment/suggestions/${proposalId}`, { decision: 'accept' }))
        .status,
      404,
    );
    const page = await admin.get(`/assessment/suggestions/${proposalId}`);
    assert.match(textOf(page.body), /Clearer for people who are unwell/);
    assert.equal(
      (await admin.post(`/assessment/suggestions/${proposalId}`, { decision: 'accept' })).status,
      303,
    );
    const twice = await admin.post(`/assessment/suggestions/${proposalId}`, { decision: 'accept' });
    assert.equal(twice.status, 409);
    assert.match(textOf(twice.body), /already been decided/);
    const wording = await rows('assessment_wording');
    assert.deepEqual(
      wording.map((w) => [w.item_id, w.text]),
      [[statement.id, 'People here feel safe to say what they think']],
    );
  });

  it('asks the new words and the local statement in a new round only', async () => {
    const newRound = await openRound();
    const fresh = textOf((await nurse.get(`/assessment/rounds/${newRound}/answer`)).body);
    assert.match(fresh, /People here feel safe to say what they think/);
    assert.match(fresh, /tell me their name when we meet/);
    const old = textOf((await nurse.get(`/assessment/rounds/${oldRound}/answer`)).body);
    assert.ok(old.includes(statement.text));
    assert.doesNotMatch(old, /People here feel safe to say what they think|tell me their name/);
    // The local statement is a question of the new round only.
    const refused = await nurse.post(`/assessment/rounds/${oldRound}/answer`, { [localId]: '4' });
    assert.equal(refused.status, 400);
    const saved = await nurse.post(`/assessment/rounds/${newRound}/answer`, {
      [localId]: '4',
      [statement.id]: '5',
    });
    assert.equal(saved.status, 303);
    const theirs = await signedInAgent(t.app, other.practitioner);
    const otherRound = await otherAdmin.post('/assessment/rounds', {
      unitId: '',
      closesOn: day(20),
    });
    const otherId = String(otherRound.headers.location).split('/').pop()!.split('?')[0]!;
    const theirForm = textOf((await theirs.get(`/assessment/rounds/${otherId}/answer`)).body);
    assert.ok(theirForm.includes(statement.text));
  });

  it('declines with a reason the partner sees; declining needs one', async () => {
    await partner.post(`/assessment/statements/${localId}/suggest`, {
      text: 'Staff say their name',
    });
    const open = (await rows('assessment_wording_proposals')).find((p) => p.state === 'open')!;
    assert.equal(
      (await admin.post(`/assessment/suggestions/${open.id}`, { decision: 'decline' })).status,
      400,
    );
    const res = await admin.post(`/assessment/suggestions/${open.id}`, {
      decision: 'decline',
      reason: 'We want to keep "when we meet" in it',
    });
    assert.equal(res.status, 303);
    const page = textOf((await partner.get('/assessment/statements')).body);
    assert.match(page, /Not taken up/);
    assert.match(page, /keep "when we meet" in it/);
    const events = await t.services.db
      .selectFrom('audit_events')
      .select('action')
      .where('organisation_id', '=', team.organisationId)
      .where('action', 'in', [
        'assessment.local_add',
        'assessment.wording_propose',
        'assessment.wording_accept',
        'assessment.wording_decline',
      ])
      .execute();
    assert.equal(events.length, 5);
  });
});
