/**
 * The kept page chrome: the same HTML the nhsuk-frontend macros give, one rendering per
 * distinct name and navigation, nothing carried from one person to another, and a bounded size.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createChrome } from './chrome.ts';
import { createViews } from './views.ts';

const views = createViews();

/** Counts the renderings a chrome makes, to tell a kept header from a fresh one. */
function countingViews() {
  const counted = createViews();
  let renders = 0;
  const render = counted.render.bind(counted);
  counted.render = ((name: string, context?: object) => {
    renders++;
    return render(name, context);
  }) as typeof counted.render;
  return { views: counted, renders: () => renders };
}

const nav = [
  { href: '/', text: 'Home', current: true },
  { href: '/plans', text: 'Plans', current: false },
];

describe('page chrome', () => {
  it('gives the same header as the nhsuk-frontend macro with the same input', () => {
    const html = createChrome(views).header({
      signedIn: true,
      displayName: 'Jo Ward',
      navigation: nav,
    });
    const direct = views.renderString(
      `{% from "nhsuk/components/header/macro.njk" import header %}{{ header({
        service: { text: "Hearth", href: "/" }, logo: { href: "/" },
        account: { items: [{ text: name, icon: true }, { href: "/sign-out", text: "Sign out" }] },
        navigation: { items: nav } }) }}`,
      { name: 'Jo Ward', nav },
    );
    assert.equal(html.trim(), direct.trim());
    assert.match(html, /Jo Ward/);
    assert.match(html, /href="\/plans"/);
  });

  it('keeps one rendering per distinct input and never shows one person the name of another', () => {
    const counting = countingViews();
    const chrome = createChrome(counting.views);
    const jo = chrome.header({ signedIn: true, displayName: 'Jo Ward', navigation: nav });
    assert.equal(chrome.header({ signedIn: true, displayName: 'Jo Ward', navigation: nav }), jo);
    assert.equal(counting.renders(), 1);
    const sam = chrome.header({ signedIn: true, displayName: 'Sam <b>', navigation: nav });
    assert.equal(counting.renders(), 2);
    assert.doesNotMatch(sam, /Jo Ward/);
    // Names are escaped like any other text.
    assert.match(sam, /Sam &lt;b&gt;/);
    const elsewhere = chrome.header({
      signedIn: true,
      displayName: 'Jo Ward',
      navigation: nav.map((l) => ({ ...l, current: l.href === '/plans' })),
    });
    assert.notEqual(elsewhere, jo);
    assert.equal(counting.renders(), 3);
  });

  it('shows no account links to someone signed out', () => {
    const html = createChrome(views).header({ signedIn: false, displayName: '', navigation: [] });
    assert.doesNotMatch(html, /sign-out/);
    assert.match(html, /Hearth/);
  });

  it('forgets the least recently used header beyond its size', () => {
    const counting = countingViews();
    const chrome = createChrome(counting.views, 2);
    const input = (name: string) => ({ signedIn: true, displayName: name, navigation: nav });
    chrome.header(input('A'));
    chrome.header(input('B'));
    chrome.header(input('A')); // A is now the most recent
    chrome.header(input('C')); // B goes
    assert.equal(counting.renders(), 3);
    chrome.header(input('A'));
    assert.equal(counting.renders(), 3);
    chrome.header(input('B'));
    assert.equal(counting.renders(), 4);
  });

  it('renders the skip link and footer once', () => {
    const counting = countingViews();
    const chrome = createChrome(counting.views);
    assert.match(chrome.footer(), /About Hearth/);
    assert.match(chrome.skipLink(), /href="#maincontent"/);
    chrome.footer();
    chrome.skipLink();
    assert.equal(counting.renders(), 2);
  });
});
