/**
 * The results views as CSV rows (csv-stringify writes them): the gap headline and the barriers
 * per group. Only what the page shows is written, so suppression holds in every download.
 */
import { respondentGroups } from './policy.ts';
import type { RoundResults } from './results.ts';

const f = (v: number) => v.toFixed(2);

/** The gap headline: one row per principle where staff and people are both shown. */
export function gapCsvRows(results: RoundResults): string[][] {
  const rows = [['principle_id', 'principle', 'staff_mean', 'people_mean', 'gap']];
  for (const g of results.gaps) rows.push([g.id, g.title, f(g.staff), f(g.people), f(g.gap)]);
  return rows;
}

/** Barriers ranked per group shown: how many of the group's responses ticked each. */
export function barriersCsvRows(results: RoundResults): string[][] {
  const rows = [['group', 'rank', 'barrier_id', 'barrier', 'count', 'group_responses']];
  for (const g of respondentGroups) {
    const shown = results.groups.find((x) => x.group === g);
    const list = results.barriers[g];
    if (!shown?.shown || !list) continue;
    list.forEach((b, n) =>
      rows.push([g, String(n + 1), b.id, b.text, String(b.count), String(shown.responses)]),
    );
  }
  return rows;
}
