/**
 * Kept macro parts: a card with a body gives the same HTML as nhsuk-frontend's macro run in
 * full, its body is rendered on every call, its markup once per distinct set of parameters, and
 * anything but plain parameters goes to the macro as it is.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import nunjucks from 'nunjucks';
import { keepMacroParts } from './macro-parts.ts';
import { createViews, nhsukDistDir } from './views.ts';

const kept = createViews();
// The reference: the same templates with nothing kept.
const plain = new nunjucks.Environment(new nunjucks.FileSystemLoader([nhsukDistDir]), {
  autoescape: true,
  throwOnUndefined: false,
  trimBlocks: true,
  lstripBlocks: true,
});

const page = `{% from "nhsuk/components/card/macro.njk" import card %}
{% for item in items %}
{% call card({ heading: item.heading, classes: "app-panel", id: "panel-" ~ loop.index }) %}
  <p>{{ item.body }}</p>
{% endcall %}
{% call card({ heading: "Fixed heading" }) %}<p>{{ item.body }} again</p>{% endcall %}
{% call card({ heading: item.heading, href: "/somewhere", clickable: true, headingLevel: 3 }) %}{{ item.body }}{% endcall %}
{% call card({ heading: "<em>Marked</em>" | safe }) %}{{ item.body }}{% endcall %}
{{ card({ heading: item.heading, description: item.body }) }}
{% endfor %}`;

const items = [
  { heading: 'Support for you', body: 'First' },
  { heading: 'Tom & "Jerry" <script>alert(1)</script>', body: '<b>typed by a person</b>' },
  { heading: 'Support for you', body: 'Third, with the same heading as the first' },
  { heading: '', body: '' },
];

/** The body a test macro was called with, if any. */
function callerOf(keywords: unknown): (() => unknown) | undefined {
  return (keywords as { caller?: () => unknown } | undefined)?.caller;
}

describe('kept macro parts', () => {
  it('gives the same HTML as the macro run in full, names and bodies escaped', () => {
    const expected = plain.renderString(page, { items });
    for (let round = 0; round < 3; round++) {
      assert.equal(kept.renderString(page, { items }), expected);
    }
    assert.ok(expected.includes('&lt;script&gt;'));
    assert.ok(expected.includes('&lt;b&gt;typed by a person&lt;/b&gt;'));
    assert.ok(!expected.includes('<script>'));
  });

  it('renders the markup once per distinct parameters and the body on every call', () => {
    let calls = 0;
    const macro = (params: unknown, keywords?: unknown) => {
      calls++;
      return `<div title="${String((params as { heading: string }).heading)}">${String(callerOf(keywords)?.() ?? '')}</div>`;
    };
    const card = keepMacroParts(macro);
    const call = (heading: string, body: string) =>
      String(card({ heading }, { caller: () => body, __keywords: true }));
    assert.equal(call('A', 'one'), '<div title="A">one</div>');
    assert.equal(call('A', 'two'), '<div title="A">two</div>');
    assert.equal(calls, 1);
    assert.equal(call('B', 'three'), '<div title="B">three</div>');
    assert.equal(calls, 2);
    // Not plain parameters, or no body: the macro itself, every time.
    card({ heading: { text: 'A' } }, { caller: () => 'x', __keywords: true });
    card({ heading: 'A' });
    assert.equal(calls, 4);
  });

  it('keeps nothing when the body is not placed exactly once, and stays bounded', () => {
    let calls = 0;
    const twice = keepMacroParts((_params: unknown, keywords?: unknown) => {
      calls++;
      const body = String(callerOf(keywords)?.() ?? '');
      return body + body;
    }, 2);
    const call = (heading: string) =>
      String(twice({ heading }, { caller: () => 'b', __keywords: true }));
    assert.equal(call('A'), 'bb');
    assert.equal(call('A'), 'bb');
    assert.equal(calls, 3, 'first rendering, then the macro itself on both calls');
    for (const heading of ['B', 'C', 'D', 'A']) assert.equal(call(heading), 'bb');
  });
});
