/**
 * How an SPC chart is drawn with Apache ECharts, shared by every module that shows one: the
 * measure with its mean and limits (stepping where a u-chart's limits change with the
 * denominator), special-cause points drawn larger and coloured, and the words for what the
 * latest point shows at the top. Colour is never the only sign: pages put the same words in text.
 */
import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';
import type { SpcChart, Variation } from './spc.ts';

/** The colour of a point by what it shows (blue better, orange worse, as Making Data Count). */
export const VARIATION_COLOUR: Record<Variation, string> = {
  improving: '#005eb8',
  concerning: '#ed8b00',
  'special cause': '#330072',
  'common cause': '#768692',
};

/** Short words for what a chart's latest point shows. */
export const VARIATION_TITLE: Record<Variation, string> = {
  improving: 'Improving',
  concerning: 'Concerning',
  'special cause': 'Special cause variation',
  'common cause': 'Common cause variation',
};

/** The chart's options; `last` is merged into the measure's series (for gap marks). */
export function spcChartOption(
  periods: string[],
  label: string,
  chart: SpcChart,
  last: Record<string, unknown> = {},
): EChartsOption {
  const round = (v: number | null) => (v === null ? null : Number(v.toFixed(2)));
  const line = (name: string, pick: (p: SpcChart['points'][number]) => number | null) => ({
    type: 'line' as const,
    name,
    step: 'middle' as const,
    symbol: 'none',
    silent: true,
    connectNulls: false,
    data: chart.points.map((p) => round(pick(p))),
  });
  const limitStyle = { type: 'dashed' as const, color: '#d5281b', width: 1 };
  return {
    title: {
      text: chart.latest ? VARIATION_TITLE[chart.latest] : 'Too few months to judge',
      right: 8,
      top: 0,
      textStyle: { fontSize: 13, fontWeight: 'bold', color: '#212b32' },
    },
    legend: { top: 0, left: 8, data: [label, 'Mean', 'Limits'] },
    grid: { left: 56, right: 16, top: 48, bottom: 32 },
    xAxis: { type: 'category', data: periods },
    yAxis: { type: 'value', name: label },
    series: [
      { ...line('Mean', (p) => p.mean), lineStyle: { color: '#425563', width: 1 } },
      { ...line('Limits', (p) => p.upper), lineStyle: limitStyle },
      { ...line('Limits', (p) => p.lower), lineStyle: limitStyle },
      {
        type: 'line',
        name: label,
        connectNulls: false,
        color: '#212b32',
        data: chart.points.map((p) => {
          const special = p.variation !== null && p.variation !== 'common cause';
          return {
            value: round(p.value),
            symbolSize: special ? 10 : 6,
            itemStyle: { color: p.variation ? VARIATION_COLOUR[p.variation] : '#768692' },
          };
        }),
        ...last,
      },
    ],
  };
}

/** Draws options as an SVG string on the server, with no inline styles (the page's CSP). */
export function drawSvg(option: EChartsOption, width = 720, height = 320): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: 'Arial, sans-serif', fontSize: 12 },
    ...option,
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg.replace(/ style="[^"]*"/g, '').replace(/<style[\s\S]*?<\/style>/g, '');
}
