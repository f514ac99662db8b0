/**
 * The wellbeing check-in cannot be joined to a person: the answers table holds no account,
 * session, address or time, who answered is kept apart with nothing pointing at a row, the
 * audit trail names only the month, and rows are not in writing order. Managers see a unit's
 * month only when at least 5 staff answered; a second check-in in a month saves nothing.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { dialectOf } from '../../db/dialect.ts';
import { MIX_BATCH } from '../../lib/anonymous-batches.ts';
import {
  createTestContext,
  makeAccount,
  makeTeam,
  signedInAgent,
  textOf,
} from '../../../test/factories.ts';
import type { Agent, TestContext } from '../../../test/factories.ts';
import { lastPeriods, parseCheckIn } from './wellbeing.ts';

describe('wellbeing check-in', () => {
  let t: TestContext;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  let manager: Agent;
  const staff: { id: string; agent: Agent }[] = [];
  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
    manager = await signedInAgent(t.app, team.manager);
    for (let i = 0; i < 5; i++) {
      const a = await makeAccount(t.services, {
        organisationId: team.organisationId,
        role: 'practitioner',
        unitIds: [team.unitId],
      });
      staff.push({ id: a.id, agent: await signedInAgent(t.app, a) });
    }
  });
  after(() => t.close());

  const rows = () =>
    t.services.db
      .selectFrom('learning_wellbeing')
      .selectAll()
      .where('organisation_id', '=', team.organisationId)
      .execute();

  it('refuses questions and answers it does not have, and saves nothing', async () => {
    const [first] = staff;
    assert.equal((await first!.agent.post('/learning/wellbeing', { mood: 'ok' })).status, 400);
    assert.equal((await first!.agent.post('/learning/wellbeing', { energy: 'huge' })).status, 400);
    assert.equal((await rows()).length, 0);
    // All skipped: nothing to keep, and the month stays open to them.
    const empty = await first!.agent.post('/learning/wellbeing', {});
    assert.equal(empty.status, 303);
    assert.equal((await rows()).length, 0);
    assert.throws(() => parseCheckIn({ energy: ['plenty', 'low'] }));
    assert.deepEqual(lastPeriods('2026-02', 3), ['2025-12', '2026-01', '2026-02']);
  });

  it("shows a unit's month only once 5 staff have answered", async () => {
    for (const [i, s] of staff.entries()) {
      if (i === 4) {
        const page = textOf((await manager.get('/learning/unit/wellbeing')).body);
        assert.match(page, /Month 2026-06 Answered Fewer than 5 Answers Not shown/);
      }
      const res = await s.agent.post('/learning/wellbeing', {
        energy: i % 2 ? 'low' : 'plenty',
        supported: 'mostly',
      });
      assert.equal(res.status, 303);
      assert.match(String(res.headers.location), /checked-in/);
    }
    const page = textOf((await manager.get('/learning/unit/wellbeing')).body);
    assert.match(page, /Month 2026-06 Answered 5 /);
    assert.match(page, /Plenty: 3, Enough: 0, A bit low: 2/);
    // A second check-in in the month saves nothing more.
    const again = await staff[0]!.agent.post('/learning/wellbeing', { energy: 'very-low' });
    assert.match(String(again.headers.location), /nothing/);
    assert.equal((await rows()).length, 5);
  });

  it('keeps answers that cannot be joined to the person who gave them', async () => {
    const db = t.services.db;
    const answers = await rows();
    assert.deepEqual(Object.keys(answers[0]!).sort(), [
      'answers',
      'id',
      'organisation_id',
      'period',
      'unit_id',
    ]);
    const sessions = await sql<Record<string, unknown>>`select * from sessions`.execute(db);
    const secrets = [
      ...staff.map((s) => s.id),
      ...sessions.rows.flatMap((s) => Object.values(s).map(String)),
      '127.0.0.1',
    ].filter((v) => v !== team.organisationId && v !== team.unitId);
    const raw = JSON.stringify(answers);
    for (const secret of secrets)
      if (secret.length > 8) assert.ok(!raw.includes(secret), `an answer holds ${secret}`);
    assert.doesNotMatch(raw, /\d{4}-\d{2}-\d{2}|\d{2}:\d{2}/);
    const answered = await db
      .selectFrom('learning_wellbeing_answered')
      .selectAll()
      .where('organisation_id', '=', team.organisationId)
      .execute();
    assert.equal(answered.length, 5);
    assert.deepEqual(Object.keys(answered[0]!).sort(), ['account_id', 'organisation_id', 'period']);
    const events = await db
      .selectFrom('audit_events')
      .select(['record_id', 'detail'])
      .where('organisation_id', '=', team.organisationId)
      .where('action', '=', 'learning.wellbeing_check_in')
      .execute();
    assert.equal(events.length, 5);
    assert.ok(events.every((e) => e.record_id === '2026-06' && e.detail === null));

    if (dialectOf(db) === 'sqlite') {
      await assert.rejects(sql`select rowid from learning_wellbeing`.execute(db), /rowid/);
      const scan = await sql<{ id: string }>`select id from learning_wellbeing`.execute(db);
      const ids = scan.rows.map((r) => r.id);
      assert.deepEqual(ids, [...ids].sort());
    } else {
      const scan = await sql<{ id: string; x: string }>`
        select id, xmin::text as x from learning_wellbeing order by ctid`.execute(db);
      const newest = scan.rows.reduce((m, r) => (BigInt(r.x) > m ? BigInt(r.x) : m), 0n);
      const batch = scan.rows.filter((r) => BigInt(r.x) === newest).map((r) => r.id);
      assert.equal(batch.length, Math.min(scan.rows.length, MIX_BATCH + 1));
      assert.deepEqual(batch, [...batch].sort());
    }
  });
});
