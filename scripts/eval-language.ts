/**
 * Scores the language checker on a labelled JSONL file (format: /work/shared/eval/language/README.md).
 * Usage: npm run eval:language -- FILE.jsonl [--errors] [--lexicon-only]
 * Scores the server's full result (lexicon and NLP layers) unless --lexicon-only asks for the
 * lexicon layer alone (what the browser shows as people type).
 * Prints a table and, as the last line, one JSON object with the headline figures.
 *
 * Predictions are paired with gold spans one to one: each gold span is matched at most once and
 * each prediction at most once, over pairs whose character ranges overlap. The pairing is a
 * maximum matching (the most pairs possible on each line, found with augmenting paths), so two
 * findings over one gold span count one true positive and one false positive. Where several
 * pairings are equally large, a prediction first tries gold spans of its own category, then the
 * one it overlaps most. Category agreement is the share of matched pairs whose categories agree.
 *
 * A line that is not a well-formed labelled line stops the run with exit code 2 and its line
 * number, so no line is silently left out of the scores.
 */
import { readFileSync } from 'node:fs';
import { CATEGORIES, checkText, checkWithNlp } from '../src/modules/language/index.ts';
import type { Category, Finding } from '../src/modules/language/index.ts';

/** A character range with a category: a gold span or a prediction. */
export interface Span {
  start: number;
  end: number;
  category: Category;
}

/** One labelled line of the file. */
export interface GoldLine {
  id: string;
  text: string;
  spans: Span[];
}

/** A line of the file that is not a well-formed labelled line. */
export class MalformedLine extends Error {
  /** The 1-based line number in the file. */
  readonly line: number;
  constructor(line: number, reason: string) {
    super(`line ${line}: ${reason}`);
    this.line = line;
  }
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

function overlapLength(a: Span, b: Span): number {
  return Math.min(a.end, b.end) - Math.max(a.start, b.start);
}

/**
 * Pairs predictions with gold spans one to one (a maximum matching over overlapping pairs).
 * Returns, for each prediction, the index of its gold span or -1.
 */
export function matchSpans(predictions: readonly Span[], gold: readonly Span[]): number[] {
  const candidates = predictions.map((p) =>
    gold
      .map((g, j) => ({ g, j }))
      .filter(({ g }) => overlaps(p, g))
      .sort(
        (a, b) =>
          Number(b.g.category === p.category) - Number(a.g.category === p.category) ||
          overlapLength(p, b.g) - overlapLength(p, a.g) ||
          a.j - b.j,
      )
      .map(({ j }) => j),
  );
  const goldTakenBy = new Array<number>(gold.length).fill(-1);
  // Kuhn's augmenting paths: a prediction takes a free gold span, or one whose holder can move.
  function place(i: number, seen: boolean[]): boolean {
    for (const j of candidates[i] ?? []) {
      if (seen[j]) continue;
      seen[j] = true;
      const holder = goldTakenBy[j] ?? -1;
      if (holder === -1 || place(holder, seen)) {
        goldTakenBy[j] = i;
        return true;
      }
    }
    return false;
  }
  for (let i = 0; i < predictions.length; i++)
    place(i, new Array<boolean>(gold.length).fill(false));
  const pairedWith = new Array<number>(predictions.length).fill(-1);
  goldTakenBy.forEach((i, j) => {
    if (i >= 0) pairedWith[i] = j;
  });
  return pairedWith;
}

function isOffset(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0;
}

/** Parses the labelled file; throws MalformedLine for the first line that is not well formed. */
export function parseGold(content: string): GoldLine[] {
  const raw = content.split('\n');
  // One or more newlines at the very end are not lines.
  while (raw.length > 0 && raw.at(-1)?.trim() === '') raw.pop();
  const categories = new Set<string>(CATEGORIES);
  const ids = new Set<string>();
  return raw.map((text, index) => {
    const n = index + 1;
    if (text.trim() === '') throw new MalformedLine(n, 'empty line');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new MalformedLine(n, 'not valid JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new MalformedLine(n, 'not a JSON object');
    const line = parsed as Record<string, unknown>;
    if (typeof line.id !== 'string' || line.id === '')
      throw new MalformedLine(n, '"id" is not a string');
    if (ids.has(line.id)) throw new MalformedLine(n, `id ${line.id} is used twice`);
    ids.add(line.id);
    if (typeof line.text !== 'string') throw new MalformedLine(n, '"text" is not a string');
    if (!Array.isArray(line.spans)) throw new MalformedLine(n, '"spans" is not a list');
    const length = line.text.length;
    line.spans.forEach((span: unknown, k) => {
      const s = span as Record<string, unknown> | null;
      if (typeof s !== 'object' || s === null || !isOffset(s.start) || !isOffset(s.end))
        throw new MalformedLine(n, `span ${k + 1} has no whole-number start and end`);
      if (s.start >= s.end || s.end > length)
        throw new MalformedLine(n, `span ${k + 1} (${s.start}–${s.end}) is not inside the text`);
      if (typeof s.category !== 'string' || !categories.has(s.category))
        throw new MalformedLine(n, `span ${k + 1} has an unknown category`);
    });
    return { id: line.id, text: line.text, spans: line.spans as Span[] };
  });
}

interface Tally {
  predictions: number;
  matchedPredictions: number;
  gold: number;
  matchedGold: number;
}

function ratio(n: number, d: number): number {
  return d === 0 ? 0 : n / d;
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

function emptyTally(): Tally {
  return { predictions: 0, matchedPredictions: 0, gold: 0, matchedGold: 0 };
}

/** The scores of a set of labelled lines. */
export interface Scores {
  total: Tally;
  perCategory: Map<Category, Tally>;
  /** Matched pairs, and how many of them agree on the category. */
  pairs: number;
  agreeing: number;
  /** One line per error, for --errors: FP, FN and CAT (category disagreement). */
  errors: string[];
}

/** Runs the checker over every line and scores it with one-to-one matching. */
export function scoreLines(
  lines: readonly GoldLine[],
  check: (text: string) => Finding[] = checkText,
): Scores {
  const total = emptyTally();
  const perCategory = new Map<Category, Tally>(CATEGORIES.map((c) => [c, emptyTally()]));
  const errors: string[] = [];
  let pairs = 0;
  let agreeing = 0;
  for (const line of lines) {
    // A quoted finding (someone else's recorded words) counts as no finding.
    const predictions = check(line.text).filter((f) => f.quoted !== true);
    const pairedWith = matchSpans(predictions, line.spans);
    const goldMatched = new Set(pairedWith.filter((j) => j >= 0));
    predictions.forEach((p, i) => {
      const tally = perCategory.get(p.category);
      total.predictions++;
      if (tally) tally.predictions++;
      const g = line.spans[pairedWith[i] ?? -1];
      if (!g) {
        errors.push(`FP ${line.id} ${JSON.stringify(p.text)} ${p.ruleId} :: ${line.text}`);
        return;
      }
      total.matchedPredictions++;
      if (tally) tally.matchedPredictions++;
      pairs++;
      if (g.category === p.category) agreeing++;
      else errors.push(`CAT ${line.id} ${JSON.stringify(p.text)} ${p.category} vs ${g.category}`);
    });
    line.spans.forEach((g, j) => {
      const tally = perCategory.get(g.category);
      total.gold++;
      if (tally) tally.gold++;
      if (goldMatched.has(j)) {
        total.matchedGold++;
        if (tally) tally.matchedGold++;
      } else {
        const words = line.text.slice(g.start, g.end);
        errors.push(`FN ${line.id} ${JSON.stringify(words)} ${g.category} :: ${line.text}`);
      }
    });
  }
  return { total, perCategory, pairs, agreeing, errors };
}

/** Scores one file and prints the table and the JSON line. */
function evaluate(path: string, showErrors: boolean, lexiconOnly: boolean): void {
  const lines = parseGold(readFileSync(path, 'utf8'));
  const check = lexiconOnly ? checkText : (text: string) => checkWithNlp(text);
  const { total, perCategory, pairs, agreeing, errors } = scoreLines(lines, check);
  if (showErrors) for (const e of errors) console.log(e);
  const precision = ratio(total.matchedPredictions, total.predictions);
  const recall = ratio(total.matchedGold, total.gold);
  const f1 = ratio(2 * precision * recall, precision + recall);
  const layers = lexiconOnly ? 'lexicon layer only' : 'lexicon and NLP layers';
  console.log(
    `Language checker (${layers}) on ${path} (${lines.length} lines, one-to-one matching)`,
  );
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
    `all: predictions ${total.predictions}, gold spans ${total.gold}, matched pairs ${pairs} ` +
      `(true positives), false positives ${total.predictions - pairs}, ` +
      `false negatives ${total.gold - pairs}`,
  );
  console.log(
    JSON.stringify({
      precision: round(precision),
      recall: round(recall),
      f1: round(f1),
      category_agreement: round(ratio(agreeing, pairs)),
      gold_spans: total.gold,
      predictions: total.predictions,
      true_positives: pairs,
      false_positives: total.predictions - pairs,
      false_negatives: total.gold - pairs,
    }),
  );
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) {
    process.stderr.write(
      'Usage: npm run eval:language -- FILE.jsonl [--errors] [--lexicon-only]\n',
    );
    process.exitCode = 2;
  } else {
    try {
      evaluate(file, args.includes('--errors'), args.includes('--lexicon-only'));
    } catch (error) {
      if (!(error instanceof MalformedLine)) throw error;
      process.stderr.write(`${file}: ${error.message}; nothing was scored\n`);
      process.exitCode = 2;
    }
  }
}
