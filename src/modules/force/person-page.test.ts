/**
 * The person's own page about a time force was used with them: written to them; what staff
 * wrote only after they choose to read it, and never before staff have looked at the language
 * checker's suggestions on it; one form for account, reply and helper; advocacy contacts.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, makeTeam, signedInAgent, textOf } from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';
import { typicalIncident } from '../../../test/force-fixtures.ts';

describe("the person's own incident page", () => {
  let t: TestContext;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  const ctx = { actor: null, ip: null };
  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
  });
  after(() => t.close());

  async function record(reasonNarrative: string) {
    const nurse = await t.services.accounts.people.actorFor(team.practitioner.id);
    return t.services.force.incidents.record(
      nurse,
      typicalIncident(team, t.clock(), { reasonNarrative }),
      ctx,
    );
  }

  it('holds back flagged words until staff have seen the suggestions and released them', async () => {
    const flagged = 'He was aggressive and non-compliant and kicked off in the lounge.';
    const id = await record(flagged);
    const person = await signedInAgent(t.app, team.person);
    // Before release: the person is told the record is being got ready; no raw words anywhere.
    for (const url of [`/my-incidents/${id}`, `/my-incidents/${id}?read=staff`]) {
      const page = await person.get(url);
      assert.equal(page.status, 200);
      const text = textOf(page.body);
      assert.match(text, /Staff are still getting their record ready for you/);
      assert.doesNotMatch(page.body, /aggressive|non-compliant|kicked off|standing hold/);
      assert.match(text, /You have not given your account yet\. You can, whenever you want\./);
    }
    // Staff see the suggestions on the record and decide.
    const nurse = await signedInAgent(t.app, team.practitioner);
    const staffPage = textOf((await nurse.get(`/force/incidents/${id}`)).body);
    assert.match(staffPage, /Before .+ reads this record/);
    assert.match(staffPage, /cannot read what staff wrote yet/);
    assert.match(staffPage, /"aggressive"/);
    const released = await nurse.post(`/force/incidents/${id}/release`, {});
    assert.equal(released.status, 303);
    const row = await t.conn.db
      .selectFrom('force_incidents')
      .select(['person_view_released_by'])
      .where('organisation_id', '=', team.organisationId)
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(row.person_view_released_by, team.practitioner.id);
    // Released: the staff account still sits behind the person's own choice.
    const first = await person.get(`/my-incidents/${id}`);
    assert.match(textOf(first.body), /What staff wrote can be hard to read/);
    assert.match(first.body, /href="\/my-incidents\/[^"]+\?read=staff#staff-record"/);
    assert.doesNotMatch(first.body, /non-compliant/);
    const chosen = await person.get(`/my-incidents/${id}?read=staff`);
    assert.match(textOf(chosen.body), /non-compliant/);
    // A correction that changes the words needs a new look before the person sees them.
    const admin = await t.services.accounts.people.actorFor(team.practitioner.id);
    const form = await t.services.force.incidents.amendForm(admin, id, ctx);
    await t.services.force.incidents.amend(
      admin,
      id,
      { ...form.input, reasonNarrative: 'He was aggressive after the call.' },
      'Clearer words',
      ctx,
    );
    const after = await person.get(`/my-incidents/${id}?read=staff`);
    assert.doesNotMatch(after.body, /aggressive after the call/);
    assert.match(textOf(after.body), /Staff are still getting their record ready/);
  });

  it('shows a record with nothing flagged once the person chooses, and refuses a release of it', async () => {
    const id = await record('The person was very frightened after a phone call.');
    const person = await signedInAgent(t.app, team.person);
    assert.doesNotMatch((await person.get(`/my-incidents/${id}`)).body, /very frightened/);
    assert.match(
      textOf((await person.get(`/my-incidents/${id}?read=staff`)).body),
      /very frightened/,
    );
    const nurse = await signedInAgent(t.app, team.practitioner);
    assert.match(
      textOf((await nurse.get(`/force/incidents/${id}`)).body),
      /found nothing to look at again/,
    );
    // Another organisation's staff cannot release it (404).
    const other = await makeTeam(t.services);
    const stranger = await signedInAgent(t.app, other.practitioner);
    assert.equal((await stranger.post(`/force/incidents/${id}/release`, {})).status, 404);
  });

  it('saves account, reply and helper with one save, and says who will read it', async () => {
    const id = await record('The person was upset after a phone call.');
    const person = await signedInAgent(t.app, team.person);
    const page = textOf((await person.get(`/my-incidents/${id}`)).body);
    assert.match(page, /Who will read it/);
    assert.match(page, /the unit manager/);
    assert.match(page, /goes with the record to the review/);
    assert.match(page, /independent mental health advocate/);
    const saved = await person.post(`/my-incidents/${id}/account`, {
      body: 'I was scared and nobody explained.',
      replyBody: 'I did not throw the chair at anyone.',
      helperId: team.practitioner.id,
    });
    assert.equal(saved.status, 303);
    const back = await person.get(String(saved.headers.location));
    assert.match(textOf(back.body), /Your changes are saved/);
    assert.match(textOf(back.body), /You gave your account on/);
    const rows = await t.conn.db
      .selectFrom('force_person_accounts')
      .select(['kind', 'status', 'body'])
      .where('organisation_id', '=', team.organisationId)
      .where('incident_id', '=', id)
      .orderBy('version')
      .execute();
    assert.deepEqual(
      rows.map((r) => ({ ...r })),
      [
        { kind: 'account', status: 'given', body: 'I was scared and nobody explained.' },
        { kind: 'reply', status: 'given', body: 'I did not throw the chair at anyone.' },
      ],
    );
    const incident = await t.conn.db
      .selectFrom('force_incidents')
      .select(['account_helper_id', 'account_status'])
      .where('organisation_id', '=', team.organisationId)
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      { ...incident },
      {
        account_helper_id: team.practitioner.id,
        account_status: 'given',
      },
    );
    // Saving again unchanged adds no versions.
    await person.post(`/my-incidents/${id}/account`, {
      status: 'given',
      body: 'I was scared and nobody explained.',
      replyBody: 'I did not throw the chair at anyone.',
      helperId: team.practitioner.id,
    });
    const count = await t.conn.db
      .selectFrom('force_person_accounts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('organisation_id', '=', team.organisationId)
      .where('incident_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 2);
    // "Give my account" with nothing written is asked about at the field, and nothing is saved.
    const bad = await person.post(`/my-incidents/${id}/account`, { status: 'given', body: ' ' });
    assert.equal(bad.status, 400);
    assert.match(bad.body, /id="body-error"|Write your account, or choose another option/);
  });

  it("shows the organisation's advocacy contacts, set by its administrator", async () => {
    const id = await record('The person was upset after a phone call.');
    const admin = await signedInAgent(t.app, team.admin);
    assert.equal((await admin.get('/force/settings')).status, 200);
    const saved = await admin.post('/force/settings', {
      advocacyName: 'Riverside Advocacy',
      advocacyContact: '0300 123 4567',
      imhaName: 'IMHA North',
      imhaContact: '0300 765 4321',
    });
    assert.equal(saved.status, 303);
    const person = await signedInAgent(t.app, team.person);
    const page = textOf((await person.get(`/my-incidents/${id}`)).body);
    assert.match(page, /Riverside Advocacy: 0300 123 4567/);
    assert.match(page, /IMHA North: 0300 765 4321/);
    const nurse = await signedInAgent(t.app, team.practitioner);
    assert.equal((await nurse.get('/force/settings')).status, 404);
  });
});
