import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { meanFromCounts, meanWithInterval, tQuantile975 } from './stats.ts';

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
    assert.deepEqual(meanWithInterval([4]), { n: 1, mean: 4, low: null, high: null });
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
