/**
 * Rates, confidence intervals, small-number suppression and medians for the dashboards.
 * Guarantees: counts from 1 to 4 are never shown (nor any rate or share made from them), so a
 * person cannot be picked out of a small group; confidence intervals are exact (Garwood) for
 * Poisson counts and Wilson score for shares, so small groups are not made to look certain.
 */

/** Counts below this (and above zero) are suppressed. */
export const SUPPRESS_BELOW = 5;
/** z for a two-sided 95% interval. */
const Z95 = 1.959963984540054;

/** True when a count must not be shown. */
export function isSuppressed(count: number): boolean {
  return count > 0 && count < SUPPRESS_BELOW;
}

/** The words shown in place of a suppressed count. */
export const SUPPRESSED_TEXT = 'fewer than 5';

/** A count as shown: the number, or "fewer than 5". */
export function showCount(count: number): string {
  return isSuppressed(count) ? SUPPRESSED_TEXT : String(count);
}

// Lanczos approximation of ln Γ(x), good to about 15 digits for x > 0.
const LANCZOS = [
  676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let a = 0.99999999999980993;
  const t = z + 7.5;
  for (let i = 0; i < LANCZOS.length; i++) a += (LANCZOS[i] ?? 0) / (z + i + 1);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Regularised upper incomplete gamma Q(a, x) (series or continued fraction). */
function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const lnPre = -x + a * Math.log(x) - lnGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 100000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return 1 - sum * Math.exp(lnPre);
  }
  let b = x + 1 - a;
  let c = 1 / 1e-300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 100000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.exp(lnPre) * h;
}

/** P(X ≤ k) for X ~ Poisson(mean). */
export function poissonCdf(k: number, mean: number): number {
  if (k < 0) return 0;
  return gammaQ(k + 1, mean);
}

function bisect(f: (x: number) => number, lo: number, hi: number): number {
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) > 0) lo = mid;
    else hi = mid;
    if (hi - lo < 1e-10 * Math.max(1, hi)) break;
  }
  return (lo + hi) / 2;
}

/**
 * Exact (Garwood) 95% interval for a Poisson count: the means under which seeing `count` or
 * more (lower), or `count` or fewer (upper), has probability 2.5%.
 */
export function poissonInterval(count: number): { lower: number; upper: number } {
  const alpha = 0.05;
  const hi = count + 20 * Math.sqrt(count + 1) + 20;
  const upper = bisect((m) => poissonCdf(count, m) - alpha / 2, 0, hi);
  // P(X >= count) rises with the mean, so bisect on its complement to keep the function falling.
  const lower = count === 0 ? 0 : bisect((m) => alpha / 2 - (1 - poissonCdf(count - 1, m)), 0, hi);
  return { lower, upper };
}

/** Wilson score 95% interval for a share of `successes` out of `total`. */
export function wilsonInterval(
  successes: number,
  total: number,
): { share: number; lower: number; upper: number } | null {
  if (total <= 0) return null;
  const p = successes / total;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * total)) / (1 + z2 / total);
  const half =
    (Z95 / (1 + z2 / total)) * Math.sqrt((p * (1 - p)) / total + z2 / (4 * total * total));
  return { share: p, lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}

/** A rate with its interval, or the reason it is not shown. */
export interface Rate {
  count: number;
  denominator: number;
  /** Null when suppressed or when there is no denominator. */
  rate: number | null;
  lower: number | null;
  upper: number | null;
  suppressed: boolean;
  /** Why no rate is shown, in words. */
  note: string | null;
}

/**
 * A rate per `per` of the denominator (incidents per 100 people, or per 1,000 occupied bed
 * days), with an exact Poisson 95% interval. Suppressed when the count is 1 to 4, unless the
 * audience sees exact counts (`exact`).
 */
export function rateWithInterval(
  count: number,
  denominator: number,
  per: number,
  exact = false,
): Rate {
  if (!exact && isSuppressed(count)) {
    return {
      count,
      denominator,
      rate: null,
      lower: null,
      upper: null,
      suppressed: true,
      note: SUPPRESSED_TEXT,
    };
  }
  if (denominator <= 0) {
    return {
      count,
      denominator,
      rate: null,
      lower: null,
      upper: null,
      suppressed: false,
      note: 'no denominator entered',
    };
  }
  const { lower, upper } = poissonInterval(count);
  const scale = per / denominator;
  return {
    count,
    denominator,
    rate: count * scale,
    lower: lower * scale,
    upper: upper * scale,
    suppressed: false,
    note: null,
  };
}

/** A share (0–1) with a Wilson interval; suppressed when either part is 1 to 4 (unless exact). */
export function shareWithInterval(successes: number, total: number, exact = false) {
  if (
    !exact &&
    (isSuppressed(successes) || isSuppressed(total - successes) || isSuppressed(total))
  ) {
    return { successes, total, share: null, lower: null, upper: null, suppressed: true };
  }
  const w = wilsonInterval(successes, total);
  return {
    successes,
    total,
    share: w?.share ?? null,
    lower: w?.lower ?? null,
    upper: w?.upper ?? null,
    suppressed: false,
  };
}

// Duration buckets (minutes), kept as 32 columns on each monthly type total so a median over any
// range reads one row per month and type. Medians are exact for whole minutes under 10, and
// interpolated within the bucket above that (a grouped median; see docs/force.md).
/** Lower bounds of the duration buckets, in minutes (the last is open-ended). */
export const BUCKET_BOUNDS: readonly number[] = [
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 20, 25, 30, 40, 50, 60, 90, 120, 180, 240, 360, 480,
  720, 1080, 1440, 2880, 5760, 10080, 20160,
];

/** Number of duration buckets. */
export const DURATION_BUCKETS = BUCKET_BOUNDS.length;

/** The bucket index for a duration in whole minutes. */
export function durationBucket(minutes: number): number {
  let i = BUCKET_BOUNDS.length - 1;
  while (i > 0 && (BUCKET_BOUNDS[i] ?? 0) > minutes) i--;
  return i;
}

/**
 * The median from bucket counts (index → count): exact when durations are whole minutes under
 * 10, otherwise interpolated within the bucket that holds it.
 */
export function medianFromBuckets(counts: ReadonlyMap<number, number>): number | null {
  const buckets = [...counts.entries()].filter(([, c]) => c > 0).sort((a, b) => a[0] - b[0]);
  const n = buckets.reduce((s, [, c]) => s + c, 0);
  if (n === 0) return null;
  const valueAt = (rank: number): number => {
    let cum = 0;
    for (const [bucket, count] of buckets) {
      if (cum + count >= rank) {
        const lower = BUCKET_BOUNDS[bucket] ?? 0;
        const width = (BUCKET_BOUNDS[bucket + 1] ?? lower * 2) - lower;
        if (width === 1) return lower;
        return lower + ((rank - cum - 0.5) / count) * width;
      }
      cum += count;
    }
    return BUCKET_BOUNDS[buckets.at(-1)?.[0] ?? 0] ?? 0;
  };
  return n % 2 === 1 ? valueAt((n + 1) / 2) : (valueAt(n / 2) + valueAt(n / 2 + 1)) / 2;
}

/**
 * Whether a unit or organisation reporting nothing is unlikely given its size: flagged when the
 * expected count (its occupied bed days at the reference rate) is 10 or more, because the chance
 * of seeing none by luck is then under 1 in 20,000.
 */
export function zeroReportingFlag(observed: number, bedDays: number, referenceRatePer1000: number) {
  const expected = (bedDays * referenceRatePer1000) / 1000;
  return { expected, flagged: observed === 0 && expected >= 10 };
}
