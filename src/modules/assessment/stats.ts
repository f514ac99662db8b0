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

/** A mean with its 95% interval (low and high are null with fewer than two values). */
export interface MeanInterval {
  n: number;
  mean: number;
  low: number | null;
  high: number | null;
}

/** The mean of some values with a 95% t interval. */
export function meanWithInterval(values: readonly number[]): MeanInterval | null {
  const n = values.length;
  if (n === 0) return null;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { n, mean, low: null, high: null };
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
  const half = (tQuantile975(n - 1) * Math.sqrt(variance)) / Math.sqrt(n);
  return { n, mean, low: mean - half, high: mean + half };
}

/** The same from a count of each rating (1 to 5), without listing every value. */
export function meanFromCounts(counts: Readonly<Record<number, number>>): MeanInterval | null {
  const values: number[] = [];
  for (const [rating, count] of Object.entries(counts)) {
    for (let i = 0; i < count; i += 1) values.push(Number(rating));
  }
  return meanWithInterval(values);
}
