/**
 * The monthly rollup stays equal to a fresh recomputation after first reports and changes
 * (a change takes the old counts away), and the organisation chart adds every ward together.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, makeAccount, makeTeam } from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';
import { acrossOrganisations } from '../../db/tenancy.ts';
import { rebuildRollup, recomputeRollup, storedRollup } from './rollup.ts';

describe('the monthly rollup of shift reports', () => {
  let t: TestContext;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
  });
  after(() => t.close());

  const norm = (rows: { unit_id: string; month: string; items: string }[]) =>
    rows
      .map((r) => ({ ...r, items: JSON.parse(r.items) as unknown }))
      .map((r) => JSON.stringify(r, Object.keys(r).sort()))
      .sort();

  it('equals a fresh recomputation after reports and changes on two wards', async () => {
    const people = t.services.accounts.people;
    const adminActor = await people.actorFor(team.admin.id);
    const second = await t.services.organisation.units.add(
      adminActor,
      { name: 'Second Ward', kind: 'ward', bedCount: 12 },
      { actor: people.auditActor(adminActor), ip: null },
    );
    const nurse = await makeAccount(t.services, {
      organisationId: team.organisationId,
      role: 'practitioner',
      unitIds: [team.unitId, second.id],
    });
    const actor = await people.actorFor(nurse.id);
    const ctx = { actor: people.auditActor(actor), ip: null };
    const save = (
      unitId: string,
      date: string,
      shift: 'early' | 'late' | 'night',
      counts: object,
    ) => t.services.wards.shiftReports.save(actor, unitId, { date, shift, counts } as never, ctx);
    await save(team.unitId, '2026-05-30', 'early', { c_verbal: 2, k_restraint: 1 });
    await save(team.unitId, '2026-05-31', 'night', { c_verbal: 1 });
    await save(team.unitId, '2026-06-01', 'early', { c_objects: 4 });
    await save(second.id, '2026-05-31', 'late', { c_verbal: 3, k_seclusion: 2 });
    // Changes: the first takes a count away entirely, the second moves it to another item.
    await save(team.unitId, '2026-05-30', 'early', { c_verbal: 1 });
    await save(second.id, '2026-05-31', 'late', { c_objects: 3, k_seclusion: 1 });
    const stored = await storedRollup(t.services.db, team.organisationId);
    const fresh = await recomputeRollup(t.services.db, team.organisationId);
    assert.deepEqual(norm(stored), norm(fresh));
    const may = stored.find((r) => r.unit_id === team.unitId && r.month === '2026-05');
    assert.equal(Number(may?.reports), 2);
    assert.equal(Number(may?.conflict), 2);
    assert.equal(Number(may?.containment), 0);
    assert.deepEqual(JSON.parse(String(may?.items)), { c_verbal: 2 });

    const admin = await t.services.accounts.people.actorFor(team.admin.id);
    const org = await t.services.wards.screen.organisationFigures.page(admin, {
      from: '2026-05',
      to: '2026-06',
    });
    assert.deepEqual(
      org.months.map((m) => [m.period, m.wards, m.reports, m.conflict, m.containment]),
      [
        ['2026-05', 2, 3, 5, 1],
        ['2026-06', 1, 1, 4, 0],
      ],
    );
  });

  it('is put right by a rebuild after the table was written to directly', async () => {
    await t.services.db
      .updateTable('ward_shift_rollup')
      .set({ reports: 99 })
      .where('organisation_id', '=', team.organisationId)
      .execute();
    await acrossOrganisations('test: rebuild', () =>
      rebuildRollup(t.services.db, team.organisationId),
    );
    const stored = await storedRollup(t.services.db, team.organisationId);
    assert.deepEqual(norm(stored), norm(await recomputeRollup(t.services.db, team.organisationId)));
    assert.ok(stored.every((r) => Number(r.reports) < 99));
  });

  it('shows the organisation chart to its administrator only', async () => {
    const manager = await t.services.accounts.people.actorFor(team.manager.id);
    await assert.rejects(
      t.services.wards.screen.organisationFigures.page(manager, {}),
      /not found/i,
    );
  });
});
