/**
 * A round end to end through the pages: a manager opens it, staff and people answer (one with a
 * one-time code), bad and repeated answers are refused with nothing saved, results appear only
 * once the round has closed and only for groups of 5 or more, and the gap is right. Then the raw
 * tables are read to show that no column or order joins a response to its person.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { dialectOf } from '../../db/dialect.ts';
import { acrossOrganisations } from '../../db/tenancy.ts';
import {
  Agent,
  createTestContext,
  makeAccount,
  makeTeam,
  signedInAgent,
  textOf,
} from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';
import { MIX_BATCH } from './store.ts';

type Team = Awaited<ReturnType<typeof makeTeam>>;

describe('a self-assessment round, end to end', () => {
  let t: TestContext;
  let team: Team;
  let roundId: string;
  let admin: Agent;
  const staffEmails: string[] = [];
  const peopleEmails: string[] = [];
  const day = (days: number) =>
    new Date(t.clock().getTime() + days * 86_400_000).toISOString().slice(0, 10);

  const count = (table: 'assessment_responses' | 'assessment_answered' | 'assessment_codes') =>
    acrossOrganisations('test: counting rows', async () =>
      Number(
        (
          await t.services.db
            .selectFrom(table)
            .select(sql<number>`count(*)`.as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    );

  /** A full answer form: every statement shown on the page gets the same rating. */
  function formFrom(page: string, rating: string, extra: Record<string, string | string[]> = {}) {
    const names = new Set(
      [...page.matchAll(/name="([a-z-]+\.[a-z-]+)" type="radio"/g)].map((m) => m[1]!),
    );
    const form: Record<string, string | string[]> = {};
    for (const n of names) form[n] = rating;
    return { ...form, ...extra };
  }

  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
    admin = await signedInAgent(t.app, team.admin);
    for (let i = 0; i < 4; i += 1) {
      staffEmails.push(
        (
          await makeAccount(t.services, {
            organisationId: team.organisationId,
            role: 'practitioner',
            unitIds: [team.unitId],
          })
        ).email,
      );
      peopleEmails.push(
        (
          await makeAccount(t.services, {
            organisationId: team.organisationId,
            role: 'service_user',
            unitIds: [team.unitId],
          })
        ).email,
      );
    }
  });
  after(() => t.close());

  it('lets an administrator open a round for a ward, and refuses a closing date in the past', async () => {
    const bad = await admin.post('/assessment/rounds', { unitId: team.unitId, closesOn: day(-1) });
    assert.equal(bad.status, 400);
    assert.match(textOf(bad.body), /Choose a date after/);
    const res = await admin.post('/assessment/rounds', {
      unitId: team.unitId,
      title: 'Ward round',
      closesOn: day(14),
    });
    assert.equal(res.status, 303);
    roundId = /rounds\/([0-9a-f-]+)/.exec(String(res.headers.location))![1]!;
    const extended = await admin.post(`/assessment/rounds/${roundId}/extend`, {
      closesOn: day(21),
    });
    assert.equal(extended.status, 303);
    assert.match(
      textOf((await admin.get(`/assessment/rounds/${roundId}`)).body),
      new RegExp(`Closes ${day(21)}`),
    );
  });

  it('shows the round on a person’s home page, and saves their answers once', async () => {
    const person = await signedInAgent(t.app, team.person);
    const home = await person.get('/');
    assert.match(home.body, new RegExp(`href="/assessment/rounds/${roundId}/answer"`));
    const page = await person.get(`/assessment/rounds/${roundId}/answer`);
    assert.equal(page.status, 200);
    // Statements only staff can judge are not shown to people who use the service.
    assert.doesNotMatch(page.body, /name="safety\.speak-up"/);
    assert.match(page.body, /name="safety\.calm"/);
    const form = formFrom(page.body, '2', {
      barriers: ['barrier.paperwork', 'barrier.fear-of-risk'],
      comment: 'Nights are loud.',
    });
    const first = await person.post(`/assessment/rounds/${roundId}/answer`, form);
    assert.equal(first.status, 303);
    assert.equal(first.headers.location, '/assessment/thanks');
    // The back button, or a second tab: nothing more is stored.
    const again = await person.post(`/assessment/rounds/${roundId}/answer`, form);
    assert.equal(again.headers.location, '/assessment/thanks?already=1');
    assert.equal(await count('assessment_responses'), 1);
    assert.doesNotMatch((await person.get('/')).body, /assessment-waiting/);
  });

  it('refuses out-of-range ratings, unknown statements and staff-only ones from people, saving nothing', async () => {
    const person = await signedInAgent(t.app, { email: peopleEmails[0]! });
    const page = await person.get(`/assessment/rounds/${roundId}/answer`);
    for (const [form, message] of [
      [formFrom(page.body, '7'), /Choose one of the answers, or leave this question out/],
      [{ ...formFrom(page.body, '3'), 'trust.made-up': '4' }, /a question we do not know/],
      [{ ...formFrom(page.body, '3'), 'safety.speak-up': '4' }, /a question we do not know/],
      [{ ...formFrom(page.body, '3'), barriers: 'barrier.made-up' }, /Choose from the list/],
    ] as const) {
      const res = await person.post(`/assessment/rounds/${roundId}/answer`, form);
      assert.equal(res.status, 400);
      assert.match(textOf(res.body), message);
    }
    assert.equal(await count('assessment_responses'), 1);
    assert.equal(await count('assessment_answered'), 1);
  });

  it('takes answers from staff and people, and one code that works once', async () => {
    for (const email of peopleEmails.slice(0, 3)) {
      const a = await signedInAgent(t.app, { email });
      const page = await a.get(`/assessment/rounds/${roundId}/answer`);
      assert.equal(
        (await a.post(`/assessment/rounds/${roundId}/answer`, formFrom(page.body, '2'))).status,
        303,
      );
    }
    for (const email of [...staffEmails, team.manager.email]) {
      const a = await signedInAgent(t.app, { email });
      const page = await a.get(`/assessment/rounds/${roundId}/answer`);
      assert.match(page.body, /name="safety\.speak-up"/);
      assert.equal(
        (await a.post(`/assessment/rounds/${roundId}/answer`, formFrom(page.body, '4'))).status,
        303,
      );
    }
    const made = await admin.post(`/assessment/rounds/${roundId}/codes`, {
      count: '2',
      group: 'people',
    });
    assert.equal(made.status, 200);
    const codes = [...made.body.matchAll(/<strong>([A-Z0-9]{5}-[A-Z0-9]{5})<\/strong>/g)].map(
      (m) => m[1]!,
    );
    assert.equal(codes.length, 2);
    // Only hashes are kept.
    const stored = await acrossOrganisations('test', () =>
      t.services.db.selectFrom('assessment_codes').selectAll().execute(),
    );
    assert.ok(
      stored.every((c) => !codes.some((code) => c.code_hash.includes(code.replace('-', '')))),
    );

    const visitor = new Agent(t.app);
    await visitor.get('/assessment/code');
    const unknown = await visitor.post('/assessment/code', { code: 'AAAAA-BBBBB' });
    assert.equal(unknown.status, 400);
    assert.match(textOf(unknown.body), /could not find that code/);
    const form = await visitor.post('/assessment/code', { code: codes[0]!.toLowerCase() });
    assert.equal(form.status, 200);
    assert.doesNotMatch(form.body, /name="safety\.speak-up"/);
    const sent = await visitor.post(
      '/assessment/code/answer',
      formFrom(form.body, '2', { code: codes[0]! }),
    );
    assert.equal(sent.status, 303);
    const reused = await visitor.post(
      '/assessment/code/answer',
      formFrom(form.body, '2', { code: codes[0]! }),
    );
    assert.equal(reused.status, 400);
    assert.match(textOf(reused.body), /This code has been used/);
    assert.equal(await count('assessment_responses'), 10);
  });

  it('shows no figures while the round is open, then groups of 5 or more once it closes', async () => {
    const open = await admin.get(`/assessment/rounds/${roundId}/results`);
    assert.match(textOf(open.body), /This round is still open/);
    assert.doesNotMatch(open.body, /Principle score/);

    const partner = await signedInAgent(t.app, team.partner);
    const page = await partner.get(`/assessment/rounds/${roundId}/answer`);
    assert.equal(
      (await partner.post(`/assessment/rounds/${roundId}/answer`, formFrom(page.body, '3'))).status,
      303,
    );

    assert.equal((await admin.post(`/assessment/rounds/${roundId}/close`)).status, 303);
    const late = await signedInAgent(t.app, { email: peopleEmails[3]! });
    const closedPage = await late.get(`/assessment/rounds/${roundId}/answer`);
    assert.match(textOf(closedPage.body), /This round has closed/);
    const lateSend = await late.post(`/assessment/rounds/${roundId}/answer`, {
      'trust.explain': '5',
    });
    assert.equal(lateSend.status, 400);
    assert.match(textOf(lateSend.body), /This round has closed/);
    const visitor = new Agent(t.app);
    await visitor.get('/assessment/code');
    // The second code was never used, but the round has closed.
    assert.equal(await count('assessment_responses'), 11);

    const results = await t.services.assessment.results.forRound(
      await t.services.accounts.people.actorFor(team.admin.id),
      roundId,
    );
    assert.equal(results.ready, true);
    const byGroup = Object.fromEntries(results.groups.map((g) => [g.group, g]));
    assert.equal(byGroup.staff!.responses, 5);
    assert.equal(byGroup.people!.responses, 5);
    // One partner answered: not shown, and there is no total to take the others from.
    assert.equal(byGroup.partners!.shown, false);
    assert.equal(byGroup.partners!.responses, null);
    assert.ok(!('total' in results));
    for (const s of results.sections) {
      assert.equal(s.score.partners, undefined);
      for (const item of s.items) assert.equal(item.figures.partners, undefined);
    }
    // Staff rated 4 everywhere, people 2: each principle's gap is +2.
    assert.equal(results.gaps.length, 11);
    for (const g of results.gaps) assert.ok(Math.abs(g.gap - 2) < 1e-9, `${g.id}: ${g.gap}`);
    // A statement only staff were asked has staff figures and nothing for people.
    const speakUp = results.sections
      .find((s) => s.id === 'safety')!
      .items.find((i) => i.id === 'safety.speak-up')!;
    assert.ok(speakUp.figures.staff);
    assert.equal(speakUp.figures.people, undefined);
    assert.deepEqual(
      results.barriers.people!.slice(0, 2).map((b) => b.count),
      [1, 1],
    );

    const page2 = textOf((await admin.get(`/assessment/rounds/${roundId}/results`)).body);
    assert.match(page2, /Lived-experience partners Fewer than 5 \(not shown\)/);
    assert.match(page2, /Nights are loud\./);
    const csv = await admin.get(`/assessment/rounds/${roundId}/results.csv`);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.doesNotMatch(csv.body, /,partners,/);
    assert.match(csv.body, /principle,trust,,staff,5,4\.00,4\.00,4\.00/);
    assert.match(csv.body, /principle,trust,,people,5,2\.00,2\.00,2\.00/);
  });

  it('keeps nothing in the raw tables that joins a response to its person', async () => {
    const db = t.services.db;
    const responses = await acrossOrganisations('test: raw rows', () =>
      db.selectFrom('assessment_responses').selectAll().execute(),
    );
    const columns = Object.keys(responses[0]!).sort();
    assert.deepEqual(columns, [
      'answers',
      'barriers',
      'comment',
      'id',
      'organisation_id',
      'respondent_group',
      'round_id',
    ]);
    const accounts = await acrossOrganisations('test', () =>
      db.selectFrom('accounts').select('id').execute(),
    );
    const sessions = await acrossOrganisations('test', () =>
      db.selectFrom('sessions').selectAll().execute(),
    );
    const secrets = [
      ...accounts.map((a) => a.id),
      ...sessions.flatMap((s) => Object.values(s).map(String)),
      '127.0.0.1',
    ].filter((v) => v !== team.organisationId);
    const raw = JSON.stringify(responses);
    for (const secret of secrets)
      if (secret.length > 8)
        assert.ok(!raw.includes(secret), `a response holds ${secret}: ${raw.slice(0, 400)}`);
    assert.doesNotMatch(raw, /\d{4}-\d{2}-\d{2}T|\d{2}:\d{2}/);
    // The answered table says who answered, with no time and nothing that points at a response.
    const answered = await acrossOrganisations('test', () =>
      db.selectFrom('assessment_answered').selectAll().execute(),
    );
    assert.deepEqual(Object.keys(answered[0]!).sort(), [
      'account_id',
      'organisation_id',
      'round_id',
    ]);
    // The audit trail names the round, never a response.
    const events = await acrossOrganisations('test', () =>
      db
        .selectFrom('audit_events')
        .select(['record_id', 'action'])
        .where('action', 'like', 'assessment.answered%')
        .execute(),
    );
    assert.ok(events.length >= 11 && events.every((e) => e.record_id === roundId));

    if (dialectOf(db) === 'sqlite') {
      // No rowid to give away the writing order; rows are stored in the order of their random keys.
      await assert.rejects(sql`select rowid from assessment_responses`.execute(db), /rowid/);
      const scan = await sql<{ id: string }>`select id from assessment_responses`.execute(db);
      const ids = scan.rows.map((r) => r.id);
      assert.deepEqual(ids, [...ids].sort());
    } else {
      // Every answer rewrote a batch of the round's rows: the last writing transaction is shared
      // by min(n, MIX_BATCH + 1) rows, so it does not single out the newest response, and those
      // rows lie in key order on disk.
      const rows = await sql<{ id: string; x: string }>`
        select id, xmin::text as x from assessment_responses order by ctid`.execute(db);
      const newest = rows.rows.reduce((m, r) => (BigInt(r.x) > m ? BigInt(r.x) : m), 0n);
      const batch = rows.rows.filter((r) => BigInt(r.x) === newest).map((r) => r.id);
      assert.equal(batch.length, Math.min(rows.rows.length, MIX_BATCH + 1));
      assert.deepEqual(batch, [...batch].sort());
    }
  });
});
