/**
 * The pieces of synthetic data that stand on their own: a repeatable random source, weighted
 * choices, and synthetic people with characteristics in realistic national proportions.
 */
import { must } from './must.ts';
import type { PersonCharacteristicsTable } from './tables.ts';
import { newId } from '../../lib/tokens.ts';

/** A seeded random number generator (mulberry32), so runs can be repeated. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks one item, each as likely as its weight. */
export function pick<T>(rand: () => number, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = rand() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r <= 0) return item;
  }
  return must(items.at(-1))[0];
}

/** A log-normal draw around a median (for durations). */
export function logNormal(rand: () => number, median: number, spread: number): number {
  const u = Math.max(1e-9, rand());
  const v = rand();
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return median * Math.exp(spread * z);
}

// The ethnic mix (ONS codes, weights) of people on wards.
const ETHNIC: readonly (readonly [string[], number])[] = [
  [['A'], 70],
  [['C'], 6],
  [['B'], 1],
  [['M'], 3],
  [['N'], 4],
  [['P'], 1],
  [['H'], 2.5],
  [['J'], 2.5],
  [['K'], 1],
  [['L'], 1],
  [['D'], 1.2],
  [['G'], 1],
  [['R'], 0.5],
  [['S'], 1.5],
  [['Z'], 2.5],
  [['99'], 1],
  [['A', 'M'], 0.3],
];

/** Occupied bed days for a ward and month, as the generator writes them. */
export interface BedDaysRow {
  organisation_id: string;
  unit_id: string;
  period: string;
  occupied_bed_days: number;
  updated_at: string;
}

/** People on a ward in a year by group, as the generator writes them. */
export interface PopulationRow {
  organisation_id: string;
  unit_id: string;
  year: string;
  dimension: string;
  group_code: string;
  people: number;
}

/** One synthetic person on a ward, with characteristics in realistic proportions. */
export function syntheticPerson(
  rand: () => number,
  kind: string,
  year: string,
  organisationId: string,
): PersonCharacteristicsTable {
  const codes = pick(rand, ETHNIC);
  const age =
    kind === 'camhs'
      ? 13 + rand() * 5
      : kind === 'older_adult'
        ? 66 + rand() * 25
        : 18 + rand() * 47;
  const birthYear = Number(year) - Math.floor(age);
  return {
    person_id: newId(),
    organisation_id: organisationId,
    nhs_number: null,
    ethnic_codes: JSON.stringify(codes),
    sex: pick(rand, [
      ['male', 52],
      ['female', 46],
      ['other', 0.7],
      ['not_stated', 1.3],
    ] as const),
    date_of_birth: `${birthYear}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-15`,
    disability: pick(rand, [
      ['yes', 22],
      ['no', 68],
      ['not_stated', 10],
    ] as const),
    ld_autism:
      kind === 'ld_autism'
        ? 'yes'
        : pick(rand, [
            ['yes', 6],
            ['no', 84],
            ['not_stated', 10],
          ] as const),
    mental_disorder: null,
    legal_status: null,
    updated_at: `${year}-01-01T00:00:00.000Z`,
    updated_by: null,
  };
}
