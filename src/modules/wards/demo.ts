/**
 * Demo shift reports: 18 months for Ward 3, whose conflict and containment fall for real after
 * Safewards starts nine months in, and for Willow Ward, which varies by chance alone. Today's
 * shifts and two recent ones are left unreported, so the manager sees what a gap looks like.
 * Demo data is written straight to the store in one transaction (no audit events: nobody did it).
 */
import type { Db } from '../../db/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { toIso } from '../../lib/clock.ts';
import { newId } from '../../lib/tokens.ts';
import { conflictItems, containmentItems } from './items.ts';
import type { ShiftItem } from './items.ts';
import { rebuildRollup } from './rollup.ts';
import { addDays, londonWallClock, shifts } from './shifts.ts';
import type { WardsStore } from './store.ts';
import type { WardShiftReportsTable } from './tables.ts';
import { seedSafewardsDemo } from './safewards-demo.ts';
import { seedScreenDemo } from './screen-demo.ts';

/** The demo's days of reports (about 18 months). */
export const DEMO_DAYS = 548;

/** A small seeded random number generator, so the demo is the same every time. */
function seeded(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

function poisson(mean: number, rand: () => number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rand();
  while (p > limit) {
    k += 1;
    p *= rand();
  }
  return k;
}

// The commoner items take most of the counts, as on a real ward.
function spread(total: number, items: readonly ShiftItem[], rand: () => number) {
  const out: Record<string, number> = {};
  for (let n = 0; n < total; n++) {
    const i = items[Math.floor(rand() ** 2 * items.length)] as ShiftItem;
    out[i.code] = (out[i.code] ?? 0) + 1;
  }
  return out;
}

/**
 * Adds the demo shift reports for Ward 3 (improving) and Willow Ward (common cause only), Ward
 * 3's Safewards records and its ward screen.
 * @returns the Ward 3 screen's display token, made afresh (only its hash is stored)
 */
export async function seedWardsDemo(
  db: Db,
  store: WardsStore,
  clock: Clock,
  ids: {
    organisationId: string;
    units: { ward3: string; willow: string };
    people: { jo: string; dev: string; tom?: string; sam?: string };
  },
): Promise<{ screenToken: string }> {
  const today = londonWallClock(clock()).date;
  const start = addDays(today, -DEMO_DAYS);
  const safewards = addDays(start, 270);
  const rand = seeded(3);
  const rows: WardShiftReportsTable[] = [];
  const wards = [
    { unitId: ids.units.ward3, by: ids.people.jo, name: 'Jo Bennett', improves: true },
    { unitId: ids.units.willow, by: ids.people.dev, name: 'Dev Patel', improves: false },
  ];
  for (const ward of wards) {
    for (let d = 0; d < DEMO_DAYS; d++) {
      const date = addDays(start, d);
      for (const shift of shifts) {
        // Two recent gaps on Ward 3, for the missing-shift list.
        if (ward.improves && d >= DEMO_DAYS - 4 && shift === 'night') continue;
        const after = ward.improves && date >= safewards;
        const conflict = poisson(after ? 2.1 : ward.improves ? 3.2 : 2.6, rand);
        const containment = poisson(after ? 0.6 : ward.improves ? 1.1 : 0.9, rand);
        const counts = {
          ...spread(conflict, conflictItems, rand),
          ...spread(containment, containmentItems, rand),
        };
        rows.push({
          id: newId(),
          organisation_id: ids.organisationId,
          unit_id: ward.unitId,
          shift_date: date,
          shift,
          counts: JSON.stringify(counts),
          conflict_total: conflict,
          containment_total: containment,
          version: 1,
          recorded_by: ward.by,
          recorded_by_name: ward.name,
          recorded_at: toIso(clock()),
        });
      }
    }
  }
  await db.transaction().execute(async (trx) => {
    for (let n = 0; n < rows.length; n += 200)
      await store.insertReports(trx, rows.slice(n, n + 200));
  });
  // Safewards on Ward 3, from the day it started (interventions, checks, about me, meetings).
  await seedSafewardsDemo(db, store, clock, {
    organisationId: ids.organisationId,
    wardId: ids.units.ward3,
    startedOn: safewards,
    manager: {
      id: ids.people.tom ?? ids.people.jo,
      name: ids.people.tom ? 'Tom Okafor' : 'Jo Bennett',
    },
    staff: [
      { id: ids.people.jo, name: 'Jo Bennett' },
      ...(ids.people.tom ? [{ id: ids.people.tom, name: 'Tom Okafor' }] : []),
    ],
    person: ids.people.sam ? { id: ids.people.sam, name: 'Sam Taylor' } : undefined,
  });
  // Expectations, discharge messages and a display token for Ward 3's screen.
  const manager = ids.people.tom
    ? { id: ids.people.tom, name: 'Tom Okafor' }
    : { id: ids.people.jo, name: 'Jo Bennett' };
  const { token } = await seedScreenDemo(db, store, clock, {
    organisationId: ids.organisationId,
    ward3: ids.units.ward3,
    willow: ids.units.willow,
    manager,
    writer: ids.people.sam ?? ids.people.jo,
    willowStaff: { id: ids.people.dev, name: 'Dev Patel' },
  });
  // Written straight to the table, so the monthly rollup is worked out from it afterwards.
  await rebuildRollup(db, ids.organisationId);
  return { screenToken: token };
}
