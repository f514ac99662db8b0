/**
 * SPC rules against worked examples with limits worked out by hand, and the boundary of each
 * rule (one point short of a signal gives none; the signal itself gives one).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeVariation, uChart, xmrChart } from './spc.ts';
import type { SpcChart } from './spc.ts';

// The worked XmR baseline, by hand:
//   values             10 14 12 16  8 12 10 14        sum 96, mean = 96 / 8 = 12
//   moving ranges          4  2  4  8  4  2  4       sum 28, mean moving range = 28 / 7 = 4
//   limits    = 12 +/- 2.66 x 4 = 12 +/- 10.64       -> 1.36 to 22.64
//   2 sigma   = 12 +/- (2 / 3) x 10.64 = 12 +/- 7.0933 -> 4.9067 to 19.0933
// Nothing in the baseline itself is a signal: no point outside, longest run 1, longest trend 2.
const BASE = [10, 14, 12, 16, 8, 12, 10, 14];
const near = (a: number | null, b: number) =>
  assert.ok(a !== null && Math.abs(a - b) < 1e-3, `${a} is not ${b}`);
const fixed = (values: (number | null)[], better: 'up' | 'down' | 'neither' = 'down') =>
  xmrChart([...BASE, ...values], { better, baselineLength: BASE.length });
const rulesAt = (chart: SpcChart, i: number) => chart.points[i]!.signals.map((s) => s.rule);
const flagged = (chart: SpcChart, rule: string) =>
  chart.points.flatMap((p, i) => (p.signals.some((s) => s.rule === rule) ? [i] : []));

describe('XmR chart', () => {
  it('computes the worked example: mean 12, limits 1.36 to 22.64, 2 sigma lines', () => {
    const chart = xmrChart(BASE, { better: 'down' });
    const p = chart.points[0]!;
    near(p.mean, 12);
    near(p.upper, 22.64);
    near(p.lower, 1.36);
    near(p.nearUpper, 19.0933);
    near(p.nearLower, 4.9067);
    assert.deepEqual(
      chart.points.map((x) => x.variation),
      BASE.map(() => 'common cause'),
    );
    assert.equal(chart.latest, 'common cause');
    assert.equal(chart.provisional, true, 'eight points make first-guess limits');
  });

  it('flags a point outside the limits, not one just inside', () => {
    assert.deepEqual(rulesAt(fixed([22.6]), 8), []);
    assert.deepEqual(rulesAt(fixed([22.7]), 8), ['outside']);
    assert.deepEqual(rulesAt(fixed([1.3]), 8), ['outside']);
    assert.deepEqual(rulesAt(fixed([1.4]), 8), []);
  });

  it('labels a signal by which direction is better', () => {
    assert.equal(fixed([30], 'down').latest, 'concerning');
    assert.equal(fixed([30], 'up').latest, 'improving');
    assert.equal(fixed([30], 'neither').latest, 'special cause');
    assert.equal(fixed([0], 'down').latest, 'improving');
    assert.equal(fixed([0], 'up').latest, 'concerning');
  });

  it('needs 7 points in a row on one side of the mean for a run: 6 are not enough', () => {
    // 12 sits on the mean and ends the baseline's last run before the test points start.
    const six = fixed([12, 13, 13, 13, 13, 13, 13]);
    assert.deepEqual(flagged(six, 'run'), []);
    const seven = fixed([12, 13, 13, 13, 13, 13, 13, 13]);
    assert.deepEqual(flagged(seven, 'run'), [9, 10, 11, 12, 13, 14, 15]);
    assert.equal(seven.latest, 'concerning');
    const below = fixed([12, 11, 11, 11, 11, 11, 11, 11], 'down');
    assert.equal(below.latest, 'improving');
    // A point on the mean breaks a run.
    assert.deepEqual(flagged(fixed([12, 13, 13, 13, 12, 13, 13, 13]), 'run'), []);
  });

  it('needs 6 points each rising (or falling) for a trend: 5 are not enough', () => {
    const five = fixed([12, 8, 9, 10, 11, 13]);
    assert.deepEqual(flagged(five, 'trend'), []);
    const six = fixed([12, 8, 9, 10, 11, 13, 14]);
    assert.deepEqual(flagged(six, 'trend'), [9, 10, 11, 12, 13, 14]);
    assert.equal(six.latest, 'concerning');
    const falling = fixed([12, 16, 15, 14, 13, 11, 10], 'down');
    assert.deepEqual(flagged(falling, 'trend'), [9, 10, 11, 12, 13, 14]);
    assert.equal(falling.latest, 'improving');
    // A repeated value is not a rise: the trend stops there.
    assert.deepEqual(flagged(fixed([12, 8, 9, 10, 10, 11, 13]), 'trend'), []);
  });

  it('flags 2 of 3 points beyond 2 sigma on one side, not 1 of 3 nor 2 on opposite sides', () => {
    assert.deepEqual(flagged(fixed([12, 20, 12, 20]), 'two-of-three'), [9, 11]);
    assert.deepEqual(flagged(fixed([12, 20, 20]), 'two-of-three'), [9, 10]);
    assert.deepEqual(flagged(fixed([12, 20, 12, 12, 20]), 'two-of-three'), []);
    assert.deepEqual(flagged(fixed([12, 20, 4, 12]), 'two-of-three'), []);
    assert.deepEqual(flagged(fixed([12, 4, 12, 4.5]), 'two-of-three'), [9, 11]);
    // 19 is inside the 2 sigma line (19.09): no signal.
    assert.deepEqual(flagged(fixed([12, 19, 19]), 'two-of-three'), []);
  });

  it('recalculates the limits from a baseline change, which removes a shift explained by it', () => {
    const before = [20, 22, 19, 21, 20, 18, 22, 21, 19, 20, 21, 19];
    const after = [10, 11, 9, 10, 12, 9, 10, 11, 10, 9, 11, 10];
    const one = xmrChart([...before, ...after], { better: 'down', baselineLength: 12 });
    assert.equal(one.latest, 'improving');
    assert.ok(flagged(one, 'run').includes(23));
    const two = xmrChart([...before, ...after], { better: 'down', phaseStarts: [12] });
    near(two.points[0]!.mean, 20.1667);
    near(two.points[12]!.mean, 10.1667);
    assert.equal(two.points[12]!.phase, 1);
    assert.equal(two.latest, 'common cause');
    assert.deepEqual(flagged(two, 'outside'), []);
    assert.equal(two.provisional, false);
    // The moving range across the change does not widen the second phase's limits:
    // second phase ranges 1 2 1 2 3 1 1 1 1 2 1 -> mean 16 / 11; limits 10.1667 +/- 2.66 x 1.4545.
    near(two.points[12]!.upper, 10.1667 + 2.66 * (16 / 11));
  });

  it('treats a missing value as a gap that a run or trend cannot cross', () => {
    const gapped = fixed([12, 13, 13, 13, null, 13, 13, 13, 13]);
    assert.deepEqual(flagged(gapped, 'run'), []);
    assert.equal(gapped.points[12]!.variation, null);
    assert.equal(gapped.latest, 'common cause');
    const trend = fixed([12, 8, 9, 10, null, 11, 13, 14]);
    assert.deepEqual(flagged(trend, 'trend'), []);
    // With too few points there are no limits and no labels beyond common cause.
    const tiny = xmrChart([5], { better: 'down' });
    assert.equal(tiny.points[0]!.mean, null);
    assert.deepEqual(xmrChart([], { better: 'down' }).latest, null);
  });
});

// The worked u-chart, by hand: baseline counts 10, 20, 5 over 1,000, 2,000 and 500 bed days.
//   centre = 35 / 3,500 = 0.01 a bed day = 10 per 1,000
//   limits = 10 +/- 3 x sqrt(0.01 / bed days) x 1,000
//     1,000 bed days: +/- 9.4868 -> 0.513 to 19.487
//     2,000 bed days: +/- 6.7082 -> 3.292 to 16.708
//       500 bed days: +/- 13.416 -> below 0, so 0, to 23.416
describe('u-chart', () => {
  const counts = [10, 20, 5];
  const days = [1000, 2000, 500];
  const chart = (more: number[], moreDays: number[]) =>
    uChart([...counts, ...more], [...days, ...moreDays], {
      better: 'down',
      per: 1000,
      baselineLength: 3,
    });

  it('computes the worked limits, which vary with the bed days', () => {
    const c = uChart(counts, days, { better: 'down', per: 1000 });
    near(c.points[0]!.mean, 10);
    near(c.points[0]!.upper, 19.4868);
    near(c.points[0]!.lower, 0.5132);
    near(c.points[1]!.upper, 16.7082);
    near(c.points[2]!.upper, 23.4164);
    assert.equal(c.points[2]!.lower, 0);
    near(c.points[1]!.value, 10);
  });

  it('judges the same rate by its own bed days: 22 per 1,000 is outside at 1,000, inside at 500', () => {
    assert.deepEqual(rulesAt(chart([22], [1000]), 3), ['outside']);
    assert.deepEqual(rulesAt(chart([11], [500]), 3), []);
    assert.equal(chart([22], [1000]).latest, 'concerning');
  });

  it('leaves a month with no bed days or no count as a gap', () => {
    const c = uChart([10, null, 3, 12], [1000, 1000, 0, 1000], { better: 'down', per: 1000 });
    assert.equal(c.points[1]!.value, null);
    assert.equal(c.points[2]!.value, null);
    assert.equal(c.points[2]!.mean, null);
    near(c.points[3]!.mean, 11);
  });
});

describe('describeVariation', () => {
  it('says in words what each label means', () => {
    assert.match(describeVariation('improving'), /^Improving/);
    assert.match(describeVariation('concerning'), /^Concerning/);
    assert.match(describeVariation('common cause'), /^Common cause variation/);
    assert.match(describeVariation(null), /Not enough/);
  });
});
