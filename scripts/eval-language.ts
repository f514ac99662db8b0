/**
 * Scores the language checker on a labelled JSONL file (format: /work/shared/eval/language/README.md).
 * Usage: npm run eval:language -- FILE.jsonl [--errors]
 * Prints a table and, as the last line, one JSON object with the headline figures.
 */
import { readFileSync } from 'node:fs';
import { CATEGORIES, checkText } from '../src/modules/language/index.ts';
import type { Category, Finding } from '../src/modules/language/index.ts';

interface GoldSpan {
  start: number;
  end: number;
  category: Category;
}

interface GoldLine {
  id: string;
  text: string;
  spans: GoldSpan[];
}

interface Tally {
  predictions: number;
  matchedPredictions: number;
  gold: number;
  matchedGold: number;
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

function ratio(n: number, d: number): number {
  return d === 0 ? 0 : n / d;
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

/** Reads the labelled file; malformed lines are reported and skipped. */
function readGold(path: string): GoldLine[] {
  const lines: GoldLine[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (line.trim() === '') return;
      try {
        const parsed = JSON.parse(line) as GoldLine;
        if (typeof parsed.text !== 'string' || !Array.isArray(parsed.spans)) throw new Error();
        lines.push(parsed);
      } catch {
        process.stderr.write(`line ${index + 1}: not a labelled line, skipped\n`);
      }
    });
  return lines;
}

/** Runs the checker over every line and prints the scores. */
function evaluate(path: string, showErrors: boolean): void {
  const lines = readGold(path);
  const total: Tally = { predictions: 0, matchedPredictions: 0, gold: 0, matchedGold: 0 };
  const perCategory = new Map<Category, Tally>(
    CATEGORIES.map((c) => [c, { predictions: 0, matchedPredictions: 0, gold: 0, matchedGold: 0 }]),
  );
  let pairs = 0;
  let agreeing = 0;
  for (const line of lines) {
    const predictions: Finding[] = checkText(line.text);
    for (const p of predictions) {
      const matches = line.spans.filter((g) => overlaps(p, g));
      const tally = perCategory.get(p.category);
      total.predictions++;
      if (tally) tally.predictions++;
      if (matches.length > 0) {
        total.matchedPredictions++;
        if (tally) tally.matchedPredictions++;
      } else if (showErrors) {
        console.log(`FP ${line.id} ${JSON.stringify(p.text)} ${p.ruleId} :: ${line.text}`);
      }
      for (const g of matches) {
        pairs++;
        if (g.category === p.category) agreeing++;
        else if (showErrors) {
          console.log(`CAT ${line.id} ${JSON.stringify(p.text)} ${p.category} vs ${g.category}`);
        }
      }
    }
    for (const g of line.spans) {
      const tally = perCategory.get(g.category);
      total.gold++;
      if (tally) tally.gold++;
      if (predictions.some((p) => overlaps(p, g))) {
        total.matchedGold++;
        if (tally) tally.matchedGold++;
      } else if (showErrors) {
        const words = line.text.slice(g.start, g.end);
        console.log(`FN ${line.id} ${JSON.stringify(words)} ${g.category} :: ${line.text}`);
      }
    }
  }
  const precision = ratio(total.matchedPredictions, total.predictions);
  const recall = ratio(total.matchedGold, total.gold);
  const f1 = ratio(2 * precision * recall, precision + recall);
  console.log(`Language checker on ${path} (${lines.length} lines)`);
  console.log('category            predictions  matched  gold  found  precision  recall');
  for (const [category, t] of perCategory) {
    console.log(
      `${category.padEnd(20)}${String(t.predictions).padStart(11)}${String(t.matchedPredictions).padStart(9)}` +
        `${String(t.gold).padStart(6)}${String(t.matchedGold).padStart(7)}` +
        `${ratio(t.matchedPredictions, t.predictions).toFixed(3).padStart(11)}` +
        `${ratio(t.matchedGold, t.gold).toFixed(3).padStart(8)}`,
    );
  }
  console.log(
    `all: predictions ${total.predictions}, matched predictions ${total.matchedPredictions}, ` +
      `gold spans ${total.gold}, matched gold ${total.matchedGold}, overlapping pairs ${pairs}`,
  );
  console.log(
    JSON.stringify({
      precision: round(precision),
      recall: round(recall),
      f1: round(f1),
      category_agreement: round(ratio(agreeing, pairs)),
      gold_spans: total.gold,
      predictions: total.predictions,
    }),
  );
}

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  process.stderr.write('Usage: npm run eval:language -- FILE.jsonl [--errors]\n');
  process.exitCode = 2;
} else {
  evaluate(file, args.includes('--errors'));
}
