/**
 * Evidence from the records (issue 12 item 5): each module's evidence function against a small
 * known dataset (numerators and denominators exact, "not enough data" below the threshold, and
 * another organisation's rows, other units and other periods never counted); the map covers
 * every principle with figures that exist; the results page shows a panel per principle and the
 * CSV download is audited.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { acrossOrganisations } from '../../db/tenancy.ts';
import type { EvidenceFigure, EvidenceScope } from '../../lib/evidence.ts';
import { EVIDENCE_MIN_DENOMINATOR, medianOfCounts, monthStartBefore } from '../../lib/evidence.ts';
import {
  createTestContext,
  makeAccount,
  makeTeam,
  signedInAgent,
  textOf,
} from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';
import {
  auditRow,
  enquiryRow,
  incidentRow,
  insertPlan,
  monthRollupRow,
  referralRow,
  reviewRow,
  serviceRow,
} from '../../../test/evidence-fixtures.ts';
import { makeOpenRound } from '../../../test/assessment-fixtures.ts';
import { rebuildLooksRollup } from '../audit/index.ts';
import { rebuildEnquiryRollup } from '../enquiry/index.ts';
import { rebuildForceEvidence } from '../force/index.ts';
import { evidencePeriod, figureText, loadEvidenceMap } from './evidence.ts';
import { loadInstrument } from './instrument.ts';

type Team = Awaited<ReturnType<typeof makeTeam>>;

const FROM = '2025-06-01';
const TO = '2026-06-01';
const IN = '2025-09-15';
const BEFORE = '2025-05-20';

function byKey(figures: EvidenceFigure[], key: string): EvidenceFigure {
  const f = figures.find((x) => x.key === key);
  assert.ok(f, `figure ${key} is returned`);
  return f;
}

function assertRatio(f: EvidenceFigure, numerator: number, denominator: number) {
  assert.equal(f.numerator, numerator, `${f.key} numerator`);
  assert.equal(f.denominator, denominator, `${f.key} denominator`);
  if (denominator < EVIDENCE_MIN_DENOMINATOR) {
    assert.equal(f.notEnoughData, true, `${f.key} has not enough data`);
    assert.equal(f.value, null);
  } else {
    assert.equal(f.notEnoughData, false, `${f.key} is shown`);
    const scale = f.kind === 'per1000' ? 1000 : 1;
    assert.ok(Math.abs((f.value ?? -1) - (numerator / denominator) * scale) < 1e-9, f.key);
  }
}

describe('evidence from the records', () => {
  let t: TestContext;
  let team: Team;
  let other: Team;
  let otherUnitId: string;
  const people: string[] = [];
  let unitScope: EvidenceScope;
  let orgScope: EvidenceScope;

  /** Inserts the same pattern of enquiries and referrals for ten people of a unit. */
  async function seedEnquiries(org: string, unit: string, persons: string[], practitioner: string) {
    const db = t.services.db;
    const service = serviceRow(org);
    await db.insertInto('enquiry_services').values(service).execute();
    const outcomes = ['asked', 'asked', 'asked', 'asked', 'asked', 'asked'] as const;
    const enquiryIds: string[] = [];
    for (const [i, personId] of persons.entries()) {
      const outcome =
        i < outcomes.length ? outcomes[i]! : i < 8 ? ('declined' as const) : ('not_now' as const);
      const row = enquiryRow({
        organisationId: org,
        unitId: unit,
        personId,
        practitionerId: practitioner,
        day: IN,
        outcome,
        disclosed: i < 5,
        returned: i === 8,
      });
      enquiryIds.push(row.id);
      await db.insertInto('enquiries').values(row).execute();
    }
    // Before the period: not counted.
    await db
      .insertInto('enquiries')
      .values(
        enquiryRow({
          organisationId: org,
          unitId: unit,
          personId: persons[0]!,
          practitionerId: practitioner,
          day: BEFORE,
          outcome: 'declined',
        }),
      )
      .execute();
    const referral = (i: number, kind: 'offered' | 'referred', closeAfter?: number) =>
      referralRow({
        organisationId: org,
        unitId: unit,
        personId: persons[i]!,
        practitionerId: practitioner,
        enquiryId: enquiryIds[i]!,
        serviceId: service.id,
        day: IN,
        kind,
        closedDay:
          closeAfter === undefined
            ? undefined
            : new Date(Date.parse(`${IN}T00:00:00Z`) + closeAfter * 86_400_000)
                .toISOString()
                .slice(0, 10),
      });
    const rows = [
      referral(0, 'referred', 1),
      referral(0, 'referred', 2),
      referral(1, 'referred', 3),
      referral(1, 'referred', 4),
      referral(2, 'referred', 10),
      referral(3, 'referred'),
      referral(4, 'offered'),
    ];
    await db.insertInto('enquiry_referrals').values(rows).execute();
  }

  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
    other = await makeTeam(t.services);
    const db = t.services.db;
    otherUnitId = (
      await t.services.accounts.provisioning.provisionUnit(team.organisationId, 'Ward 9', 'ward')
    ).id;
    for (let i = 0; i < 10; i += 1) {
      people.push(
        (
          await makeAccount(t.services, {
            organisationId: team.organisationId,
            role: 'service_user',
            unitIds: [team.unitId],
          })
        ).id,
      );
    }
    const otherPeople: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      otherPeople.push(
        (
          await makeAccount(t.services, {
            organisationId: other.organisationId,
            role: 'service_user',
            unitIds: [other.unitId],
          })
        ).id,
      );
    }
    const elsewhere = await makeAccount(t.services, {
      organisationId: team.organisationId,
      role: 'service_user',
      unitIds: [otherUnitId],
    });
    unitScope = { organisationId: team.organisationId, unitId: team.unitId, from: FROM, to: TO };
    orgScope = { ...unitScope, unitId: null };

    await seedEnquiries(team.organisationId, team.unitId, people, team.practitioner.id);
    await seedEnquiries(other.organisationId, other.unitId, otherPeople, other.practitioner.id);
    // Another unit of the same organisation: counted for the organisation, not the unit.
    await db
      .insertInto('enquiries')
      .values(
        enquiryRow({
          organisationId: team.organisationId,
          unitId: otherUnitId,
          personId: elsewhere.id,
          practitionerId: team.practitioner.id,
          day: IN,
          outcome: 'asked',
        }),
      )
      .execute();

    // Force: incidents, reviews and the monthly and yearly rollups.
    for (const [org, unit, person] of [
      [team.organisationId, team.unitId, people[0]!],
      [other.organisationId, other.unitId, otherPeople[0]!],
    ] as const) {
      const known = ['yes', 'yes', 'yes', 'yes', 'no', 'no_plan', 'no_plan', 'no_plan'] as const;
      const incidents = known.map((planKnown) =>
        incidentRow({ organisationId: org, unitId: unit, personId: person, day: IN, planKnown }),
      );
      incidents.push(
        incidentRow({
          organisationId: org,
          unitId: unit,
          personId: person,
          day: BEFORE,
          planKnown: 'no',
        }),
      );
      await db.insertInto('force_incidents').values(incidents).execute();
      const incidentId = incidents[0]!.id;
      const reviews = [
        ...[1, 2, 3, 4, 5].map(() =>
          reviewRow({
            organisationId: org,
            unitId: unit,
            incidentId,
            kind: 'immediate_debrief',
            dueDay: IN,
            doneDay: IN,
          }),
        ),
        reviewRow({
          organisationId: org,
          unitId: unit,
          incidentId,
          kind: 'staff_debrief',
          dueDay: IN,
          doneDay: '2025-09-20',
        }),
        reviewRow({
          organisationId: org,
          unitId: unit,
          incidentId,
          kind: 'formal_review',
          dueDay: IN,
          doneDay: IN,
        }),
        reviewRow({
          organisationId: org,
          unitId: unit,
          incidentId,
          kind: 'formal_review',
          dueDay: IN,
        }),
        reviewRow({
          organisationId: org,
          unitId: unit,
          incidentId,
          kind: 'formal_review',
          dueDay: BEFORE,
          doneDay: BEFORE,
        }),
      ];
      await db.insertInto('force_reviews').values(reviews).execute();
      await rebuildForceEvidence(db, org);
      const months = Array.from({ length: 13 }, (_, k) => monthStartBefore(TO, 13 - k).slice(0, 7));
      for (const scopeUnit of [unit, '']) {
        await db
          .insertInto('force_rollup_month')
          .values(
            months.map((period, k) =>
              monthRollupRow({
                organisationId: org,
                unitId: scopeUnit,
                period,
                // The first month is before the period, with figures that would show if counted.
                interventions: k === 0 ? 1000 : 10,
                prone: k === 0 ? 1000 : 1,
                incidents: 5,
                accountOffered: 4,
                bedDays: 600,
              }),
            ),
          )
          .execute();
        await db
          .insertInto('force_rollup_group')
          .values([
            {
              organisation_id: org,
              unit_id: scopeUnit,
              year: '2026',
              dimension: 'ethnicity',
              group_code: 'white',
              incidents: 10,
              people: 100,
            },
            {
              organisation_id: org,
              unit_id: scopeUnit,
              year: '2026',
              dimension: 'ethnicity',
              group_code: 'black',
              incidents: 30,
              people: 50,
            },
            {
              organisation_id: org,
              unit_id: scopeUnit,
              year: '2025',
              dimension: 'sex',
              group_code: 'female',
              incidents: 30,
              people: 50,
            },
          ])
          .execute();
      }
    }

    // Plans for six of the ten people; one for someone on another unit.
    const planIds: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      planIds.push(
        await insertPlan(db, {
          organisationId: team.organisationId,
          personId: people[i]!,
          day: IN,
          advance: i < 3,
        }),
      );
    }
    await insertPlan(db, {
      organisationId: team.organisationId,
      personId: elsewhere.id,
      day: IN,
      advance: true,
    });
    await insertPlan(db, {
      organisationId: other.organisationId,
      personId: otherPeople[0]!,
      day: IN,
      advance: true,
    });
    for (let i = 0; i < 4; i += 1) {
      await db
        .insertInto('plan_shares')
        .values({
          id: randomUUID(),
          organisation_id: team.organisationId,
          plan_id: planIds[i]!,
          kind: 'unit',
          unit_id: team.unitId,
          account_id: null,
          created_at: `${IN}T10:00:00.000Z`,
          revoked_at: null,
        })
        .execute();
    }
    const statuses = ['accepted', 'declined', 'open', 'open', 'open'] as const;
    for (const [i, status] of statuses.entries()) {
      await db
        .insertInto('plan_proposals')
        .values({
          id: randomUUID(),
          organisation_id: team.organisationId,
          plan_id: planIds[i]!,
          base_version: 1,
          changes: '{}',
          note: null,
          proposed_by: team.practitioner.id,
          status,
          decided_at: null,
          created_at: `${IN}T10:00:00.000Z`,
        })
        .execute();
    }
    await db
      .insertInto('plan_agreements')
      .values({
        id: randomUUID(),
        organisation_id: team.organisationId,
        plan_id: planIds[2]!,
        seq: 1,
        version: 1,
        outcome: 'differ',
        who_agreed: null,
        person_view: 'Mine',
        team_view: 'Ours',
        recorded_by: team.practitioner.id,
        created_at: `${IN}T11:00:00.000Z`,
      })
      .execute();
    const reviewedAfter = [1, 2, 3, 6, 10, null];
    for (const [i, days] of reviewedAfter.entries()) {
      const started = Date.parse(`${IN}T10:00:00.000Z`);
      await db
        .insertInto('plan_emergency_access')
        .values({
          id: randomUUID(),
          organisation_id: team.organisationId,
          plan_id: planIds[i]!,
          person_id: people[i]!,
          actor_id: team.practitioner.id,
          actor_unit_id: team.unitId,
          review_unit_ids: JSON.stringify([team.unitId]),
          reason: 'Crisis',
          started_at: new Date(started).toISOString(),
          expires_at: new Date(started + 3_600_000).toISOString(),
          reviewed_at: days === null ? null : new Date(started + days * 86_400_000).toISOString(),
          reviewed_by: days === null ? null : team.manager.id,
        })
        .execute();
    }

    // Audit: seven looks by the unit's staff, two by the administrator (no unit), and rows
    // that do not count (refused, the person's own, before the period, another organisation).
    const events = [
      ...Array.from({ length: 7 }, () =>
        auditRow({
          organisationId: team.organisationId,
          actorId: team.practitioner.id,
          actorUnitId: team.unitId,
          subjectId: people[0]!,
          day: IN,
        }),
      ),
      ...Array.from({ length: 2 }, () =>
        auditRow({
          organisationId: team.organisationId,
          actorId: team.admin.id,
          actorUnitId: null,
          subjectId: people[1]!,
          day: IN,
        }),
      ),
      auditRow({
        organisationId: team.organisationId,
        actorId: team.practitioner.id,
        actorUnitId: team.unitId,
        subjectId: people[0]!,
        day: IN,
        outcome: 'denied',
      }),
      auditRow({
        organisationId: team.organisationId,
        actorId: people[0]!,
        actorUnitId: team.unitId,
        subjectId: people[0]!,
        day: IN,
      }),
      auditRow({
        organisationId: team.organisationId,
        actorId: team.practitioner.id,
        actorUnitId: team.unitId,
        subjectId: people[0]!,
        day: BEFORE,
      }),
      auditRow({
        organisationId: other.organisationId,
        actorId: other.practitioner.id,
        actorUnitId: other.unitId,
        subjectId: otherPeople[0]!,
        day: IN,
      }),
    ];
    await db.insertInto('audit_events').values(events).execute();
    // Written around the app, so the looks rollup is rebuilt from them (as migration 0039 does).
    await rebuildLooksRollup(db, team.organisationId);
    await rebuildLooksRollup(db, other.organisationId);
    // The conversations and referrals too, for the enquiry rollup (as migration 0040 does).
    await rebuildEnquiryRollup(db, team.organisationId);
    await rebuildEnquiryRollup(db, other.organisationId);
  });

  after(async () => {
    await t.close();
  });

  it('counts enquiries and referrals exactly, for the unit and for the organisation', async () => {
    const unit = await t.services.enquiry.evidence.figures(unitScope);
    assertRatio(byKey(unit, 'enquiry.asked'), 6, 10);
    assertRatio(byKey(unit, 'enquiry.declined'), 2, 10);
    assertRatio(byKey(unit, 'enquiry.asked-again'), 1, 2);
    assertRatio(byKey(unit, 'enquiry.support-offered'), 5, 5);
    assertRatio(byKey(unit, 'enquiry.referred'), 4, 5);
    assertRatio(byKey(unit, 'enquiry.referrals-closed'), 5, 6);
    const days = byKey(unit, 'enquiry.days-to-close');
    assert.equal(days.value, 3);
    assert.equal(days.denominator, 5);
    const org = await t.services.enquiry.evidence.figures(orgScope);
    assertRatio(byKey(org, 'enquiry.asked'), 7, 11);
  });

  it('counts the register from its rollups and records, and flags disparity', async () => {
    const f = await t.services.force.evidence.figures(unitScope);
    assertRatio(byKey(f, 'force.rate'), 120, 7200);
    assertRatio(byKey(f, 'force.prone'), 12, 120);
    assertRatio(byKey(f, 'force.account-offered'), 48, 60);
    assertRatio(byKey(f, 'force.plan-shown'), 4, 5);
    assertRatio(byKey(f, 'force.debriefs-on-time'), 5, 6);
    assertRatio(byKey(f, 'force.reviews-on-time'), 1, 2);
    assert.ok(byKey(f, 'force.rate').note, 'the trend is described');
    const ethnicity = byKey(f, 'force.disparity.ethnicity');
    assert.equal(ethnicity.value, 1);
    assert.equal(ethnicity.denominator, 2);
    assert.match(ethnicity.note ?? '', /Black/);
    // The sex rows are for another year: nothing to count.
    assert.equal(byKey(f, 'force.disparity.sex').notEnoughData, true);
    const org = await t.services.force.evidence.figures(orgScope);
    assertRatio(byKey(org, 'force.rate'), 120, 7200);
  });

  it('counts plans for the people of the unit', async () => {
    const scopePeople = await t.services.accounts.evidence.peopleInScope(unitScope);
    // Ten people plus the team's own person.
    assert.equal(scopePeople.count, 11);
    const f = await t.services.plans.evidence.figures(unitScope, scopePeople);
    assertRatio(byKey(f, 'plans.with-plan'), 6, 11);
    assertRatio(byKey(f, 'plans.advance-choices'), 3, 6);
    assertRatio(byKey(f, 'plans.sharing'), 4, 6);
    assertRatio(byKey(f, 'plans.proposals-answered'), 2, 5);
    assertRatio(byKey(f, 'plans.emergency-reviewed'), 4, 6);
    const orgPeople = await t.services.accounts.evidence.peopleInScope(orgScope);
    assert.equal(orgPeople.count, 12);
    const org = await t.services.plans.evidence.figures(orgScope, orgPeople);
    assertRatio(byKey(org, 'plans.with-plan'), 7, 12);
  });

  it('counts looks shown to people, and partners', async () => {
    const unit = await t.services.audit.evidence.figures(unitScope);
    assert.equal(byKey(unit, 'audit.accesses-shown').value, 7);
    const org = await t.services.audit.evidence.figures(orgScope);
    assert.equal(byKey(org, 'audit.accesses-shown').value, 9);
    const partners = await t.services.accounts.evidence.figures(unitScope);
    assert.equal(byKey(partners, 'accounts.partners').value, 1);
  });

  it('says "not enough data" below the threshold and shows the figure at it', () => {
    assert.equal(EVIDENCE_MIN_DENOMINATOR, 5);
    assert.equal(
      medianOfCounts([
        { value: 2, count: 1 },
        { value: 9, count: 2 },
      ]),
      9,
    );
    assert.equal(medianOfCounts([]), null);
    assert.equal(monthStartBefore('2026-01-15', 12), '2025-01-01');
    assert.deepEqual(evidencePeriod('2026-03-09'), { from: '2025-03-01', to: '2026-03-01' });
  });

  it('maps every principle to figures that exist', async () => {
    const map = loadEvidenceMap();
    const instrument = loadInstrument();
    const keys = new Set<string>();
    const scopePeople = await t.services.accounts.evidence.peopleInScope(unitScope);
    for (const f of [
      ...(await t.services.enquiry.evidence.figures(unitScope)),
      ...(await t.services.force.evidence.figures(unitScope)),
      ...(await t.services.plans.evidence.figures(unitScope, scopePeople)),
      ...(await t.services.audit.evidence.figures(unitScope)),
      ...(await t.services.accounts.evidence.figures(unitScope)),
      ...(await t.services.improvement.evidence.figures(unitScope)),
    ]) {
      assert.ok(!keys.has(f.key), `${f.key} is returned once`);
      assert.ok(f.definition.length > 40, `${f.key} has a definition`);
      assert.match(f.link, /^\//);
      keys.add(f.key);
    }
    for (const s of instrument.sections.filter((x) => x.kind === 'principle')) {
      const entry = map[s.id];
      assert.ok(entry && entry.figures.length > 0, `${s.id} has evidence`);
      for (const k of entry.figures) assert.ok(keys.has(k), `${s.id}: ${k} is a real figure`);
    }
    for (const id of Object.keys(map)) {
      assert.ok(
        instrument.sections.some((s) => s.id === id),
        `${id} is a principle`,
      );
    }
  });

  it('shows a panel per principle on the results page and audits the CSV', async () => {
    // The round opens on the test clock's day (2026-06-01): the period is the year before.
    const roundId = await makeOpenRound(t.services, team);
    const manager = await signedInAgent(t.app, team.manager);
    const page = await manager.get(`/assessment/rounds/${roundId}/results`);
    assert.equal(page.status, 200);
    const text = textOf(page.body);
    assert.match(text, /From Hearth's records: Talking about trauma with care/);
    assert.match(text, /People asked about hard experiences: 60% \(6 of 10\)/);
    assert.match(text, /Come back to after "not now": Not enough data/);
    assert.match(
      text,
      /From Hearth's records: Survivor partnerships|From Hearth's records: .*partners/i,
    );
    const csv = await manager.get(`/assessment/rounds/${roundId}/evidence.csv`);
    assert.equal(csv.status, 200);
    assert.match(csv.body, /^principle,figure_key/);
    assert.match(
      csv.body,
      /sensitive-discussions,enquiry\.asked,People asked about hard experiences,6,10,0\.6,no/,
    );
    // Below the threshold, neither part is given.
    assert.match(csv.body, /enquiry\.asked-again,"Come back to after ""not now""",,,,yes/);
    const audited = await acrossOrganisations('test: reading the audit trail', () =>
      t.services.db
        .selectFrom('audit_events')
        .select(sql<number>`count(*)`.as('n'))
        .where('action', '=', 'assessment.evidence_download')
        .where('record_id', '=', roundId)
        .executeTakeFirstOrThrow(),
    );
    assert.equal(Number(audited.n), 1);
    const otherAdmin = await signedInAgent(t.app, other.admin);
    assert.equal((await otherAdmin.get(`/assessment/rounds/${roundId}/evidence.csv`)).status, 404);
  });

  it('words the value of each kind of figure', () => {
    const base = {
      key: 'k',
      title: 'T',
      definition: 'd',
      link: '/',
      note: null,
      notEnoughData: false,
    };
    assert.equal(
      figureText({ ...base, kind: 'share', numerator: 1, denominator: 8, value: 0.125 }),
      '13% (1 of 8)',
    );
    assert.equal(
      figureText({ ...base, kind: 'per1000', numerator: 16, denominator: 5000, value: 3.2 }),
      '3.2 per 1,000 bed days (16 in 5,000)',
    );
    assert.match(
      figureText({
        ...base,
        kind: 'share',
        numerator: 1,
        denominator: 2,
        value: null,
        notEnoughData: true,
      }),
      /Not enough data/,
    );
  });
});
