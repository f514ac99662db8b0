/**
 * Rollup deltas: spreading unit-only deltas to the wider scopes gives exactly what adding each
 * incident at every scope gives (for a few hundred varied incidents, added and taken away); and,
 * on a real database of synthetic data, the rollup tables agree with a recount from the
 * register's own rows at unit, organisation and national scope.
 */
import { describe, it } from 'node:test';
import { acrossOrganisations } from '../../db/tenancy.ts';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestContext } from '../../../test/factories.ts';
import { recountedRollups, storedRollups } from '../../../test/force-rollups.ts';
import type { Measures } from '../../../test/force-rollups.ts';
import { ageBands, dimensions, sexOptions, yesNoNotStated } from './codes.ts';
import { generateSyntheticData, seededRandom } from './generate.ts';
import {
  ALL_ORGANISATIONS,
  ALL_UNITS,
  addBedDays,
  addIncident,
  addPeople,
  emptyDeltas,
  partsOf,
  widenUnitDeltas,
} from './rollups.ts';
import type { RollupDeltas, RollupIncident, RollupIntervention } from './rollups.ts';
import { createForceStore } from './store.ts';

interface Made {
  incident: RollupIncident;
  interventions: RollupIntervention[];
  sign: 1 | -1;
}

/** A few hundred varied incidents from a fixed seed, about a quarter of them taken away. */
function randomIncidents(count: number, seed: number): Made[] {
  const rand = seededRandom(seed);
  const one = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const ethnic = dimensions[0].groups.map((g) => g.code);
  const out: Made[] = [];
  for (let n = 0; n < count; n++) {
    const org = one(['org-a', 'org-b', 'org-c']);
    const period = `${one(['2024', '2025', '2026'])}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}`;
    const incident: RollupIncident = {
      organisation_id: org,
      unit_id: `${org}-ward-${one([1, 2, 3, 4])}`,
      period,
      grp_ethnicity: one(ethnic),
      grp_sex: one(sexOptions.map((o) => o.code)),
      grp_age_band: one(ageBands.map((o) => o.code)),
      grp_disability: one(yesNoNotStated.map((o) => o.code)),
      grp_ld_autism: one(yesNoNotStated.map((o) => o.code)),
      injury_person: rand() < 0.3 ? 1 : 0,
      account_offered: rand() < 0.6 ? 1 : 0,
      account_status: one(['none', 'given', 'declined', 'not_yet_able']),
      plan_followed: one([null, null, 'yes', 'partly', 'no']),
    };
    const interventions = Array.from({ length: Math.floor(rand() * 4) }, () => ({
      type_code: one(['01', '01', '07', '08', '09', '05', '13']),
      duration_minutes: rand() < 0.2 ? null : Math.floor(rand() * rand() * 3000),
    }));
    out.push({ incident, interventions, sign: rand() < 0.25 ? -1 : 1 });
  }
  return out;
}

/**
 * Asserts two sets of deltas are equal, naming the first differing key (a whole-map diff of
 * thousands of keys takes minutes to print).
 */
function assertSameDeltas(actual: RollupDeltas, expected: RollupDeltas): void {
  for (const table of ['month', 'type', 'group'] as const) {
    const a = actual[table] as Map<string, object>;
    const e = expected[table] as Map<string, object>;
    const missing = [...e.keys()].filter((k) => !a.has(k)).slice(0, 5);
    const extra = [...a.keys()].filter((k) => !e.has(k)).slice(0, 5);
    assert.deepEqual({ missing, extra }, { missing: [], extra: [] }, `${table} keys`);
    for (const [key, value] of e) assert.deepEqual(a.get(key), value, `${table} ${key}`);
  }
}

describe('widenUnitDeltas', () => {
  const made = randomIncidents(400, 20260601);

  it('after unit-only deltas gives exactly the deltas of adding at every scope', () => {
    assert.ok(made.some((m) => m.sign === -1) && made.some((m) => m.sign === 1));
    assert.ok(made.some((m) => m.interventions.length === 0));
    const direct = emptyDeltas();
    const unitOnly = emptyDeltas();
    for (const { incident, interventions, sign } of made) {
      addIncident(direct, incident, interventions, sign);
      addIncident(unitOnly, incident, interventions, sign, true);
    }
    // Unit-only deltas hold unit keys and nothing wider.
    for (const table of ['month', 'type', 'group'] as const) {
      for (const key of unitOnly[table].keys()) {
        const [org, unit] = partsOf(key);
        assert.notEqual(org, ALL_ORGANISATIONS, key);
        assert.notEqual(unit, ALL_UNITS, key);
      }
      assert.ok(unitOnly[table].size > 0 && unitOnly[table].size < direct[table].size, table);
    }
    const before = structuredClone(unitOnly);
    const widened = widenUnitDeltas(unitOnly, emptyDeltas());
    assertSameDeltas(widened, direct);
    assertSameDeltas(unitOnly, before);
  });

  it('adds onto deltas already holding bed days and people, as adding directly does', () => {
    const seedInto = (d: RollupDeltas) => {
      addBedDays(d, 'org-a', 'org-a-ward-1', '2025-03', 310);
      addBedDays(d, 'org-b', 'org-b-ward-2', '2026-01', 200);
      addPeople(d, 'org-a', 'org-a-ward-1', '2025', 'sex', 'female', 12);
      addPeople(d, 'org-c', 'org-c-ward-4', '2024', 'ethnicity', 'black', 5);
    };
    const direct = emptyDeltas();
    seedInto(direct);
    const unitOnly = emptyDeltas();
    for (const { incident, interventions, sign } of made) {
      addIncident(direct, incident, interventions, sign);
      addIncident(unitOnly, incident, interventions, sign, true);
    }
    const into = emptyDeltas();
    seedInto(into);
    assertSameDeltas(widenUnitDeltas(unitOnly, into), direct);
  });

  it('agrees with a count made by hand at national, organisation and unit scope', () => {
    const unitOnly = emptyDeltas();
    for (const { incident, interventions, sign } of made)
      addIncident(unitOnly, incident, interventions, sign, true);
    const widened = widenUnitDeltas(unitOnly, emptyDeltas());
    const expected = new Map<string, { incidents: number; interventions: number; prone: number }>();
    for (const { incident: i, interventions, sign } of made) {
      for (const scope of [`${i.organisation_id}|${i.unit_id}`, `${i.organisation_id}|`, `*|`]) {
        const key = `${scope}|${i.period}`;
        const e = expected.get(key) ?? { incidents: 0, interventions: 0, prone: 0 };
        e.incidents += sign;
        e.interventions += sign * interventions.length;
        e.prone += sign * interventions.filter((v) => v.type_code === '01').length;
        expected.set(key, e);
      }
    }
    const actual = new Map(
      [...widened.month].map(([k, m]) => [
        partsOf(k).join('|'),
        { incidents: m.incidents, interventions: m.interventions, prone: m.prone_interventions },
      ]),
    );
    assert.deepEqual([...actual.keys()].sort(), [...expected.keys()].sort());
    for (const [key, value] of expected) assert.deepEqual(actual.get(key), value, key);
  });

  it('comes back to zero when every incident is added and then taken away', () => {
    const unitOnly = emptyDeltas();
    for (const { incident, interventions } of made) {
      addIncident(unitOnly, incident, interventions, 1, true);
      addIncident(unitOnly, incident, interventions, -1, true);
    }
    const widened = widenUnitDeltas(unitOnly, emptyDeltas());
    assert.ok(widened.month.size > 0);
    for (const table of ['month', 'type', 'group'] as const) {
      for (const [key, value] of widened[table]) {
        for (const [field, n] of Object.entries(value as Record<string, number | number[]>)) {
          if (Array.isArray(n))
            assert.ok(
              n.every((x) => x === 0),
              `${key} ${field}`,
            );
          else assert.equal(n, 0, `${key} ${field}`);
        }
      }
    }
  });
});

describe('rollup tables after generating synthetic data', () => {
  it('agree with a recount from the register at unit, organisation and national scope', async () => {
    const t = await createTestContext();
    try {
      const made = await generateSyntheticData(
        {
          db: t.conn.db,
          store: createForceStore(),
          provisionOrganisation: (name) =>
            t.services.accounts.provisioning.provisionOrganisation(name),
          provisionUnit: (org, name, kind) =>
            t.services.accounts.provisioning.provisionUnit(org, name, kind),
        },
        { incidents: 500, endPeriod: '2026-05', years: 2, seed: 7 },
      );
      const db = t.conn.db;
      const count = await acrossOrganisations('test: count every incident', () =>
        sql<{ n: string | number }>`select count(*) as n from force_incidents`.execute(db),
      );
      assert.equal(Number(count.rows[0]!.n), made.incidents);
      assert.ok(made.incidents >= 450, `${made.incidents} incidents`);
      assert.ok(made.organisations >= 2);

      const stored = await storedRollups(db);
      const recounted = await recountedRollups(db);

      // The three measures asked about most, at each scope, spelled out first.
      const pick = (table: Record<string, Measures>, scope: (key: string) => boolean) =>
        Object.fromEntries(
          Object.entries(table)
            .filter(([k]) => scope(k))
            .map(([k, m]): [string, number[]] => [
              k,
              [m.incidents!, m.interventions!, m.prone_interventions!],
            ])
            .filter(([, v]) => v.some((n) => n !== 0)),
        );
      const national = (k: string) => k.startsWith('*||');
      const organisation = (k: string) => !k.startsWith('*|') && k.split('|')[1] === '';
      const unit = (k: string) => !k.startsWith('*|') && k.split('|')[1] !== '';
      for (const scope of [unit, organisation, national]) {
        const expected = pick(recounted.month, scope);
        assert.ok(Object.keys(expected).length > 0);
        assert.deepEqual(pick(stored.month, scope), expected);
      }
      const nationalIncidents = Object.entries(stored.month)
        .filter(([k]) => national(k))
        .reduce((s, [, m]) => s + m.incidents!, 0);
      assert.equal(nationalIncidents, made.incidents);
      const prone = Object.entries(stored.month)
        .filter(([k]) => national(k))
        .reduce((s, [, m]) => s + m.prone_interventions!, 0);
      assert.ok(prone > 0, 'some prone restraint was generated');

      // And every measure of every rollup table.
      assert.deepEqual(stored.month, recounted.month);
      assert.deepEqual(stored.type, recounted.type);
      assert.deepEqual(stored.group, recounted.group);
    } finally {
      await t.close();
    }
  });
});
