/**
 * The monthly "looks shown" rollup: an event appended through the audit log moves the next
 * figure in the same transaction, and over random events (looks by staff, by the person
 * themselves, refused ones, ones about nobody, across months, units and two organisations) the
 * figure read from the rollup equals a count of the events, before and after a rebuild.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createTestContext } from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';
import type { AuditContext } from '../../lib/actor.ts';
import type { EvidenceScope } from '../../lib/evidence.ts';
import { createAuditLog, createAuditStore, rebuildLooksRollup } from './index.ts';

/** A small seeded generator, so a failure can be replayed. */
function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('looks shown rollup', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestContext();
  });
  after(async () => {
    await t.close();
  });

  const figure = async (scope: EvidenceScope) => {
    const [f] = await t.services.audit.evidence.figures(scope);
    return f?.value;
  };

  it('counts a look in the next figure, and equals a count of random events', async () => {
    const log = createAuditLog({ store: createAuditStore(), clock: t.clock });
    const orgs = [randomUUID(), randomUUID()];
    const units = [randomUUID(), randomUUID(), null];
    const people = [randomUUID(), randomUUID(), randomUUID()];
    const staff = [randomUUID(), randomUUID()];
    const rand = seeded(Number(process.env.SEED ?? 12));
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
    const org0 = orgs[0] ?? '';
    const scope: EvidenceScope = {
      organisationId: org0,
      unitId: null,
      from: '2026-01-01',
      to: '2027-01-01',
    };

    // One look, written the way every service writes: the next figure includes it.
    assert.equal(await figure(scope), 0);
    t.clock.set(new Date('2026-03-10T10:00:00Z'));
    const ctx: AuditContext = {
      actor: { id: staff[0] ?? '', role: 'practitioner', organisationId: org0, unitId: units[0] },
      ip: null,
    };
    await log.audited(t.conn.db, ctx, async (_trx, audit) => {
      await audit({ organisationId: org0, action: 'plan.read', subjectPersonId: people[0] ?? '' });
    });
    assert.equal(await figure(scope), 1);
    assert.equal(await figure({ ...scope, unitId: units[0] ?? null }), 1);
    assert.equal(await figure({ ...scope, unitId: units[1] ?? null }), 0);

    // Random events through the real log; the expected counts are kept beside them.
    const written: { org: string; unit: string | null; month: string; counts: boolean }[] = [
      { org: org0, unit: units[0] ?? null, month: '2026-03', counts: true },
    ];
    for (let i = 0; i < 120; i++) {
      const org = pick(orgs);
      const unit = pick(units);
      const self = rand() < 0.15;
      const subject = rand() < 0.15 ? null : pick(people);
      const actorId = self && subject ? subject : pick(staff);
      const anonymous = rand() < 0.1;
      const outcome = rand() < 0.15 ? ('denied' as const) : ('success' as const);
      const day = new Date(Date.UTC(2025, 10, 1) + Math.floor(rand() * 450) * 86_400_000);
      t.clock.set(new Date(day.getTime() + Math.floor(rand() * 86_400_000)));
      await log.audited(
        t.conn.db,
        {
          actor: anonymous
            ? null
            : { id: actorId, role: 'practitioner', organisationId: org, unitId: unit },
          ip: null,
        },
        async (_trx, audit) => {
          await audit({
            organisationId: org,
            action: 'plan.read',
            subjectPersonId: subject,
            outcome,
          });
        },
      );
      written.push({
        org,
        unit: anonymous ? null : unit,
        month: day.toISOString().slice(0, 7),
        counts: subject !== null && outcome === 'success' && (anonymous || actorId !== subject),
      });
    }
    const expected = (org: string, unit: string | null, from: string, to: string) =>
      written.filter(
        (w) =>
          w.counts &&
          w.org === org &&
          (unit === null || w.unit === unit) &&
          w.month >= from.slice(0, 7) &&
          w.month < to.slice(0, 7),
      ).length;
    const check = async () => {
      for (const org of orgs) {
        for (const unit of units) {
          for (const [from, to] of [
            ['2025-11-01', '2026-11-01'],
            ['2026-02-01', '2027-02-01'],
            ['2026-06-01', '2026-07-01'],
          ] as const) {
            const got = await figure({ organisationId: org, unitId: unit, from, to });
            assert.equal(got, expected(org, unit, from, to), `${org} ${unit} ${from}`);
          }
        }
      }
    };
    await check();
    for (const org of orgs) await rebuildLooksRollup(t.conn.db, org);
    await check();
  });
});
