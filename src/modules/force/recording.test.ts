/**
 * The recording form's pages: each page shows its own problems at the field; what is typed is
 * kept as a draft across pages, Back and Change; the review page shows it all with wording
 * suggestions; the one save makes exactly one record, however often it is sent; staff rows
 * take name and job title from accounts; another organisation's draft is 404.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { acrossOrganisations } from '../../db/tenancy.ts';
import {
  createTestContext,
  makeAccount,
  makeTeam,
  signedInAgent,
  textOf,
} from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';
import { recordThroughPages } from '../../../test/force-fixtures.ts';
import { toLondonLocal } from './time.ts';

describe('recording a use of force across pages', () => {
  let t: TestContext;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  let other: Awaited<ReturnType<typeof makeTeam>>;
  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
    other = await makeTeam(t.services);
  });
  after(() => t.close());

  const ago = (minutes: number) => toLondonLocal(new Date(t.clock().getTime() - minutes * 60_000));
  const complete = () => ({
    unitId: team.unitId,
    startAt: ago(40),
    reasonCode: '10',
    reasonNarrative: 'He was aggressive and kicked off after a phone call.',
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
  const incidentsOf = (organisationId: string) =>
    t.conn.db
      .selectFrom('force_incidents')
      .select(['id', 'reason_narrative'])
      .where('organisation_id', '=', organisationId)
      .execute();

  it('shows a problem at its field on the page where it is, and keeps the page as typed', async () => {
    const nurse = await signedInAgent(t.app, team.practitioner);
    await nurse.get(`/force/incidents/new?personId=${team.person.id}`);
    const first = await nurse.post('/force/incidents', {
      ...complete(),
      personId: team.person.id,
      action: 'continue',
    });
    assert.equal(first.status, 303, textOf(first.body).slice(0, 400));
    const page2 = String(first.headers.location);
    const res = await nurse.post(page2, {
      ...complete(),
      i0_end: 'not a time',
      action: 'continue',
    });
    assert.equal(res.status, 400);
    assert.match(res.body, /href="#i0_end"/);
    assert.match(res.body, /id="i0_end-error"/);
    assert.match(res.body, /A standing hold, talking throughout\./);
    // Back keeps page 2 as typed, and page 1 still has its answers.
    const back = await nurse.post(page2, {
      ...complete(),
      howForceUsed: 'Kept on Back.',
      action: 'back',
    });
    assert.equal(back.status, 303);
    const page1 = await nurse.get(String(back.headers.location));
    assert.match(page1.body, /He was aggressive and kicked off after a phone call\./);
    assert.match((await nurse.get(page2)).body, /Kept on Back\./);
  });

  it('reviews everything, with wording suggestions, and saves exactly one record however often it is sent', async () => {
    const nurse = await signedInAgent(t.app, team.practitioner);
    const before = await incidentsOf(team.organisationId);
    const { review, saved, token, reviewUrl, draftId } = await recordThroughPages(
      nurse,
      team.person.id,
      complete(),
    );
    const text = textOf(review.body);
    assert.match(text, /Check the record before you save it/);
    assert.match(text, /He was aggressive and kicked off after a phone call\./);
    assert.match(text, /A standing hold, talking throughout\./);
    assert.match(text, /Some words here might read differently to the person/);
    assert.match(
      review.body,
      new RegExp(`href="/force/incidents/drafts/${draftId}/page-3\\?from=review#outcome"`),
    );
    assert.equal(saved.status, 303, textOf(saved.body).slice(0, 400));
    assert.match(String(saved.headers.location), /^\/force\/incidents\/[^/]+\?saved=1$/);
    // The same form sent again (a double click) goes to the same record; without its token too.
    const again = await nurse.post(reviewUrl, { _form: token });
    assert.equal(again.headers.location, saved.headers.location);
    const bare = await nurse.post(reviewUrl, {});
    assert.equal(bare.status, 404);
    const after = await incidentsOf(team.organisationId);
    assert.equal(after.length, before.length + 1);
    const id = String(saved.headers.location).split('/')[3]!.split('?')[0]!;
    const events = await t.conn.db
      .selectFrom('audit_events')
      .select(['action', 'record_id'])
      .where('organisation_id', '=', team.organisationId)
      .where('record_id', 'in', [id, draftId])
      .execute();
    const actions = events.map((e) => e.action);
    assert.equal(actions.filter((a) => a === 'force.record').length, 1);
    assert.equal(actions.filter((a) => a === 'force.draft.discard').length, 1);
    assert.ok(actions.includes('force.draft.save'));
    const drafts = await t.conn.db
      .selectFrom('force_drafts')
      .select('id')
      .where('organisation_id', '=', team.organisationId)
      .where('id', '=', draftId)
      .execute();
    assert.equal(drafts.length, 0);
  });

  it('takes name and job title from the account, so any real name and title passes', async () => {
    const name = "Siân O'Brien-Ndiaye";
    const jobTitle = `Staff nurse, band 6 – Bréifne's "ward" (night), ${'é'.repeat(100)}`.slice(
      0,
      100,
    );
    const colleague = await makeAccount(t.services, {
      organisationId: team.organisationId,
      role: 'practitioner',
      unitIds: [team.unitId],
      displayName: name,
    });
    await t.conn.db
      .updateTable('accounts')
      .set({ job_title: jobTitle })
      .where('organisation_id', '=', team.organisationId)
      .where('id', '=', colleague.id)
      .execute();
    const nurse = await signedInAgent(t.app, team.practitioner);
    const page1 = await nurse.get(`/force/incidents/new?personId=${team.person.id}`);
    assert.equal(page1.status, 200);
    const { saved } = await recordThroughPages(nurse, team.person.id, {
      ...complete(),
      i0_s1_account: colleague.id,
      i0_s1_role: 'arms',
      // What the browser sends for the name is ignored: the account decides.
      i0_s1_name: 'Someone else',
    });
    assert.equal(saved.status, 303, textOf(saved.body).slice(0, 400));
    const id = String(saved.headers.location).split('/')[3]!.split('?')[0]!;
    const row = await t.conn.db
      .selectFrom('force_interventions')
      .select('staff')
      .where('organisation_id', '=', team.organisationId)
      .where('incident_id', '=', id)
      .executeTakeFirstOrThrow();
    const staff = JSON.parse(row.staff) as { name: string; job_title: string; role_code: string }[];
    assert.deepEqual(staff[1], { name, job_title: jobTitle, role_code: 'arms' });
    // Without a job title, the account's role stands in for it.
    assert.match(staff[0]!.job_title, /Practitioner/);
  });

  it("refuses a member of staff from another organisation's list at the field", async () => {
    const nurse = await signedInAgent(t.app, team.practitioner);
    await nurse.get(`/force/incidents/new?personId=${team.person.id}`);
    const first = await nurse.post('/force/incidents', {
      ...complete(),
      personId: team.person.id,
      action: 'continue',
    });
    const res = await nurse.post(String(first.headers.location), {
      ...complete(),
      i0_s0_account: other.practitioner.id,
      action: 'continue',
    });
    assert.equal(res.status, 400);
    assert.match(textOf(res.body), /Choose each member of staff from the list/);
    assert.match(res.body, /href="#i0_staff"/);
    assert.match(res.body, /id="i0_staff"/);
  });

  it("gives 404 for another organisation's draft, a made-up one, and keeps it unchanged", async () => {
    const nurse = await signedInAgent(t.app, team.practitioner);
    await nurse.get(`/force/incidents/new?personId=${team.person.id}`);
    const first = await nurse.post('/force/incidents', {
      ...complete(),
      personId: team.person.id,
      action: 'draft',
    });
    const draftId = /drafts\/([^/]+)\//.exec(String(first.headers.location))?.[1];
    assert.ok(draftId);
    const stranger = await signedInAgent(t.app, other.practitioner);
    await stranger.get('/');
    for (const id of [draftId, '00000000-0000-4000-8000-00000000dead']) {
      for (const page of ['page-1', 'page-2', 'page-3', 'review']) {
        const url = `/force/incidents/drafts/${id}/${page}`;
        assert.equal((await stranger.get(url)).status, 404, url);
        assert.equal(
          (await stranger.post(url, { ...complete(), action: 'continue' })).status,
          404,
          url,
        );
      }
    }
    const kept = await acrossOrganisations('test: the draft is unchanged', () =>
      t.conn.db.selectFrom('force_drafts').select('body').where('id', '=', draftId).execute(),
    );
    assert.equal(kept.length, 1);
    assert.match(kept[0]!.body, /kicked off/);
    assert.equal((await incidentsOf(other.organisationId)).length, 0);
  });
});
