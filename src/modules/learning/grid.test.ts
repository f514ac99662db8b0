/** The compliance arithmetic at its edges. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  addMonths,
  countByTopic,
  daysBetween,
  isDay,
  londonDay,
  standingFor,
  standingsFor,
  statusOn,
  uncoveredTopics,
} from './grid.ts';

describe('training grid arithmetic', () => {
  it('keeps a refresher to the last day of a shorter month', () => {
    assert.equal(addMonths('2026-01-31', 1), '2026-02-28');
    assert.equal(addMonths('2028-01-31', 1), '2028-02-29');
    assert.equal(addMonths('2026-03-31', 1), '2026-04-30');
    assert.equal(addMonths('2026-11-30', 3), '2027-02-28');
    assert.equal(addMonths('2026-05-15', 12), '2027-05-15');
    assert.equal(addMonths('2026-12-31', 12), '2027-12-31');
  });

  it('counts days across month and year ends', () => {
    assert.equal(daysBetween('2026-12-31', '2027-01-01'), 1);
    assert.equal(daysBetween('2026-03-01', '2026-02-28'), -1);
    // The clocks change in March; whole days still count as one each.
    assert.equal(daysBetween('2026-03-28', '2026-03-30'), 2);
  });

  it('is in date on the due day, due soon at exactly 60 days and overdue the day after', () => {
    assert.equal(statusOn('2026-08-01', '2026-08-01'), 'due-soon');
    assert.equal(statusOn('2026-08-01', '2026-08-02'), 'overdue');
    assert.equal(daysBetween('2026-06-02', '2026-08-01'), 60);
    assert.equal(statusOn('2026-08-01', '2026-06-02'), 'due-soon');
    assert.equal(statusOn('2026-08-01', '2026-06-01'), 'in-date');
  });

  it('takes the latest completion covering a topic, and says never when none does', () => {
    const completions = [
      { completedOn: '2024-01-10', refresherMonths: 12, topics: ['e', 'f'] as const },
      { completedOn: '2025-09-30', refresherMonths: 12, topics: ['e'] as const },
    ];
    assert.deepEqual(standingFor(completions, 'e', '2026-06-01'), {
      status: 'in-date',
      dueOn: '2026-09-30',
    });
    assert.deepEqual(standingFor(completions, 'f', '2026-06-01'), {
      status: 'overdue',
      dueOn: '2025-01-10',
    });
    assert.deepEqual(standingFor(completions, 'g', '2026-06-01'), { status: 'never', dueOn: null });
    const all = standingsFor(completions, '2026-08-05');
    assert.equal(all.e.status, 'due-soon');
    const counts = countByTopic([all, standingsFor([], '2026-08-05')]);
    assert.deepEqual(counts.e, { 'in-date': 0, 'due-soon': 1, overdue: 0, never: 1 });
    assert.deepEqual(counts.k, { 'in-date': 0, 'due-soon': 0, overdue: 0, never: 2 });
  });

  it('names the topics no course covers', () => {
    assert.deepEqual(uncoveredTopics([{ topics: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] }]), [
      'i',
      'j',
      'k',
    ]);
  });

  it('reads days in London and refuses days that do not exist', () => {
    assert.equal(londonDay(new Date('2026-06-30T23:30:00Z')), '2026-07-01');
    assert.equal(londonDay(new Date('2026-12-31T23:30:00Z')), '2026-12-31');
    assert.ok(isDay('2028-02-29'));
    assert.ok(!isDay('2026-02-29'));
    assert.ok(!isDay('2026-13-01'));
    assert.ok(!isDay('1/2/2026'));
  });
});
