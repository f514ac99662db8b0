/**
 * Invitations never say whether an address has an account in another organisation (#18, item 5):
 * the invitation is made as usual, and accepting it explains what happens; within one's own
 * organisation the form still says the person is already there.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { acrossOrganisations } from '../src/db/tenancy.ts';
import { Agent, createTestContext, makeTeam, signedInAgent, textOf } from './factories.ts';
import type { TestContext } from './factories.ts';
import type { Team } from './access-fixtures.ts';

describe('inviting an address that has an account', () => {
  let t: TestContext;
  let mine: Team;
  let theirs: Team;
  before(async () => {
    t = await createTestContext();
    mine = await makeTeam(t.services);
    theirs = await makeTeam(t.services);
  });
  after(() => t.close());

  const invitationsFor = (email: string) =>
    acrossOrganisations('test: invitations for one address, wherever they are', () =>
      t.services.db.selectFrom('invitations').selectAll().where('email', '=', email).execute(),
    );

  it('in another organisation: the invitation is made as usual and nothing hints at the account', async () => {
    const admin = await signedInAgent(t.app, mine.admin);
    await admin.get('/invitations/new');
    const elsewhere = theirs.practitioner.email;
    const made = await admin.post('/invitations', {
      email: elsewhere,
      displayName: 'Alex Rivers',
      role: 'practitioner',
      unitId: mine.unitId,
    });
    assert.equal(made.status, 200);
    assert.match(textOf(made.body), /Invitation ready/);
    assert.doesNotMatch(textOf(made.body), /already/i);
    const saved = await invitationsFor(elsewhere);
    assert.equal(saved.length, 1);
    assert.equal(saved[0]!.organisation_id, mine.organisationId);

    // The same words as for a brand new address: compare with one.
    const fresh = await admin.post('/invitations', {
      email: 'nobody-yet@example.test',
      displayName: 'Alex Rivers',
      role: 'practitioner',
      unitId: mine.unitId,
    });
    const strip = (html: string) =>
      textOf(html)
        .replace(/http:\/\/localhost\/invitations\/\S+/g, 'LINK')
        .replace(/\S+@example\.test/g, 'EMAIL');
    assert.equal(strip(made.body), strip(fresh.body));

    // Opening the link says who it is for, and explains what happens to an existing account.
    const link = /http:\/\/localhost(\/invitations\/[\w-]+)/.exec(made.body)![1]!;
    const invitee = new Agent(t.app);
    const page = await invitee.get(link);
    assert.equal(page.status, 200);
    assert.match(textOf(page.body), /If you already have a Hearth account/);

    // Accepting explains, and makes no second account or membership.
    const accepted = await invitee.post(link, {
      password: 'a long enough passphrase here',
      confirmPassword: 'a long enough passphrase here',
    });
    assert.equal(accepted.status, 410);
    assert.match(textOf(accepted.body), /belongs to one organisation/);
    const accounts = await acrossOrganisations('test: accounts for one address', () =>
      t.services.db.selectFrom('accounts').selectAll().where('email', '=', elsewhere).execute(),
    );
    assert.equal(accounts.length, 1);
    assert.equal(accounts[0]!.organisation_id, theirs.organisationId);
  });

  it('in one’s own organisation: the form says so helpfully, and no invitation is made', async () => {
    const admin = await signedInAgent(t.app, mine.admin);
    await admin.get('/invitations/new');
    const res = await admin.post('/invitations', {
      email: mine.manager.email,
      displayName: 'Someone',
      role: 'practitioner',
      unitId: mine.unitId,
    });
    assert.equal(res.status, 400);
    assert.match(textOf(res.body), /already has an account with this email address/);
    assert.match(textOf(res.body), /people page/);
    assert.equal((await invitationsFor(mine.manager.email)).length, 0);
  });
});
