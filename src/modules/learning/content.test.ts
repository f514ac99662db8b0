/**
 * The course files: every one parses, every question has exactly one right answer and an
 * explanation for each option, the words pass Hearth's own language checker, raw HTML in a
 * file is never rendered, and a broken file is named with its line.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkText } from '../language/index.ts';
import { CourseFileError, checkCourseFiles, parseSectionFile, readCourse } from './content.ts';

/** `file|words` the checker flags that are right where they are, with why. */
const ALLOWED: Record<string, string> = {
  '01-what-trauma-is.md|"structural"': 'names the term the section explains',
  '01-what-trauma-is.md|"collective"': 'names the term the section explains',
  '03-invisible-trauma.md|"invisible"': 'names the term the section explains',
  '02-what-happened.md|not engaging':
    'a wrong option, whose explanation says why the wording judges the person',
  '02-what-happened.md|Compliance':
    'a wrong option in a question on the principles; its explanation says care moves away from it',
  '02-what-happened.md|comply': 'the explanation of why compliance is not a principle',
  '06-coping-and-words.md|Refused':
    'an example of a note to reword, in a question on respectful notes',
  '06-coping-and-words.md|difficult':
    'an example of a note to reword, in a question on respectful notes',
  '06-coping-and-words.md|Non-compliant':
    'an example of a note to reword, in a question on respectful notes',
};

const good = `---
id: sample
title: A sample
minutes: 5
questions:
  - ask: Which one?
    options:
      - text: One
        right: true
        why: Because.
      - text: Two
        why: Not this.
      - text: Three
        why: Not this.
      - text: Four
        why: Not this.
---
Some text.
`;

describe('the trauma-informed practice course files', () => {
  const course = readCourse();

  it('has 8 to 10 sections and at least 30 questions, each with one right answer', () => {
    assert.ok(course.sections.length >= 8 && course.sections.length <= 10);
    const questions = course.sections.flatMap((s) => s.questions);
    assert.ok(questions.length >= 30, `${questions.length} questions`);
    for (const q of questions) {
      assert.equal(q.options.filter((o) => o.right).length, 1, q.ask);
      assert.ok(q.options.length >= 4 && q.options.length <= 6, q.ask);
      for (const o of q.options) assert.ok(o.why.length > 20, `${q.ask}: ${o.text}`);
    }
    assert.deepEqual(checkCourseFiles(), []);
  });

  it('passes Hearth’s own language checker, apart from the listed examples', () => {
    const found = course.sections.flatMap((s) =>
      s.words.flatMap((text) => checkText(text).map((f) => `${s.file}|${f.text}`)),
    );
    const unexplained = [...new Set(found)].filter((key) => !(key in ALLOWED));
    assert.deepEqual(unexplained, [], 'reword it, or list it with why');
    const stale = Object.keys(ALLOWED).filter((key) => !found.includes(key));
    assert.deepEqual(stale, [], 'exceptions that no longer occur: remove them');
  });

  it('renders Markdown without any raw HTML from the file', () => {
    const section = parseSectionFile(
      'x.md',
      good.replace('Some text.', '<script>alert(1)</script>\n\n**Bold** [guide](/enquiry/guide)'),
    );
    assert.doesNotMatch(section.html, /<script>/);
    assert.match(section.html, /&lt;script&gt;/);
    assert.match(section.html, /<strong>Bold<\/strong>/);
    assert.match(section.html, /<a href="\/enquiry\/guide">guide<\/a>/);
  });

  it('names the file and line of a broken file', () => {
    const cases: [string, string, RegExp][] = [
      ['no front matter', 'Just text.\n', /^a\.md:1: the file needs front matter/],
      ['unclosed', '---\nid: a\n', /^a\.md:1: the front matter has no closing line/],
      [
        'bad YAML',
        good.replace('minutes: 5', 'minutes: [5'),
        /^a\.md:\d+: the front matter cannot be read/,
      ],
      [
        'two right answers',
        good.replace('why: Not this.', 'right: true\n        why: Not this.'),
        /^a\.md:6: question 1 has 2 right answers; it needs exactly one/,
      ],
      [
        'no right answer',
        good.replace('        right: true\n', ''),
        /^a\.md:6: question 1 has 0 right answers/,
      ],
      [
        'no explanation',
        good.replace('why: Because.', 'why: ""'),
        /^a\.md:8: option 1 of question 1 has no "why"/,
      ],
      [
        'three options',
        good.replace(/ {6}- text: Four\n {8}why: Not this.\n/, ''),
        /^a\.md:8: question 1 needs 4 to 6 options/,
      ],
      ['no title', good.replace('title: A sample\n', ''), /^a\.md:\d+: "title" is missing/],
    ];
    for (const [label, text, expected] of cases) {
      assert.throws(
        () => parseSectionFile('a.md', text),
        (error: unknown) => error instanceof CourseFileError && expected.test(error.message),
        label,
      );
    }
    const dir = mkdtempSync(join(tmpdir(), 'hearth-course-'));
    writeFileSync(join(dir, '01-good.md'), good);
    writeFileSync(join(dir, '02-bad.md'), good.replace('        right: true\n', ''));
    assert.deepEqual(checkCourseFiles(dir), [
      '02-bad.md:6: question 1 has 0 right answers; it needs exactly one',
    ]);
    assert.throws(() => readCourse(dir), /02-bad\.md:6:/);
  });
});
