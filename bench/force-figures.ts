/**
 * The figures of each use-of-force dashboard view as flat maps, from Hearth's service results
 * and from DuckDB's rows, and the comparison bench/force.ts runs before it times anything: a
 * speed-up only counts if both sides answer the same question with the same numbers.
 *
 * Tolerance (also in bench/README.md):
 * - counts and sums must be equal;
 * - means and rates may differ by 1e-9 of their size (the sums are added in another order);
 * - a median may differ only where Hearth reads it from duration buckets: it must lie within
 *   the buckets holding the two middle durations (one bucket when the count is odd), from the
 *   lower bound of the first to the upper bound of the second. Under 10 minutes the buckets are
 *   one minute wide and the median must be exact.
 */
import { BUCKET_BOUNDS, durationBucket, isSuppressed } from '../src/modules/force/stats.ts';

/** Relative tolerance for figures that are not whole numbers (means, rates). */
export const FLOAT_TOLERANCE = 1e-9;

/** The dashboard views the bench times. */
export type ViewName = 'trend' | 'monthly' | 'duration' | 'disparity' | 'zeroFlags';

/** The exact middle durations of one group, as DuckDB finds them from the raw rows. */
export interface ExactMedian {
  median: number;
  lowerMiddle: number;
  upperMiddle: number;
}

/** One view's figures: numbers by key (a missing key means 0), and medians by key. */
export interface Figures {
  values: Map<string, number>;
  medians: Map<string, number | null>;
}

/** The figures DuckDB gives for the same view: medians carry their middle durations. */
export interface ExactFigures {
  values: Map<string, number>;
  medians: Map<string, ExactMedian | null>;
}

/** The range a bucketed median must fall in, given the exact middle durations. */
export function medianBounds(lowerMiddle: number, upperMiddle: number): [number, number] {
  const first = durationBucket(Math.floor(lowerMiddle));
  const last = durationBucket(Math.floor(upperMiddle));
  const lower = BUCKET_BOUNDS[first] ?? 0;
  const lastLower = BUCKET_BOUNDS[last] ?? 0;
  // The last bucket is open-ended; medianFromBuckets gives it a width equal to its lower bound.
  const upper = BUCKET_BOUNDS[last + 1] ?? lastLower * 2;
  return [lower, upper];
}

function closeEnough(a: number, b: number): boolean {
  if (Number.isInteger(a) && Number.isInteger(b)) return a === b;
  return Math.abs(a - b) <= FLOAT_TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Whether Hearth's bucketed median is within the documented tolerance of the exact one. */
export function medianAgrees(hearth: number, exact: ExactMedian): boolean {
  const [lower, upper] = medianBounds(exact.lowerMiddle, exact.upperMiddle);
  // Buckets one minute wide hold one whole-minute value, so the median is exact there.
  if (upper - lower <= 1 && exact.upperMiddle < 10) return closeEnough(hearth, exact.median);
  return hearth >= lower && hearth <= upper;
}

/** Every figure on which the two sides disagree, described; empty when they agree. */
export function differences(view: string, hearth: Figures, exact: ExactFigures): string[] {
  const out: string[] = [];
  for (const key of new Set([...hearth.values.keys(), ...exact.values.keys()])) {
    const h = hearth.values.get(key) ?? 0;
    const d = exact.values.get(key) ?? 0;
    if (!closeEnough(h, d)) out.push(`${view} ${key}: Hearth ${h}, DuckDB ${d}`);
  }
  for (const key of new Set([...hearth.medians.keys(), ...exact.medians.keys()])) {
    const h = hearth.medians.get(key) ?? null;
    const d = exact.medians.get(key) ?? null;
    if (h === null || d === null) {
      if (h !== d) out.push(`${view} ${key}: Hearth ${h}, DuckDB ${d?.median ?? null}`);
    } else if (!closeEnough(d.median, (d.lowerMiddle + d.upperMiddle) / 2)) {
      // The timed query's median must itself be exact: the mean of the two middle durations.
      out.push(
        `${view} ${key}: DuckDB median ${d.median}, middles ${d.lowerMiddle}, ${d.upperMiddle}`,
      );
    } else if (!medianAgrees(h, d)) {
      const [lower, upper] = medianBounds(d.lowerMiddle, d.upperMiddle);
      out.push(
        `${view} ${key}: Hearth ${h}, DuckDB ${d.median} (allowed ${lower}–${upper} from buckets)`,
      );
    }
  }
  return out;
}

function emptyFigures(): Figures {
  return { values: new Map(), medians: new Map() };
}

function add(values: Map<string, number>, key: string, n: unknown): void {
  if (n === null || n === undefined) return;
  values.set(key, (values.get(key) ?? 0) + Number(n));
}

interface TrendResult {
  periods: string[];
  series: { code: string; counts: number[] }[];
}
interface MonthlyResult {
  months: {
    period: string;
    incidents: number;
    interventions: number;
    prone: number;
    bedDays: number;
  }[];
  total: {
    offered: number;
    given: number;
    planApplicable: number;
    planFollowed: number;
    injuries: number;
  };
}
type DurationResult = {
  code: string;
  interventions: number;
  withDuration: number;
  mean: number | null;
  median: number | null;
}[];
type DisparityResult = {
  code: string;
  groups: { code: string; incidents: number; people: number }[];
}[];
interface ZeroFlagsResult {
  referenceRate: number;
  rows: { id: string; interventions: number; bedDays: number }[];
}

/** Hearth's figures for one view, from what the service returned. */
export function hearthFigures(view: ViewName, result: unknown): Figures {
  const f = emptyFigures();
  const v = f.values;
  switch (view) {
    case 'trend': {
      const r = result as TrendResult;
      for (const s of r.series)
        s.counts.forEach((n, i) => add(v, `${r.periods[i]} type ${s.code}`, n));
      break;
    }
    case 'monthly': {
      const r = result as MonthlyResult;
      for (const m of r.months) {
        add(v, `${m.period} incidents`, m.incidents);
        add(v, `${m.period} interventions`, m.interventions);
        add(v, `${m.period} prone`, m.prone);
        add(v, `${m.period} bed days`, m.bedDays);
      }
      for (const [k, n] of Object.entries(r.total))
        if (!['incidents', 'interventions', 'prone', 'bedDays'].includes(k))
          add(v, `total ${k}`, n);
      break;
    }
    case 'duration':
      for (const r of result as DurationResult) {
        add(v, `type ${r.code} interventions`, r.interventions);
        add(v, `type ${r.code} with duration`, r.withDuration);
        add(v, `type ${r.code} mean`, r.mean);
        f.medians.set(`type ${r.code} median`, r.median);
      }
      break;
    case 'disparity':
      for (const d of result as DisparityResult)
        for (const g of d.groups) {
          add(v, `${d.code} ${g.code} incidents`, g.incidents);
          add(v, `${d.code} ${g.code} people`, g.people);
        }
      break;
    case 'zeroFlags': {
      const r = result as ZeroFlagsResult;
      add(v, 'reference rate', r.referenceRate);
      for (const row of r.rows) {
        add(v, `${row.id} interventions`, row.interventions);
        add(v, `${row.id} bed days`, row.bedDays);
      }
      break;
    }
  }
  return f;
}

/** Rows as DuckDB returns them: one array of rows per query, in the order of the queries. */
export type DuckRows = unknown[][][];

// The reference rate as Hearth defines it: among those that report at least one intervention.
function reportingRate(interventions: Map<string, number>, bedDays: Map<string, number>): number {
  let count = 0;
  let days = 0;
  for (const [id, n] of interventions)
    if (n > 0) {
      count += n;
      days += bedDays.get(id) ?? 0;
    }
  return days > 0 ? (count / days) * 1000 : 0;
}

function byFirst(rows: unknown[][] | undefined): Map<string, number> {
  const m = new Map<string, number>();
  for (const [id, n] of rows ?? []) add(m, String(id), n);
  return m;
}

/**
 * DuckDB's figures for one view, from the rows of the timed queries (see duckQueries in
 * bench/force.ts). Small counts are suppressed by the same rule as the page (`isSuppressed`),
 * because a suppressed mean or median is part of what the view shows. For the duration view,
 * `middles` holds each type's two middle durations, from a query that is not timed.
 */
export function duckFigures(
  view: ViewName,
  rows: DuckRows,
  scopeLevel: 'unit' | 'organisation' | 'national',
  unitId = '',
  middles: unknown[][] = [],
): ExactFigures {
  const f: ExactFigures = { values: new Map(), medians: new Map() };
  const v = f.values;
  const [q0 = [], q1 = [], q2 = [], q3 = []] = rows;
  switch (view) {
    case 'trend':
      for (const [period, type, n] of q0) add(v, `${String(period)} type ${String(type)}`, n);
      break;
    case 'monthly': {
      const names = ['injuries', 'offered', 'given', 'planApplicable', 'planFollowed'];
      for (const [period, incidents, ...sums] of q0) {
        add(v, `${String(period)} incidents`, incidents);
        sums.forEach((n, i) => add(v, `total ${names[i]}`, n));
      }
      for (const [period, n, prone] of q1) {
        add(v, `${String(period)} interventions`, n);
        add(v, `${String(period)} prone`, prone);
      }
      for (const [period, days] of q2) add(v, `${String(period)} bed days`, days);
      break;
    }
    case 'duration': {
      const middle = new Map(middles.map(([type, lo, hi]) => [String(type), [lo, hi]]));
      for (const [type, n, withDuration, mean, median] of q0) {
        const code = String(type);
        const count = Number(withDuration);
        const hidden = isSuppressed(count) || count === 0;
        add(v, `type ${code} interventions`, n);
        add(v, `type ${code} with duration`, count);
        if (!hidden) add(v, `type ${code} mean`, mean);
        const [lo, hi] = middle.get(code) ?? [median, median];
        f.medians.set(
          `type ${code} median`,
          hidden
            ? null
            : { median: Number(median), lowerMiddle: Number(lo), upperMiddle: Number(hi) },
        );
      }
      break;
    }
    case 'disparity':
      for (const [dimension, group, n] of q0)
        add(v, `${String(dimension)} ${String(group)} incidents`, n);
      for (const [dimension, group, n] of q1)
        add(v, `${String(dimension)} ${String(group)} people`, n);
      break;
    case 'zeroFlags': {
      if (scopeLevel === 'unit') {
        add(v, `${unitId} interventions`, q0[0]?.[0]);
        add(v, `${unitId} bed days`, q1[0]?.[0]);
        // A unit is judged against the organisations that report, nationally.
        add(v, 'reference rate', reportingRate(byFirst(q2), byFirst(q3)));
      } else {
        const interventions = byFirst(q0);
        const bedDays = byFirst(q1);
        for (const [id, n] of interventions) add(v, `${id} interventions`, n);
        for (const [id, n] of bedDays) add(v, `${id} bed days`, n);
        add(v, 'reference rate', reportingRate(interventions, bedDays));
      }
      break;
    }
  }
  return f;
}
