/** The language service: organisation rules and allowed terms, revisions across servers, audit. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServices } from '../../app.ts';
import { isAppError } from '../../lib/app-error.ts';
import { createTestContext, makeTeam, testConfig } from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';
import type { Actor } from '../accounts/index.ts';

const ctxOf = (actor: Actor) => ({
  actor: { id: actor.id, role: actor.role, organisationId: actor.organisationId },
  ip: null,
});

const rule = {
  phrases: ['difficult to engage'],
  category: 'blame' as const,
  severity: 'medium' as const,
  reason: 'Puts the difficulty on the person, when it may be that what we offer does not fit.',
  alternatives: ['has not come to the last … appointments'],
};

function invalidField(field: string) {
  return (error: unknown) => {
    assert.ok(isAppError(error) && error.kind === 'invalid', String(error));
    assert.ok(
      error.fields[field],
      `expected a message for ${field}: ${JSON.stringify(error.fields)}`,
    );
    return true;
  };
}

describe('language service', () => {
  let t: TestContext;
  let admin: Actor;
  let otherAdmin: Actor;
  let practitioner: Actor;
  before(async () => {
    t = await createTestContext();
    const team = await makeTeam(t.services);
    const other = await makeTeam(t.services);
    admin = await t.services.accounts.people.actorFor(team.admin.id);
    practitioner = await t.services.accounts.people.actorFor(team.practitioner.id);
    otherAdmin = await t.services.accounts.people.actorFor(other.admin.id);
  });
  after(() => t.close());

  it("an organisation's rule changes what is found, for that organisation only", async () => {
    const { language } = t.services;
    const text = 'Jo has been difficult to engage since March.';
    assert.deepEqual(await language.checkForOrganisation(admin.organisationId, text), []);
    const { id } = await language.addRule(admin, rule, ctxOf(admin));
    const findings = await language.checkForOrganisation(admin.organisationId, text);
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.text, 'difficult to engage');
    assert.equal(findings[0]!.ruleId, `org-${id}`);
    assert.equal(findings[0]!.reason, rule.reason);
    assert.deepEqual(findings[0]!.alternatives, rule.alternatives);
    assert.deepEqual(await language.checkForOrganisation(otherAdmin.organisationId, text), []);
    await language.removeEntry(admin, id, ctxOf(admin));
    assert.deepEqual(await language.checkForOrganisation(admin.organisationId, text), []);
  });

  it('an allowed term silences a finding inside it, and only there', async () => {
    const { language } = t.services;
    const text = 'Referred to the Challenging Behaviour Team. Challenging behaviour noted.';
    const before = await language.checkForOrganisation(admin.organisationId, text);
    assert.equal(before.length, 2);
    const { id } = await language.addAllowedTerm(
      admin,
      { term: 'Challenging  Behaviour Team' },
      ctxOf(admin),
    );
    const afterAllow = await language.checkForOrganisation(admin.organisationId, text);
    assert.deepEqual(
      afterAllow.map((f) => f.text),
      ['Challenging behaviour'],
    );
    assert.equal((await language.checkForOrganisation(otherAdmin.organisationId, text)).length, 2);
    await assert.rejects(
      language.addAllowedTerm(admin, { term: 'challenging behaviour team' }, ctxOf(admin)),
      invalidField('term'),
    );
    await language.removeEntry(admin, id, ctxOf(admin));
    assert.equal((await language.checkForOrganisation(admin.organisationId, text)).length, 2);
  });

  it('a change on one app server applies on the next check on another', async () => {
    // Two servers over one database, each with its own in-memory cache.
    const serverA = t.services.language;
    const serverB = createServices(t.conn, testConfig(), t.clock).language;
    const text = 'She is a high intensity user.';
    assert.deepEqual(await serverA.checkForOrganisation(admin.organisationId, text), []);
    assert.deepEqual(await serverB.checkForOrganisation(admin.organisationId, text), []);
    const { id } = await serverB.addRule(
      admin,
      { ...rule, phrases: ['high intensity user+'], category: 'dehumanising-label' },
      ctxOf(admin),
    );
    assert.deepEqual(
      (await serverA.checkForOrganisation(admin.organisationId, text)).map((f) => f.text),
      ['high intensity user'],
    );
    assert.notEqual(await serverA.browserOptionsFor(admin.organisationId), null);
    await serverA.removeEntry(admin, id, ctxOf(admin));
    assert.deepEqual(await serverB.checkForOrganisation(admin.organisationId, text), []);
  });

  it('gives the browser the options as JSON, or nothing when there are none', async () => {
    const { language } = t.services;
    const team = await makeTeam(t.services);
    const fresh = await t.services.accounts.people.actorFor(team.admin.id);
    assert.equal(await language.browserOptionsFor(fresh.organisationId), null);
    await language.addAllowedTerm(fresh, { term: 'Recovery College' }, ctxOf(fresh));
    const json = await language.browserOptionsFor(fresh.organisationId);
    assert.deepEqual(JSON.parse(json!), { extraRules: [], allowedTerms: ['Recovery College'] });
  });

  it('refuses rules the library cannot use, with a message for the phrases field', async () => {
    const { language } = t.services;
    for (const phrases of [['@nosuchset people'], ['him||her'], ['<b>']]) {
      await assert.rejects(
        language.addRule(admin, { ...rule, phrases }, ctxOf(admin)),
        invalidField('phrases'),
        phrases.join(),
      );
    }
    await assert.rejects(
      language.addAllowedTerm(admin, { term: '!!!' }, ctxOf(admin)),
      invalidField('term'),
    );
  });

  it('lets only the organisation administrator change rules; others get 404', async () => {
    const { language } = t.services;
    const notFound = (error: unknown) => isAppError(error) && error.kind === 'not_found';
    await assert.rejects(language.addRule(practitioner, rule, ctxOf(practitioner)), notFound);
    await assert.rejects(language.listOrganisationRules(practitioner), notFound);
    const { id } = await language.addAllowedTerm(admin, { term: 'Safe Haven' }, ctxOf(admin));
    await assert.rejects(language.removeEntry(otherAdmin, id, ctxOf(otherAdmin)), notFound);
    await assert.rejects(language.removeEntry(practitioner, id, ctxOf(practitioner)), notFound);
    const listed = await language.listOrganisationRules(admin);
    assert.ok(listed.allowedTerms.some((a) => a.id === id));
  });

  it('audits every change in the same transaction, without the words themselves', async () => {
    const { language, db, auditLog } = t.services;
    const { id } = await language.addRule(admin, rule, ctxOf(admin));
    await language.removeEntry(admin, id, ctxOf(admin));
    const events = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('record_id', '=', id)
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      events.map((e) => [e.action, e.actor_id, e.organisation_id]),
      [
        ['language.rule_add', admin.id, admin.organisationId],
        ['language.rule_remove', admin.id, admin.organisationId],
      ],
    );
    assert.ok(events.every((e) => !String(e.detail ?? '').includes('engage')));
    assert.deepEqual((await auditLog.verify(db)).ok, true);
  });

  it('keeps checking with the built-in rules when a stored rule no longer compiles', async () => {
    const { language, db } = t.services;
    const team = await makeTeam(t.services);
    const fresh = await t.services.accounts.people.actorFor(team.admin.id);
    await language.addRule(fresh, rule, ctxOf(fresh));
    // As if the lexicon changed under a saved rule: its word set no longer exists.
    await db
      .updateTable('language_entries')
      .set({ rule: JSON.stringify({ ...rule, id: 'org-broken', patterns: ['@gone'] }) })
      .where('organisation_id', '=', fresh.organisationId)
      .execute();
    await t.services.language.addAllowedTerm(fresh, { term: 'Safe Haven' }, ctxOf(fresh));
    const findings = await language.checkForOrganisation(fresh.organisationId, 'He refused.');
    assert.deepEqual(
      findings.map((f) => f.ruleId),
      ['refused'],
    );
  });
});
