/**
 * Draws an SPC chart as a small static SVG, shared by every module that shows one: the measure
 * with its mean and limits (stepping where a u-chart's limits change with the denominator),
 * special-cause points drawn larger and coloured, and the words for what the latest point shows
 * at the top. Written for these charts alone (ECharts took 100 ms or more per chart; this takes
 * well under 1 ms, see bench/README.md "bench:wards"). Colour is never the only sign: pages put
 * the same words in text, and every chart sits beside its figures.
 */
import type { SpcChart, SpcPoint, Variation } from './spc.ts';

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

/** Extra marks on an SPC chart: periods whose figure is not shown, with the words to mark them. */
export interface SpcDrawOptions {
  /** True at each period whose figure is withheld (drawn as a dashed line, never as a value). */
  gaps?: readonly boolean[];
  /** The words at the first period of each run of gaps (a newline breaks the line). */
  gapLabel?: string;
  width?: number;
  height?: number;
}

const GRID = { left: 56, right: 16, top: 48, bottom: 32 };
const INK = '#212b32';
const SECONDARY = '#425563';
const LIMIT = '#d5281b';
const FONT = 'font-family="Arial, sans-serif" font-size="12"';

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function fixed(n: number): string {
  return Number(n.toFixed(1)).toString();
}

/** A tick step of 1, 2 or 5 times a power of ten giving about five ticks. */
function tickStep(span: number): number {
  const rough = span / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const unit = rough / power;
  return (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10) * power;
}

/** The value range and ticks of the y axis, covering every value and limit. */
function yScale(points: readonly SpcPoint[]): { min: number; max: number; ticks: number[] } {
  const all = points.flatMap((p) => [p.value, p.upper, p.lower, p.mean]);
  const values = all.filter((v): v is number => v !== null && Number.isFinite(v));
  let low = Math.min(0, ...values);
  let high = Math.max(...values, 0);
  if (high === low) high = low + 1;
  const step = tickStep(high - low);
  low = Math.floor(low / step) * step;
  high = Math.ceil(high / step) * step;
  const ticks: number[] = [];
  for (let t = low; t <= high + step / 2; t += step) ticks.push(Number(t.toPrecision(12)));
  return { min: low, max: high, ticks };
}

/** A path through the values, broken at gaps; `step` draws each value across its own band. */
function pathOf(xs: number[], ys: (number | null)[], band: number, step: boolean): string {
  let d = '';
  let open = false;
  ys.forEach((y, i) => {
    const x = xs[i] as number;
    if (y === null) {
      open = false;
      return;
    }
    if (step) {
      d += open ? `H${fixed(x - band / 2)}V${fixed(y)}` : `M${fixed(x - band / 2)} ${fixed(y)}`;
      d += `H${fixed(x + band / 2)}`;
    } else d += `${open ? 'L' : 'M'}${fixed(x)} ${fixed(y)}`;
    open = true;
  });
  return d;
}

/**
 * The chart as an SVG string with a title and description for assistive technology. A pure
 * function of its input; presentation attributes only (inline styles break the page's CSP).
 */
export function drawSpcChart(
  periods: readonly string[],
  label: string,
  chart: SpcChart,
  options: SpcDrawOptions = {},
): string {
  const width = options.width ?? 720;
  const height = options.height ?? 320;
  const gaps = options.gaps ?? [];
  const plotW = width - GRID.left - GRID.right;
  const plotH = height - GRID.top - GRID.bottom;
  const count = Math.max(1, periods.length);
  const band = plotW / count;
  const xs = periods.map((_, i) => GRID.left + band * (i + 0.5));
  const { min, max, ticks } = yScale(chart.points);
  const y = (v: number | null) =>
    v === null ? null : GRID.top + plotH - ((v - min) / (max - min)) * plotH;
  const headline = chart.latest ? VARIATION_TITLE[chart.latest] : 'Too few months to judge';
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">`,
    `<title>${escapeXml(`${label}: ${headline}`)}</title>`,
    `<desc>${escapeXml(`Statistical process control chart of ${label} by month, ${periods[0] ?? ''} to ${periods.at(-1) ?? ''}, with the mean and the limits of usual variation.`)}</desc>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
  );
  // Grid lines and y axis labels.
  for (const t of ticks) {
    const ty = fixed(y(t) as number);
    parts.push(
      `<line x1="${GRID.left}" x2="${width - GRID.right}" y1="${ty}" y2="${ty}" stroke="#e8edee"/>`,
      `<text x="${GRID.left - 6}" y="${ty}" dy="4" text-anchor="end" fill="${SECONDARY}" ${FONT}>${escapeXml(String(t))}</text>`,
    );
  }
  const base = GRID.top + plotH;
  parts.push(
    `<line x1="${GRID.left}" x2="${width - GRID.right}" y1="${base}" y2="${base}" stroke="${SECONDARY}"/>`,
  );
  // x axis labels, spaced so they do not overlap (at least 64px apart).
  const every = Math.max(1, Math.ceil(64 / band));
  periods.forEach((p, i) => {
    if (i % every !== 0) return;
    parts.push(
      `<text x="${fixed(xs[i] as number)}" y="${base + 18}" text-anchor="middle" fill="${SECONDARY}" ${FONT}>${escapeXml(p)}</text>`,
    );
  });
  // Gaps: a dashed line at each month not shown, words at the first of a run.
  gaps.forEach((gap, i) => {
    if (!gap || i >= xs.length) return;
    const gx = fixed(xs[i] as number);
    parts.push(
      `<line x1="${gx}" x2="${gx}" y1="${GRID.top}" y2="${base}" stroke="${SECONDARY}" stroke-dasharray="4 3"/>`,
    );
    if (gaps[i - 1]) return;
    const lines = (options.gapLabel ?? 'not shown').split('\n');
    const spans = lines
      .map((l, n) => `<tspan x="${gx}" dy="${n === 0 ? 0 : 14}">${escapeXml(l)}</tspan>`)
      .join('');
    parts.push(`<text x="${gx}" y="${GRID.top + 12}" fill="${SECONDARY}" ${FONT}>${spans}</text>`);
  });
  // Mean and limits, stepping where they change.
  const pick = (f: (p: SpcPoint) => number | null) => chart.points.map((p) => y(f(p)));
  parts.push(
    `<path d="${pathOf(
      xs,
      pick((p) => p.mean),
      band,
      true,
    )}" fill="none" stroke="${SECONDARY}" stroke-width="1"/>`,
    `<path d="${pathOf(
      xs,
      pick((p) => p.upper),
      band,
      true,
    )}" fill="none" stroke="${LIMIT}" stroke-dasharray="5 4"/>`,
    `<path d="${pathOf(
      xs,
      pick((p) => p.lower),
      band,
      true,
    )}" fill="none" stroke="${LIMIT}" stroke-dasharray="5 4"/>`,
    `<path d="${pathOf(
      xs,
      pick((p) => p.value),
      band,
      false,
    )}" fill="none" stroke="${INK}" stroke-width="2"/>`,
  );
  // Points: special causes larger and coloured by what they show.
  chart.points.forEach((p, i) => {
    const py = y(p.value);
    if (py === null) return;
    const special = p.variation !== null && p.variation !== 'common cause';
    const colour = p.variation ? VARIATION_COLOUR[p.variation] : VARIATION_COLOUR['common cause'];
    parts.push(
      `<circle cx="${fixed(xs[i] as number)}" cy="${fixed(py)}" r="${special ? 5 : 3}" fill="${colour}" stroke="#ffffff"/>`,
    );
  });
  // Legend (top left) and what the latest point shows (top right).
  const legend = [
    { text: label, draw: `stroke="${INK}" stroke-width="2"` },
    { text: 'Mean', draw: `stroke="${SECONDARY}"` },
    { text: 'Limits', draw: `stroke="${LIMIT}" stroke-dasharray="5 4"` },
  ];
  let lx = 8;
  for (const item of legend) {
    parts.push(
      `<line x1="${lx}" x2="${lx + 24}" y1="12" y2="12" ${item.draw}/>`,
      `<text x="${lx + 30}" y="16" fill="${INK}" ${FONT}>${escapeXml(item.text)}</text>`,
    );
    lx += 30 + item.text.length * 6.5 + 16;
  }
  parts.push(
    `<text x="${width - 8}" y="16" text-anchor="end" fill="${INK}" font-family="Arial, sans-serif" font-size="13" font-weight="bold">${escapeXml(headline)}</text>`,
    '</svg>',
  );
  return parts.join('');
}
