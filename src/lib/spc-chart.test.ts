import { test } from 'node:test';
import assert from 'node:assert/strict';
import { uChart, xmrChart } from './spc.ts';
import { VARIATION_COLOUR, drawSpcChart } from './spc-chart.ts';

const months = Array.from(
  { length: 14 },
  (_, i) => `2026-${String((i % 12) + 1).padStart(2, '0')}`,
);

test('an SPC chart is one static SVG with a title, limits, coloured signals and no inline styles', () => {
  // Twelve steady months, then a fall far below the lower limit: the last two are improving.
  const values = [10, 11, 9, 10, 12, 10, 9, 11, 10, 10, 11, 9, 1, 1];
  const chart = xmrChart(values, { better: 'down', baselineLength: 12 });
  assert.equal(chart.latest, 'improving');
  const svg = drawSpcChart(months, 'Conflict <per shift> & more', chart);
  assert.match(svg, /^<svg [^>]*role="img"/);
  assert.match(svg, /<title>Conflict &lt;per shift&gt; &amp; more: Improving<\/title>/);
  assert.match(svg, /<desc>[^<]+<\/desc>/);
  assert.equal((svg.match(/<circle /g) ?? []).length, 14);
  assert.equal(
    (svg.match(new RegExp(`r="5" fill="${VARIATION_COLOUR.improving}"`, 'g')) ?? []).length,
    2,
  );
  assert.doesNotMatch(svg, / style=/);
  assert.doesNotMatch(svg, /<script/);
  assert.doesNotMatch(svg, /NaN|undefined/);
  assert.match(svg, /stroke="#d5281b" stroke-dasharray/, 'limits drawn dashed');
});

test('gaps break the line and are marked with words once per run', () => {
  const values = [3, null, null, 4, 5, 3, 4, 5, 3, 4, 4, 3, 5, 4];
  const chart = xmrChart(values, { better: 'down' });
  const gaps = values.map((v) => v === null);
  const svg = drawSpcChart(months, 'Rate', chart, { gaps, gapLabel: 'not shown:\nfewer than 5' });
  assert.equal((svg.match(/<circle /g) ?? []).length, 12);
  assert.equal((svg.match(/not shown:/g) ?? []).length, 1);
  assert.equal((svg.match(/stroke-dasharray="4 3"/g) ?? []).length, 2);
  const measure = /<path d="([^"]*)" fill="none" stroke="#212b32"/.exec(svg)?.[1] ?? '';
  assert.equal(
    (measure.match(/M/g) ?? []).length,
    2,
    'the measure line starts again after the gap',
  );
});

test('a u-chart with no events and a one-point chart still draw without errors', () => {
  const flat = uChart([0, 0, 0], [10, 12, 8], { better: 'down' });
  const svg = drawSpcChart(['a', 'b', 'c'], 'None', flat);
  assert.doesNotMatch(svg, /NaN|Infinity/);
  const one = drawSpcChart(['a'], 'One', xmrChart([5], { better: 'up' }));
  assert.match(one, /Too few months to judge/);
  assert.doesNotMatch(one, /NaN|Infinity/);
});
