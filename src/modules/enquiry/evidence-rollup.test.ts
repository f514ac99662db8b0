/**
 * The enquiry evidence rollup (migration 0040) on both engines: after a mix of writes through
 * the real service (conversations in each outcome across two units and a year boundary, "not
 * now" and coming back, disclosures, support offered, referrals made and closed, a retention
 * sweep), the figures from the rollup equal those counted from the records, for each unit and
 * the organisation over several runs of whole months; a rebuild gives the same rows as the
 * upkeep; and the migration fills the same rows from records already written.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import { acrossOrganisations } from '../../db/tenancy.ts';
import type { EvidenceScope } from '../../lib/evidence.ts';
import { createTestContext, makeAccount, makeTeam } from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';
import { up as migration0040 } from '../../../migrations/0040-enquiry-evidence-rollup.ts';
import { rebuildEnquiryRollup } from './evidence-rollup.ts';
import { wholeMonths } from './evidence.ts';
import { walkEnquiry } from './walk.ts';
import type { WalkPlan } from './walk.ts';

const rollupTables = ['enquiry_people_year', 'enquiry_month', 'enquiry_close_days'] as const;

/** Every rollup row of the database, in a fixed order, with numbers as numbers. */
async function rollupRows(db: Db): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of rollupTables) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(
      db,
    );
    out[table] = rows
      .map((r) =>
        Object.fromEntries(
          Object.entries(r).map(([k, v]) => [
            k,
            typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v,
          ]),
        ),
      )
      .map((r) => JSON.stringify(Object.entries(r).sort(([a], [b]) => a.localeCompare(b))))
      .sort();
  }
  return out;
}

describe('enquiry evidence rollup', () => {
  let t: TestContext;
  let scopes: EvidenceScope[];
  let organisationId: string;
  let sideBySide: () => Promise<void>;

  before(async () => {
    t = await createTestContext();
    const { services, clock } = t;
    const team = await makeTeam(services);
    organisationId = team.organisationId;
    const unit2 = await services.accounts.provisioning.provisionUnit(
      organisationId,
      'Willow',
      'ward',
    );
    const nurse2 = await makeAccount(services, {
      organisationId,
      role: 'practitioner',
      unitIds: [unit2.id],
    });
    const nurseIds = [team.practitioner.id, nurse2.id];
    // Who may talk with whom: a nurse sees the people of their own unit. Some people are on
    // both units, so they have conversations on each and the organisation counts them once.
    const people: { id: string; nurses: number[] }[] = [];
    for (let i = 0; i < 8; i++) {
      const both = i % 3 === 0;
      const only = i % 2;
      const id = (
        await makeAccount(services, {
          organisationId,
          role: 'service_user',
          unitIds: both ? [team.unitId, unit2.id] : [only ? team.unitId : unit2.id],
          practitionerIds: both ? nurseIds : [nurseIds[only ? 0 : 1]!],
        })
      ).id;
      people.push({ id, nurses: both ? [0, 1] : [only ? 0 : 1] });
    }
    const nurses = await Promise.all(nurseIds.map((id) => services.accounts.people.actorFor(id)));
    const admin = await services.accounts.people.actorFor(team.admin.id);
    const auditOf = (a: typeof admin) => ({
      actor: services.accounts.people.auditActor(a),
      ip: null,
    });
    const serviceId = await services.enquiry.supportServices.save(
      admin,
      null,
      {
        name: 'Rape Crisis',
        kind: 'trauma_specific',
        offer: 'Support after sexual violence.',
        forWhom: 'Anyone.',
        howToRefer: 'Phone.',
        selfReferral: 'yes',
        languages: 'English',
        contact: '0300 000 0000',
        active: 'yes',
      },
      auditOf(admin),
    );

    const later = (day: string) =>
      new Date(Date.parse(`${day}T12:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10);
    const plans = (day: string): WalkPlan[] => [
      {
        choice: 'now',
        answers: { 'child-emotional': 'yes' },
        words: 'Things were hard.',
        followUpOn: later(day),
      },
      { choice: 'not_now', returnOn: later(day) },
      { choice: 'no' },
      { choice: 'now' },
      { choice: 'not_asked', returnOn: later(day) },
      {
        choice: 'now',
        answers: { services: 'yes' },
        words: 'Being held down.',
        followUpOn: later(day),
      },
    ];
    // Rounds across a year boundary and into the month the figures stop before.
    const days = [
      '2025-10-20',
      '2025-11-03',
      '2025-12-31',
      '2026-01-01',
      '2026-02-14',
      '2026-05-31',
      '2026-06-01',
    ];
    const open: { id: string; nurse: (typeof nurses)[number] }[] = [];
    let k = 0;
    for (const day of days) {
      for (const [i, person] of people.entries()) {
        if ((i + k) % 3 === 2) continue;
        k += 1;
        clock.set(new Date(`${day}T${String(8 + (k % 12)).padStart(2, '0')}:30:00Z`));
        const nurse = nurses[person.nurses[k % person.nurses.length]!]!;
        const plan = plans(day)[k % 6]!;
        const walked = await walkEnquiry(services, nurse, person.id, plan);
        // Support follows a conversation in which the person was asked.
        if (plan.choice === 'now' && (walked.disclosureId || k % 2 === 0)) {
          const kind = k % 3 === 0 ? 'offered' : 'referred';
          const id = await services.enquiry.referrals.add(
            nurse,
            walked.enquiryId,
            { serviceId, kind, agreed: 'yes', note: undefined },
            auditOf(nurse),
          );
          if (kind === 'referred') open.push({ id, nurse });
        }
      }
      // Close some referrals a few days on (the whole days vary with the hour).
      clock.set(new Date(`${day}T23:10:00Z`));
      clock.advance((k % 9) * 86_400_000);
      for (const [j, r] of open.splice(0, 2).entries()) {
        await services.enquiry.referrals.updateStatus(
          r.nurse,
          r.id,
          j ? 'seen' : 'declined',
          auditOf(r.nurse),
        );
      }
    }
    // A retention sweep removes the finished conversations last changed before November.
    await services.db
      .transaction()
      .execute((trx) =>
        services.enquiry.rights.sweepRetention(
          trx,
          organisationId,
          { enquiry_records: '2025-11-01' },
          false,
        ),
      );

    // Conversations with every person at once, as on a busy ward: on PostgreSQL the writes run
    // side by side, and each must still be counted.
    sideBySide = async () => {
      clock.set(new Date('2026-03-10T10:00:00Z'));
      await Promise.all(
        people.map((person, i) =>
          walkEnquiry(services, nurses[person.nurses[i % person.nurses.length]!]!, person.id, {
            choice: i % 2 ? 'no' : 'now',
          }),
        ),
      );
    };

    scopes = [];
    for (const [from, to] of [
      ['2025-06-01', '2026-06-01'],
      ['2025-12-01', '2026-02-01'],
      ['2026-01-01', '2026-02-01'],
      ['2025-01-01', '2027-01-01'],
      ['2024-12-01', '2026-02-01'],
    ] as const) {
      for (const unitId of [team.unitId, unit2.id, null])
        scopes.push({ organisationId, unitId, from, to });
    }
  });

  after(async () => {
    await t.close();
  });

  it('reads whole months from the rollup, and gives the figures the records give', async () => {
    const evidence = t.services.enquiry.evidence;
    const org = await evidence.figures(scopes[2]!);
    assert.ok(
      (org.find((f) => f.key === 'enquiry.asked')?.denominator ?? 0) >= 5,
      'people counted',
    );
    assert.ok(
      (org.find((f) => f.key === 'enquiry.referrals-closed')?.numerator ?? 0) > 0,
      'closed',
    );
    for (const scope of scopes) {
      assert.deepEqual(
        await evidence.figures(scope),
        await evidence.figuresFromRecords(scope),
        JSON.stringify(scope),
      );
    }
    // With the rollup emptied the whole-month figures are empty, so they did come from it.
    const before = await rollupRows(t.services.db);
    await acrossOrganisations('test: empty the rollup', async () => {
      for (const table of rollupTables) await t.services.db.deleteFrom(table).execute();
    });
    assert.equal(
      (await evidence.figures(scopes[2]!)).find((f) => f.key === 'enquiry.asked')?.denominator,
      0,
    );
    await rebuildEnquiryRollup(t.services.db, organisationId);
    assert.deepEqual(
      await rollupRows(t.services.db),
      before,
      'a rebuild gives the rows the upkeep kept',
    );
  });

  it('counts a span that is not whole months from the records', async () => {
    assert.equal(wholeMonths('2025-06-02', '2026-06-01'), null);
    assert.deepEqual(wholeMonths('2025-11-01', '2026-02-01'), ['2025-11', '2025-12', '2026-01']);
    const scope = { ...scopes[2]!, from: '2025-12-31' };
    const figures = await t.services.enquiry.evidence.figures(scope);
    assert.deepEqual(figures, await t.services.enquiry.evidence.figuresFromRecords(scope));
  });

  it('counts every write when conversations are saved side by side', async () => {
    const evidence = t.services.enquiry.evidence;
    const march = { ...scopes[0]!, unitId: null, from: '2026-03-01', to: '2026-04-01' };
    const before = (await evidence.figures(march)).find((f) => f.key === 'enquiry.asked');
    await sideBySide();
    const after = (await evidence.figures(march)).find((f) => f.key === 'enquiry.asked');
    assert.ok((after?.denominator ?? 0) > (before?.denominator ?? 0));
    for (const scope of [...scopes, march]) {
      assert.deepEqual(
        await evidence.figures(scope),
        await evidence.figuresFromRecords(scope),
        JSON.stringify(scope),
      );
    }
  });

  it('fills the rollup from the records already written when migration 0040 runs', async () => {
    const kept = await rollupRows(t.services.db);
    assert.ok((kept.enquiry_people_year?.length ?? 0) > 0);
    await acrossOrganisations('test: run migration 0040 again over existing records', async () => {
      for (const table of rollupTables) await t.services.db.schema.dropTable(table).execute();
      await migration0040(t.services.db);
    });
    assert.deepEqual(await rollupRows(t.services.db), kept);
  });
});
