/**
 * Hearth's own plan macros (app- prefix in views/macros.njk), each rendered from a small fixture
 * with nunjucks configured as the app configures it.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createViews } from '../../web/views.ts';
import type { PlanView } from './service.ts';

const env = createViews();

function render(call: string, context: Record<string, unknown>): string {
  return env.renderString(
    `{% from "plans/views/macros.njk" import appPlanSections, appPlanBanner, appAgreement, appGlanceBlock %}${call}`,
    context,
  );
}

/** Fixture: one answered, one declined, one empty and one private section. */
const sectionsFixture: PlanView['sections'] = [
  {
    key: 'helps',
    title: 'What helps',
    why: '',
    state: 'answered',
    isPrivate: false,
    items: [
      { label: 'What helps', text: 'Tea <b>& toast</b>' },
      { label: 'Positions', list: ['Face-down (prone)'] },
    ],
  },
  {
    key: 'contacts',
    title: 'People to contact',
    why: '',
    state: 'declined',
    isPrivate: false,
    items: [],
  },
  { key: 'health', title: 'My health', why: '', state: 'empty', isPrivate: false, items: [] },
  { key: 'story', title: 'My story', why: '', state: 'empty', isPrivate: true, items: [] },
] as PlanView['sections'];

/** Fixture: the banner's part of a plan view, due for review. */
const bannerFixture = {
  personName: 'Sam Taylor',
  version: 3,
  updatedAt: '2026-06-01T10:00:00.000Z',
  updatedBy: 'Sam Taylor',
  reviewBy: '2026-05-01',
  reviewDue: true,
};

/** Fixture: an agreement where the person and the team see things differently. */
const differFixture = {
  version: 2,
  outcome: 'differ',
  whoAgreed: null,
  personView: 'I want <quiet>',
  teamView: null,
  recordedBy: 'Jo Bennett',
  recordedAt: '2026-06-01T10:00:00.000Z',
  isCurrent: false,
};

describe('plan macros', () => {
  it('appPlanSections: answers escaped, a declined section said kindly, the private tag for the owner', () => {
    const html = render('{{ appPlanSections({ sections: s, owner: o, personName: "Sam" }) }}', {
      s: sectionsFixture,
      o: true,
    });
    assert.match(html, /<h2 class="nhsuk-heading-m" id="heading-helps">What helps/);
    assert.ok(html.includes('Tea &lt;b&gt;&amp; toast&lt;/b&gt;'), 'typed text is escaped');
    assert.ok(html.includes('<li>Face-down (prone)</li>'));
    assert.ok(html.includes('You would rather not say.'));
    assert.ok(html.includes('Nothing written yet.'));
    assert.match(html, /nhsuk-tag nhsuk-tag--grey[^>]*>\s*Private/);
    const staff = render(
      '{{ appPlanSections({ sections: s, owner: false, personName: "Sam" }) }}',
      {
        s: sectionsFixture,
      },
    );
    assert.ok(staff.includes('Sam would rather not say.'));
    assert.ok(staff.includes('Nothing written here.'));
  });

  it('appPlanBanner: whose plan, its version and the review that is due', () => {
    const html = render('{{ appPlanBanner(v) }}', { v: bannerFixture });
    assert.ok(html.includes('<p class="app-plan-banner__name">Sam Taylor</p>'));
    assert.match(html, /Version 3, saved .* by Sam Taylor\. Review by /);
    assert.ok(html.includes('This plan was due for review on'));
    const notDue = render('{{ appPlanBanner(v) }}', {
      v: { ...bannerFixture, reviewDue: false, reviewBy: null },
    });
    assert.ok(!notDue.includes('due for review'));
  });

  it('appAgreement: both views side by side in an NHS table, escaped, and a note when the plan moved on', () => {
    const html = render('{{ appAgreement(a, "Sam") }}', { a: differFixture });
    assert.ok(html.includes('saw some things differently'));
    assert.match(html, /<table[^>]*class="nhsuk-table app-side-by-side"/);
    assert.match(
      html,
      /<caption class="nhsuk-table__caption[^"]*nhsuk-u-visually-hidden"[^>]*>\s*Both views, side by side/,
    );
    assert.match(html, /<th[^>]*>\s*Sam(&#39;|')s view\s*<\/th>/);
    assert.ok(html.includes('I want &lt;quiet&gt;'), 'views are escaped');
    assert.ok(html.includes('Not written down'));
    assert.ok(html.includes('The plan has changed since then.'));
    const agreed = render('{{ appAgreement(a, "Sam") }}', {
      a: { ...differFixture, outcome: 'agreed', whoAgreed: 'Sam and Jo', isCurrent: true },
    });
    assert.match(agreed, /Agreed for version 2 on .* by: Sam and Jo\. Recorded by Jo Bennett\./);
    assert.ok(!agreed.includes('<table'));
    assert.equal(render('{{ appAgreement(null, "Sam") }}', {}).trim(), '');
  });

  it('appGlanceBlock: a heading over the list and text, nothing at all when both are empty', () => {
    const html = render(
      '{{ appGlanceBlock("Searches", "Please <ask> first", ["Women staff"]) }}',
      {},
    );
    assert.ok(html.includes('<h3 class="nhsuk-heading-s">Searches</h3>'));
    assert.ok(html.includes('<li>Women staff</li>'));
    assert.ok(html.includes('Please &lt;ask&gt; first'));
    assert.equal(render('{{ appGlanceBlock("Searches", null, []) }}', {}).trim(), '');
  });
});
