/**
 * Asking about trauma, as stories through the real pages: each consent outcome, responding to
 * a disclosure, choosing who sees it and changing one's mind, stopping half way, two people on
 * one conversation, answering on one's own device, and the reflective guide.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import {
  createTestContext,
  makeAccount,
  makeTeam,
  signedInAgent,
  textOf,
} from '../../../test/factories.ts';
import type { Agent, TestContext } from '../../../test/factories.ts';
import { makeDisclosure, makeEnquiryPerson } from '../../../test/enquiry-fixtures.ts';
import { DAY } from '../../lib/clock.ts';
import { enquiryQuestions } from './content.ts';
import { walkEnquiry } from './walk.ts';

type Team = Awaited<ReturnType<typeof makeTeam>>;

const versionIn = (body: string) => /name="version" value="(\d+)"/.exec(body)?.[1] ?? '';

/** Opens a step page and posts its form with the version shown on it. */
async function submit(agent: Agent, url: string, fields: Record<string, string | string[]>) {
  const page = await agent.get(url);
  assert.equal(page.status, 200, `${url} should open (got ${page.status})`);
  return agent.post(url, { version: versionIn(page.body), ...fields });
}

function dateFields(name: string, iso: string): Record<string, string> {
  const [y, m, d] = iso.split('-');
  return {
    [`${name}[day]`]: String(Number(d)),
    [`${name}[month]`]: String(Number(m)),
    [`${name}[year]`]: y!,
  };
}

const allChecks = { checks: ['private', 'time', 'alone', 'language'], mode: 'together' };

async function start(agent: Agent, personId: string): Promise<string> {
  const res = await agent.post(`/enquiry/people/${personId}/start`);
  assert.equal(
    res.status,
    303,
    `start should redirect (got ${res.status}: ${textOf(res.body).slice(0, 200)})`,
  );
  const id = /^\/enquiry\/([\w-]+)$/.exec(String(res.headers.location))?.[1];
  assert.ok(id);
  return id;
}

describe('asking about trauma', () => {
  let t: TestContext;
  let team: Team;
  let jo: Agent;
  const inDays = (n: number) => new Date(t.clock().getTime() + n * DAY).toISOString().slice(0, 10);

  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
  });
  beforeEach(async () => {
    jo = await signedInAgent(t.app, team.practitioner);
  });
  after(() => t.close());

  it('Jo asks Sam; Sam shares something; Jo responds, closes and they agree the record', async () => {
    const sam = await makeEnquiryPerson(t.services, team, 'Sam Example');
    const id = await start(jo, sam.id);
    const base = `/enquiry/${id}`;
    assert.equal((await jo.get(base)).headers.location, `${base}/prepare`);

    const missing = await submit(jo, `${base}/prepare`, { checks: ['private'], mode: 'together' });
    assert.equal(missing.status, 400);
    assert.match(textOf(missing.body), /needs to be true before you ask/);
    assert.equal(
      (await submit(jo, `${base}/prepare`, allChecks)).headers.location,
      `${base}/consent`,
    );

    const consentPage = textOf((await jo.get(`${base}/consent`)).body);
    assert.match(consentPage, /We ask everyone/);
    assert.match(consentPage, /we may have to share/);
    assert.match(consentPage, /only you and/);
    assert.equal(
      (await submit(jo, `${base}/consent`, { choice: 'now' })).headers.location,
      `${base}/ask`,
    );

    const first = await jo.get(`${base}/ask`);
    const firstText = textOf(first.body);
    assert.match(firstText, /Question 1 of 9\. You can skip, pause or stop at any time/);
    assert.match(firstText, /I'd rather not say/);
    assert.match(firstText, /Pause and come back later/);
    assert.match(firstText, /Stop the questions/);

    const none = await jo.post(`${base}/ask`, {
      version: versionIn(first.body),
      questionId: 'child-hurt',
      action: 'next',
    });
    assert.equal(none.status, 400);
    assert.match(textOf(none.body), /You can always choose "I'd rather not say"/);

    const html = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    let res = await jo.post(`${base}/ask`, {
      version: versionIn(first.body),
      questionId: 'child-hurt',
      answer: 'yes',
      words: html,
      action: 'next',
    });
    assert.equal(res.headers.location, `${base}/ask?q=child-emotional`);
    for (const q of enquiryQuestions.slice(1)) {
      res = await submit(jo, `${base}/ask?q=${q.id}`, {
        questionId: q.id,
        answer: q.id === 'services' ? 'rather_not_say' : 'no',
        action: 'next',
      });
    }
    assert.equal(res.headers.location, `${base}/respond`);

    const respondPage = await jo.get(`${base}/respond`);
    assert.match(textOf(respondPage.body), /How to respond Acknowledge\./);
    assert.match(textOf(respondPage.body), /Others at risk now/);
    assert.ok(!respondPage.body.includes('<script>alert'), 'answers are shown as text');
    assert.ok(respondPage.body.includes('&lt;script&gt;'));

    res = await submit(jo, `${base}/respond`, {
      'safety-ongoing': 'no',
      'safety-contact': 'no',
      'safety-others': 'yes',
      'safety-danger': 'no',
      support: 'now',
      notes: 'Sam was manipulative about the details.',
    });
    assert.equal(res.headers.location, `${base}/close`);
    const closePage = textOf((await jo.get(`${base}/close`)).body);
    assert.match(closePage, /A next step for you/);
    assert.match(closePage, /talk with your safeguarding lead/);
    assert.match(closePage, /Some words in the saved notes may land badly/);
    assert.match(textOf((await jo.get('/')).body), /talk to your safeguarding lead today/);

    const noDate = await submit(jo, `${base}/close`, { grounding: 'used' });
    assert.equal(noDate.status, 400);
    assert.match(textOf(noDate.body), /Agree a date to check in/);
    res = await submit(jo, `${base}/close`, {
      grounding: 'used',
      ...dateFields('followUpOn', inDays(2)),
    });
    assert.equal(res.headers.location, `${base}/record`);

    const notAgreed = await submit(jo, `${base}/record`, { words: 'Hard times growing up.' });
    assert.equal(notAgreed.status, 400);
    assert.match(textOf(notAgreed.body), /tick to confirm they agree/);
    res = await submit(jo, `${base}/record`, {
      words: 'Hard times growing up.',
      keepAnswers: 'yes',
      agreed: 'yes',
    });
    assert.equal(res.headers.location, `${base}?saved=recorded`);
    const summary = textOf((await jo.get(base)).body);
    assert.match(summary, /Outcome Asked/);
    assert.match(summary, /Looking after you/);
    assert.match(summary, /Would some supervision or reflective time help/);

    // Sam sees what was recorded and who looked; nothing alarming on Sam's own pages.
    const samAgent = await signedInAgent(t.app, sam);
    const home = textOf((await samAgent.get('/')).body);
    assert.match(home, /What you chose to record/);
    assert.doesNotMatch(home, /safeguarding|danger|risk/i);
    const disclosureId = /\/disclosures\/([\w-]+)/.exec((await samAgent.get('/')).body)?.[1];
    assert.ok(disclosureId);
    const own = await samAgent.get(`/disclosures/${disclosureId}`);
    assert.match(textOf(own.body), /Hard times growing up\./);
    assert.match(own.body, /data-quick-exit/);
    const seen = textOf((await samAgent.get('/who-has-seen-my-information')).body);
    assert.match(seen, /Looked at the answers you gave/i);
    assert.match(seen, /Wrote down what you agreed in your talk/i);
  });

  it('a choice of "not now" is recorded with a date, then shows as due and overdue', async () => {
    const person = await makeEnquiryPerson(t.services, team, 'Nat Later');
    const id = await start(jo, person.id);
    await submit(jo, `/enquiry/${id}/prepare`, allChecks);
    const noDate = await submit(jo, `/enquiry/${id}/consent`, { choice: 'not_now' });
    assert.equal(noDate.status, 400);
    assert.match(textOf(noDate.body), /Enter a date to come back/);
    const res = await submit(jo, `/enquiry/${id}/consent`, {
      choice: 'not_now',
      ...dateFields('returnOn', inDays(7)),
    });
    assert.equal(res.headers.location, `/enquiry/${id}`);
    assert.match(textOf((await jo.get(`/enquiry/${id}`)).body), /Outcome Not now/);
    const row = () =>
      /id="person-[^"]+">\s*<td[^>]*>Nat Later[\s\S]*?<\/tr>/.exec(hubBody)?.[0] ?? '';
    let hubBody = (await jo.get('/enquiry')).body;
    assert.match(textOf(row()), /Not now/);
    t.clock.advance(7 * DAY);
    jo = await signedInAgent(t.app, team.practitioner);
    hubBody = (await jo.get('/enquiry')).body;
    assert.match(textOf(row()), /Due to come back to today/);
    t.clock.advance(2 * DAY);
    jo = await signedInAgent(t.app, team.practitioner);
    hubBody = (await jo.get('/enquiry')).body;
    assert.match(textOf(row()), /Overdue to come back to/);
    // Coming back starts a new conversation, and the old return is no longer due.
    await start(jo, person.id);
    hubBody = (await jo.get('/enquiry')).body;
    assert.match(textOf(row()), /In progress/);
  });

  it('"no, thank you" is recorded without pressure, and nothing else is asked', async () => {
    const person = await makeEnquiryPerson(t.services, team, 'Noa Declines');
    const id = await start(jo, person.id);
    await submit(jo, `/enquiry/${id}/prepare`, allChecks);
    await submit(jo, `/enquiry/${id}/consent`, { choice: 'no' });
    const summary = textOf((await jo.get(`/enquiry/${id}`)).body);
    assert.match(summary, /Said no, thank you/);
    assert.match(summary, /nothing more will be asked/);
    assert.equal((await jo.get(`/enquiry/${id}/ask`)).headers.location, `/enquiry/${id}`);
  });

  it('"not asked" needs a reason and a date to come back', async () => {
    const person = await makeEnquiryPerson(t.services, team, 'Ira Interpreter');
    const id = await start(jo, person.id);
    const bad = await submit(jo, `/enquiry/${id}/not-asked`, { note: 'x' });
    assert.equal(bad.status, 400);
    assert.match(textOf(bad.body), /Choose the reason/);
    assert.match(textOf(bad.body), /Enter a date to come back/);
    const ok = await submit(jo, `/enquiry/${id}/not-asked`, {
      reason: 'no_interpreter',
      ...dateFields('returnOn', inDays(3)),
    });
    assert.equal(ok.headers.location, `/enquiry/${id}?saved=not-asked`);
    const summary = textOf((await jo.get(`/enquiry/${id}`)).body);
    assert.match(summary, /Not asked/);
    assert.match(summary, /A professional interpreter was not available/);
  });

  it('stopping half way keeps the answers only if the person agrees', async () => {
    const stopper = await makeEnquiryPerson(t.services, team, 'Sol Stops');
    const id = await start(jo, stopper.id);
    await submit(jo, `/enquiry/${id}/prepare`, allChecks);
    await submit(jo, `/enquiry/${id}/consent`, { choice: 'now' });
    await submit(jo, `/enquiry/${id}/ask`, {
      questionId: 'child-hurt',
      answer: 'yes',
      action: 'next',
    });
    const stop = await submit(jo, `/enquiry/${id}/ask?q=child-emotional`, {
      questionId: 'child-emotional',
      action: 'stop',
    });
    assert.equal(stop.headers.location, `/enquiry/${id}/stop`);
    const res = await submit(jo, `/enquiry/${id}/stop`, { keep: 'no' });
    assert.equal(res.headers.location, `/enquiry/${id}/close`);
    const row = await t.services.db
      .selectFrom('enquiries')
      .select(['answers_enc', 'stopped'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(row.answers_enc, null, 'the draft answers are deleted');
    assert.equal(Number(row.stopped), 1);
    await submit(jo, `/enquiry/${id}/close`, { grounding: 'offered' });
    assert.match(textOf((await jo.get(`/enquiry/${id}`)).body), /stopped part way/);

    const keeper = await makeEnquiryPerson(t.services, team, 'Kit Keeps');
    const id2 = await start(jo, keeper.id);
    await submit(jo, `/enquiry/${id2}/prepare`, allChecks);
    await submit(jo, `/enquiry/${id2}/consent`, { choice: 'now' });
    await submit(jo, `/enquiry/${id2}/ask`, {
      questionId: 'child-hurt',
      answer: 'yes',
      action: 'next',
    });
    await jo.get(`/enquiry/${id2}/stop`);
    const kept = await submit(jo, `/enquiry/${id2}/stop`, { keep: 'yes' });
    assert.equal(kept.headers.location, `/enquiry/${id2}/respond`);
  });

  it('pausing keeps the draft and the conversation carries on later', async () => {
    const person = await makeEnquiryPerson(t.services, team, 'Pat Pauses');
    const id = await start(jo, person.id);
    await submit(jo, `/enquiry/${id}/prepare`, allChecks);
    await submit(jo, `/enquiry/${id}/consent`, { choice: 'now' });
    const paused = await submit(jo, `/enquiry/${id}/ask`, {
      questionId: 'child-hurt',
      answer: 'unsure',
      action: 'pause',
    });
    assert.equal(paused.headers.location, '/enquiry');
    assert.match(textOf((await jo.get('/enquiry')).body), /Pat Pauses Paused/);
    const back = await jo.get(`/enquiry/${id}/ask?q=child-hurt`);
    assert.match(back.body, /value="unsure" checked/);
  });

  it('two practitioners: the second is told the conversation is open, and sees none of it', async () => {
    const person = await makeEnquiryPerson(t.services, team, 'Dee Double');
    const other = await makeAccount(t.services, {
      organisationId: team.organisationId,
      role: 'practitioner',
      unitIds: [team.unitId],
    });
    const otherAgent = await signedInAgent(t.app, other);
    const id = await start(jo, person.id);
    await submit(jo, `/enquiry/${id}/prepare`, allChecks);
    await submit(jo, `/enquiry/${id}/consent`, { choice: 'now' });
    const clash = await otherAgent.post(`/enquiry/people/${person.id}/start`);
    assert.equal(clash.status, 409);
    assert.match(textOf(clash.body), /already has a conversation open with this person/);
    assert.equal((await otherAgent.get(`/enquiry/${id}/ask`)).status, 404);

    // Jo in two tabs: the second save of an old page is refused, and nothing typed is lost.
    const tab1 = await jo.get(`/enquiry/${id}/ask`);
    const tab2 = await jo.get(`/enquiry/${id}/ask`);
    const saved = await jo.post(`/enquiry/${id}/ask`, {
      version: versionIn(tab1.body),
      questionId: 'child-hurt',
      answer: 'no',
      action: 'next',
    });
    assert.equal(saved.status, 303);
    const stale = await jo.post(`/enquiry/${id}/ask`, {
      version: versionIn(tab2.body),
      questionId: 'child-hurt',
      answer: 'yes',
      words: 'typed in the second tab',
      action: 'next',
    });
    assert.equal(stale.status, 409);
    assert.match(textOf(stale.body), /changed on another screen/);
    assert.match(stale.body, /typed in the second tab/);
    assert.notEqual(versionIn(stale.body), versionIn(tab2.body));
  });

  it("a practitioner outside the person's care gets 404, and nothing leaks into lists or rates", async () => {
    const { disclosureId, personId } = await makeDisclosure(t.services, team, {
      words: 'Outsiders must not see this',
    });
    const otherWard = await t.services.accounts.provisioning.provisionUnit(
      team.organisationId,
      'Other Ward',
      'ward',
    );
    const outsider = await makeAccount(t.services, {
      organisationId: team.organisationId,
      role: 'practitioner',
      unitIds: [otherWard.id],
    });
    const otherManager = await makeAccount(t.services, {
      organisationId: team.organisationId,
      role: 'unit_manager',
      unitIds: [otherWard.id],
    });
    const agent = await signedInAgent(t.app, outsider);
    assert.equal((await agent.get(`/disclosures/${disclosureId}`)).status, 404);
    assert.equal((await agent.post(`/enquiry/people/${personId}/start`)).status, 404);
    assert.doesNotMatch(textOf((await agent.get('/enquiry')).body), /Outsiders must not see/);
    const rates = textOf(
      (await (await signedInAgent(t.app, otherManager)).get('/enquiry/rates')).body,
    );
    assert.match(rates, /Other Ward( 0){15} By practitioner/);
    // The team's own manager sees counts only, never words.
    const managerRates = textOf(
      (await (await signedInAgent(t.app, team.manager)).get('/enquiry/rates')).body,
    );
    assert.match(managerRates, /fewer than 5/);
    assert.doesNotMatch(managerRates, /Outsiders must not see/);
  });

  it('the person chooses who sees it; withdrawing hides it from staff at once, and is audited', async () => {
    const { disclosureId, personEmail, personId } = await makeDisclosure(t.services, team, {
      words: 'Only for the people I choose',
    });
    const person = await signedInAgent(t.app, { email: personEmail });
    const manager = await signedInAgent(t.app, team.manager);
    assert.equal((await manager.get(`/disclosures/${disclosureId}`)).status, 404);
    await person.get(`/disclosures/${disclosureId}`);
    const shared = await person.post(`/disclosures/${disclosureId}/sharing`, {
      share: `unit:${team.unitId}`,
    });
    assert.equal(shared.status, 303);
    const opened = await manager.get(`/disclosures/${disclosureId}`);
    assert.equal(opened.status, 200);
    assert.match(textOf(opened.body), /Only for the people I choose/);
    assert.match(textOf((await manager.get('/enquiry')).body), /Shared with you/);
    assert.match(
      textOf((await person.get('/who-has-seen-my-information')).body),
      /Read what you chose to write down about hard times/i,
    );

    await person.get(`/disclosures/${disclosureId}/withdraw`);
    const withdrawn = await person.post(`/disclosures/${disclosureId}/withdraw`);
    assert.equal(withdrawn.status, 303);
    assert.equal((await manager.get(`/disclosures/${disclosureId}`)).status, 404);
    assert.equal((await jo.get(`/disclosures/${disclosureId}`)).status, 404);
    assert.match(
      textOf((await person.get(`/disclosures/${disclosureId}`)).body),
      /You have hidden this from staff/,
    );
    const events = await sql<{ action: string; subject_person_id: string }>`
      select action, subject_person_id from audit_events where action = 'enquiry.withdraw' and record_id = ${disclosureId}`.execute(
      t.services.db,
    );
    assert.equal(events.rows.length, 1);
    assert.equal(events.rows[0]!.subject_person_id, personId);

    await person.post(`/disclosures/${disclosureId}/restore`);
    assert.equal((await jo.get(`/disclosures/${disclosureId}`)).status, 200);
    assert.equal(
      (await manager.get(`/disclosures/${disclosureId}`)).status,
      404,
      'sharing is not restored',
    );
  });

  it('the person can answer on their own device while the practitioner sees only progress', async () => {
    const person = await makeEnquiryPerson(t.services, team, 'Ova Owndevice');
    const id = await start(jo, person.id);
    await submit(jo, `/enquiry/${id}/prepare`, { ...allChecks, mode: 'own_device' });
    await submit(jo, `/enquiry/${id}/consent`, { choice: 'now' });
    const own = await signedInAgent(t.app, person);
    assert.match(textOf((await own.get('/')).body), /Answer the questions/);
    // The person first reads why we ask, then chooses to start.
    assert.match(textOf((await own.get(`/enquiry/${id}/ask`)).body), /Before you start/);
    await submit(own, `/enquiry/${id}/ask?start=yes`, {
      questionId: 'child-hurt',
      answer: 'yes',
      words: 'private words from my phone',
      action: 'next',
    });
    const watching = await jo.get(`/enquiry/${id}/ask`);
    assert.match(textOf(watching.body), /answering on their own device/);
    assert.match(textOf(watching.body), /answered 1 of 9/);
    assert.doesNotMatch(watching.body, /private words from my phone/);
    let res;
    for (const q of enquiryQuestions.slice(1)) {
      res = await submit(own, `/enquiry/${id}/ask?q=${q.id}`, {
        questionId: q.id,
        answer: 'no',
        action: 'next',
      });
      assert.equal(res.status, 303, textOf(res.body).slice(0, 400));
    }
    assert.equal(res!.headers.location, '/enquiry/thank-you');
    // Once the questions are done, they are no longer the person's to open.
    assert.equal((await own.get(`/enquiry/${id}/ask`)).status, 404);
    assert.equal((await jo.get(`/enquiry/${id}/ask`)).headers.location, `/enquiry/${id}/respond`);
  });

  it("support is offered and referrals are tracked until closed, with the person's agreement", async () => {
    const { enquiryId, personEmail } = await makeDisclosure(t.services, team);
    const admin = await signedInAgent(t.app, team.admin);
    const bad = await admin.post('/support-services', { name: '' });
    assert.equal(bad.status, 400);
    assert.match(textOf(bad.body), /Enter the name of the service/);
    await admin.post('/support-services', {
      name: 'Test Trauma Service',
      kind: 'trauma_specific',
      offer: 'Therapy',
      forWhom: 'Adults',
      howToRefer: 'Form',
      selfReferral: 'no',
      languages: 'English',
      contact: '0300',
      active: 'yes',
    });
    const directory = await jo.get('/support-services');
    assert.match(textOf(directory.body), /Test Trauma Service/);
    const serviceId = /id="service-([\w-]+)"/.exec(directory.body)?.[1];
    assert.ok(serviceId);
    const unagreed = await jo.post(`/enquiry/${enquiryId}/referrals`, {
      serviceId,
      kind: 'referred',
    });
    assert.equal(unagreed.status, 400);
    assert.match(textOf(unagreed.body), /Only go ahead when the person agrees/);
    await jo.post(`/enquiry/${enquiryId}/referrals`, {
      serviceId,
      kind: 'referred',
      agreed: 'yes',
    });
    const summary = await jo.get(`/enquiry/${enquiryId}`);
    assert.match(textOf(summary.body), /Test Trauma Service ?: referral\. Waiting to hear/);
    const referralId = /\/referrals\/([\w-]+)\/status/.exec(summary.body)?.[1];
    await jo.post(`/referrals/${referralId}/status`, { status: 'accepted' });
    await jo.post(`/referrals/${referralId}/status`, { status: 'seen' });
    const after = textOf((await jo.get(`/enquiry/${enquiryId}`)).body);
    assert.match(after, /Seen by the service/);
    const person = await signedInAgent(t.app, { email: personEmail });
    assert.match(textOf((await person.get('/')).body), /Test Trauma Service: Seen by the service/);
  });

  it('rates show counts only, with 1 to 4 as "fewer than 5"', async () => {
    const t2 = await createTestContext();
    try {
      const team2 = await makeTeam(t2.services);
      const jo2 = await t2.services.accounts.people.actorFor(team2.practitioner.id);
      for (let i = 0; i < 6; i++) {
        const p = await makeEnquiryPerson(t2.services, team2);
        await walkEnquiry(t2.services, jo2, p.id, { choice: i < 5 ? 'now' : 'no' });
      }
      const manager = await signedInAgent(t2.app, team2.manager);
      const page = textOf((await manager.get('/enquiry/rates')).body);
      // People 7 (6 new and the team's person), offered 6, asked 5, said no: fewer than 5.
      assert.match(
        page,
        /By unit Enquiry rates by unit Unit People .*? Referrals seen \S+ 7 6 5 fewer than 5 0 0 0 0 0 0 0 0 0 0 0/,
      );
      assert.equal(
        (await (await signedInAgent(t2.app, team2.practitioner)).get('/enquiry/rates')).status,
        404,
      );
    } finally {
      await t2.close();
    }
  });

  it('"What happened to you?" is saved only if the person chooses, and only they can see it', async () => {
    const person = await signedInAgent(t.app, team.person);
    const page = await person.get('/what-happened-to-you');
    assert.match(textOf(page.body), /What has happened to you\?/);
    assert.match(textOf(page.body), /What are your strengths\?/);
    const count = async () =>
      Number(
        (
          await t.services.db
            .selectFrom('enquiry_reflections')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('person_id', '=', team.person.id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const discarded = await person.post('/what-happened-to-you', {
      happened: 'not kept',
      action: 'discard',
    });
    assert.match(textOf(discarded.body), /has not been kept anywhere/);
    assert.equal(await count(), before);
    const saved = await person.post('/what-happened-to-you', {
      happened: 'My story <b>bold</b>',
      action: 'save',
    });
    assert.equal(saved.status, 303);
    const url = String(saved.headers.location);
    const view = await person.get(url);
    assert.match(view.body, /My story &lt;b&gt;bold&lt;\/b&gt;/);
    const other = await signedInAgent(t.app, await makeEnquiryPerson(t.services, team));
    assert.equal((await other.get(url)).status, 404);
    assert.equal((await jo.get(url)).status, 404);
  });
});

describe('the date helper', () => {
  it('rejects impossible dates', async () => {
    const { isoDateFromParts } = await import('./schema.ts');
    assert.equal(isoDateFromParts('31', '2', '2026'), 'invalid');
    assert.equal(isoDateFromParts('', '', ''), null);
    assert.equal(isoDateFromParts('1', '7', '2026'), '2026-07-01');
  });
});
