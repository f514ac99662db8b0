/**
 * Per-round counts kept beside the responses, so a round's results are read from a few hundred
 * small rows instead of parsing every response (bench/README.md has the timings). Written in the
 * same transaction as each response. What they hold, per round and group only (never finer than
 * the groups the results page shows, and nothing about any one person's identity):
 * - `responses`: how many responses the group gave;
 * - `rating`: how many chose each answer to each statement;
 * - `barrier`: how many ticked each barrier;
 * - `person`: for each principle, people bucketed by which of its statements they rated 1 to 5,
 *   with the sum and the sum of squares of their rating totals, which is what the per-person
 *   principle score and its interval need.
 * Guarantees: results worked out from these equal results worked out from the raw responses
 * (aggregates.test.ts checks both on random data and on the demo); when they cannot (a person
 * rated a statement that is hidden for having too few ratings), `resultsFromAggregates` says so
 * and the caller works from the raw responses instead.
 */
import type { Instrument } from './instrument.ts';
import { ratingValues } from './instrument.ts';
import type { RespondentGroup } from './policy.ts';
import { respondentGroups } from './policy.ts';
import type { ItemFigures, RoundResults } from './result-types.ts';
import { MIN_GROUP, groupLabels } from './groups.ts';
import type { RoundView } from './rounds.ts';
import type { MeanInterval } from './stats.ts';
import { tQuantile975 } from './stats.ts';
import type { AggregateCount } from './aggregate-deltas.ts';

export type { AggregateCount, AggregatedResponse } from './aggregate-deltas.ts';
export { aggregateDeltas } from './aggregate-deltas.ts';

/** A mean with its 95% t interval from a count, a sum and a sum of squares. */
export function meanFromSums(n: number, sum: number, sumSquares: number): MeanInterval | null {
  if (n === 0) return null;
  const mean = sum / n;
  if (n < 2) return { n, mean, low: null, high: null, sd: null };
  const sd = Math.sqrt(Math.max(0, (sumSquares - n * mean * mean) / (n - 1)));
  const half = (tQuantile975(n - 1) * sd) / Math.sqrt(n);
  return { n, mean, low: mean - half, high: mean + half, sd };
}

/** The same from a count of each rating, summing squared distances as the raw path does. */
function meanFromRatingCounts(counts: Record<string, number>): MeanInterval | null {
  let n = 0;
  let sum = 0;
  for (const k of ['1', '2', '3', '4', '5']) {
    n += counts[k] ?? 0;
    sum += Number(k) * (counts[k] ?? 0);
  }
  if (n === 0) return null;
  const mean = sum / n;
  if (n < 2) return { n, mean, low: null, high: null, sd: null };
  let squares = 0;
  for (const k of ['1', '2', '3', '4', '5']) squares += (counts[k] ?? 0) * (Number(k) - mean) ** 2;
  const sd = Math.sqrt(squares / (n - 1));
  const half = (tQuantile975(n - 1) * sd) / Math.sqrt(n);
  return { n, mean, low: mean - half, high: mean + half, sd };
}

/**
 * A round's results from its aggregate counts and its comments (in key order), exactly as
 * `computeResults` would give them from the raw responses; null when a person's principle score
 * would need a statement that is hidden, which only raw responses can give.
 */
export function resultsFromAggregates(
  round: RoundView,
  instrument: Instrument,
  counts: readonly AggregateCount[],
  commentsInOrder: readonly { group: string; comment: string }[],
): RoundResults | null {
  const byKey = new Map<string, AggregateCount[]>();
  for (const c of counts) {
    const k = `${c.group}\u0000${c.kind}\u0000${c.kind === 'responses' ? '' : c.key}`;
    const list = byKey.get(k) ?? [];
    list.push(c);
    byKey.set(k, list);
  }
  const rowsOf = (g: string, kind: AggregateCount['kind'], key: string) =>
    byKey.get(`${g}\u0000${kind}\u0000${key}`) ?? [];
  const responsesOf = (g: RespondentGroup) =>
    rowsOf(g, 'responses', '').reduce((s, r) => s + r.n, 0);
  const shownGroups = respondentGroups.filter((g) => responsesOf(g) >= MIN_GROUP);
  const groups = respondentGroups.map((g) => {
    const n = responsesOf(g);
    return {
      group: g,
      label: groupLabels[g],
      shown: n >= MIN_GROUP,
      responses: n >= MIN_GROUP ? n : null,
    };
  });

  const sections: RoundResults['sections'] = [];
  for (const section of instrument.sections) {
    const score: Partial<Record<RespondentGroup, MeanInterval>> = {};
    const items = section.items.map((item) => ({
      id: item.id,
      text: item.text,
      staffOnly: item.staffOnly === true,
      figures: {} as Partial<Record<RespondentGroup, ItemFigures>>,
    }));
    for (const g of shownGroups) {
      const shown = new Set<string>();
      for (const item of items) {
        const itemCounts: Record<string, number> = Object.fromEntries(
          ratingValues.map((v) => [v, 0]),
        );
        for (const r of rowsOf(g, 'rating', item.id)) itemCounts[r.bucket] = r.n;
        const mean = meanFromRatingCounts(itemCounts);
        if (!mean || mean.n < MIN_GROUP) continue;
        item.figures[g] = { counts: itemCounts, mean };
        shown.add(item.id);
      }
      let n = 0;
      let sum = 0;
      let sumSquares = 0;
      for (const bucket of rowsOf(g, 'person', section.id)) {
        const rated = bucket.bucket.split(',');
        if (!rated.every((id) => shown.has(id))) {
          // Someone rated a hidden statement: their score over the shown ones needs their
          // own answers, so only the raw responses can give it.
          return null;
        }
        n += bucket.n;
        sum += bucket.total / rated.length;
        sumSquares += bucket.totalSquares / rated.length ** 2;
      }
      const mean = n >= MIN_GROUP ? meanFromSums(n, sum, sumSquares) : null;
      if (mean) score[g] = mean;
    }
    sections.push({ id: section.id, title: section.title, kind: section.kind, score, items });
  }

  const gaps = sections
    .flatMap((s) => {
      const { staff, people } = s.score;
      if (!staff || !people) return [];
      return [
        {
          id: s.id,
          title: s.title,
          staff: staff.mean,
          people: people.mean,
          gap: staff.mean - people.mean,
        },
      ];
    })
    .sort((a, b) => b.gap - a.gap || a.title.localeCompare(b.title));

  const barriers: RoundResults['barriers'] = {};
  const comments: RoundResults['comments'] = {};
  for (const g of shownGroups) {
    barriers[g] = instrument.barrierGroups
      .flatMap((bg) => bg.items)
      .map((b) => ({
        id: b.id,
        text: b.text,
        count: rowsOf(g, 'barrier', b.id).reduce((s, r) => s + r.n, 0),
      }))
      .sort((a, b) => b.count - a.count || a.text.localeCompare(b.text));
    comments[g] = commentsInOrder.filter((c) => c.group === g).map((c) => c.comment);
  }
  return {
    round,
    instrument,
    ready: true,
    groups,
    sections,
    gaps,
    barriers,
    comments,
    comparison: null,
  };
}

/**
 * True when a round's figures can come from its counts. Counts are written in the same
 * transaction as each response, and rebuilt whole in one, so a round with any counts has
 * counted every response; a round with none is in step only when it has no response at all
 * (rounds written before migration 0032 and not yet rebuilt: their results come from the raw
 * responses). Only that last case asks the database whether a response exists.
 */
export async function aggregatesInStep(
  counts: readonly AggregateCount[],
  hasResponses: () => Promise<boolean>,
): Promise<boolean> {
  return counts.some((c) => c.kind === 'responses') || !(await hasResponses());
}
