/**
 * The caseload service without HTTP, on SQLite or PostgreSQL: a nurse's person page (plan,
 * conversations, open tasks, records) for someone they may see and a 404 for someone they may
 * not; the name search finds only people in the nurse's care or units, never the rest of the
 * organisation or another organisation; pages and results are audited as reads naming the person.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, makeAccount, makeTeam } from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';
import { ctxOf, ensureTeamPlan } from '../../../test/plans-fixtures.ts';
import { recordTeamIncident } from '../../../test/force-fixtures.ts';
import { makeDisclosure } from '../../../test/enquiry-fixtures.ts';
import { isAppError } from '../../lib/app-error.ts';

type Team = Awaited<ReturnType<typeof makeTeam>>;

describe('caseload: person page and search', () => {
  let t: TestContext;
  let team: Team;
  let other: Team;
  let otherWard: { id: string };
  let strangerNurse: { id: string };
  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
    other = await makeTeam(t.services);
    otherWard = await t.services.accounts.provisioning.provisionUnit(
      team.organisationId,
      `Other ward ${Date.now()}`,
      'ward',
    );
    strangerNurse = await makeAccount(t.services, {
      organisationId: team.organisationId,
      role: 'practitioner',
      unitIds: [otherWard.id],
    });
  });
  after(() => t.close());

  const actor = (id: string) => t.services.accounts.people.actorFor(id);
  const notFound = (error: unknown) => isAppError(error) && error.kind === 'not_found';
  const seenBy = async (personId: string) =>
    t.services.audit.listWhoHasSeen(await actor(personId), personId);

  it('shows a nurse the person page of someone in their care, and audits the read', async () => {
    const planId = await ensureTeamPlan(t.services, team);
    await recordTeamIncident(t.services, team);
    const nurse = await actor(team.practitioner.id);
    const before = (await seenBy(team.person.id)).length;
    const view = await t.services.caseload.personPage.open(
      nurse,
      team.person.id,
      ctxOf(t.services, nurse),
    );
    assert.equal(view.plan?.planId, planId);
    assert.equal(view.person.id, team.person.id);
    assert.equal(view.enquiry?.status.text, 'Not offered yet');
    assert.equal(view.incidents.length, 1);
    assert.ok(view.incidents[0]?.types, 'the record says what kind of force it was');
    const seen = await seenBy(team.person.id);
    assert.equal(seen.length, before + 1);
    assert.equal(seen[0]?.what, 'Looked at the page that lists your plan, talks and records');
  });

  it('lists open tasks about the person: next steps and check-ins', async () => {
    const { personId } = await makeDisclosure(t.services, team, { safety: { others: 'yes' } });
    const nurse = await actor(team.practitioner.id);
    const view = await t.services.caseload.personPage.open(
      nurse,
      personId,
      ctxOf(t.services, nurse),
    );
    assert.ok(view.enquiry?.tasks.some((task) => task.kind === 'safety'));
    assert.ok(view.enquiry?.followUp, 'the check-in after the conversation is listed');
    assert.equal(view.openTasks, (view.enquiry?.tasks.length ?? 0) + 1);
    assert.equal(view.plan, null, 'no plan shared: none shown');
  });

  it('answers 404 to a nurse who may not see the person, and audits nothing', async () => {
    const before = (await seenBy(team.person.id)).length;
    for (const id of [strangerNurse.id, other.practitioner.id, team.admin.id, team.partner.id]) {
      const someone = await actor(id);
      await assert.rejects(
        t.services.caseload.personPage.open(someone, team.person.id, ctxOf(t.services, someone)),
        notFound,
        id,
      );
    }
    const nurse = await actor(team.practitioner.id);
    await assert.rejects(
      t.services.caseload.personPage.open(nurse, team.manager.id, ctxOf(t.services, nurse)),
      notFound,
      'staff accounts have no person page',
    );
    assert.equal((await seenBy(team.person.id)).length, before);
  });

  it('shows a unit manager the page of someone in their unit, without conversations', async () => {
    const manager = await actor(team.manager.id);
    const view = await t.services.caseload.personPage.open(
      manager,
      team.person.id,
      ctxOf(t.services, manager),
    );
    assert.equal(view.enquiry, null);
    assert.ok(view.plan, 'the plan is shared with the ward');
  });

  it('finds people by part of their name only among those the nurse may see', async () => {
    const zoe = await makeAccount(t.services, {
      organisationId: team.organisationId,
      role: 'service_user',
      unitIds: [team.unitId],
      displayName: "Zoë O'Neil",
    });
    const zoeElsewhere = await makeAccount(t.services, {
      organisationId: team.organisationId,
      role: 'service_user',
      unitIds: [otherWard.id],
      displayName: "Zoe O'Neil-Hart",
    });
    await makeAccount(t.services, {
      organisationId: other.organisationId,
      role: 'service_user',
      unitIds: [other.unitId],
      displayName: "Zoe O'Neil",
    });
    const nurse = await actor(team.practitioner.id);
    const ctx = ctxOf(t.services, nurse);
    const found = await t.services.caseload.search.find(nurse, "  zoe   o'neil ", ctx);
    assert.deepEqual(
      found.results.map((r) => r.id),
      [zoe.id],
    );
    const seen = await seenBy(zoe.id);
    assert.equal(seen[0]?.what, 'Found your name in a search');
    assert.equal((await seenBy(zoeElsewhere.id)).length, 0, 'people not shown are not audited');

    const stranger = await actor(strangerNurse.id);
    const theirs = await t.services.caseload.search.find(
      stranger,
      'zoe',
      ctxOf(t.services, stranger),
    );
    assert.deepEqual(
      theirs.results.map((r) => r.id),
      [zoeElsewhere.id],
    );
    assert.deepEqual((await t.services.caseload.search.find(nurse, '   ', ctx)).results, []);
    const staff = await t.services.caseload.search.find(nurse, 'Name', ctx);
    assert.ok(
      staff.results.every((r) => r.id !== team.manager.id && r.id !== team.admin.id),
      'staff are never found',
    );
  });

  it('links a result straight to the plan when it is shared', async () => {
    const planId = await ensureTeamPlan(t.services, team);
    const nurse = await actor(team.practitioner.id);
    const name = (await t.services.accounts.people.caseloadOf(nurse)).find(
      (p) => p.id === team.person.id,
    )!.displayName;
    const found = await t.services.caseload.search.find(nurse, name, ctxOf(t.services, nurse));
    assert.equal(found.results.find((r) => r.id === team.person.id)?.planId, planId);
  });

  it('refuses the search to staff without person pages', async () => {
    const admin = await actor(team.admin.id);
    await assert.rejects(
      t.services.caseload.search.find(admin, 'a', ctxOf(t.services, admin)),
      notFound,
    );
  });
});
