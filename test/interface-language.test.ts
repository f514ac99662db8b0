// Hearth's own words pass its own language checker: the visible text of every template (text
// outside tags, and quoted strings with spaces inside Nunjucks tags, such as macro labels and
// hints) and the alternatives the checker itself suggests. Each exception is listed
// with why; a new finding fails the test, and so does an exception that no longer occurs.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { checkText, defaultLexicon } from '../src/modules/language/index.ts';

const root = new URL('..', import.meta.url).pathname;

/** `file|words` → why these words are right where they are. */
const ALLOWED: Record<string, string> = {
  'src/modules/enquiry/views/ask.njk|"abuse"':
    'talks about the word itself: some people would not call what happened to them "abuse"',
  'src/modules/enquiry/views/rates.njk|"fewer than 5"':
    'quotes the exact label shown on screen for small counts',
  'src/modules/force/views/dashboard.njk|"fewer than 5"':
    'quotes the exact label shown on screen for small counts',
  'src/modules/force/views/dashboard.njk|"not shown"':
    'quotes the exact label a chart shows for a month with small counts',
  'src/modules/help/views/_number-fields.njk|"Ward 3 phone\\"':
    'an example name for a crisis number, in the hint of the form that adds one',
  'src/modules/help/views/staying-safe.njk|"Leave this page"': 'names the button to press',
  'src/modules/force/views/returns.njk|"fewer than 5"':
    'quotes the exact label shown on screen for small counts',
  'src/modules/enquiry/views/respond.njk|"Not asked"': 'names the answer button to choose',
  'src/modules/force/views/import.njk|"Corrected by import"':
    'quotes the amendment reason the import writes',
  'src/modules/force/views/my-incidents.njk|must':
    "states staff's legal duty to record force (Mental Health Units (Use of Force) Act 2018), not an order to the person",
  'src/modules/improvement/views/plan.njk|"fewer than 5"':
    'quotes the exact label shown on screen for small counts',
  'src/modules/wards/views/_learning-themes.njk|"fewer than 5"':
    'quotes the exact label shown on screen for small counts',
  'src/modules/learning/views/suggestions-admin.njk|"Trauma-informed practice"':
    'names the course by its title',
  'src/modules/learning/views/suggestions-mine.njk|"Trauma-informed practice"':
    'names the course by its title',
  'src/modules/learning/views/suggestions-mine.njk|"Suggest a change"': 'names the link to follow',
  'src/modules/language/views/admin.njk|Challenging Behaviour':
    'the example of a team name an organisation may allow, shown on the allowed-terms form',
};

function templates(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) templates(path, out);
    else if (name.endsWith('.njk')) out.push(path);
  }
  return out;
}

/** The words a person sees: text between tags, and quoted phrases inside Nunjucks tags. */
function visibleText(source: string): string[] {
  const pieces: string[] = [];
  const outside = source.replace(/\{#[\s\S]*?#\}/g, ' ').replace(/\{[{%][\s\S]*?[%}]\}/g, (tag) => {
    for (const m of tag.matchAll(/"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'/g)) {
      const text = m[1] ?? m[2] ?? '';
      if (/\s/.test(text) && !/[{}<>]/.test(text)) pieces.push(text);
    }
    return '\n';
  });
  pieces.push(outside.replace(/<[^>]*>/g, '\n'));
  return pieces;
}

function findingsIn(file: string, texts: string[]): string[] {
  const found: string[] = [];
  for (const text of texts) {
    for (const f of checkText(text)) {
      // A template variable between quote marks leaves empty marks behind, not words.
      if (f.text.replace(/["'“”‘’\s]/g, '') === '') continue;
      found.push(`${file}|${f.text}`);
    }
  }
  return found;
}

describe("Hearth's own interface text", () => {
  it('every template passes the checker, apart from the listed exceptions', () => {
    const files = templates(join(root, 'src'));
    assert.ok(files.length > 50, `only ${files.length} templates found`);
    const found = files.flatMap((path) =>
      findingsIn(relative(root, path), visibleText(readFileSync(path, 'utf8'))),
    );
    const unexplained = found.filter((key) => !(key in ALLOWED));
    assert.deepEqual(
      unexplained,
      [],
      'new wording the checker flags: reword it, or list it with why',
    );
    const stale = Object.keys(ALLOWED).filter((key) => !found.includes(key));
    assert.deepEqual(stale, [], 'exceptions that no longer occur: remove them');
  });

  // Reasons are left out: they name the harm they explain ("reads disagreement as hostility").
  it('the wording the checker suggests passes the checker', () => {
    const found: string[] = [];
    for (const rule of defaultLexicon.rules) {
      for (const text of rule.alternatives) {
        for (const f of checkText(text))
          if (f.quoted !== true) found.push(`${rule.id}: ${f.text} in "${text}"`);
      }
    }
    assert.deepEqual(found, []);
  });
});
