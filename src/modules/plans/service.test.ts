/**
 * The plans service without HTTP: the access policy as a table, racing saves, the use-of-force
 * contract, FHIR R4 validation (structure and invariants, with Medplum's validator), the CLI export and the demo plans.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import {
  createTestContext,
  freshDatabase,
  makeAccount,
  makeTeam,
} from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';
import type { Resource } from '@medplum/fhirtypes';
import { ctxOf, ensureTeamPlan, fhirProblems } from '../../../test/plans-fixtures.ts';
import { isAppError } from '../../lib/app-error.ts';
import { loadDemo } from '../../demo.ts';
import { seedPlansDemo } from './demo.ts';
import type { Actor } from '../accounts/index.ts';
import { planAccessFor } from './policy.ts';
import type { PlanEmergencyAccessTable, PlanSharesTable, PlansTable } from './tables.ts';

type Team = Awaited<ReturnType<typeof makeTeam>>;

describe('plan access policy', () => {
  const now = new Date('2026-06-01T10:00:00Z');
  const plan: PlansTable = {
    id: 'plan-1',
    organisation_id: 'org-a',
    person_id: 'sam',
    current_version: 1,
    review_by: null,
    private_sections: '[]',
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  const actor = (over: Partial<Actor>): Actor => ({
    id: 'nurse',
    organisationId: 'org-a',
    role: 'practitioner',
    displayName: 'Nurse',
    unitIds: ['ward-3'],
    ...over,
  });
  const share = (over: Partial<PlanSharesTable>): PlanSharesTable => ({
    id: 's',
    organisation_id: 'org-a',
    plan_id: 'plan-1',
    kind: 'unit',
    unit_id: 'ward-3',
    account_id: null,
    created_at: now.toISOString(),
    revoked_at: null,
    ...over,
  });
  const grant = (expires: string): PlanEmergencyAccessTable => ({
    id: 'g',
    organisation_id: 'org-a',
    plan_id: 'plan-1',
    person_id: 'sam',
    actor_id: 'nurse',
    actor_unit_id: null,
    review_unit_ids: '[]',
    reason: 'A reason given',
    started_at: now.toISOString(),
    expires_at: expires,
    reviewed_at: null,
    reviewed_by: null,
  });
  const cases: [string, Actor, PlanSharesTable[], PlanEmergencyAccessTable[], string | null][] = [
    ['the person themselves', actor({ id: 'sam', role: 'service_user' }), [], [], 'owner'],
    ['another person', actor({ id: 'alex', role: 'service_user' }), [share({})], [], null],
    ['a nurse on a shared ward', actor({}), [share({})], [], 'shared'],
    ['a nurse on another ward', actor({ unitIds: ['willow'] }), [share({})], [], null],
    [
      'a nurse after sharing stopped',
      actor({}),
      [share({ revoked_at: now.toISOString() })],
      [],
      null,
    ],
    [
      'a nurse named in a share',
      actor({ unitIds: [] }),
      [share({ kind: 'practitioner', unit_id: null, account_id: 'nurse' })],
      [],
      'shared',
    ],
    ['a unit manager of a shared ward', actor({ role: 'unit_manager' }), [share({})], [], 'shared'],
    ['an administrator', actor({ role: 'org_admin' }), [share({})], [], null],
    [
      'a lived-experience partner',
      actor({ role: 'lived_experience_partner' }),
      [share({})],
      [],
      null,
    ],
    ['a national operator', actor({ role: 'national_operator' }), [share({})], [], null],
    ['another organisation', actor({ organisationId: 'org-b' }), [share({})], [], null],
    [
      'a nurse with emergency access',
      actor({ unitIds: [] }),
      [],
      [grant('2026-06-01T10:30:00Z')],
      'emergency',
    ],
    [
      'a nurse whose emergency access ended',
      actor({ unitIds: [] }),
      [],
      [grant('2026-06-01T09:59:00Z')],
      null,
    ],
  ];
  for (const [name, who, shares, grants, expected] of cases) {
    it(`${name}: ${expected ?? 'refused'}`, () => {
      assert.equal(planAccessFor(who, plan, shares, grants, now)?.kind ?? null, expected);
    });
  }
});

describe('plans service', () => {
  let t: TestContext;
  let team: Team;
  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
  });
  after(() => t.close());

  it('two saves from the same version at the same moment: one wins, the other is told, nothing is half-written', async () => {
    const person = await t.services.accounts.people.actorFor(team.person.id);
    const ctx = ctxOf(t.services, person);
    await t.services.plans.ownPlan.save(
      person,
      { version: 0, content: { fields: { wellText: 'start' }, declined: [] }, reviewBy: null },
      ctx,
    );
    const results = await Promise.allSettled(
      ['one', 'two', 'three'].map((word) =>
        t.services.plans.ownPlan.save(
          person,
          { version: 1, content: { fields: { wellText: word }, declined: [] }, reviewBy: null },
          ctx,
        ),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    assert.equal(won.length, 1);
    assert.equal(lost.length, 2);
    for (const r of lost) {
      assert.ok(isAppError(r.reason) && r.reason.kind === 'conflict', String(r.reason));
    }
    const versions = await t.services.plans.ownPlan.listVersions(person);
    assert.deepEqual(
      versions.map((v) => v.version),
      [2, 1],
    );
  });

  it('planAccess.choicesForForce: null without a share, the choices with one, and audited', async () => {
    const team2 = await makeTeam(t.services);
    const person = await t.services.accounts.people.actorFor(team2.person.id);
    const nurse = await t.services.accounts.people.actorFor(team2.practitioner.id);
    assert.equal(
      await t.services.plans.planAccess.choicesForForce(nurse, person.id, ctxOf(t.services, nurse)),
      null,
    );
    await t.services.plans.ownPlan.save(
      person,
      {
        version: 0,
        content: {
          fields: {
            restraintPositionsToAvoid: ['face_down', 'seated'],
            staffGender: ['women'],
            medicationRoutes: ['tablet'],
            medicationText: 'Lorazepam helps.',
            searchGender: ['same_gender'],
            helpsText: 'Quiet.',
            worseStaff: ['raised_voices'],
            storyText: 'Private.',
          },
          declined: [],
        },
        reviewBy: null,
      },
      ctxOf(t.services, person),
    );
    assert.equal(
      await t.services.plans.planAccess.choicesForForce(nurse, person.id, ctxOf(t.services, nurse)),
      null,
    );
    await t.services.plans.sharing.update(
      person,
      { unitIds: [team2.unitId], accountIds: [], privateSections: ['story'] },
      ctxOf(t.services, person),
    );
    const choices = await t.services.plans.planAccess.choicesForForce(
      nurse,
      person.id,
      ctxOf(t.services, nurse),
    );
    assert.ok(choices);
    assert.equal(choices.version, 1);
    assert.deepEqual(choices.restraintPositionsToAvoid, ['Face-down (prone)', 'Seated']);
    assert.equal(choices.staffGenderPreference, 'Women staff, please');
    assert.match(choices.medicationChoices ?? '', /Tablets[\s\S]*Lorazepam helps\./);
    assert.equal(choices.searchChoices, 'Only staff of the same gender as me');
    assert.equal(choices.whatHelps, 'Quiet.');
    assert.equal(choices.whatMakesWorse, 'Raised voices');
    assert.equal(choices.observationChoices, null);
    const seen = await t.services.audit.listWhoHasSeen(person, person.id);
    assert.ok(
      seen.some((e) => e.what === 'Looked at what you chose about force, drugs and searches'),
    );
    // Emergency access does not reach the use-of-force record.
    const other = await makeAccount(t.services, {
      organisationId: team2.organisationId,
      role: 'practitioner',
    });
    const otherActor = await t.services.accounts.people.actorFor(other.id);
    assert.equal(
      await t.services.plans.planAccess.choicesForForce(
        otherActor,
        person.id,
        ctxOf(t.services, otherActor),
      ),
      null,
    );
    const outsider = await t.services.accounts.people.actorFor(team.practitioner.id);
    assert.equal(
      await t.services.plans.planAccess.choicesForForce(
        outsider,
        person.id,
        ctxOf(t.services, outsider),
      ),
      null,
    );
  });

  it('the FHIR Bundle is valid FHIR R4, has a Consent per share, and leaves private sections out for staff', async () => {
    const team3 = await makeTeam(t.services);
    const planId = await ensureTeamPlan(t.services, team3);
    const person = await t.services.accounts.people.actorFor(team3.person.id);
    const mine = await t.services.plans.ownPlan.get(person);
    await t.services.plans.ownPlan.save(
      person,
      {
        version: mine!.view.version,
        content: {
          fields: {
            helpsText: 'Tea <b>& toast</b>',
            restraintPositionsToAvoid: ['face_down'],
            storyText: 'Only mine.',
          },
          declined: ['contacts'],
        },
        reviewBy: '2026-09-01',
      },
      ctxOf(t.services, person),
    );
    await t.services.plans.sharing.update(
      person,
      { unitIds: [team3.unitId], accountIds: [team3.practitioner.id], privateSections: ['story'] },
      ctxOf(t.services, person),
    );
    await t.services.plans.supporterLinks.create(
      person,
      { supporterName: 'Chris', days: 10 },
      ctxOf(t.services, person),
    );
    const nurse = await t.services.accounts.people.actorFor(team3.practitioner.id);
    const bundle = await t.services.plans.export.fhir(nurse, planId, ctxOf(t.services, nurse));
    assert.deepEqual(fhirProblems(bundle), []);
    for (const entry of bundle.entry)
      assert.deepEqual(fhirProblems(entry.resource), [], entry.resource.resourceType);
    assert.equal(bundle.type, 'document');
    const types = bundle.entry.map((e) => e.resource.resourceType);
    assert.equal(types[0], 'Composition');
    assert.ok(types.includes('Patient'));
    assert.equal(types.filter((x) => x === 'Consent').length, 3);
    const composition = bundle.entry[0]!.resource as unknown as {
      type: { coding: { code: string }[] };
      section: { title: string; text?: { div: string }; emptyReason?: unknown }[];
    };
    assert.equal(composition.type.coding[0]!.code, '104144-1');
    const json = JSON.stringify(bundle);
    assert.ok(!json.includes('Only mine.'), 'private sections are not exported to staff');
    assert.ok(json.includes('Tea &lt;b&gt;&amp; toast&lt;/b&gt;'), 'narrative text is escaped');
    assert.ok(
      composition.section.some(
        (s) => s.title === 'People to contact, and people not to contact' && s.emptyReason,
      ),
    );
    const seen = await t.services.audit.listWhoHasSeen(person, person.id);
    assert.ok(seen.some((e) => e.what.includes('for another health record')));
    // The person's own export includes their private sections.
    const own = await t.services.plans.export.fhir(person, planId, ctxOf(t.services, person));
    assert.deepEqual(fhirProblems(own), []);
    assert.ok(JSON.stringify(own).includes('Only mine.'));
  });

  it('emergency access is refused without a plan, and for someone the clinician does not work with', async () => {
    const team4 = await makeTeam(t.services);
    const nurse = await t.services.accounts.people.actorFor(team4.practitioner.id);
    await assert.rejects(
      t.services.plans.emergencyAccess.start(
        nurse,
        { personId: team4.person.id, reason: 'A long enough reason' },
        ctxOf(t.services, nurse),
      ),
      (e) => isAppError(e) && e.kind === 'invalid',
    );
    await ensureTeamPlan(t.services, team);
    await assert.rejects(
      t.services.plans.emergencyAccess.start(
        nurse,
        { personId: team.person.id, reason: 'A long enough reason' },
        ctxOf(t.services, nurse),
      ),
      (e) => isAppError(e) && e.kind === 'not_found',
    );
  });
});

describe('plans demo and command line', () => {
  it("the demo has Sam's plan shared with Ward 3 with history and a suggestion, and Alex's plan private", async () => {
    const t = await createTestContext();
    try {
      const ids = await loadDemo(t.services);
      await seedPlansDemo(t.services, ids);
      const sam = await t.services.accounts.people.actorFor(ids.people.sam);
      const alex = await t.services.accounts.people.actorFor(ids.people.alex);
      const samPlan = await t.services.plans.ownPlan.get(sam);
      assert.ok(samPlan);
      assert.ok(samPlan.view.version >= 3);
      assert.deepEqual(
        samPlan.shares.map((s) => s.name),
        ['Ward 3'],
      );
      assert.equal(samPlan.proposals.length, 1);
      const alexPlan = await t.services.plans.ownPlan.get(alex);
      assert.ok(alexPlan);
      assert.deepEqual(alexPlan.shares, []);
      const jo = await t.services.accounts.people.actorFor(ids.people.jo);
      const shared = await t.services.plans.planAccess.listSharedWith(jo);
      assert.deepEqual(
        shared.map((p) => p.personName),
        ['Sam Taylor'],
      );
      const dev = await t.services.accounts.people.actorFor(ids.people.dev);
      assert.deepEqual(await t.services.plans.planAccess.listSharedWith(dev), []);
    } finally {
      await t.close();
    }
  });

  it('`hearth plans export --person EMAIL --format fhir` writes a valid Bundle to stdout, audited', async () => {
    const database = await freshDatabase();
    try {
      const { createServices } = await import('../../app.ts');
      const { testConfig } = await import('../../../test/factories.ts');
      const services = createServices(database.conn, testConfig());
      const ids = await loadDemo(services);
      await seedPlansDemo(services, ids);
      const bin = path.resolve(import.meta.dirname, '../../../bin/hearth.js');
      const run = spawnSync(
        process.execPath,
        [bin, 'plans', 'export', '--person', 'sam@demo.hearth.test', '--format', 'fhir'],
        {
          env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: database.url },
          encoding: 'utf8',
          timeout: 120_000,
        },
      );
      assert.equal(run.status, 0, run.stderr);
      const bundle = JSON.parse(run.stdout) as Resource;
      assert.equal(bundle.resourceType, 'Bundle');
      assert.deepEqual(fhirProblems(bundle), []);
      const sam = await services.accounts.people.actorFor(ids.people.sam);
      const seen = await services.audit.listWhoHasSeen(sam, sam.id);
      assert.ok(seen.some((e) => e.what.startsWith('A copy of your plan was sent')));
      const missing = spawnSync(
        process.execPath,
        [bin, 'plans', 'export', '--person', 'nobody@example.test', '--format', 'fhir'],
        { env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: database.url }, encoding: 'utf8' },
      );
      assert.equal(missing.status, 2);
      assert.match(missing.stderr, /no person using services with that email/);
    } finally {
      await database.drop();
    }
  });
});
