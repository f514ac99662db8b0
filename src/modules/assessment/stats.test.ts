import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { meanFromCounts, meanWithInterval, tQuantile975, welchDifference } from './stats.ts';

function near(actual: number | null, expected: number, places = 3): void {
  assert.ok(
    actual !== null && Math.abs(actual - expected) < 10 ** -places,
    `${actual} ≉ ${expected}`,
  );
}

describe('mean with a 95% interval', () => {
  it('matches a worked example: 1, 2, 3, 4, 5', () => {
    // mean 3; s = √2.5 = 1.5811; se = 0.7071; t(4) = 2.776; half-width 1.963
    const r = meanWithInterval([1, 2, 3, 4, 5])!;
    near(r.mean, 3);
    near(r.low, 1.037);
    near(r.high, 4.963);
  });

  it('matches a worked example: ten ratings of 4, 4, 5, 3, 4, 5, 2, 4, 4, 5', () => {
    // mean 4; sum of squares 8; s = √(8/9) = 0.9428; se = 0.2981; t(9) = 2.262; half 0.6744
    const r = meanWithInterval([4, 4, 5, 3, 4, 5, 2, 4, 4, 5])!;
    near(r.mean, 4);
    near(r.low, 3.3256);
    near(r.high, 4.6744);
  });

  it('gives the same answer from counts', () => {
    const r = meanFromCounts({ 2: 1, 3: 1, 4: 5, 5: 3 })!;
    near(r.low, 3.3256);
    assert.equal(r.n, 10);
  });

  it('has no interval for one value and nothing for none; all alike gives a zero-width interval', () => {
    assert.deepEqual(meanWithInterval([4]), { n: 1, mean: 4, low: null, high: null, sd: null });
    assert.equal(meanWithInterval([]), null);
    const same = meanWithInterval([3, 3, 3, 3, 3])!;
    assert.equal(same.low, 3);
    assert.equal(same.high, 3);
  });

  it('uses t beyond the table close to the exact values', () => {
    near(tQuantile975(40), 2.0211, 3);
    near(tQuantile975(120), 1.9799, 3);
    near(tQuantile975(30), 2.042);
    assert.throws(() => tQuantile975(0), RangeError);
  });
});

describe('the change between two rounds, with a Welch 95% interval', () => {
  it('matches a worked example: 2, 3, 3, 4, 3 before and 3, 4, 5, 4, 4, 5 after', () => {
    // Before: n 5, mean 3, squares about the mean 1+0+0+1+0 = 2, variance 2/4 = 0.5.
    // After: n 6, mean 25/6 = 4.1667, squares 1.3611+0.0278+0.6944+0.0278+0.0278+0.6944
    //   = 2.8333, variance 2.8333/5 = 0.5667.
    // Change 4.1667 - 3 = 1.1667. Variances of the means: 0.5/5 = 0.1 and 0.5667/6 = 0.09444;
    //   se = √0.19444 = 0.44096.
    // Welch df = 0.19444² / (0.1²/4 + 0.09444²/5) = 0.037809 / 0.0042839 = 8.826, rounded
    //   down to 8: t(8) = 2.306, half-width 2.306 × 0.44096 = 1.0169.
    // Interval 1.1667 ± 1.0169 = 0.1498 to 2.1835.
    const before = meanWithInterval([2, 3, 3, 4, 3])!;
    const after = meanWithInterval([3, 4, 5, 4, 4, 5])!;
    const d = welchDifference(before, after)!;
    near(d.change, 1.1667);
    near(d.df, 8.826);
    near(d.low, 0.1498);
    near(d.high, 2.1835);
  });

  it('is symmetric: swapping the rounds flips the sign and the interval', () => {
    const x = meanWithInterval([2, 3, 3, 4, 3])!;
    const y = meanWithInterval([3, 4, 5, 4, 4, 5])!;
    const d = welchDifference(y, x)!;
    near(d.change, -1.1667);
    near(d.low, -2.1835);
    near(d.high, -0.1498);
  });

  it('gives a zero-width interval when both rounds answered all alike, and nothing for one value', () => {
    const same = welchDifference(meanWithInterval([3, 3, 3])!, meanWithInterval([4, 4])!)!;
    assert.deepEqual([same.change, same.low, same.high, same.df], [1, 1, 1, null]);
    assert.equal(welchDifference(meanWithInterval([3])!, meanWithInterval([4, 4])!), null);
  });
});
