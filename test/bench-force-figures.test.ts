// The check bench/force.ts runs before timing: Hearth's and DuckDB's figures must agree, with
// the only tolerance where Hearth reads a median from duration buckets.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  FLOAT_TOLERANCE,
  differences,
  duckFigures,
  hearthFigures,
  medianAgrees,
  medianBounds,
} from '../bench/force-figures.ts';
import type { ExactFigures, Figures } from '../bench/force-figures.ts';

function figures(values: [string, number][], medians: [string, number | null][] = []): Figures {
  return { values: new Map(values), medians: new Map(medians) };
}

function exact(
  values: [string, number][],
  medians: [string, { median: number; lowerMiddle: number; upperMiddle: number } | null][] = [],
): ExactFigures {
  return { values: new Map(values), medians: new Map(medians) };
}

describe('bench figures comparison', () => {
  it('passes equal figures, treating a missing key as zero', () => {
    const ours = figures([
      ['2026-01 incidents', 12],
      ['2026-02 incidents', 0],
    ]);
    const theirs = exact([['2026-01 incidents', 12]]);
    assert.deepEqual(differences('monthly', ours, theirs), []);
  });

  it('fails a count that is off by one', () => {
    const found = differences(
      'monthly',
      figures([['2026-01 incidents', 12]]),
      exact([['2026-01 incidents', 13]]),
    );
    assert.equal(found.length, 1);
    assert.match(found[0] ?? '', /2026-01 incidents: Hearth 12, DuckDB 13/);
  });

  it('fails a figure present on one side only', () => {
    assert.equal(differences('trend', figures([]), exact([['2026-01 type 01', 3]])).length, 1);
  });

  it('allows a mean to differ by the float tolerance and no more', () => {
    const mean = 37.25;
    const near = mean * (1 + FLOAT_TOLERANCE / 2);
    const far = mean * (1 + FLOAT_TOLERANCE * 10);
    assert.deepEqual(differences('d', figures([['mean', mean]]), exact([['mean', near]])), []);
    assert.equal(differences('d', figures([['mean', mean]]), exact([['mean', far]])).length, 1);
  });

  it('bounds a bucketed median by the buckets of the two middle durations', () => {
    // 65 minutes lies in the bucket 60–90.
    assert.deepEqual(medianBounds(65, 65), [60, 90]);
    // Middles in different buckets: from the first's lower bound to the second's upper bound.
    assert.deepEqual(medianBounds(28, 31), [25, 40]);
    // The last bucket is open-ended; medianFromBuckets gives it its lower bound as width.
    assert.deepEqual(medianBounds(30000, 30000), [20160, 40320]);
  });

  it('accepts a median inside its bucket and fails one outside it', () => {
    const m = { median: 65, lowerMiddle: 65, upperMiddle: 65 };
    assert.ok(medianAgrees(75, m));
    assert.ok(medianAgrees(60, m));
    assert.ok(!medianAgrees(59.9, m));
    assert.ok(!medianAgrees(95, m));
    const found = differences(
      'duration',
      figures([], [['median', 95]]),
      exact([], [['median', m]]),
    );
    assert.equal(found.length, 1);
    assert.match(found[0] ?? '', /allowed 60–90/);
  });

  it('requires an exact median under 10 minutes, where buckets are one minute wide', () => {
    assert.ok(medianAgrees(7, { median: 7, lowerMiddle: 7, upperMiddle: 7 }));
    assert.ok(!medianAgrees(7.5, { median: 7, lowerMiddle: 7, upperMiddle: 7 }));
    assert.ok(medianAgrees(7.5, { median: 7.5, lowerMiddle: 7, upperMiddle: 8 }));
  });

  it('fails when one side suppresses a median and the other does not', () => {
    const m = { median: 65, lowerMiddle: 65, upperMiddle: 65 };
    assert.equal(
      differences('duration', figures([], [['median', null]]), exact([], [['median', m]])).length,
      1,
    );
  });

  it('fails a DuckDB median that is not the mean of its two middles', () => {
    const m = { median: 70, lowerMiddle: 65, upperMiddle: 65 };
    assert.equal(
      differences('duration', figures([], [['median', 65]]), exact([], [['median', m]])).length,
      1,
    );
  });

  it('reads the same duration figures from both sides', () => {
    const ours = hearthFigures('duration', [
      { code: '01', interventions: 9, withDuration: 8, mean: 20.5, median: 17.5 },
      { code: '05', interventions: 3, withDuration: 3, mean: null, median: null },
    ]);
    const theirs = duckFigures(
      'duration',
      [
        [
          ['01', 9n, 8n, 20.5, 16],
          ['05', 3n, 3n, 100, 90],
        ],
      ],
      'unit',
      'u1',
      [['01', 15, 17]],
    );
    assert.deepEqual(differences('duration', ours, theirs), []);
    // Counts of 1 to 4 are suppressed on both sides: DuckDB's mean and median of type 05 are
    // not compared, but its counts are.
    const changed = duckFigures('duration', [[['01', 9n, 7n, 20.5, 16]]], 'unit', 'u1', [
      ['01', 15, 17],
    ]);
    assert.ok(differences('duration', ours, changed).length >= 2);
  });
});
