/**
 * People's rights over their data, as stories: Sam downloads everything held about her and
 * nothing about anyone else; Sam deletes her plan and reflections, which go from the database
 * while the use-of-force record about her stays; a retention run with the clock moved on finds
 * (dry run) and then removes only what is past each period, never a force record younger than
 * three years; the audit chain verifies after each.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestContext, makeAccount, makeTeam } from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';
import { ctxOf, ensureTeamPlan, makeSupporterLink } from '../../../test/plans-fixtures.ts';
import { makeDisclosure, makeReferral, makeReflection } from '../../../test/enquiry-fixtures.ts';
import { recordTeamIncident } from '../../../test/force-fixtures.ts';
import { DAY } from '../../lib/clock.ts';
import type { Actor } from '../../lib/actor.ts';

type Team = Awaited<ReturnType<typeof makeTeam>>;

async function countWhere(t: TestContext, table: string, column: string, value: string) {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(
    table,
  )} where ${sql.ref(column)} = ${value}`.execute(t.conn.db);
  return Number(rows[0]!.n);
}

async function auditEvents(t: TestContext, action: string) {
  const { rows } = await sql<{
    detail: string | null;
    subject_person_id: string | null;
    organisation_id: string;
  }>`select detail, subject_person_id, organisation_id from audit_events where action = ${action} order by seq`.execute(
    t.conn.db,
  );
  return rows;
}

async function savePlan(t: TestContext, person: Actor, helps: string, version = 0) {
  return t.services.plans.ownPlan.save(
    person,
    { version, content: { fields: { helpsText: helps }, declined: [] }, reviewBy: null },
    ctxOf(t.services, person),
  );
}

async function saveReflection(t: TestContext, person: Actor, words: string) {
  return t.services.enquiry.reflections.save(
    person,
    {
      way: 'alone',
      action: 'save',
      happened: words,
      affected: undefined,
      sense: undefined,
      survive: undefined,
      strengths: undefined,
      story: undefined,
    },
    ctxOf(t.services, person),
  );
}

describe('a person downloads their information', () => {
  let t: TestContext;
  let team: Team;
  let sam: Actor;
  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
    sam = await t.services.accounts.people.actorFor(team.person.id);
    await ensureTeamPlan(t.services, team);
    await makeSupporterLink(t.services, team);
    await makeReflection(t.services, team);
    await recordTeamIncident(t.services, team);
    // Someone else in the same organisation, with a plan, a reflection and a disclosure.
    const other = await makeAccount(t.services, {
      organisationId: team.organisationId,
      role: 'service_user',
      unitIds: [team.unitId],
    });
    const otherActor = await t.services.accounts.people.actorFor(other.id);
    await savePlan(t, otherActor, 'OTHER-PERSON-PLAN-WORDS');
    await saveReflection(t, otherActor, 'OTHER-PERSON-REFLECTION');
    await makeDisclosure(t.services, team);
  });
  after(() => t.close());

  it("holds Sam's plan, reflections, force record and own account, and nothing of anyone else", async () => {
    const copy = await t.services.rights.myData.copy(sam, 'json', ctxOf(t.services, sam));
    const text = JSON.stringify(copy);
    assert.match(text, /A quiet room and a cup of tea\./);
    assert.match(text, /Things were hard at home\./, 'her reflection, decrypted for her');
    assert.match(text, /Two staff used a standing hold/);
    assert.equal(copy.plan?.supporterLinks.length, 1);
    assert.equal(copy.useOfForce.incidents.length, 1);
    assert.doesNotMatch(text, /OTHER-PERSON/);
    assert.doesNotMatch(text, /Told me about hard times/, "another person's disclosure");
    assert.doesNotMatch(text, /Chris Doyle/, 'staff names are left out of the person copy');
    assert.doesNotMatch(text, /[A-Za-z0-9+/]{40,}={0,2}/, 'no ciphertext or hashes');
  });

  it('lists who has seen her information and audits the download', async () => {
    const staff = await t.services.accounts.people.actorFor(team.practitioner.id);
    await t.services.plans.planAccess.choicesForForce(staff, sam.id, ctxOf(t.services, staff));
    const copy = await t.services.rights.myData.copy(sam, 'page', ctxOf(t.services, sam));
    assert.ok(copy.whoHasSeenYourInformation.length > 0);
    const events = await auditEvents(t, 'rights.export');
    assert.ok(events.some((e) => e.subject_person_id === sam.id && /"page"/.test(e.detail ?? '')));
  });

  it('gives the person who disclosed their own words back', async () => {
    const { personId } = await makeDisclosure(t.services, team);
    const person = await t.services.accounts.people.actorFor(personId);
    const copy = await t.services.rights.myData.copy(person, 'json', ctxOf(t.services, person));
    assert.equal(copy.whatYouToldUs.recorded[0]?.yourWords, 'Told me about hard times growing up.');
    assert.equal(copy.plan, null);
    assert.doesNotMatch(JSON.stringify(copy), /A quiet room/);
  });

  it('refuses everyone but the person themself (404)', async () => {
    for (const account of [team.practitioner, team.manager, team.admin]) {
      const actor = await t.services.accounts.people.actorFor(account.id);
      await assert.rejects(
        t.services.rights.myData.copy(actor, 'json', ctxOf(t.services, actor)),
        (e: Error & { kind?: string }) => e.kind === 'not_found',
      );
    }
  });
});

describe('a person deletes what they own', () => {
  let t: TestContext;
  let team: Team;
  let sam: Actor;
  let planId: string;
  let otherPlanId: string;
  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
    sam = await t.services.accounts.people.actorFor(team.person.id);
    planId = await ensureTeamPlan(t.services, team);
    await savePlan(t, sam, 'A second version.', 1);
    await makeSupporterLink(t.services, team);
    await makeReflection(t.services, team);
    await recordTeamIncident(t.services, team);
    const other = await makeAccount(t.services, {
      organisationId: team.organisationId,
      role: 'service_user',
    });
    const otherActor = await t.services.accounts.people.actorFor(other.id);
    otherPlanId = (await savePlan(t, otherActor, 'Someone else')).planId;
    await saveReflection(t, otherActor, 'Someone else reflecting');
  });
  after(() => t.close());

  it('refuses staff (404) and changes nothing', async () => {
    const admin = await t.services.accounts.people.actorFor(team.admin.id);
    await assert.rejects(
      t.services.rights.deletion.deleteOwned(admin, { parts: ['plan'] }, ctxOf(t.services, admin)),
      (e: Error & { kind?: string }) => e.kind === 'not_found',
    );
    assert.equal(await countWhere(t, 'plans', 'id', planId), 1);
  });

  it('deletes her plan with its versions, sharing and links, and her reflections, at once', async () => {
    const done = await t.services.rights.deletion.deleteOwned(
      sam,
      { parts: ['plan', 'reflections'] },
      ctxOf(t.services, sam),
    );
    assert.deepEqual(done, { plan: true, reflections: 1 });
    assert.equal(await countWhere(t, 'plans', 'id', planId), 0);
    for (const table of ['plan_versions', 'plan_shares', 'plan_supporter_links']) {
      assert.equal(await countWhere(t, table, 'plan_id', planId), 0, table);
    }
    assert.equal(await countWhere(t, 'enquiry_reflections', 'person_id', sam.id), 0);
  });

  it('keeps the use-of-force record about her, and everyone else’s plan', async () => {
    assert.equal(await countWhere(t, 'force_incidents', 'person_id', sam.id), 1);
    assert.equal(await countWhere(t, 'plans', 'id', otherPlanId), 1);
    assert.equal(
      await countWhere(t, 'enquiry_reflections', 'organisation_id', team.organisationId),
      1,
    );
    const overview = await t.services.rights.myData.overview(sam);
    assert.equal(overview.hasPlan, false);
    assert.equal(overview.kept.records, 1);
  });

  it('audits the deletion with a digest and without the content; the chain verifies', async () => {
    const [event] = await auditEvents(t, 'rights.delete');
    assert.ok(event);
    assert.equal(event.subject_person_id, sam.id);
    const detail = JSON.parse(event.detail!) as Record<string, unknown>;
    assert.match(String(detail.planDigest), /^[0-9a-f]{64}$/);
    assert.match(String(detail.reflectionsDigest), /^[0-9a-f]{64}$/);
    assert.ok(Number(detail.planRows) >= 4);
    assert.doesNotMatch(event.detail!, /quiet room|second version|hard at home/i);
    const verified = await t.services.auditLog.verify(t.conn.db);
    assert.equal(verified.ok, true);
  });
});

describe('retention with the clock moved on', () => {
  let t: TestContext;
  let team: Team;
  let otherTeam: Team;
  let sam: Actor;
  let planId: string;
  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
    otherTeam = await makeTeam(t.services);
    sam = await t.services.accounts.people.actorFor(team.person.id);
    planId = await ensureTeamPlan(t.services, team);
    await savePlan(t, sam, 'Version two, kept as current.', 1);
    await makeReflection(t.services, team);
    await recordTeamIncident(t.services, team);
    // The other organisation keeps the defaults: nothing of theirs goes.
    await ensureTeamPlan(t.services, otherTeam);
    const otherSam = await t.services.accounts.people.actorFor(otherTeam.person.id);
    await savePlan(t, otherSam, 'Other org version two', 1);
    await makeReflection(t.services, otherTeam);
    const admin = await t.services.accounts.people.actorFor(team.admin.id);
    await t.services.rights.retention.saveSettings(
      admin,
      { plan_history: 12, enquiry_records: 240, reflections: 12, force_records: 36 },
      ctxOf(t.services, admin),
    );
  });
  after(() => t.close());

  it('refuses a force period under three years and a caller who is not the administrator', async () => {
    const admin = await t.services.accounts.people.actorFor(team.admin.id);
    await assert.rejects(
      t.services.rights.retention.saveSettings(
        admin,
        { plan_history: 12, enquiry_records: 240, reflections: 12, force_records: 35 },
        ctxOf(t.services, admin),
      ),
      (e: Error & { kind?: string }) => e.kind === 'invalid',
    );
    const manager = await t.services.accounts.people.actorFor(team.manager.id);
    await assert.rejects(
      t.services.rights.retention.settings(manager),
      (e: Error & { kind?: string }) => e.kind === 'not_found',
    );
    const settings = await t.services.rights.retention.settings(admin);
    assert.equal(settings.find((s) => s.key === 'force_records')?.months, 36);
  });

  it('removes nothing before any period has passed', async () => {
    t.clock.advance(300 * DAY);
    const [report] = await t.services.rights.retention.run({
      dryRun: true,
      organisationId: team.organisationId,
    });
    assert.equal(
      report!.results.reduce((n, r) => n + r.rows, 0),
      0,
    );
  });

  it('a dry run lists what is past its period and changes nothing', async () => {
    t.clock.advance(100 * DAY);
    const reports = await t.services.rights.retention.run({ dryRun: true });
    const mine = reports.find((r) => r.organisationId === team.organisationId)!;
    const rows = (key: string) => mine.results.find((r) => r.category === key)?.rows ?? 0;
    assert.equal(mine.results.find((r) => r.category === 'plan_history')?.counts.plan_versions, 1);
    assert.equal(rows('reflections'), 1);
    assert.equal(rows('force_records'), 0);
    const theirs = reports.find((r) => r.organisationId === otherTeam.organisationId)!;
    assert.equal(
      theirs.results.reduce((n, r) => n + r.rows, 0),
      0,
    );
    assert.equal(await countWhere(t, 'plan_versions', 'plan_id', planId), 2);
    assert.equal(await countWhere(t, 'enquiry_reflections', 'person_id', sam.id), 1);
  });

  it('a run removes only that, keeping the current plan and the force record', async () => {
    await t.services.rights.retention.run({ dryRun: false });
    assert.equal(await countWhere(t, 'plan_versions', 'plan_id', planId), 1);
    assert.equal(await countWhere(t, 'plans', 'id', planId), 1);
    assert.equal(await countWhere(t, 'enquiry_reflections', 'person_id', sam.id), 0);
    assert.equal(await countWhere(t, 'force_incidents', 'person_id', sam.id), 1);
    assert.equal(await countWhere(t, 'enquiry_reflections', 'person_id', otherTeam.person.id), 1);
    const events = await auditEvents(t, 'retention.remove');
    assert.equal(events.length, 2);
    for (const e of events) {
      assert.equal(e.organisation_id, team.organisationId);
      assert.match(JSON.parse(e.detail!).digest as string, /^[0-9a-f]{64}$/);
    }
    assert.equal((await t.services.auditLog.verify(t.conn.db)).ok, true);
  });

  it('never removes a force record younger than three years, then does once it is older', async () => {
    t.clock.set(new Date('2029-05-25T09:00:00Z'));
    let [report] = await t.services.rights.retention.run({
      dryRun: false,
      organisationId: team.organisationId,
    });
    assert.equal(report!.results.find((r) => r.category === 'force_records')?.rows, 0);
    assert.equal(await countWhere(t, 'force_incidents', 'person_id', sam.id), 1);
    t.clock.set(new Date('2029-06-02T09:00:00Z'));
    [report] = await t.services.rights.retention.run({
      dryRun: false,
      organisationId: team.organisationId,
    });
    assert.ok((report!.results.find((r) => r.category === 'force_records')?.rows ?? 0) >= 2);
    assert.equal(await countWhere(t, 'force_incidents', 'person_id', sam.id), 0);
    assert.equal((await t.services.auditLog.verify(t.conn.db)).ok, true);
  });
});

describe('retention of finished conversations', () => {
  let t: TestContext;
  let team: Team;
  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
  });
  after(() => t.close());

  it('removes a finished conversation with its record, sharing and support, all together', async () => {
    const referralId = await makeReferral(t.services, team);
    const otherTeam = await makeTeam(t.services);
    const otherReferralId = await makeReferral(t.services, otherTeam);
    const admin = await t.services.accounts.people.actorFor(team.admin.id);
    await t.services.rights.retention.saveSettings(
      admin,
      { plan_history: 96, enquiry_records: 1, reflections: 36, force_records: 36 },
      ctxOf(t.services, admin),
    );
    t.clock.advance(20 * DAY);
    let [report] = await t.services.rights.retention.run({
      dryRun: true,
      organisationId: team.organisationId,
    });
    assert.equal(report!.results.find((r) => r.category === 'enquiry_records')?.rows, 0);
    t.clock.advance(40 * DAY);
    [report] = await t.services.rights.retention.run({
      dryRun: false,
      organisationId: team.organisationId,
    });
    const counts = report!.results.find((r) => r.category === 'enquiry_records')!.counts;
    assert.ok((counts.enquiries ?? 0) >= 1);
    assert.ok((counts.enquiry_disclosures ?? 0) >= 1);
    assert.ok((counts.enquiry_referrals ?? 0) >= 1);
    assert.equal(await countWhere(t, 'enquiry_referrals', 'id', referralId), 0);
    assert.equal(await countWhere(t, 'enquiries', 'organisation_id', team.organisationId), 0);
    assert.equal(await countWhere(t, 'enquiry_referrals', 'id', otherReferralId), 1);
    assert.equal((await t.services.auditLog.verify(t.conn.db)).ok, true);
  });
});
