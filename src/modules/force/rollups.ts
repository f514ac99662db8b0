/**
 * Rollup deltas: what one incident adds to (or, with sign -1, takes from) the dashboard totals.
 * Guarantees: every write path (record, amend, delete, import, generate) goes through these
 * functions, and the deltas are applied in the same transaction as the write, so the dashboards
 * always agree with the register.
 */
import type { PackedRows } from '../../db/pack.ts';
import { dimensionCodes } from './codes.ts';
import { DURATION_BUCKETS, durationBucket } from './stats.ts';
import type {
  ForceRollupGroupTable,
  ForceRollupMonthTable,
  ForceRollupTypeTable,
} from './tables.ts';

/** All organisations (the national scope's organisation key). */
export const ALL_ORGANISATIONS = '*';
/** The whole organisation (the organisation scope's unit key). */
export const ALL_UNITS = '';

/** The incident facts the rollups need. */
export interface RollupIncident {
  organisation_id: string;
  unit_id: string;
  period: string;
  grp_ethnicity: string;
  grp_sex: string;
  grp_age_band: string;
  grp_disability: string;
  grp_ld_autism: string;
  injury_person: number;
  account_offered: number;
  account_status: string;
  plan_followed: string | null;
}

/** The intervention facts the rollups need. */
export interface RollupIntervention {
  type_code: string;
  duration_minutes: number | null;
}

/** Monthly measures. */
export interface MonthMeasures {
  incidents: number;
  interventions: number;
  prone_interventions: number;
  injuries_person: number;
  account_offered: number;
  account_given: number;
  plan_applicable: number;
  plan_followed: number;
  bed_days: number;
}

/** Per-type measures: counts, duration sum, and the 32 histogram buckets. */
export interface TypeMeasures {
  interventions: number;
  duration_count: number;
  duration_sum: number;
  buckets: number[];
}

/** The measures of force_rollup_month, in column order. */
export const MONTH_MEASURES = [
  'incidents',
  'interventions',
  'prone_interventions',
  'injuries_person',
  'account_offered',
  'account_given',
  'plan_applicable',
  'plan_followed',
  'bed_days',
] as const satisfies readonly (keyof MonthMeasures)[];

/** The histogram columns of force_rollup_type, d00 to d31. */
export const BUCKET_COLUMNS = Array.from(
  { length: 32 },
  (_, b) => `d${String(b).padStart(2, '0')}` as `d${string}` & keyof ForceRollupTypeTable,
);

/** Deltas keyed by each rollup table's key (joined with \u0001). */
export interface RollupDeltas {
  month: Map<string, MonthMeasures>;
  type: Map<string, TypeMeasures>;
  group: Map<string, { incidents: number; people: number }>;
}

/** An empty set of deltas. */
export function emptyDeltas(): RollupDeltas {
  return { month: new Map(), type: new Map(), group: new Map() };
}

const SEP = '\u0001';
/** Joins key parts. */
export function keyOf(...parts: (string | number)[]): string {
  return parts.join(SEP);
}
/** Splits a key into parts. */
export function partsOf(key: string): string[] {
  return key.split(SEP);
}

function scopesOf(organisationId: string, unitId: string): [string, string][] {
  return [
    [organisationId, unitId],
    [organisationId, ALL_UNITS],
    [ALL_ORGANISATIONS, ALL_UNITS],
  ];
}

function zeroMonth(): MonthMeasures {
  return {
    incidents: 0,
    interventions: 0,
    prone_interventions: 0,
    injuries_person: 0,
    account_offered: 0,
    account_given: 0,
    plan_applicable: 0,
    plan_followed: 0,
    bed_days: 0,
  };
}

function bumpMonth(deltas: RollupDeltas, key: string, change: Partial<MonthMeasures>): void {
  const m = deltas.month.get(key) ?? zeroMonth();
  for (const [k, v] of Object.entries(change) as [keyof MonthMeasures, number][]) m[k] += v;
  deltas.month.set(key, m);
}

/** The group code an incident falls in for one dimension. */
export function groupOf(incident: RollupIncident, dimension: string): string {
  switch (dimension) {
    case 'ethnicity':
      return incident.grp_ethnicity;
    case 'sex':
      return incident.grp_sex;
    case 'age_band':
      return incident.grp_age_band;
    case 'disability':
      return incident.grp_disability;
    case 'ld_autism':
      return incident.grp_ld_autism;
    default:
      return 'not_stated';
  }
}

/**
 * Adds one incident's contribution (sign 1) or removes it (sign -1). Called once per imported or
 * generated incident, so it avoids building throwaway objects. With `unitOnly`, only the unit's
 * own totals change: bulk writers add thousands of incidents that way and then spread the
 * much smaller set of unit totals to the wider scopes with `widenUnitDeltas`.
 */
export function addIncident(
  deltas: RollupDeltas,
  incident: RollupIncident,
  interventions: readonly RollupIntervention[],
  sign: 1 | -1,
  unitOnly = false,
): void {
  const year = incident.period.slice(0, 4);
  let prone = 0;
  for (const i of interventions) if (i.type_code === '01') prone++;
  const planApplicable = incident.plan_followed !== null ? 1 : 0;
  const given = incident.account_status === 'given' ? 1 : 0;
  const followed = incident.plan_followed === 'yes' ? 1 : 0;
  const scopes = unitOnly
    ? [[incident.organisation_id, incident.unit_id] as const]
    : scopesOf(incident.organisation_id, incident.unit_id);
  for (const [org, unit] of scopes) {
    const scope = keyOf(org, unit);
    const mk = keyOf(scope, incident.period);
    let m = deltas.month.get(mk);
    if (!m) deltas.month.set(mk, (m = zeroMonth()));
    m.incidents += sign;
    m.interventions += sign * interventions.length;
    m.prone_interventions += sign * prone;
    m.injuries_person += sign * incident.injury_person;
    m.account_offered += sign * incident.account_offered;
    m.account_given += sign * given;
    m.plan_applicable += sign * planApplicable;
    m.plan_followed += sign * followed;
    for (const i of interventions) {
      const tk = keyOf(mk, i.type_code);
      let t = deltas.type.get(tk);
      if (!t)
        deltas.type.set(
          tk,
          (t = {
            interventions: 0,
            duration_count: 0,
            duration_sum: 0,
            buckets: new Array<number>(DURATION_BUCKETS).fill(0),
          }),
        );
      t.interventions += sign;
      if (i.duration_minutes !== null) {
        t.duration_count += sign;
        t.duration_sum += sign * i.duration_minutes;
        const b = durationBucket(i.duration_minutes);
        t.buckets[b] = (t.buckets[b] ?? 0) + sign;
      }
    }
    for (const dimension of dimensionCodes) {
      const gk = keyOf(scope, year, dimension, groupOf(incident, dimension));
      let g = deltas.group.get(gk);
      if (!g) deltas.group.set(gk, (g = { incidents: 0, people: 0 }));
      g.incidents += sign;
    }
  }
}

/** Adds a change in occupied bed days for a unit and month. */
export function addBedDays(
  deltas: RollupDeltas,
  organisationId: string,
  unitId: string,
  period: string,
  change: number,
): void {
  for (const [org, unit] of scopesOf(organisationId, unitId)) {
    bumpMonth(deltas, keyOf(org, unit, period), { bed_days: change });
  }
}

/** Adds a change in the number of people in a group on a unit in a year. */
export function addPeople(
  deltas: RollupDeltas,
  organisationId: string,
  unitId: string,
  year: string,
  dimension: string,
  groupCode: string,
  change: number,
): void {
  for (const [org, unit] of scopesOf(organisationId, unitId)) {
    const gk = keyOf(org, unit, year, dimension, groupCode);
    const g = deltas.group.get(gk) ?? { incidents: 0, people: 0 };
    g.people += change;
    deltas.group.set(gk, g);
  }
}

/** Adds one delta row to a table's map, summing every measure (and histogram bucket). */
export function mergeDelta<T extends object>(target: Map<string, T>, key: string, value: T): void {
  const from = value as Record<string, number | number[]>;
  const existing = target.get(key) as Record<string, number | number[]> | undefined;
  if (existing === undefined) {
    const copy: Record<string, number | number[]> = {};
    for (const field in from) {
      const n = from[field] ?? 0;
      copy[field] = Array.isArray(n) ? n.slice() : n;
    }
    target.set(key, copy as T);
    return;
  }
  for (const field in from) {
    const n = from[field] ?? 0;
    if (Array.isArray(n)) {
      const buckets = existing[field] as number[];
      for (let i = 0; i < n.length; i++) buckets[i] = (buckets[i] ?? 0) + (n[i] ?? 0);
    } else (existing[field] as number) += n;
  }
}

/** Spreads unit-level deltas (from `addIncident(…, unitOnly)`) to unit, organisation and national. */
export function widenUnitDeltas(unitDeltas: RollupDeltas, into: RollupDeltas): RollupDeltas {
  for (const table of ['month', 'type', 'group'] as const) {
    const source = unitDeltas[table] as Map<string, object>;
    const target = into[table] as Map<string, object>;
    for (const [key, value] of source) {
      // key = org SEP unit SEP rest: the wider scopes swap in '' for the unit, then '*' too.
      const afterOrg = key.indexOf(SEP);
      const afterUnit = key.indexOf(SEP, afterOrg + 1);
      const org = key.slice(0, afterOrg);
      const rest = key.slice(afterUnit);
      mergeDelta(target, key, value);
      mergeDelta(target, `${org}${SEP}${ALL_UNITS}${rest}`, value);
      mergeDelta(target, `${ALL_ORGANISATIONS}${SEP}${ALL_UNITS}${rest}`, value);
    }
  }
  return into;
}

/** Rollup rows ready for the database, one list per table, laid out by `packRows`. */
export interface PackedRollups {
  month: PackedRows;
  type: PackedRows;
  group: PackedRows;
}

/** The rows of each rollup table that deltas add up to. */
export function rollupRowsOf(deltas: RollupDeltas): {
  month: ForceRollupMonthTable[];
  type: ForceRollupTypeTable[];
  group: ForceRollupGroupTable[];
} {
  const month = [...deltas.month].map(([k, m]) => {
    const [organisation_id, unit_id, period] = partsOf(k) as [string, string, string];
    return { organisation_id, unit_id, period, ...m };
  });
  const type = [...deltas.type].map(([k, t]) => {
    const [organisation_id, unit_id, period, type_code] = partsOf(k) as [
      string,
      string,
      string,
      string,
    ];
    const row: Record<string, string | number> = {
      organisation_id,
      unit_id,
      period,
      type_code,
      interventions: t.interventions,
      duration_count: t.duration_count,
      duration_sum: t.duration_sum,
    };
    BUCKET_COLUMNS.forEach((column, b) => (row[column] = t.buckets[b] ?? 0));
    return row as unknown as ForceRollupTypeTable;
  });
  const group = [...deltas.group].map(([k, g]) => {
    const [organisation_id, unit_id, year, dimension, group_code] = partsOf(k) as [
      string,
      string,
      string,
      string,
      string,
    ];
    return { organisation_id, unit_id, year, dimension, group_code, ...g };
  });
  return { month, type, group };
}
