/**
 * Strip charts of principle scores across organisations: one dot per organisation (no names),
 * the median marked, and, for an administrator, their own organisation marked apart. The table
 * beside each chart holds the same figures and stays the accessible source.
 */
import { renderChartSvg } from '../../lib/svg-chart.ts';
import type { Distribution } from './national.ts';

const round2 = (v: number) => Math.round(v * 100) / 100;

/** One strip chart for a group's principles (only those with a distribution), or null. */
export function stripChart(
  distributions: readonly Distribution[],
  groupLabel: string,
): { svg: string; alt: string } | null {
  const shown = distributions.filter((d) => d.quantiles !== null);
  if (shown.length === 0) return null;
  const titles = shown.map((d) => d.title);
  const hasOwn = shown.some((d) => d.own !== null);
  const series: Record<string, unknown>[] = [
    {
      type: 'scatter',
      name: 'An organisation',
      symbolSize: 8,
      data: shown.flatMap((d, i) => d.scores.map((s) => [round2(s), i])),
    },
    {
      type: 'scatter',
      name: 'Middle (median)',
      symbol: 'rect',
      symbolSize: [4, 18],
      data: shown.map((d, i) => [round2(d.quantiles?.median ?? 0), i]),
    },
  ];
  if (hasOwn)
    series.push({
      type: 'scatter',
      name: 'Your organisation',
      symbol: 'diamond',
      symbolSize: 16,
      data: shown.flatMap((d, i) => (d.own ? [[round2(d.own.score), i]] : [])),
    });
  const svg = renderChartSvg(
    {
      legend: { top: 0, left: 8 },
      grid: { left: 300, right: 24, top: 40, bottom: 32 },
      yAxis: { type: 'category', data: titles, inverse: true },
      xAxis: { type: 'value', min: 1, max: 5, name: 'Score', nameGap: 8 },
      series,
    } as Parameters<typeof renderChartSvg>[0],
    720,
    80 + titles.length * 28,
  );
  return {
    svg,
    alt: `Dots for each organisation's principle score (1 to 5) from ${groupLabel.toLowerCase()}, with the middle marked${hasOwn ? ' and your organisation marked apart' : ''}. The same figures are in the table below.`,
  };
}
