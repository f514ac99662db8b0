/**
 * Every save says it worked (issue 17, item 8): each POST below redirects after success, and the
 * page it lands on shows an NHS success notification banner. Pages without the banner fail here.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeDisclosure, makeReferral, makeSafetyTask } from './enquiry-fixtures.ts';
import { recordTeamIncident } from './force-fixtures.ts';
import { ensureTeamPlan } from './plans-fixtures.ts';
import type { Agent, TestContext } from './factories.ts';
import { createTestContext, makeAccount, makeTeam, signedInAgent, textOf } from './factories.ts';

const SUCCESS = 'nhsuk-notification-banner--success';

/** Posts, follows the redirect, and returns the banner's words (failing when there is none). */
async function bannerAfter(
  agent: Agent,
  url: string,
  form: Record<string, string | string[]> = {},
): Promise<string> {
  const res = await agent.post(url, form);
  assert.equal(res.status, 303, `${url} should redirect after saving (got ${res.status})`);
  const location = String(res.headers.location);
  const page = await agent.get(location);
  assert.equal(page.status, 200, `${location} should open`);
  const start = page.body.indexOf(SUCCESS);
  assert.ok(start >= 0, `no success banner on ${location} after POST ${url}`);
  const banner = page.body.slice(start, page.body.indexOf('</div>\n</div>', start) + 1);
  return textOf(`<div class="${banner}`);
}

describe('a success banner after every save', () => {
  let t: TestContext;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
  });
  after(() => t.close());

  it('accounts: turning an account off and on', async () => {
    const admin = await signedInAgent(t.app, team.admin);
    const other = await makeAccount(t.services, {
      organisationId: team.organisationId,
      role: 'practitioner',
      unitIds: [team.unitId],
    });
    assert.match(await bannerAfter(admin, `/people/${other.id}/disable`), /turned off/);
    assert.match(await bannerAfter(admin, `/people/${other.id}/enable`), /turned on/);
    // A made-up key shows nothing: only our own words reach the page.
    assert.doesNotMatch((await admin.get('/people?saved=<b>hi</b>')).body, new RegExp(SUCCESS));
  });

  it('accounts: removing the organisation sign-in settings', async () => {
    const admin = await signedInAgent(t.app, team.admin);
    assert.match(await bannerAfter(admin, '/organisation/sign-in/remove'), /Removed/);
  });

  it("enquiry: the person's choices about what they recorded", async () => {
    const { personEmail, disclosureId } = await makeDisclosure(t.services, team);
    const person = await signedInAgent(t.app, { email: personEmail });
    await person.get(`/disclosures/${disclosureId}`);
    assert.match(await bannerAfter(person, `/disclosures/${disclosureId}/sharing`), /saved/);
    assert.match(await bannerAfter(person, `/disclosures/${disclosureId}/withdraw`), /Hidden/);
    assert.match(await bannerAfter(person, `/disclosures/${disclosureId}/restore`), /Shown again/);
  });

  it('enquiry: a referral status, a next step and the directory', async () => {
    const nurse = await signedInAgent(t.app, team.practitioner);
    const referralId = await makeReferral(t.services, team);
    assert.match(
      await bannerAfter(nurse, `/referrals/${referralId}/status`, { status: 'accepted' }),
      /Referral updated/,
    );
    const taskId = await makeSafetyTask(t.services, team);
    assert.match(await bannerAfter(nurse, `/enquiry/tasks/${taskId}/done`), /done/);

    const admin = await signedInAgent(t.app, team.admin);
    const service = {
      name: 'Saved banner service',
      kind: 'community',
      offer: 'Peer support',
      forWhom: 'Adults',
      howToRefer: 'Phone',
      selfReferral: 'yes',
      languages: 'English',
      contact: '0300 000 0001',
      active: 'yes',
    };
    assert.match(await bannerAfter(admin, '/support-services', service), /Service added/);
    const directory = await admin.get('/support-services');
    const serviceId = /\/support-services\/([\w-]+)\/edit/.exec(directory.body)![1]!;
    assert.match(
      await bannerAfter(admin, `/support-services/${serviceId}`, { ...service, offer: 'Groups' }),
      /Changes saved/,
    );
  });

  it('plans: a suggestion and an agreement recorded by staff', async () => {
    const planId = await ensureTeamPlan(t.services, team);
    const nurse = await signedInAgent(t.app, team.practitioner);
    await nurse.get(`/plans/${planId}/propose`);
    assert.match(
      await bannerAfter(nurse, `/plans/${planId}/proposals`, { helpsText: 'A walk outside.' }),
      /suggestion is sent/,
    );
    assert.match(
      await bannerAfter(nurse, `/plans/${planId}/agreement`, {
        outcome: 'agreed',
        whoAgreed: 'Both of us',
      }),
      /agreement is recorded/,
    );
  });

  it('force: a completed review', async () => {
    const incidentId = await recordTeamIncident(t.services, team);
    const actor = await t.services.accounts.people.actorFor(team.practitioner.id);
    const reviewId = (await t.services.force.reviews.open(actor, 500)).find(
      (r) => r.incident_id === incidentId,
    )!.id;
    const nurse = await signedInAgent(t.app, team.practitioner);
    await nurse.get(`/force/incidents/${incidentId}`);
    assert.match(
      await bannerAfter(nurse, `/force/incidents/${incidentId}/reviews/${reviewId}`, {
        notes: 'Talked it through.',
      }),
      /Review saved/,
    );
  });
});
