/** Language pages: "Check my writing" with JavaScript off, and the organisation rules page. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { createApp, createServices } from '../../app.ts';
import {
  createTestContext,
  freshDatabase,
  makeClock,
  makeTeam,
  signedInAgent,
  testConfig,
  textOf,
} from '../../../test/factories.ts';
import type { Agent, TestContext } from '../../../test/factories.ts';

describe('language pages', () => {
  let t: TestContext;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  let practitioner: Agent;
  let admin: Agent;
  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
    practitioner = await signedInAgent(t.app, team.practitioner);
    admin = await signedInAgent(t.app, team.admin);
  });
  after(() => t.close());

  async function auditCount(action: string): Promise<number> {
    const rows = await t.services.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', action)
      .where('organisation_id', '=', team.organisationId)
      .execute();
    return rows.length;
  }

  it('shows Check my writing with a live-suggestion region and the bundle for staff', async () => {
    const res = await practitioner.get('/check-my-writing');
    assert.equal(res.status, 200);
    assert.match(textOf(res.body), /Nothing you write on this page is saved/);
    assert.match(res.body, /data-language-check="text-suggestions"/);
    assert.match(
      res.body,
      /<div id="text-suggestions" class="app-language-check\s*" aria-live="polite"/,
    );
    // The bundle is served under its content-hashed name (src/web/assets.ts).
    assert.match(
      res.body,
      /<script src="\/static\/h\/build\/language\.[0-9a-f]+\.js" defer><\/script>/,
    );
    assert.match(textOf((await practitioner.get('/')).body), /Check my writing/);
  });

  it('never loads the checker for people using services', async () => {
    const person = await signedInAgent(t.app, team.person);
    const home = await person.get('/');
    assert.doesNotMatch(home.body, /language\.js|app-language-options/);
    assert.equal((await person.get('/check-my-writing')).status, 404);
  });

  it('checks writing with JavaScript off, highlighting each phrase with why and what to try', async () => {
    const before = await t.services.db.selectFrom('audit_events').select('id').execute();
    const text = 'He refused his depot.\nLater he kicked off on the ward.';
    const res = await practitioner.post('/check-my-writing', { text });
    assert.equal(res.status, 200);
    const page = textOf(res.body);
    assert.match(page, /2 suggestions about wording/);
    assert.match(page, /He refused his depot/);
    assert.match(res.body, /<mark class="app-language-check__mark">refused<\/mark>/);
    assert.match(res.body, /<mark class="app-language-check__mark">kicked off<\/mark>/);
    assert.match(page, /You could try: declined/);
    assert.match(page, /\(suggestion 2\)/);
    // The writing comes back in the box, and nothing was written anywhere.
    assert.match(res.body, /<textarea[^>]*>He refused his depot\.\r?\nLater he kicked off/);
    const afterRows = await t.services.db.selectFrom('audit_events').select('id').execute();
    assert.equal(afterRows.length, before.length);
  });

  it('says so kindly when nothing is found, and asks for writing when the box is empty', async () => {
    const clean = await practitioner.post('/check-my-writing', {
      text: 'We talked about her week.',
    });
    assert.equal(clean.status, 200);
    assert.match(textOf(clean.body), /We did not find any wording to suggest changes to/);
    const empty = await practitioner.post('/check-my-writing', { text: '   ' });
    assert.equal(empty.status, 400);
    assert.match(
      textOf(empty.body),
      /There is a problem Enter the writing you would like to check/,
    );
    assert.match(empty.body, /href="#text"/);
  });

  it('shows HTML typed into the box as text, never as markup', async () => {
    const text = '<script>alert(1)</script><img src=x onerror=alert(2)> He refused "<b>x</b>".';
    const res = await practitioner.post('/check-my-writing', { text });
    assert.equal(res.status, 200);
    assert.doesNotMatch(res.body, /<script>alert|<img src=x|<b>x<\/b>/);
    assert.match(res.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(res.body, /<mark class="app-language-check__mark">refused<\/mark>/);
  });

  it('refuses NUL bytes and lone surrogates before checking', async () => {
    const nul = await practitioner.post('/check-my-writing', { text: 'He refused\u0000' });
    assert.equal(nul.status, 400);
    const surrogate = await practitioner.post(
      '/check-my-writing',
      {},
      { rawBody: `_csrf=${practitioner.csrf}&text=He%20refused%ED%A0%80` },
    );
    assert.equal(surrogate.status, 400);
    assert.doesNotMatch(surrogate.body, /suggestions about wording/);
  });

  it('lets an admin add a rule that then applies to Check my writing, audited', async () => {
    const page = await admin.get('/admin/language');
    assert.equal(page.status, 200);
    assert.match(textOf(page.body), /Your organisation has not added any rules yet/);
    const res = await admin.post('/admin/language/rules', {
      phrases: 'difficult to engage\r\nhard to work with',
      category: 'blame',
      severity: 'medium',
      reason: 'Puts the difficulty on the person, when it may be that what we offer does not fit.',
      alternatives: 'has not come to the last … appointments\r\n',
    });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/admin/language?done=rule-added');
    const listed = textOf((await admin.get('/admin/language?done=rule-added')).body);
    assert.match(listed, /Rule added/);
    assert.match(listed, /difficult to engage, hard to work with/);
    assert.equal(await auditCount('language.rule_add'), 1);

    const checked = await practitioner.post('/check-my-writing', {
      text: 'Sam is difficult to engage.',
    });
    assert.match(
      textOf(checked.body),
      /One suggestion about wording.*Puts the difficulty on the person/,
    );
    // Staff pages now carry the organisation's rules, as escaped data for the live checker.
    assert.match(
      checked.body,
      /<template id="app-language-options" data-options="\{&quot;extraRules&quot;/,
    );
  });

  it('re-renders the rule form with NHS error messages, and keeps what was typed', async () => {
    const res = await admin.post('/admin/language/rules', {
      phrases: 'him||her',
      category: 'not-a-category',
      severity: '',
      reason: 'Line one\r\nline two',
      alternatives: '',
    });
    assert.equal(res.status, 400);
    const page = textOf(res.body);
    assert.match(page, /There is a problem/);
    assert.match(page, /Choose what kind of wording this is/);
    assert.match(page, /Choose how strongly to put the suggestion/);
    assert.match(page, /Write a short reason on one line/);
    assert.match(page, /Enter at least one thing to try instead/);
    assert.match(res.body, /href="#category"/);
    assert.match(res.body, />him\|\|her<\/textarea>/);

    const badPattern = await admin.post('/admin/language/rules', {
      phrases: 'him||her',
      category: 'blame',
      severity: 'low',
      reason: 'Why.',
      alternatives: 'Something else',
    });
    assert.equal(badPattern.status, 400);
    assert.match(textOf(badPattern.body), /Put words on both sides of each "\|"/);

    const scolding = await admin.post('/admin/language/rules', {
      phrases: 'bed blocker',
      category: 'jargon',
      severity: 'low',
      reason: 'Do not use this word, it is unprofessional.',
      alternatives: 'is waiting for a place at …',
    });
    assert.equal(scolding.status, 400);
    assert.match(textOf(scolding.body), /rather than telling staff off/);
  });

  it('allows a term and removes it again, each change audited', async () => {
    const text = 'Referred to the Challenging Behaviour Team.';
    const flagged = await practitioner.post('/check-my-writing', { text });
    assert.match(textOf(flagged.body), /One suggestion about wording/);

    const added = await admin.post('/admin/language/allowed-terms', {
      term: 'Challenging Behaviour Team',
    });
    assert.equal(added.status, 303);
    const duplicate = await admin.post('/admin/language/allowed-terms', {
      term: 'challenging behaviour team',
    });
    assert.equal(duplicate.status, 400);
    assert.match(textOf(duplicate.body), /is already allowed/);

    const clear = await practitioner.post('/check-my-writing', { text });
    assert.match(textOf(clear.body), /We did not find any wording/);

    const { allowedTerms } = await t.services.language.listOrganisationRules(
      await t.services.accounts.people.actorFor(team.admin.id),
    );
    const entry = allowedTerms.find((a) => a.term === 'Challenging Behaviour Team')!;
    const removed = await admin.post(`/admin/language/${entry.id}/remove`);
    assert.equal(removed.status, 303);
    assert.match(
      textOf((await admin.get(String(removed.headers.location))).body),
      /no longer allowed/,
    );
    assert.match(
      textOf((await practitioner.post('/check-my-writing', { text })).body),
      /One suggestion about wording/,
    );
    assert.equal(await auditCount('language.allowed_term_add'), 1);
    assert.equal(await auditCount('language.allowed_term_remove'), 1);
    // Removing twice, or something that is not there, is simply not found.
    assert.equal((await admin.post(`/admin/language/${entry.id}/remove`)).status, 404);
  });

  it('never logs what is typed into Check my writing', async () => {
    const database = await freshDatabase();
    const lines: string[] = [];
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => lines.push(chunk.toString('utf8')));
    const services = createServices(database.conn, testConfig({ logLevel: 'info' }), makeClock());
    const app = await createApp(services, { logStream: stream });
    try {
      const logged = await makeTeam(services);
      const agent = await signedInAgent(app, logged.practitioner);
      await agent.post('/check-my-writing', { text: 'Private note: she refused her meds.' });
      await agent.post('/check-my-writing', { text: `Too long ${'x'.repeat(60_000)}` });
      assert.ok(lines.length > 2, 'requests were logged');
      assert.doesNotMatch(lines.join('\n'), /Private note|refused her|xxxx/);
    } finally {
      await app.close();
      await database.drop();
    }
  });
});
