/**
 * Findings check for speed work on the language checker: hashes every finding (all fields)
 * of the lexicon layer and of the full checker (with the NLP layer) over the evaluation notes,
 * the same notes joined into one long text, and the benchmark's generated corpora.
 * Usage: npm exec -- node bench/language-findings.ts [--write | --check] [--quick]
 * --write stores the hashes in bench/language-findings.json; --check compares with them and
 * exits 1 on any difference (a change that is meant to change findings must say so and --write).
 * Only the notes' texts are read, never their gold spans, so no file is scored here.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkText, createFullChecker } from '../src/modules/language/index.ts';
import type { Finding } from '../src/modules/language/index.ts';
import { MB, buildCorpus } from './language-corpus.ts';

const root = path.resolve(import.meta.dirname, '..');
const store = path.join(root, 'bench/language-findings.json');
const args = process.argv.slice(2);
const quick = args.includes('--quick');

const EVAL_FILES = [
  'src/modules/language/eval/notes.jsonl',
  'src/modules/language/eval/notes-held-out.jsonl',
  'src/modules/language/regression.jsonl',
  '/work/shared/eval/language/dev.jsonl',
];

function readTexts(file: string): string[] {
  const full = path.isAbsolute(file) ? file : path.join(root, file);
  let body: string;
  try {
    body = readFileSync(full, 'utf8');
  } catch {
    process.stderr.write(`skipped ${file} (not readable here)\n`);
    return [];
  }
  return body
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { text: string }).text);
}

/** Odd inputs the checker must treat the same before and after. */
const ODD = [
  '',
  'a',
  '"',
  "'unclosed quote and a manipulative",
  'non\u00a0compliant \ud83d\ude00 manipulitive \ud800 Kicked-off',
  'ÉMOTIONAL ÉCLAT — she is NON-COMPLIANT; “attention seeking” ‘bed blocker’',
  'Physical examination: denies chest pain.\nMental state: denies suicidal thoughts.',
];

function hashFindings(name: string, texts: string[], check: (t: string) => Finding[]) {
  const hash = createHash('sha256');
  let count = 0;
  for (const text of texts) {
    const findings = check(text);
    count += findings.length;
    hash.update(JSON.stringify(findings));
    hash.update('\u0000');
  }
  return { name, texts: texts.length, findings: count, sha256: hash.digest('hex') };
}

function main(): void {
  const notes = EVAL_FILES.flatMap(readTexts);
  const corpusBytes = quick ? MB : 10 * MB;
  const corpus = buildCorpus(corpusBytes);
  const nlpCorpus = buildCorpus(corpusBytes, true);
  const inputs: [string, string[]][] = [
    ['eval notes, one per call', notes],
    ['eval notes joined by spaces', [notes.join(' ')]],
    ['eval notes joined by blank lines', [notes.join('\n\n')]],
    ['odd inputs', ODD],
    [`bench corpus ${corpusBytes / MB} MB`, [corpus]],
    ['bench corpus, one note per call (1 MB)', corpus.slice(0, MB).split('\n\n')],
    [`label-dense corpus ${corpusBytes / MB} MB`, [nlpCorpus]],
  ];
  const full = createFullChecker();
  const results = inputs.flatMap(([name, texts]) => [
    hashFindings(`lexicon: ${name}`, texts, (t) => checkText(t)),
    hashFindings(`full: ${name}`, texts, full),
  ]);
  for (const r of results) {
    console.log(`${r.sha256.slice(0, 16)}  ${String(r.findings).padStart(8)}  ${r.name}`);
  }
  if (args.includes('--write')) {
    writeFileSync(store, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`wrote ${path.relative(root, store)}`);
  } else if (args.includes('--check')) {
    const expected = JSON.parse(readFileSync(store, 'utf8')) as typeof results;
    const byName = new Map(expected.map((r) => [r.name, r]));
    const changed = results.filter((r) => {
      const e = byName.get(r.name);
      return e !== undefined && (e.sha256 !== r.sha256 || e.findings !== r.findings);
    });
    const missing = results.filter((r) => !byName.has(r.name));
    for (const r of changed) console.log(`CHANGED: ${r.name}`);
    for (const r of missing) console.log(`not stored (run --write without --quick): ${r.name}`);
    if (changed.length > 0) process.exit(1);
    console.log(`findings identical on ${results.length - missing.length} inputs`);
  }
}

main();
