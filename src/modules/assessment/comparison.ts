/**
 * The change since the previous round: for the same unit (or the whole organisation), the latest
 * closed round before this one. Per principle and group, the change in score with a 95% interval
 * (Welch). Guarantees: a change is given only where both rounds show that group's score, which
 * already needs at least MIN_GROUP people on each side, so a small group stays hidden in both.
 */
import { respondentGroups } from './policy.ts';
import type { RespondentGroup } from './policy.ts';
import type { RoundView } from './rounds.ts';
import type { DifferenceInterval, MeanInterval } from './stats.ts';
import { welchDifference } from './stats.ts';
import type { AssessmentRoundsTable } from './tables.ts';

/** One group's change on one principle. */
export interface GroupChange {
  before: MeanInterval;
  after: MeanInterval;
  difference: DifferenceInterval;
}

/** The comparison with the previous round, as the page, the CSV and the report read it. */
export interface RoundComparison {
  previous: RoundView;
  rows: {
    id: string;
    title: string;
    changes: Partial<Record<RespondentGroup, GroupChange>>;
  }[];
}

/**
 * The round before this one for the same unit: closed, and ending before this one ends (or, on
 * the same day, opening before it). Null when there is none.
 */
export function previousRoundOf(
  round: Pick<AssessmentRoundsTable, 'id' | 'unit_id' | 'opens_on' | 'closes_on'>,
  candidates: readonly AssessmentRoundsTable[],
  isClosedRound: (r: AssessmentRoundsTable) => boolean,
): AssessmentRoundsTable | null {
  const earlier = candidates.filter(
    (r) =>
      r.id !== round.id &&
      r.unit_id === round.unit_id &&
      isClosedRound(r) &&
      (r.closes_on < round.closes_on ||
        (r.closes_on === round.closes_on && r.opens_on < round.opens_on)),
  );
  earlier.sort(
    (a, b) =>
      b.closes_on.localeCompare(a.closes_on) ||
      b.opens_on.localeCompare(a.opens_on) ||
      a.id.localeCompare(b.id),
  );
  return earlier[0] ?? null;
}

/** What a comparison reads of a round's results. */
interface Scored {
  round: RoundView;
  sections: {
    id: string;
    title: string;
    score: Partial<Record<RespondentGroup, MeanInterval>>;
  }[];
}

/** Compares two rounds' principle scores (pure; both must be closed). */
export function compareRounds(before: Scored, after: Scored): RoundComparison {
  const rows = after.sections.map((section) => {
    const earlier = before.sections.find((s) => s.id === section.id);
    const changes: Partial<Record<RespondentGroup, GroupChange>> = {};
    for (const g of respondentGroups) {
      const a = section.score[g];
      const b = earlier?.score[g];
      if (!a || !b) continue;
      const difference = welchDifference(b, a);
      if (difference) changes[g] = { before: b, after: a, difference };
    }
    return { id: section.id, title: section.title, changes };
  });
  return { previous: before.round, rows };
}

/** The comparison as CSV rows: one per principle and group where both rounds are shown. */
export function comparisonCsvRows(comparison: RoundComparison | null): string[][] {
  const rows = [
    [
      'principle_id',
      'principle',
      'group',
      'previous_round',
      'previous_n',
      'previous_mean',
      'n',
      'mean',
      'change',
      'ci95_low',
      'ci95_high',
    ],
  ];
  if (!comparison) return rows;
  const f = (v: number) => v.toFixed(2);
  for (const row of comparison.rows) {
    for (const g of respondentGroups) {
      const c = row.changes[g];
      if (!c) continue;
      rows.push([
        row.id,
        row.title,
        g,
        comparison.previous.id,
        String(c.before.n),
        f(c.before.mean),
        String(c.after.n),
        f(c.after.mean),
        f(c.difference.change),
        f(c.difference.low),
        f(c.difference.high),
      ]);
    }
  }
  return rows;
}
