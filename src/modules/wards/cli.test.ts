/** `hearth wards rebuild-rollup` puts a rollup that went wrong back in step with the reports. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { createServices } from '../../app.ts';
import { connect } from '../../db/index.ts';
import { freshDatabase, makeTeam, testConfig } from '../../../test/factories.ts';

const bin = path.resolve(import.meta.dirname, '../../../bin/hearth.js');

describe('hearth wards rebuild-rollup', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let organisationId: string;
  before(async () => {
    database = await freshDatabase();
    const services = createServices(database.conn, testConfig());
    const team = await makeTeam(services);
    organisationId = team.organisationId;
    const actor = await services.accounts.people.actorFor(team.practitioner.id);
    const ctx = { actor: services.accounts.people.auditActor(actor), ip: null };
    const counts = { c_verbal: 2, k_restraint: 1 };
    await services.wards.shiftReports.save(
      actor,
      team.unitId,
      { date: '2026-01-10', shift: 'early', counts } as never,
      ctx,
    );
    // A rollup that has drifted from the reports (as after rows written straight to the table).
    await services.db
      .updateTable('ward_shift_rollup')
      .set({ reports: 40, items: '{}' })
      .where('organisation_id', '=', organisationId)
      .execute();
    await database.conn.close();
  });
  after(async () => {
    await database.drop();
  });

  it('recomputes every organisation and prints how many ward months it wrote', async () => {
    const env: Record<string, string | undefined> = {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      PUBLIC_URL: 'http://localhost:3000',
    };
    delete env.NODE_TEST_CONTEXT;
    const run = spawnSync(process.execPath, [bin, 'wards', 'rebuild-rollup'], {
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`${organisationId}\\t1 ward months`));
    const conn = await connect(database.url);
    try {
      const rows = await conn.db
        .selectFrom('ward_shift_rollup')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .execute();
      const row = rows.find((r) => r.unit_id !== '*');
      assert.equal(Number(row?.reports), 1);
      assert.deepEqual(JSON.parse(String(row?.items)), { c_verbal: 2, k_restraint: 1 });
      // And the organisation's own row for that month: one report, from one ward.
      const org = rows.find((r) => r.unit_id === '*');
      assert.deepEqual([Number(org?.reports), Number(org?.wards)], [1, 1]);
    } finally {
      await conn.close();
    }
  });
});
