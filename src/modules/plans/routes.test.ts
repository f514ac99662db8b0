/**
 * My plan, through the real app: the consent story, emergency access, two people editing at
 * once, bad input, supporter links, suggestions and agreement, as a person and staff see them.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  Agent,
  createTestContext,
  makeAccount,
  makeTeam,
  signedInAgent,
  textOf,
} from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';
import { ensureTeamPlan, makeSupporterLink } from '../../../test/plans-fixtures.ts';
import { DAY, MINUTE } from '../../lib/clock.ts';

type Team = Awaited<ReturnType<typeof makeTeam>>;

function versionOf(html: string): string {
  const match = /name="version" value="(\d+)"/.exec(html);
  assert.ok(match, 'the form carries the version it was opened at');
  return match[1]!;
}

describe('My plan pages', () => {
  let t: TestContext;
  let team: Team;
  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
  });
  after(() => t.close());

  it('a person starts a plan, skips what they like, and each save is a version', async () => {
    const sam = await signedInAgent(t.app, team.person);
    const start = await sam.get('/my-plan');
    assert.equal(start.status, 200);
    assert.match(textOf(start.body), /Start my plan/);
    assert.match(textOf(start.body), /Nobody else sees it until you choose to share it/);

    const form = await sam.get('/my-plan/edit');
    assert.equal(form.status, 200);
    const text = textOf(form.body);
    assert.match(text, /Who will see this: only you, until you choose to share your plan/);
    assert.match(text, /I'd rather not say/);
    assert.match(text, /If I am held, positions I cannot bear/);
    assert.equal(versionOf(form.body), '0');

    const saved = await sam.post('/my-plan', {
      version: '0',
      helpsText: 'A cup of tea and someone to sit with me.',
      restraintPositionsToAvoid: ['face_down', 'kneeling'],
      staffGender: 'women',
      declined: 'story',
    });
    assert.equal(saved.status, 303);
    assert.equal(saved.headers.location, '/my-plan?saved=1');
    const view = await sam.get('/my-plan?saved=1');
    assert.match(textOf(view.body), /Your plan is saved/);
    assert.match(textOf(view.body), /A cup of tea and someone to sit with me\./);
    assert.match(textOf(view.body), /Face-down \(prone\)/);
    assert.match(textOf(view.body), /You would rather not say/);
    assert.match(textOf(view.body), /Version 1/);

    const again = await sam.get('/my-plan/edit');
    assert.equal(versionOf(again.body), '1');
    await sam.post('/my-plan', {
      version: '1',
      helpsText: 'A cup of tea.',
      'reviewBy-day': '1',
      'reviewBy-month': '6',
      'reviewBy-year': '2026',
    });
    const history = await sam.get('/my-plan/history');
    assert.match(textOf(history.body), /Version 2.*Current.*Version 1/);
    const v1 = await sam.get('/my-plan/history/1');
    assert.match(textOf(v1.body), /someone to sit with me/);
    assert.equal((await sam.get('/my-plan/history/99')).status, 404);
    const home = await sam.get('/');
    assert.match(textOf(home.body), /Your plan is due for a review/);
  });

  it('refuses "I\'d rather not say" together with answers in the same section, keeping what was typed', async () => {
    const { person } = await makeTeam(t.services);
    const agent = await signedInAgent(t.app, person);
    const res = await agent.post('/my-plan', {
      version: '0',
      wellText: 'I like gardening',
      declined: 'well',
    });
    assert.equal(res.status, 400);
    assert.match(textOf(res.body), /You ticked "I'd rather not say" for "When I'm well"/);
    assert.match(res.body, /href="#declined-well"/);
    assert.match(res.body, /I like gardening/);
  });

  it('keeps oversize text on the page with a clear message, and saves nothing', async () => {
    const { person } = await makeTeam(t.services);
    const agent = await signedInAgent(t.app, person);
    const long = 'x'.repeat(20_001);
    const res = await agent.post('/my-plan', { version: '0', helpsText: long, wellText: 'kept' });
    assert.equal(res.status, 400);
    assert.match(
      textOf(res.body),
      /Your answer to "What helps me" is 20,001 characters long\. Hearth keeps up to 20,000 characters/,
    );
    assert.ok(res.body.includes(long), 'what was typed is still in the box');
    assert.match(res.body, /kept/);
    const after = await agent.get('/my-plan');
    assert.match(textOf(after.body), /Start my plan/);
    const exact = await agent.post('/my-plan', { version: '0', helpsText: 'y'.repeat(20_000) });
    assert.equal(exact.status, 303);
  });

  it('stores HTML and script exactly as typed and shows it inert, to the person and to staff', async () => {
    const team2 = await makeTeam(t.services);
    const person = await signedInAgent(t.app, team2.person);
    const nasty = '<script>alert(1)</script><img src=x onerror=alert(2)> & "quotes"';
    await person.post('/my-plan', { version: '0', helpsText: nasty });
    await person.post('/my-plan/sharing', { unitIds: team2.unitId });
    const mine = await person.get('/my-plan');
    assert.ok(!mine.body.includes('<script>alert(1)</script>'));
    assert.ok(
      mine.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;'),
    );
    const planId = await ensureTeamPlan(t.services, team2);
    const nurse = await signedInAgent(t.app, team2.practitioner);
    const staff = await nurse.get(`/plans/${planId}`);
    assert.equal(staff.status, 200);
    assert.ok(!staff.body.includes('<img src=x'));
    assert.ok(staff.body.includes('&lt;img src=x onerror=alert(2)&gt; &amp; &quot;quotes&quot;'));
    const json = JSON.parse((await person.get('/my-plan/download.json')).body) as {
      plan: { sections: { answers: { answer: unknown }[] }[] };
    };
    const answers = json.plan.sections.flatMap((s) => s.answers.map((a) => a.answer));
    assert.ok(answers.includes(nasty), 'the download holds the text exactly as typed');
  });

  it('the consent story: Sam shares with the ward, a nurse reads it, Sam sees that, Sam stops, the nurse gets 404', async () => {
    const story = await makeTeam(t.services);
    const sam = await signedInAgent(t.app, story.person);
    await sam.post('/my-plan', {
      version: '0',
      helpsText: 'Quiet voices.',
      restraintPositionsToAvoid: 'face_down',
    });
    const nurse = await signedInAgent(t.app, story.practitioner);
    const planId = await ensureTeamPlan(t.services, story);
    // The nurse has Sam on their caseload, but that alone is not consent.
    assert.equal((await nurse.get(`/plans/${planId}`)).status, 404);
    assert.doesNotMatch(textOf((await nurse.get('/plans')).body), /at a glance/);

    const sharing = await sam.get('/my-plan/sharing');
    assert.match(textOf(sharing.body), /Wards and teams/);
    assert.equal((await sam.post('/my-plan/sharing', { unitIds: story.unitId })).status, 303);

    const list = await nurse.get('/plans');
    assert.match(list.body, new RegExp(`/plans/${planId}/at-a-glance`));
    const glance = await nurse.get(`/plans/${planId}/at-a-glance`);
    assert.equal(glance.status, 200);
    assert.match(textOf(glance.body), /Never hold .*Face-down \(prone\)/);
    const full = await nurse.get(`/plans/${planId}`);
    assert.match(textOf(full.body), /Quiet voices\./);

    const seen = textOf((await sam.get('/who-has-seen-my-information')).body);
    assert.match(seen, /Looked at the short page of your plan/i);
    assert.match(seen, /Looked at your plan/i);
    assert.match(seen, /Practitioner/i);

    assert.equal((await sam.post('/my-plan/sharing', {})).status, 303);
    assert.equal((await nurse.get(`/plans/${planId}`)).status, 404);
    assert.equal((await nurse.get(`/plans/${planId}/at-a-glance`)).status, 404);
    assert.equal((await nurse.get(`/plans/${planId}/fhir`)).status, 404);
    assert.doesNotMatch((await nurse.get('/plans')).body, new RegExp(planId));
  });

  it('a share by name reaches that practitioner only; others in the organisation and outside get 404', async () => {
    const team3 = await makeTeam(t.services);
    const otherUnit = await t.services.accounts.provisioning.provisionUnit(
      team3.organisationId,
      'Elm Ward',
      'ward',
    );
    const elsewhere = await makeAccount(t.services, {
      organisationId: team3.organisationId,
      role: 'practitioner',
      unitIds: [otherUnit.id],
    });
    const named = await makeAccount(t.services, {
      organisationId: team3.organisationId,
      role: 'practitioner',
      unitIds: [otherUnit.id],
      displayName: 'Rowan Named',
    });
    const person = await signedInAgent(t.app, team3.person);
    await person.post('/my-plan', { version: '0', helpsText: 'Music.' });
    const options = await person.get('/my-plan/sharing');
    assert.match(textOf(options.body), /Rowan Named/);
    await person.post('/my-plan/sharing', { accountIds: named.id });
    const planId = await ensureTeamPlan(t.services, team3);
    assert.equal((await (await signedInAgent(t.app, named)).get(`/plans/${planId}`)).status, 200);
    assert.equal(
      (await (await signedInAgent(t.app, elsewhere)).get(`/plans/${planId}`)).status,
      404,
    );
    assert.equal(
      (await (await signedInAgent(t.app, team3.practitioner)).get(`/plans/${planId}`)).status,
      404,
    );
    const outsider = await signedInAgent(t.app, team.practitioner);
    assert.equal((await outsider.get(`/plans/${planId}`)).status, 404);
    // A person cannot share with someone outside their organisation, or a made-up unit.
    const refused = await person.post('/my-plan/sharing', { accountIds: team.practitioner.id });
    assert.equal(refused.status, 400);
    assert.match(textOf(refused.body), /Choose people from the list/);
  });

  it('a disabled account cannot open a plan shared with it', async () => {
    const team4 = await makeTeam(t.services);
    const planId = await ensureTeamPlan(t.services, team4);
    const nurse = await signedInAgent(t.app, team4.practitioner);
    assert.equal((await nurse.get(`/plans/${planId}`)).status, 200);
    const admin = await signedInAgent(t.app, team4.admin);
    await admin.post(`/people/${team4.practitioner.id}/disable`);
    const res = await nurse.get(`/plans/${planId}`);
    assert.equal(res.status, 303);
    assert.match(String(res.headers.location), /^\/sign-in/);
  });

  it("emergency access needs a reason, is time-boxed, shows on the person's home page and goes to the manager", async () => {
    const team5 = await makeTeam(t.services);
    const person = await signedInAgent(t.app, team5.person);
    await person.post('/my-plan', { version: '0', medicationText: 'Tablets, not injections.' });
    const plan = await t.services.plans.ownPlan.get(
      await t.services.accounts.people.actorFor(team5.person.id),
    );
    const planId = plan!.view.planId;
    const nurse = await signedInAgent(t.app, team5.practitioner);
    assert.equal((await nurse.get(`/plans/${planId}`)).status, 404);

    const page = await nurse.get('/plans/emergency-access');
    assert.match(textOf(page.body), /Only in an emergency/);
    const noReason = await nurse.post('/plans/emergency-access', {
      personId: team5.person.id,
      reason: '',
    });
    assert.equal(noReason.status, 400);
    assert.match(
      textOf(noReason.body),
      /Give the reason you need to open this plan now, in at least 10 characters/,
    );
    const short = await nurse.post('/plans/emergency-access', {
      personId: team5.person.id,
      reason: 'urgent',
    });
    assert.equal(short.status, 400);
    assert.equal((await nurse.get(`/plans/${planId}`)).status, 404);

    const reason = 'Sam is very distressed on the ward and we need her choices about medication.';
    const opened = await nurse.post('/plans/emergency-access', {
      personId: team5.person.id,
      reason,
    });
    assert.equal(opened.status, 303);
    assert.equal(opened.headers.location, `/plans/${planId}/at-a-glance`);
    const glance = await nurse.get(`/plans/${planId}/at-a-glance`);
    assert.equal(glance.status, 200);
    assert.match(textOf(glance.body), /Emergency access until/);
    assert.match(textOf(glance.body), /Tablets, not injections\./);

    const home = textOf((await person.get('/')).body);
    assert.match(home, /Your plan was opened in an emergency/);
    assert.ok(home.includes(reason));
    const seen = textOf((await person.get('/who-has-seen-my-information')).body);
    assert.match(seen, /Opened your plan in a crisis/i);
    assert.ok(seen.includes(reason), 'the reason is in the list');

    const manager = await signedInAgent(t.app, team5.manager);
    const managerHome = await manager.get('/');
    assert.match(textOf(managerHome.body), /Emergency looks to review/);
    const accessId = /\/plans\/emergency-access\/([\w-]+)\/review/.exec(managerHome.body)![1]!;
    // Only a manager of the person's unit reviews it.
    assert.equal((await signedInAgent(t.app, team.manager)).app !== undefined, true);
    assert.equal(
      (
        await (
          await signedInAgent(t.app, team.manager)
        ).post(`/plans/emergency-access/${accessId}/review`)
      ).status,
      404,
    );
    assert.equal((await manager.post(`/plans/emergency-access/${accessId}/review`)).status, 303);
    assert.doesNotMatch(textOf((await manager.get('/')).body), /Emergency looks to review/);

    t.clock.advance(61 * MINUTE);
    const later = await signedInAgent(t.app, team5.practitioner);
    assert.equal((await later.get(`/plans/${planId}`)).status, 404);
    t.clock.advance(-61 * MINUTE);
  });

  it('two people editing at once: the second save is told, shown both, and loses nothing', async () => {
    const team6 = await makeTeam(t.services);
    const phone = await signedInAgent(t.app, team6.person);
    const laptop = await signedInAgent(t.app, team6.person);
    await phone.post('/my-plan', { version: '0', helpsText: 'First words.' });
    const onPhone = await phone.get('/my-plan/edit');
    const onLaptop = await laptop.get('/my-plan/edit');
    assert.equal(versionOf(onPhone.body), '1');
    assert.equal(versionOf(onLaptop.body), '1');

    assert.equal(
      (await phone.post('/my-plan', { version: '1', helpsText: 'Written on my phone.' })).status,
      303,
    );
    const clash = await laptop.post('/my-plan', {
      version: '1',
      helpsText: 'Written on my laptop.',
      wellText: 'Also new on the laptop.',
    });
    assert.equal(clash.status, 409);
    const text = textOf(clash.body);
    assert.match(text, /Your plan changed after you opened it/);
    assert.match(text, /Nothing has been lost/);
    assert.match(text, /Saved now for "What helps me": Written on my phone\./);
    assert.match(clash.body, /Written on my laptop\./);
    assert.match(clash.body, /Also new on the laptop\./);
    assert.equal(versionOf(clash.body), '2');

    const resolved = await laptop.post('/my-plan', {
      version: '2',
      helpsText: 'Written on my phone. Written on my laptop.',
      wellText: 'Also new on the laptop.',
    });
    assert.equal(resolved.status, 303);
    const history = textOf((await laptop.get('/my-plan/history')).body);
    assert.match(history, /Version 3/);
    assert.match(textOf((await laptop.get('/my-plan/history/2')).body), /Written on my phone\./);
  });

  it('a supporter link needs its one-time code, works once, and stops when expired or revoked', async () => {
    const team7 = await makeTeam(t.services);
    const person = await signedInAgent(t.app, team7.person);
    await person.post('/my-plan', {
      version: '0',
      helpsText: 'Walks.',
      storyText: 'Private words.',
    });
    const tooLong = await person.post('/my-plan/supporter-links', {
      supporterName: 'Chris',
      days: '31',
    });
    assert.equal(tooLong.status, 400);
    assert.match(textOf(tooLong.body), /30 days at most/);

    const made = await person.post('/my-plan/supporter-links', {
      supporterName: 'Chris',
      days: '7',
    });
    assert.equal(made.status, 200);
    const link = /<code id="supporter-link"[^>]*>([^<]+)<\/code>/.exec(made.body)![1]!;
    const code = /id="supporter-code">(\d{6})</.exec(made.body)![1]!;
    const url = new URL(link).pathname;

    const supporter = new Agent(t.app, '10.20.0.1');
    const ask = await supporter.get(url);
    assert.equal(ask.status, 200);
    assert.match(textOf(ask.body), /Hello Chris/);
    assert.match(ask.body, /data-quick-exit/);
    const wrongCode = code === '000000' ? '111111' : '000000';
    const wrong = await supporter.post(url, { code: wrongCode });
    assert.equal(wrong.status, 400);
    assert.match(textOf(wrong.body), /That code is not right.*4 tries left/);
    const right = await supporter.post(url, { code });
    assert.equal(right.status, 200);
    assert.match(textOf(right.body), /Walks\./);
    assert.doesNotMatch(textOf(right.body), /Private words/);
    const reused = await supporter.post(url, { code });
    assert.equal(reused.status, 410);
    assert.equal((await supporter.get(url)).status, 410);
    const seen = textOf((await person.get('/who-has-seen-my-information')).body);
    assert.match(seen, /Chris \(your supporter\)/);
    assert.match(seen, /Looked at your plan with the link you made for them/i);

    const expiring = await makeSupporterLink(t.services, team7);
    t.clock.advance(8 * DAY);
    const expired = await new Agent(t.app).get(`/shared-plan/${expiring.token}`);
    assert.equal(expired.status, 410);
    assert.match(textOf(expired.body), /This link has expired/);
    t.clock.advance(-8 * DAY);

    const revoking = await makeSupporterLink(t.services, team7);
    await person.get('/my-plan/sharing');
    assert.equal((await person.post(`/my-plan/supporter-links/${revoking.id}/revoke`)).status, 303);
    const revoked = await new Agent(t.app).post(`/shared-plan/${revoking.token}`, {
      code: revoking.code,
    });
    assert.equal(revoked.status, 410);
    assert.match(textOf(revoked.body), /stopped this link/);

    const guessing = await makeSupporterLink(t.services, team7);
    const guesser = new Agent(t.app, '10.20.0.2');
    const bad = guessing.code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 4; i++)
      assert.equal(
        (await guesser.post(`/shared-plan/${guessing.token}`, { code: bad })).status,
        400,
      );
    const fifth = await guesser.post(`/shared-plan/${guessing.token}`, { code: bad });
    assert.equal(fifth.status, 410);
    const locked = await guesser.post(`/shared-plan/${guessing.token}`, { code: guessing.code });
    assert.equal(locked.status, 410);
    assert.match(textOf(locked.body), /typed wrongly too many times/);

    assert.equal((await new Agent(t.app).get('/shared-plan/not-a-real-token')).status, 404);
  });

  it('a practitioner suggests a change; only the person accepts or declines it', async () => {
    const team8 = await makeTeam(t.services);
    const person = await signedInAgent(t.app, team8.person);
    await person.post('/my-plan', { version: '0', helpsText: 'Tea.', storyText: 'Mine alone.' });
    await person.post('/my-plan/sharing', { unitIds: team8.unitId, privateSections: 'story' });
    const planId = await ensureTeamPlan(t.services, team8);
    const nurse = await signedInAgent(t.app, team8.practitioner);
    const form = await nurse.get(`/plans/${planId}/propose`);
    assert.equal(form.status, 200);
    assert.doesNotMatch(form.body, /Mine alone/);
    const nothing = await nurse.post(`/plans/${planId}/proposals`, { helpsText: 'Tea.' });
    assert.equal(nothing.status, 400);
    assert.match(textOf(nothing.body), /You have not changed anything yet/);
    const sent = await nurse.post(`/plans/${planId}/proposals`, {
      helpsText: 'Tea, and a walk outside.',
      note: 'From our chat today.',
    });
    assert.equal(sent.status, 303);
    // The manager may not suggest changes (only practitioners), and the plan is unchanged.
    assert.equal(
      (await (await signedInAgent(t.app, team8.manager)).get(`/plans/${planId}/propose`)).status,
      404,
    );

    const home = await person.get('/my-plan');
    assert.match(textOf(home.body), /suggested a change/);
    const proposalId = /\/my-plan\/proposals\/([\w-]+)/.exec(home.body)![1]!;
    const proposal = await person.get(`/my-plan/proposals/${proposalId}`);
    assert.match(textOf(proposal.body), /Your plan now Suggested/);
    assert.match(textOf(proposal.body), /Tea\. Tea, and a walk outside\./);
    assert.equal((await person.post(`/my-plan/proposals/${proposalId}/accept`)).status, 303);
    const after = textOf((await person.get('/my-plan')).body);
    assert.match(after, /Tea, and a walk outside\./);
    assert.match(after, /Mine alone\./);
    assert.match(
      textOf((await person.get('/my-plan/history')).body),
      /Accepted a change suggested by/,
    );
    assert.equal((await person.post(`/my-plan/proposals/${proposalId}/decline`)).status, 409);
    // Someone else's suggestion id is not found for another person.
    const other = await signedInAgent(t.app, team.person);
    assert.equal((await other.get(`/my-plan/proposals/${proposalId}`)).status, 404);
  });

  it('person and team record agreement, or both views side by side', async () => {
    const team9 = await makeTeam(t.services);
    const planId = await ensureTeamPlan(t.services, team9);
    const nurse = await signedInAgent(t.app, team9.practitioner);
    const missing = await nurse.post(`/plans/${planId}/agreement`, { outcome: 'agreed' });
    assert.equal(missing.status, 400);
    assert.match(textOf(missing.body), /Name who agreed/);
    const differ = await nurse.post(`/plans/${planId}/agreement`, {
      outcome: 'differ',
      personView: 'I never want an injection.',
      teamView: 'An injection may be needed if tablets are refused for a long time.',
    });
    assert.equal(differ.status, 303);
    const person = await signedInAgent(t.app, team9.person);
    const mine = textOf((await person.get('/my-plan')).body);
    assert.match(mine, /saw some things differently/);
    assert.match(mine, /I never want an injection\./);
    assert.match(mine, /An injection may be needed/);
    assert.equal(
      (await person.post('/my-plan/agreement', { outcome: 'agreed', whoAgreed: 'Me and Jo' }))
        .status,
      303,
    );
    assert.match(
      textOf((await nurse.get(`/plans/${planId}`)).body),
      /Agreed for version 1 .* by: Me and Jo/,
    );
  });

  it('print, card and FHIR downloads are audited, and sign-out clears what the device keeps', async () => {
    const team10 = await makeTeam(t.services);
    const planId = await ensureTeamPlan(t.services, team10);
    const nurse = await signedInAgent(t.app, team10.practitioner);
    assert.equal((await nurse.get(`/plans/${planId}/print`)).status, 200);
    assert.equal((await nurse.get(`/plans/${planId}/card`)).status, 200);
    const fhir = await nurse.get(`/plans/${planId}/fhir`);
    assert.equal(fhir.status, 200);
    assert.match(String(fhir.headers['content-type']), /application\/fhir\+json/);
    const person = await signedInAgent(t.app, team10.person);
    const seen = textOf((await person.get('/who-has-seen-my-information')).body);
    assert.match(seen, /Opened your plan to print/i);
    assert.match(seen, /Opened your plan card to print/i);
    assert.match(seen, /Took a copy of your plan for another health record/i);
    assert.equal((await person.get(`/plans/${planId}/fhir`)).status, 200);
    assert.equal((await person.get('/my-plan/offline')).status, 200);
    const sw = await new Agent(t.app).get('/my-plan/sw.js');
    assert.equal(sw.status, 200);
    assert.match(sw.body, /hearth-my-plan-v1/);
    const out = await person.post('/sign-out');
    assert.equal(out.headers['clear-site-data'], '"cache", "storage"');
    assert.match(out.body, /\/static\/h\/js\/signed-out\.[0-9a-f]{10}\.js/);
  });
});
