/**
 * Draws an Apache ECharts option as a static SVG string on the server, shared by every module
 * that shows a chart (the use-of-force dashboard, self-assessment results). Charts sit beside a
 * table with the same figures, so nothing is shown only as a picture.
 */
import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';

/** The colours series take in turn (NHS identity colours). */
export const CHART_PALETTE = [
  '#005eb8',
  '#330072',
  '#007f3b',
  '#ffb81c',
  '#d5281b',
  '#41b6e6',
  '#768692',
  '#ae2573',
  '#00a499',
  '#ed8b00',
  '#425563',
  '#78be20',
  '#003087',
  '#7c2855',
  '#231f20',
];

/** Charts already drawn, by their options: the same figures always draw the same picture. */
const drawn = new Map<string, string>();
const DRAWN_KEPT = 200;

/**
 * The chart as SVG. Drawing costs far more than the rest of a page (see bench/README.md) and the
 * figures rarely change, so a chart is drawn once per set of figures and kept.
 */
export function renderChartSvg(option: EChartsOption, width = 720, height = 320): string {
  const key = JSON.stringify([option, width, height]);
  const kept = drawn.get(key);
  if (kept !== undefined) return kept;
  const svg = draw(option, width, height);
  if (drawn.size >= DRAWN_KEPT) drawn.delete(drawn.keys().next().value ?? '');
  drawn.set(key, svg);
  return svg;
}

function draw(option: EChartsOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({
    animation: false,
    color: CHART_PALETTE,
    textStyle: { fontFamily: 'Arial, sans-serif', fontSize: 12 },
    ...option,
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  // Inline style attributes are blocked by the page's content security policy; drop them.
  // (The only stylesheet ECharts adds is for hover effects, which a static chart does not need.)
  return svg.replace(/ style="[^"]*"/g, '').replace(/<style[\s\S]*?<\/style>/g, '');
}
