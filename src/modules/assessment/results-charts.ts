/**
 * The results page's charts: ECharts SVG drawn on the server, each with a sentence that says
 * what it shows. The tables beside them hold the same figures and stay the accessible source; a
 * group or statement not shown in the tables is a gap in the chart, never a value.
 */
import { renderChartSvg } from '../../lib/svg-chart.ts';
import { respondentGroups } from './policy.ts';
import type { RoundResults } from './results.ts';
import { groupLabels } from './results.ts';

/** One chart: the SVG and the words that stand in for it. */
export interface ResultsChart {
  svg: string;
  alt: string;
}

const round2 = (v: number) => Math.round(v * 100) / 100;

function shownGroups(results: RoundResults) {
  return respondentGroups.filter((g) => results.groups.some((x) => x.group === g && x.shown));
}

/** Scores per principle, one bar per group shown, on the 1 to 5 scale. */
export function scoresChart(results: RoundResults): ResultsChart | null {
  const groups = shownGroups(results);
  if (groups.length === 0) return null;
  const titles = results.sections.map((s) => s.title);
  const svg = renderChartSvg(
    {
      legend: { top: 0, left: 8 },
      grid: { left: 300, right: 24, top: 40, bottom: 32 },
      yAxis: { type: 'category', data: titles, inverse: true },
      xAxis: { type: 'value', min: 1, max: 5, name: 'Score', nameGap: 8 },
      series: groups.map((g) => ({
        type: 'bar',
        name: groupLabels[g],
        data: results.sections.map((s) => {
          const m = s.score[g];
          return m ? round2(m.mean) : null;
        }),
      })),
    },
    720,
    80 + titles.length * 16 * groups.length,
  );
  return {
    svg,
    alt: `Bar chart of each principle's score (1 to 5) for ${groups
      .map((g) => groupLabels[g].toLowerCase())
      .join(', ')}. The same figures are in the tables below.`,
  };
}

/** The gap per principle: staff score minus people's score. */
export function gapChart(results: RoundResults): ResultsChart | null {
  if (results.gaps.length === 0) return null;
  const svg = renderChartSvg(
    {
      grid: { left: 300, right: 24, top: 16, bottom: 40 },
      yAxis: { type: 'category', data: results.gaps.map((g) => g.title), inverse: true },
      xAxis: { type: 'value', name: 'Staff minus people', nameLocation: 'middle', nameGap: 24 },
      series: [{ type: 'bar', name: 'Gap', data: results.gaps.map((g) => round2(g.gap)) }],
    },
    720,
    60 + results.gaps.length * 24,
  );
  const top = results.gaps[0];
  const alt = top
    ? `Bar chart of the gap for each principle. The largest is ${top.title}: staff ${round2(
        top.staff,
      )}, people who use the service ${round2(top.people)}. The same figures are in the table below.`
    : '';
  return { svg, alt };
}

/** How often each barrier was ticked, one bar per group shown (barriers nobody ticked left out). */
export function barriersChart(results: RoundResults): ResultsChart | null {
  const groups = shownGroups(results);
  const texts = new Map<string, string>();
  for (const g of groups)
    for (const b of results.barriers[g] ?? []) if (b.count > 0) texts.set(b.id, b.text);
  if (groups.length === 0 || texts.size === 0) return null;
  const ids = [...texts.keys()];
  const svg = renderChartSvg(
    {
      legend: { top: 0, left: 8 },
      grid: { left: 300, right: 24, top: 40, bottom: 32 },
      yAxis: { type: 'category', data: ids.map((id) => texts.get(id) ?? id), inverse: true },
      xAxis: { type: 'value', name: 'Times ticked', nameGap: 8, minInterval: 1 },
      series: groups.map((g) => ({
        type: 'bar',
        name: groupLabels[g],
        data: ids.map((id) => results.barriers[g]?.find((b) => b.id === id)?.count ?? 0),
      })),
    },
    720,
    80 + ids.length * 14 * groups.length,
  );
  return {
    svg,
    alt: 'Bar chart of how many people in each group ticked each barrier. The same figures are in the lists below.',
  };
}

/** The change in each principle's score since the previous round, one bar per group. */
export function comparisonChart(results: RoundResults): ResultsChart | null {
  const comparison = results.comparison;
  if (!comparison) return null;
  const rows = comparison.rows.filter((r) => Object.keys(r.changes).length > 0);
  const groups = respondentGroups.filter((g) => rows.some((r) => r.changes[g]));
  if (rows.length === 0) return null;
  const svg = renderChartSvg(
    {
      legend: { top: 0, left: 8 },
      grid: { left: 300, right: 24, top: 40, bottom: 40 },
      yAxis: { type: 'category', data: rows.map((r) => r.title), inverse: true },
      xAxis: { type: 'value', name: 'Change in score', nameLocation: 'middle', nameGap: 24 },
      series: groups.map((g) => ({
        type: 'bar',
        name: groupLabels[g],
        data: rows.map((r) => {
          const c = r.changes[g];
          return c ? round2(c.difference.change) : null;
        }),
      })),
    },
    720,
    80 + rows.length * 16 * groups.length,
  );
  return {
    svg,
    alt: `Bar chart of how much each principle's score changed since ${comparison.previous.title}, for ${groups
      .map((g) => groupLabels[g].toLowerCase())
      .join(', ')}. The same figures, with their intervals, are in the table below.`,
  };
}

/** Every chart of the results page. */
export function resultsCharts(results: RoundResults) {
  if (!results.ready) return { scores: null, gap: null, barriers: null, comparison: null };
  return {
    scores: scoresChart(results),
    gap: gapChart(results),
    barriers: barriersChart(results),
    comparison: comparisonChart(results),
  };
}
