/**
 * The home page's name search is written out as plain markup (cheaper than the macros); it must
 * stay the same as the shared search form renders with an empty name and no errors.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createViews } from '../../web/views.ts';

const views = createViews();
const macros = `{% from "nhsuk/components/input/macro.njk" import input %}
{% from "nhsuk/components/button/macro.njk" import button %}`;

describe('home name-search panel', () => {
  it('gives the same markup as the search form with an empty name', () => {
    const viaMacros = views.renderString(
      `${macros}{% set name = "" %}{% include "caseload/views/_search-form.njk" %}`,
      {},
    );
    const plain = views.render('caseload/views/panel.njk', { data: { name: '' } });
    const squash = (html: string) => html.replace(/\s+/g, ' ').trim();
    assert.equal(squash(plain), squash(viaMacros));
    assert.match(plain, /aria-describedby="name-hint"/);
  });
});
