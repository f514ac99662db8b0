/**
 * Server-rendered SVG charts with Apache ECharts (no chart code of our own). Each chart sits
 * beside a data table with the same figures, so nothing is shown only as a picture. Suppressed
 * counts are left as gaps, never drawn as a value.
 */
import type { EChartsOption } from 'echarts';
import type { SpcChart } from '../../lib/spc.ts';
import { drawSpcChart } from '../../lib/spc-chart.ts';
import { renderChartSvg } from '../../lib/svg-chart.ts';

// The drawing (and keeping drawn charts) is shared with other modules' charts.
function render(option: EChartsOption, width = 720, height = 320): string {
  return renderChartSvg(option, width, height);
}

/** The words drawn at a month whose figure is not shown. */
export const GAP_LABEL = 'not shown:\nfewer than 5';

/**
 * A dashed line with a label at each month not shown, so a gap reads as a gap and never as a
 * line that stops. Only the first month of a run is labelled, so labels do not overlap.
 */
function gapMarks(periods: string[], gaps: readonly boolean[]) {
  const data = periods.flatMap((p, n) =>
    gaps[n]
      ? [{ xAxis: p, label: { show: !gaps[n - 1], formatter: GAP_LABEL, color: '#425563' } }]
      : [],
  );
  return {
    silent: true,
    symbol: 'none',
    lineStyle: { type: 'dashed' as const, color: '#768692' },
    label: { position: 'insideEndTop' as const, fontSize: 11 },
    data,
  };
}

/** A stacked monthly bar chart, one series per intervention type; months not shown are marked. */
export function stackedMonthlyChart(
  periods: string[],
  series: { label: string; values: (number | null)[] }[],
  gaps: readonly boolean[] = [],
): string {
  return render(
    {
      // The legend sits above the plot and scrolls, so it never covers the axis labels.
      legend: { type: 'scroll', top: 0, left: 8, right: 8 },
      grid: { left: 48, right: 16, top: 56, bottom: 32 },
      xAxis: { type: 'category', data: periods },
      yAxis: { type: 'value', name: 'Interventions', nameGap: 8 },
      series: series.map((s, n) => ({
        type: 'bar',
        stack: 'all',
        name: s.label,
        data: s.values,
        ...(n === 0 ? { markLine: gapMarks(periods, gaps) } : {}),
      })),
    },
    720,
    360,
  );
}

/** A line chart of one measure by month: gaps where not shown, each marked and labelled. */
export function lineChart(
  periods: string[],
  label: string,
  values: (number | null)[],
  gaps: readonly boolean[] = [],
): string {
  return render({
    grid: { left: 56, right: 16, top: 32, bottom: 32 },
    xAxis: { type: 'category', data: periods },
    yAxis: { type: 'value', name: label },
    series: [
      {
        type: 'line',
        name: label,
        data: values,
        connectNulls: false,
        symbolSize: 6,
        markLine: gapMarks(periods, gaps),
      },
    ],
  });
}

/**
 * Why a chart has nothing to draw, in words (null when it has something): nothing recorded,
 * every figure too small to show, or no denominator entered.
 */
export function emptyReason(
  values: readonly (number | null)[],
  gaps: readonly boolean[],
  noDenominator: string | null = null,
): string | null {
  if (values.some((v) => v !== null && v > 0)) return null;
  if (gaps.some(Boolean))
    return 'Nothing to draw: every figure here is fewer than 5, so none is shown.';
  if (noDenominator) return `Nothing to draw: ${noDenominator}`;
  return 'Nothing to draw: no use of force was recorded in these months.';
}

/** A horizontal bar chart of named values (gaps where not shown). */
export function barChart(
  labels: string[],
  label: string,
  values: (number | null)[],
  height = 260,
): string {
  return render(
    {
      grid: { left: 260, right: 24, top: 16, bottom: 32 },
      yAxis: { type: 'category', data: labels, inverse: true },
      xAxis: { type: 'value', name: label },
      series: [{ type: 'bar', name: label, data: values }],
    },
    720,
    height,
  );
}

/**
 * A statistical process control chart of a measure by month (src/lib/spc-chart.ts draws the
 * mean, limits and coloured special-cause points); months not shown stay marked gaps.
 */
export function spcLineChart(
  periods: string[],
  label: string,
  chart: SpcChart,
  gaps: readonly boolean[] = [],
): string {
  return drawSpcChart(periods, label, chart, { gaps, gapLabel: GAP_LABEL });
}
