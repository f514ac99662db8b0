/**
 * `hearth retention run`, run as an operator would: records made two years ago (by a moved
 * clock) with a one-year period are listed by a dry run, removed by a real run, and the audit
 * trail still verifies afterwards.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import { createServices } from '../../app.ts';
import { freshDatabase, makeClock, makeTeam, testConfig } from '../../../test/factories.ts';
import { ctxOf, ensureTeamPlan } from '../../../test/plans-fixtures.ts';
import { makeReflection } from '../../../test/enquiry-fixtures.ts';

const bin = path.resolve(import.meta.dirname, '../../../bin/hearth.js');

function hearth(args: string[], env: Record<string, string>) {
  const childEnv: Record<string, string | undefined> = { ...process.env, NODE_ENV: 'test', ...env };
  delete childEnv.NODE_TEST_CONTEXT;
  const result = spawnSync(process.execPath, [bin, ...args], {
    env: childEnv,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('hearth retention run', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let env: Record<string, string>;
  let planId: string;
  before(async () => {
    database = await freshDatabase();
    const services = createServices(
      database.conn,
      testConfig(),
      makeClock(new Date('2024-01-10T09:00:00Z')),
    );
    const team = await makeTeam(services);
    planId = await ensureTeamPlan(services, team);
    const person = await services.accounts.people.actorFor(team.person.id);
    await services.plans.ownPlan.save(
      person,
      { version: 1, content: { fields: { helpsText: 'Music' }, declined: [] }, reviewBy: null },
      ctxOf(services, person),
    );
    await makeReflection(services, team);
    const admin = await services.accounts.people.actorFor(team.admin.id);
    await services.rights.retention.saveSettings(
      admin,
      { plan_history: 12, enquiry_records: 240, reflections: 12, force_records: 36 },
      ctxOf(services, admin),
    );
    env = { DATABASE_URL: database.url, PUBLIC_URL: 'http://localhost:3000' };
  });
  after(() => database.drop());

  async function versions(): Promise<number> {
    const { rows } = await sql<{
      n: number | string;
    }>`select count(*) as n from plan_versions where plan_id = ${planId}`.execute(database.conn.db);
    return Number(rows[0]!.n);
  }

  it('lists what is past its period on a dry run, and changes nothing', async () => {
    const run = hearth(['retention', 'run', '--dry-run'], env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /plan_history: 1 would be removed/);
    assert.match(run.stdout, /reflections: 1 would be removed/);
    assert.match(run.stdout, /Nothing was changed/);
    assert.equal(await versions(), 2);
  });

  it('removes it on a real run, and the audit trail still verifies', async () => {
    const run = hearth(['retention', 'run'], env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Removed 2 row\(s\)/);
    assert.equal(await versions(), 1);
    const again = hearth(['retention', 'run', '--dry-run'], env);
    assert.match(again.stdout, /Nothing is past its retention period/);
    const verify = hearth(['audit', 'verify'], env);
    assert.equal(verify.code, 0, verify.stderr);
    assert.match(verify.stdout, /Audit trail intact/);
  });
});
