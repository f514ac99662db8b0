/**
 * Create forms are safe to send twice: the same form token posted twice creates one row
 * (checked in the database), a repeat goes where the first sending went, and a sending that
 * failed validation gives its token back.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, makeTeam, signedInAgent, textOf } from './factories.ts';
import type { TestContext } from './factories.ts';
import { makeDisclosure, makeSupportService } from './enquiry-fixtures.ts';
import { ensureTeamPlan } from './plans-fixtures.ts';

describe('create forms sent twice', () => {
  let t: TestContext;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
  });
  after(() => t.close());

  function tokenIn(html: string): string {
    const token = /name="_form" value="([^"]+)"/.exec(html)?.[1];
    assert.ok(token, 'the form carries a form token');
    return token;
  }

  it('makes one referral when the same form is sent twice, even at the same moment', async () => {
    const { enquiryId } = await makeDisclosure(t.services, team);
    const serviceId = await makeSupportService(t.services, team);
    const staff = await signedInAgent(t.app, team.practitioner);
    const form = await staff.get(`/enquiry/${enquiryId}/referrals/new`);
    const fields = { _form: tokenIn(form.body), serviceId, kind: 'referred', agreed: 'yes' };
    const [first, second] = await Promise.all([
      staff.post(`/enquiry/${enquiryId}/referrals`, fields),
      staff.post(`/enquiry/${enquiryId}/referrals`, fields),
    ]);
    const third = await staff.post(`/enquiry/${enquiryId}/referrals`, fields);
    for (const res of [first, second, third]) {
      assert.equal(res.status, 303);
      assert.equal(res.headers.location, `/enquiry/${enquiryId}?saved=referral`);
    }
    const rows = await t.services.db
      .selectFrom('enquiry_referrals')
      .select('id')
      .where('enquiry_id', '=', enquiryId)
      .execute();
    assert.equal(rows.length, 1);
    const page = await staff.get(String(first.headers.location));
    assert.match(page.body, /nhsuk-notification-banner--success/);
    assert.match(textOf(page.body), /Support offer saved/);

    // A new page gives a new token: a second referral made on purpose is kept.
    const again = await staff.get(`/enquiry/${enquiryId}/referrals/new`);
    await staff.post(`/enquiry/${enquiryId}/referrals`, { ...fields, _form: tokenIn(again.body) });
    const after = await t.services.db
      .selectFrom('enquiry_referrals')
      .select('id')
      .where('enquiry_id', '=', enquiryId)
      .execute();
    assert.equal(after.length, 2);
  });

  it('gives the token back when the form fails validation, so the corrected form saves', async () => {
    const { enquiryId } = await makeDisclosure(t.services, team);
    const serviceId = await makeSupportService(t.services, team);
    const staff = await signedInAgent(t.app, team.practitioner);
    const token = tokenIn((await staff.get(`/enquiry/${enquiryId}/referrals/new`)).body);
    const bad = await staff.post(`/enquiry/${enquiryId}/referrals`, {
      _form: token,
      serviceId,
      kind: 'referred',
    });
    assert.equal(bad.status, 400);
    const good = await staff.post(`/enquiry/${enquiryId}/referrals`, {
      _form: token,
      serviceId,
      kind: 'referred',
      agreed: 'yes',
    });
    assert.equal(good.status, 303);
    const rows = await t.services.db
      .selectFrom('enquiry_referrals')
      .select('id')
      .where('enquiry_id', '=', enquiryId)
      .execute();
    assert.equal(rows.length, 1);
  });

  it('makes one supporter link when the same form is sent twice; the repeat leads to the list', async () => {
    await ensureTeamPlan(t.services, team);
    const person = await signedInAgent(t.app, team.person);
    const page = await person.get('/my-plan/sharing');
    const tokens = [...page.body.matchAll(/name="_form" value="([^"]+)"/g)].map((m) => m[1]);
    const token = tokens.at(-1)!;
    const count = async () =>
      (
        await t.services.db
          .selectFrom('plan_supporter_links')
          .select('id')
          .where('organisation_id', '=', team.organisationId)
          .execute()
      ).length;
    const before = await count();
    const fields = { _form: token, supporterName: 'Chris', days: '7' };
    const first = await person.post('/my-plan/supporter-links', fields);
    assert.equal(first.status, 200);
    assert.match(textOf(first.body), /Your link is ready/);
    const second = await person.post('/my-plan/supporter-links', fields);
    assert.equal(second.status, 303);
    assert.equal(second.headers.location, '/my-plan/sharing?already=link');
    assert.equal(await count(), before + 1);
    assert.match(
      textOf((await person.get('/my-plan/sharing?already=link')).body),
      /Your link was made/,
    );
  });

  it('makes one suggestion when a practitioner sends the same proposal twice', async () => {
    const planId = await ensureTeamPlan(t.services, team);
    const person = await signedInAgent(t.app, team.person);
    await person.post('/my-plan/sharing', { unitIds: team.unitId });
    const staff = await signedInAgent(t.app, team.practitioner);
    const form = await staff.get(`/plans/${planId}/propose`);
    assert.equal(form.status, 200, textOf(form.body).slice(0, 300));
    const values: Record<string, string> = {};
    for (const m of form.body.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)) {
      values[m[1]!] = m[2]!;
    }
    const fields = { ...values, _form: tokenIn(form.body), note: 'A small change', helps: 'Music' };
    const count = async () =>
      (
        await t.services.db
          .selectFrom('plan_proposals')
          .select('id')
          .where('organisation_id', '=', team.organisationId)
          .where('plan_id', '=', planId)
          .execute()
      ).length;
    const before = await count();
    const first = await staff.post(`/plans/${planId}/proposals`, fields);
    const second = await staff.post(`/plans/${planId}/proposals`, fields);
    assert.equal(first.status, 303, textOf(first.body).slice(0, 500));
    assert.equal(second.headers.location, first.headers.location);
    assert.equal(await count(), before + 1);
  });
});
