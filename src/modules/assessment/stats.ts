/**
 * Small, pure statistics for results: the mean of 1-to-5 ratings with a 95% interval from
 * Student's t distribution (ratings from a few dozen people are too few for the normal curve).
 */

/** Two-sided 97.5% points of Student's t for 1 to 30 degrees of freedom. */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145,
  2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048,
  2.045, 2.042,
];

/**
 * The 97.5% point of Student's t with `df` degrees of freedom: from the table up to 30, beyond
 * that a Cornish-Fisher expansion around the normal 1.96 (within 0.001 of the exact value).
 */
export function tQuantile975(df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new RangeError('degrees of freedom must be 1 or more');
  const tabled = T975[df - 1];
  if (tabled !== undefined) return tabled;
  const z = 1.959964;
  return (
    z +
    (z ** 3 + z) / (4 * df) +
    (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2) +
    (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / (384 * df ** 3)
  );
}

/** A mean with its 95% interval (low, high and sd are null with fewer than two values). */
export interface MeanInterval {
  n: number;
  mean: number;
  low: number | null;
  high: number | null;
  /** The sample standard deviation (n - 1), kept so two rounds can be compared. */
  sd: number | null;
}

/** The mean of some values with a 95% t interval. */
export function meanWithInterval(values: readonly number[]): MeanInterval | null {
  const n = values.length;
  if (n === 0) return null;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { n, mean, low: null, high: null, sd: null };
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
  const sd = Math.sqrt(variance);
  const half = (tQuantile975(n - 1) * sd) / Math.sqrt(n);
  return { n, mean, low: mean - half, high: mean + half, sd };
}

/** The same from a count of each rating (1 to 5), without listing every value. */
export function meanFromCounts(counts: Readonly<Record<number, number>>): MeanInterval | null {
  const values: number[] = [];
  for (const [rating, count] of Object.entries(counts)) {
    for (let i = 0; i < count; i += 1) values.push(Number(rating));
  }
  return meanWithInterval(values);
}

/** A change between two means with its 95% interval. */
export interface DifferenceInterval {
  /** The later mean minus the earlier one. */
  change: number;
  low: number;
  high: number;
  /** Welch-Satterthwaite degrees of freedom (null when both groups answered all alike). */
  df: number | null;
}

/**
 * The difference of two means (after minus before) with a 95% interval by Welch's method, which
 * does not assume the two rounds spread their ratings alike. The fractional degrees of freedom
 * are rounded down before looking up t, which widens the interval slightly (the cautious side).
 * Null when either side has fewer than two values.
 */
export function welchDifference(
  before: Pick<MeanInterval, 'n' | 'mean' | 'sd'>,
  after: Pick<MeanInterval, 'n' | 'mean' | 'sd'>,
): DifferenceInterval | null {
  if (before.n < 2 || after.n < 2 || before.sd === null || after.sd === null) return null;
  const change = after.mean - before.mean;
  const a = before.sd ** 2 / before.n;
  const b = after.sd ** 2 / after.n;
  const se = Math.sqrt(a + b);
  if (se === 0) return { change, low: change, high: change, df: null };
  const df = (a + b) ** 2 / (a ** 2 / (before.n - 1) + b ** 2 / (after.n - 1));
  const half = tQuantile975(Math.max(1, Math.floor(df))) * se;
  return { change, low: change - half, high: change + half, df };
}
