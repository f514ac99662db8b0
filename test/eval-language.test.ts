// scripts/eval-language.ts run as a user runs it, on small files: one-to-one matching of
// predictions with gold spans, and a malformed line refused with exit code 2 and its number.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { matchSpans } from '../scripts/eval-language.ts';

const script = path.resolve(import.meta.dirname, '../scripts/eval-language.ts');
let dir = '';

function runOn(lines: string[]): { status: number | null; stdout: string; stderr: string } {
  const file = path.join(dir, `set-${Math.random().toString(36).slice(2)}.jsonl`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  const result = spawnSync(process.execPath, [script, file], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function lastJson(stdout: string): Record<string, number> {
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, number>;
}

const text = 'She refused and was non-compliant with her medication.';
const clean = JSON.stringify({ id: 'a', text: 'Slept well.', spans: [] });

describe('eval-language script', () => {
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-eval-'));
  });
  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('counts two predictions over one gold span as one true positive and one false positive', () => {
    // The checker flags "refused" and "non-compliant"; the gold span covers both.
    const line = { id: 'b', text, spans: [{ start: 4, end: 33, category: 'blame' }] };
    const run = runOn([clean, JSON.stringify(line)]);
    assert.equal(run.status, 0, run.stderr);
    const scores = lastJson(run.stdout);
    assert.equal(scores.predictions, 2);
    assert.equal(scores.gold_spans, 1);
    assert.equal(scores.true_positives, 1);
    assert.equal(scores.false_positives, 1);
    assert.equal(scores.false_negatives, 0);
    assert.equal(scores.precision, 0.5);
    assert.equal(scores.recall, 1);
  });

  it('refuses a line that is not JSON with exit code 2, naming the line', () => {
    const run = runOn([clean, clean.replace('"a"', '"c"'), '{"id": "d", "text": "oops"']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /line 3: not valid JSON/);
    assert.doesNotMatch(run.stdout, /precision/);
  });

  it('refuses a span outside the text and an unknown category, naming the line', () => {
    const outside = { id: 'e', text: 'Short.', spans: [{ start: 2, end: 40, category: 'blame' }] };
    const run = runOn([JSON.stringify(outside)]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /line 1: span 1 \(2–40\) is not inside the text/);
    const unknown = { id: 'f', text, spans: [{ start: 4, end: 11, category: 'rude' }] };
    const second = runOn([clean, JSON.stringify(unknown)]);
    assert.equal(second.status, 2);
    assert.match(second.stderr, /line 2: span 1 has an unknown category/);
  });

  it('refuses an empty line inside the file and a repeated id', () => {
    assert.match(runOn([clean, '', clean]).stderr, /line 2: empty line/);
    const twice = runOn([clean, clean]);
    assert.equal(twice.status, 2);
    assert.match(twice.stderr, /line 2: id a is used twice/);
  });
});

describe('matchSpans', () => {
  const span = (start: number, end: number) => ({ start, end, category: 'blame' as const });

  it('matches each gold span and each prediction at most once', () => {
    assert.deepEqual(matchSpans([span(0, 5), span(3, 8)], [span(2, 6)]), [0, -1]);
    // One prediction over two gold spans takes the one it overlaps most.
    assert.deepEqual(matchSpans([span(2, 6)], [span(0, 3), span(4, 8)]), [1]);
  });

  it('finds the largest pairing, not the first one that comes to hand', () => {
    // The first prediction overlaps both gold spans, the second only the first: both pair.
    assert.deepEqual(matchSpans([span(0, 10), span(0, 2)], [span(1, 3), span(8, 12)]), [1, 0]);
  });
});
