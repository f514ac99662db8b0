/**
 * Statistical process control, as the NHS "Making Data Count" programme uses it: XmR charts
 * (individual values with moving ranges) and u-charts (a rate with its own denominator each
 * period, such as occupied bed days, so the limits widen when there is less exposure).
 *
 * Pure functions, no I/O. Guarantees:
 * - limits come from a baseline (the first `baselineLength` points of each phase, or the whole
 *   phase); a new phase starts at each index in `phaseStarts` and gets its own limits, so a
 *   baseline can be recalculated from a change (for example when Safewards started);
 * - the four rules: a point outside the limits; a run of 7 or more points on one side of the
 *   mean; a trend of 6 or more points each rising (or each falling); 2 of 3 points in a row
 *   beyond 2 sigma on the same side;
 * - a missing value (null: not recorded, or suppressed because it is small) is a gap; runs,
 *   trends and the 2-of-3 window never reach across a gap or a phase boundary, so a gap can
 *   only make a signal less likely, never invent one;
 * - every point is labelled "improving", "concerning", "special cause" (when neither direction
 *   is better) or "common cause", from which direction is better.
 */

/** Which direction of change is better for the measure ('neither' when none is). */
export type Better = 'up' | 'down' | 'neither';

/** One of the four Making Data Count rules. */
export type SpcRule = 'outside' | 'run' | 'trend' | 'two-of-three';

/** What a point, or a chart as a whole, shows. */
export type Variation = 'improving' | 'concerning' | 'special cause' | 'common cause';

/** The rules' thresholds: a run is 7 or more points, a trend 6 or more. */
export const RUN_LENGTH = 7;
/** Points in a row, each higher (or each lower) than the one before, that make a trend. */
export const TREND_LENGTH = 6;
/** The XmR constant: 3 sigma is 2.66 times the mean moving range (3 / 1.128, rounded). */
export const XMR_CONSTANT = 2.66;

/** How a chart is drawn: the better direction and where baselines are taken. */
export interface SpcOptions {
  better: Better;
  /** Indices where a new phase (with limits recalculated) starts; 0 is always a start. */
  phaseStarts?: readonly number[];
  /** How many present points at the start of each phase fix its limits (default: all). */
  baselineLength?: number;
}

/** One point of a chart with its limits and what the rules found. */
export interface SpcPoint {
  value: number | null;
  /** Centre line and limits for this point (null when its phase has no limits). */
  mean: number | null;
  upper: number | null;
  lower: number | null;
  /** The 2-sigma lines, used by the 2-of-3 rule. */
  nearUpper: number | null;
  nearLower: number | null;
  /** Which phase (baseline) the point belongs to, from 0. */
  phase: number;
  /** The rules that flag this point, with the side each one points to. */
  signals: { rule: SpcRule; side: 'high' | 'low' }[];
  /** What the point shows (null for a gap). */
  variation: Variation | null;
}

/** A chart: every point, and what the latest point with a value shows. */
export interface SpcChart {
  points: SpcPoint[];
  /** The variation of the latest point with a value (null when there is none). */
  latest: Variation | null;
  /** True when any phase's limits rest on fewer than 12 points (limits are a first guess). */
  provisional: boolean;
}

const PROVISIONAL_BELOW = 12;

interface Limits {
  mean: number;
  sigma: number;
}

/** The phase each index belongs to, and the sorted start of each phase. */
function phasesOf(length: number, starts: readonly number[] = []): number[][] {
  const cuts = [...new Set([0, ...starts.filter((s) => s > 0 && s < length)])].sort(
    (a, b) => a - b,
  );
  return cuts.map((start, n) => {
    const end = cuts[n + 1] ?? length;
    return Array.from({ length: end - start }, (_, k) => start + k);
  });
}

/** The baseline of a phase: its first `length` indices with a value. */
function baselineOf(
  phase: readonly number[],
  present: (i: number) => boolean,
  length?: number,
): number[] {
  const withValue = phase.filter(present);
  return length === undefined ? withValue : withValue.slice(0, length);
}

/**
 * An XmR chart of individual values. Mean and mean moving range come from each phase's
 * baseline; limits are mean +/- 2.66 x mean moving range; a moving range is taken only
 * between neighbours that both have a value.
 */
export function xmrChart(values: readonly (number | null)[], options: SpcOptions): SpcChart {
  const present = (i: number) => values[i] !== null && values[i] !== undefined;
  const phases = phasesOf(values.length, options.phaseStarts);
  let provisional = false;
  const limits = phases.map((phase): Limits | null => {
    const base = baselineOf(phase, present, options.baselineLength);
    const ranges: number[] = [];
    for (let k = 1; k < base.length; k++) {
      const [a, b] = [base[k - 1] as number, base[k] as number];
      if (b === a + 1) ranges.push(Math.abs((values[b] as number) - (values[a] as number)));
    }
    if (base.length < 2 || ranges.length === 0) return null;
    if (base.length < PROVISIONAL_BELOW) provisional = true;
    const mean = base.reduce((s, i) => s + (values[i] as number), 0) / base.length;
    const mrBar = ranges.reduce((s, r) => s + r, 0) / ranges.length;
    return { mean, sigma: (XMR_CONSTANT * mrBar) / 3 };
  });
  return finish(
    values,
    phases,
    (_i, phase) => {
      const l = limits[phase];
      return l ? { mean: l.mean, sigma: l.sigma } : null;
    },
    options.better,
    provisional,
  );
}

/**
 * A u-chart of a rate: `counts[i]` events over `exposures[i]` (for example bed days), shown
 * per `per` (1,000 for "per 1,000 bed days"). The centre is the baseline's pooled rate; each
 * point's limits are centre +/- 3 x sqrt(centre / exposure), so they vary with the exposure,
 * and the lower limit is never below 0. A period with no exposure, or a null count, is a gap.
 */
export function uChart(
  counts: readonly (number | null)[],
  exposures: readonly number[],
  options: SpcOptions & { per?: number },
): SpcChart {
  const per = options.per ?? 1;
  const present = (i: number) =>
    counts[i] !== null && counts[i] !== undefined && (exposures[i] ?? 0) > 0;
  const values = counts.map((c, i) =>
    present(i) ? ((c as number) / (exposures[i] ?? 1)) * per : null,
  );
  const phases = phasesOf(counts.length, options.phaseStarts);
  let provisional = false;
  const centres = phases.map((phase) => {
    const base = baselineOf(phase, present, options.baselineLength);
    const exposure = base.reduce((s, i) => s + (exposures[i] ?? 0), 0);
    if (base.length < 2 || exposure <= 0) return null;
    if (base.length < PROVISIONAL_BELOW) provisional = true;
    return base.reduce((s, i) => s + (counts[i] as number), 0) / exposure;
  });
  return finish(
    values,
    phases,
    (i, phase) => {
      const centre = centres[phase];
      const exposure = exposures[i] ?? 0;
      if (centre === null || centre === undefined || exposure <= 0) return null;
      return { mean: centre * per, sigma: Math.sqrt(centre / exposure) * per, floor: 0 };
    },
    options.better,
    provisional,
  );
}

type LimitsAt = (i: number, phase: number) => (Limits & { floor?: number }) | null;

/** Draws each point's lines and applies the four rules within each phase. */
function finish(
  values: readonly (number | null)[],
  phases: number[][],
  limitsAt: LimitsAt,
  better: Better,
  provisional: boolean,
): SpcChart {
  const points: SpcPoint[] = values.map(() => emptyPoint());
  phases.forEach((phase, p) => {
    for (const i of phase) {
      const l = limitsAt(i, p);
      const floor = (v: number) => (l?.floor === undefined ? v : Math.max(l.floor, v));
      points[i] = {
        ...emptyPoint(),
        value: values[i] ?? null,
        phase: p,
        ...(l && {
          mean: l.mean,
          upper: l.mean + 3 * l.sigma,
          lower: floor(l.mean - 3 * l.sigma),
          nearUpper: l.mean + 2 * l.sigma,
          nearLower: floor(l.mean - 2 * l.sigma),
        }),
      };
    }
    // Stretches of neighbouring points with a value and limits: the rules look only within one.
    let stretch: number[] = [];
    for (const i of [...phase, -1]) {
      const pt = points[i];
      if (pt && pt.value !== null && pt.mean !== null) stretch.push(i);
      else {
        applyRules(points, stretch);
        stretch = [];
      }
    }
  });
  for (const pt of points) pt.variation = variationOf(pt, better);
  const last = [...points].reverse().find((pt) => pt.value !== null);
  return { points, latest: last?.variation ?? null, provisional };
}

function emptyPoint(): SpcPoint {
  return {
    value: null,
    mean: null,
    upper: null,
    lower: null,
    nearUpper: null,
    nearLower: null,
    phase: 0,
    signals: [],
    variation: null,
  };
}

/** The four rules over one stretch of points that all have a value and limits. */
function applyRules(points: SpcPoint[], stretch: readonly number[]) {
  const at = (i: number) => points[i] as SpcPoint;
  const v = (i: number) => at(i).value as number;
  const flag = (i: number, rule: SpcRule, side: 'high' | 'low') => {
    if (!at(i).signals.some((s) => s.rule === rule)) at(i).signals.push({ rule, side });
  };
  // 1. Outside the limits.
  for (const i of stretch) {
    if (v(i) > (at(i).upper as number)) flag(i, 'outside', 'high');
    else if (v(i) < (at(i).lower as number)) flag(i, 'outside', 'low');
  }
  // 2. A run: RUN_LENGTH or more in a row on one side of the mean (a point on the mean ends it).
  markSequences(
    stretch,
    (i) => Math.sign(v(i) - (at(i).mean as number)),
    RUN_LENGTH,
    (i, side) => flag(i, 'run', side > 0 ? 'high' : 'low'),
  );
  // 3. A trend: TREND_LENGTH or more in a row, each higher (or each lower) than the one before.
  // The step into a point says which way it moved; the first point of a trend has no step, so
  // it joins the trend that the next point starts.
  const steps = stretch.map((i, k) =>
    k === 0 ? 0 : Math.sign(v(i) - v(stretch[k - 1] as number)),
  );
  for (let k = 0; k < stretch.length;) {
    const dir = steps[k + 1] ?? 0;
    let end = k + 1;
    while (dir !== 0 && end < stretch.length && steps[end] === dir) end++;
    if (dir !== 0 && end - k >= TREND_LENGTH)
      for (let j = k; j < end; j++) flag(stretch[j] as number, 'trend', dir > 0 ? 'high' : 'low');
    k = dir !== 0 && end - k > 1 ? end - 1 : k + 1;
  }
  // 4. Two of three in a row beyond 2 sigma on the same side: the points beyond are flagged.
  for (let k = 0; k < Math.max(1, stretch.length - 2); k++) {
    const window = stretch.slice(k, k + 3);
    for (const side of ['high', 'low'] as const) {
      const beyond = window.filter((i) =>
        side === 'high' ? v(i) > (at(i).nearUpper as number) : v(i) < (at(i).nearLower as number),
      );
      if (beyond.length >= 2) for (const i of beyond) flag(i, 'two-of-three', side);
    }
  }
}

/** Marks every maximal sequence of equal, non-zero keys at least `length` long. */
function markSequences(
  stretch: readonly number[],
  keyOf: (i: number) => number,
  length: number,
  mark: (i: number, key: number) => void,
) {
  let start = 0;
  for (let k = 1; k <= stretch.length; k++) {
    const key = keyOf(stretch[start] as number);
    if (k < stretch.length && keyOf(stretch[k] as number) === key) continue;
    if (key !== 0 && k - start >= length)
      for (let j = start; j < k; j++) mark(stretch[j] as number, key);
    start = k;
  }
}

// Rules in order of weight: when two rules point different ways, the stronger one decides.
const WEIGHT: readonly SpcRule[] = ['outside', 'two-of-three', 'run', 'trend'];

function variationOf(pt: SpcPoint, better: Better): Variation | null {
  if (pt.value === null || pt.mean === null) return null;
  const strongest = [...pt.signals].sort(
    (a, b) => WEIGHT.indexOf(a.rule) - WEIGHT.indexOf(b.rule),
  )[0];
  if (!strongest) return 'common cause';
  if (better === 'neither') return 'special cause';
  return (strongest.side === 'high') === (better === 'up') ? 'improving' : 'concerning';
}

/** Plain words for what a chart's latest point shows, for the text beside a chart. */
export function describeVariation(variation: Variation | null): string {
  switch (variation) {
    case 'improving':
      return 'Improving: the latest figure is part of a change for the better that is unlikely to be chance.';
    case 'concerning':
      return 'Concerning: the latest figure is part of a change for the worse that is unlikely to be chance.';
    case 'special cause':
      return 'Special cause: the latest figure is part of a change that is unlikely to be chance.';
    case 'common cause':
      return 'Common cause variation: the latest figure is within the usual ups and downs, with no sign of real change.';
    case null:
      return 'Not enough figures yet to tell real change from the usual ups and downs.';
  }
}
