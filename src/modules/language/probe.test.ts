// Guards generalisation: a labelled probe set (probe.jsonl, written apart from the development
// set, about half hard negatives) is scored exactly as scripts/eval-language.ts scores a file.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { checkText } from './index.ts';
import type { Category } from './index.ts';

interface GoldLine {
  id: string;
  text: string;
  spans: { start: number; end: number; category: Category }[];
}

const lines: GoldLine[] = readFileSync(new URL('./probe.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as GoldLine);

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

describe('probe set (generalisation guard)', () => {
  it('is well formed: unique ids, spans inside the text, sorted and not overlapping', () => {
    assert.ok(lines.length >= 250, `only ${lines.length} lines`);
    assert.equal(new Set(lines.map((l) => l.id)).size, lines.length);
    for (const line of lines) {
      let previousEnd = 0;
      for (const span of line.spans) {
        assert.ok(span.start >= previousEnd && span.end > span.start, line.id);
        assert.ok(span.end <= line.text.length, line.id);
        previousEnd = span.end;
      }
    }
  });

  it('scores precision >= 0.95 and recall >= 0.90 with overlap matching', () => {
    let predictions = 0;
    let matchedPredictions = 0;
    let gold = 0;
    let matchedGold = 0;
    const misses: string[] = [];
    for (const line of lines) {
      const found = checkText(line.text);
      for (const p of found) {
        predictions++;
        if (line.spans.some((g) => overlaps(p, g))) matchedPredictions++;
        else misses.push(`false alarm ${line.id}: ${p.text}`);
      }
      for (const g of line.spans) {
        gold++;
        if (found.some((p) => overlaps(p, g))) matchedGold++;
        else misses.push(`miss ${line.id}: ${line.text.slice(g.start, g.end)}`);
      }
    }
    const precision = predictions === 0 ? 0 : matchedPredictions / predictions;
    const recall = gold === 0 ? 0 : matchedGold / gold;
    const detail = `precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}\n${misses.join('\n')}`;
    assert.ok(precision >= 0.95, detail);
    assert.ok(recall >= 0.9, detail);
  });
});
