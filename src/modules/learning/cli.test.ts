/** `hearth learning check` names broken course files and says when the course is ready. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLearningCheck } from './cli.ts';
import { COURSE_DIR } from './content.ts';

function capture() {
  const lines: string[] = [];
  const errors: string[] = [];
  return {
    lines,
    errors,
    out: { log: (l: string) => lines.push(l), error: (l: string) => errors.push(l) },
  };
}

describe('hearth learning check', () => {
  it('says the real course is ready', () => {
    const c = capture();
    assert.equal(runLearningCheck(COURSE_DIR, c.out), 0);
    assert.match(c.lines.join('\n'), /The course is ready: 8 sections, 32 questions/);
  });

  it('stops with the file and line of broken front matter', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hearth-course-cli-'));
    const first = readFileSync(join(COURSE_DIR, '01-what-trauma-is.md'), 'utf8');
    writeFileSync(join(dir, '01.md'), first);
    writeFileSync(join(dir, '02.md'), first.replace('minutes: 10', 'minutes: 10\nminutes: 12'));
    const c = capture();
    assert.equal(runLearningCheck(dir, c.out), 1);
    assert.match(c.errors[0] ?? '', /^02\.md:5: the front matter cannot be read: DUPLICATE_KEY/);
  });
});
