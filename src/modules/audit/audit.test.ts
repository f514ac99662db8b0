import { after, before, describe, it } from 'node:test';
import { acrossOrganisations } from '../../db/tenancy.ts';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { dialectOf } from '../../db/dialect.ts';
import { createTestContext, makeTeam, signedInAgent, textOf } from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';

describe('audit trail', () => {
  let t: TestContext;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
  });
  after(() => t.close());

  it('verifies an intact chain', async () => {
    const result = await t.services.auditLog.verify(t.conn.db);
    assert.equal(result.ok, true);
    assert.ok(result.events > 5);
  });

  it('refuses updates and deletes of audit events', async () => {
    // These statements deliberately touch every organisation's events.
    await acrossOrganisations('test: tamper with every event', async () => {
      await assert.rejects(
        sql`update audit_events set action = 'x'`.execute(t.conn.db),
        /append-only/,
      );
      await assert.rejects(sql`delete from audit_events`.execute(t.conn.db), /append-only/);
    });
  });

  it('keeps one unbroken chain when many events are written at once', async () => {
    const ctx = { actor: null, ip: null };
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        t.conn.db.transaction().execute((trx) =>
          t.services.auditLog.record(trx, ctx, {
            organisationId: team.organisationId,
            action: `test.concurrent.${i}`,
          }),
        ),
      ),
    );
    const result = await t.services.auditLog.verify(t.conn.db);
    assert.equal(result.ok, true, JSON.stringify(result));
  });

  it('writes looks that arrive together in shared transactions, each settled when committed', async () => {
    const ctx = { actor: null, ip: null };
    const db = t.conn.db;
    let transactions = 0;
    const counting = Object.create(db) as typeof db;
    counting.transaction = () => {
      transactions += 1;
      return db.transaction();
    };
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        t.services.auditLog.recordLook(counting, ctx, {
          organisationId: team.organisationId,
          action: `test.look.${i}`,
          subjectPersonId: team.person.id,
        }),
      ),
    );
    const written = await sql<{ n: number | string }>`select count(*) as n from audit_events
      where organisation_id = ${team.organisationId} and action like 'test.look.%'`.execute(db);
    assert.equal(Number(written.rows[0]!.n), 30);
    assert.ok(transactions < 30, `30 looks in ${transactions} transactions`);
    assert.equal((await t.services.auditLog.verify(db)).ok, true);

    // A look that cannot be written fails, and its caller is told (the page is not shown).
    await assert.rejects(
      t.services.auditLog.recordLook(db, ctx, {
        organisationId: team.organisationId,
        action: null as unknown as string,
      }),
    );
    // Afterwards looks are written again as usual.
    await t.services.auditLog.recordLook(db, ctx, {
      organisationId: team.organisationId,
      action: 'test.look.after',
    });
    assert.equal((await t.services.auditLog.verify(db)).ok, true);
  });

  it('shows a person every access by someone else, and nothing of their own', async () => {
    const practitioner = await t.services.accounts.people.actorFor(team.practitioner.id);
    await t.conn.db.transaction().execute(async (trx) => {
      await t.services.auditLog.record(
        trx,
        { actor: t.services.accounts.people.auditActor(practitioner), ip: '127.0.0.1' },
        {
          organisationId: team.organisationId,
          action: 'account.disable',
          subjectPersonId: team.person.id,
          detail: { reason: 'Checking the record in a crisis' },
        },
      );
      await t.services.auditLog.record(
        trx,
        {
          actor: { id: team.person.id, role: 'service_user', organisationId: team.organisationId },
          ip: null,
        },
        {
          organisationId: team.organisationId,
          action: 'account.enable',
          subjectPersonId: team.person.id,
        },
      );
    });
    const person = await signedInAgent(t.app, team.person);
    const page = textOf((await person.get('/who-has-seen-my-information')).body);
    assert.match(page, /turned off your account/i);
    assert.match(page, /Checking the record in a crisis/);
    assert.match(page, /practitioner/i);
    assert.doesNotMatch(page, /turned your account back on/i);
  });

  it('finds and names an edited event', async () => {
    const target = await t.conn.db
      .selectFrom('audit_events')
      .select(['id', 'chain', 'seq'])
      .where('chain', '=', team.organisationId)
      .orderBy('seq')
      .offset(2)
      .limit(1)
      .executeTakeFirstOrThrow();
    // Someone with direct database access goes around the app's protections.
    if (dialectOf(t.conn.db) === 'postgres') {
      await sql`alter table audit_events disable trigger audit_events_no_change`.execute(t.conn.db);
      await sql`update audit_events set ip = '10.6.6.6' where id = ${target.id}`.execute(t.conn.db);
      await sql`alter table audit_events enable trigger audit_events_no_change`.execute(t.conn.db);
    } else {
      await sql`drop trigger audit_events_no_update`.execute(t.conn.db);
      await sql`update audit_events set ip = '10.6.6.6' where id = ${target.id}`.execute(t.conn.db);
    }
    const result = await t.services.auditLog.verify(t.conn.db);
    assert.equal(result.ok, false);
    assert.ok(!result.ok);
    assert.equal(result.eventId, target.id);
    assert.equal(result.seq, Number(target.seq));
  });
});
