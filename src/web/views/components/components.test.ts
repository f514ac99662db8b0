/**
 * Hearth's own macros (app- prefix): each renders its fixtures (fixtures/<name>.json) with the
 * template environment the app uses, and the HTML is checked for what the macro promises.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createViews } from '../../views.ts';

const views = createViews();

function fixtures(name: string): Record<string, Record<string, unknown>> {
  const file = path.join(import.meta.dirname, 'fixtures', `${name}.json`);
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>;
}

/** Renders one macro of components/<file>.njk with the given params. */
function render(file: string, macro: string, params: Record<string, unknown>): string {
  return views.renderString(
    `{% from "components/${file}.njk" import ${macro} %}{{ ${macro}(params) }}`,
    { params },
  );
}

describe('appQuickExit', () => {
  const cases = fixtures('quick-exit');

  it('renders an NHS.UK warning button link to the neutral site, marked for the script', () => {
    const html = render('quick-exit', 'appQuickExit', cases.default as Record<string, unknown>);
    assert.match(html, /<a [^>]*href="https:\/\/www\.bbc\.co\.uk\/weather"/);
    assert.match(
      html,
      /class="nhsuk-button nhsuk-button--warning nhsuk-button--small app-quick-exit__link"/,
    );
    assert.match(html, /data-quick-exit/);
    assert.match(html, /rel="noreferrer"/);
    // A plain link, not a link dressed as a button: it navigates away.
    assert.doesNotMatch(html, /role="button"/);
    assert.match(
      html,
      /Leave this page<span class="nhsuk-u-visually-hidden"> quickly \(or press Escape three times\)<\/span>/,
    );
    assert.match(html, /^\s*<div class="app-quick-exit nhsuk-width-container">/);
  });

  it('uses the text it is given', () => {
    const html = render(
      'quick-exit',
      'appQuickExit',
      cases['custom text'] as Record<string, unknown>,
    );
    assert.match(html, />\s*Leave now<span/);
    assert.doesNotMatch(html, /Leave this page/);
  });
});

describe('appLanguageSuggestions', () => {
  const cases = fixtures('language-suggestions');

  it('renders only the empty live region when there are no findings', () => {
    const html = render(
      'language-suggestions',
      'appLanguageSuggestions',
      cases.empty as Record<string, unknown>,
    );
    assert.match(
      html,
      /<div id="note-suggestions" class="app-language-check" aria-live="polite" aria-atomic="true">/,
    );
    assert.doesNotMatch(html, /app-language-check__panel/);
  });

  it('shows each finding in its sentence, with its reason and alternatives, escaping the text', () => {
    const params = cases['with findings'] as Record<string, unknown>;
    const html = render('language-suggestions', 'appLanguageSuggestions', params);
    assert.match(
      html,
      /class="app-language-check app-extra" aria-live="polite" aria-atomic="true" data-test="yes">/,
    );
    assert.match(
      html,
      /<h3 class="app-language-check__heading nhsuk-heading-s">Saved\. Some words might read differently to the person<\/h3>/,
    );
    assert.match(
      html,
      /Sam was <mark class="app-language-check__mark">non-compliant<\/mark> with &lt;b&gt;medication&lt;\/b&gt;/,
    );
    assert.match(html, /Can read as blame; says nothing about why\./);
    assert.match(html, /You could try: chose not to take; has not taken\./);
    assert.doesNotMatch(html, /<b>medication/);
  });

  it('takes its own heading and lead, and shows the words alone when there is no text', () => {
    const params = cases['findings without text'] as Record<string, unknown>;
    const html = render('language-suggestions', 'appLanguageSuggestions', params);
    assert.match(
      html,
      /<h2 class="app-language-check__heading nhsuk-heading-s">Custom heading<\/h2>/,
    );
    assert.match(html, /<p>Custom lead\.<\/p>/);
    assert.match(html, /<strong class="app-language-check__words">&lt;i&gt;x&lt;\/i&gt;<\/strong>/);
    assert.doesNotMatch(html, /You could try/);
  });
});
