/**
 * Live language suggestions in the browser (progressive enhancement): for every
 * `textarea[data-language-check="ID"]`, shows suggestions in the element with that id.
 * Works under a strict CSP (no inline script or style, no innerHTML): text is added with
 * textContent only, so nothing typed can become markup. The form works without it.
 * An organisation's own rules and allowed terms arrive as JSON in the `data-options` attribute
 * of `<template id="app-language-options">` (data, not script, so the CSP stays strict).
 */
import { createChecker } from './checker.ts';
import type { CheckOptions, Finding } from './checker.ts';

const DEBOUNCE_MS = 400;
/** Longer texts are still checked, but suggestions list only the first few. */
const MAX_SHOWN = 10;

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function describe(finding: Finding): HTMLLIElement {
  const item = element('li', 'app-language-check__item');
  const words = element('strong', 'app-language-check__words', finding.text.replace(/\s+/g, ' '));
  item.append(words, document.createTextNode(` ${finding.reason}`));
  if (finding.alternatives.length > 0) {
    item.append(
      element(
        'span',
        'app-language-check__alternatives',
        ` You could try: ${finding.alternatives.join('; ')}${/[.…]$/.test(finding.alternatives.at(-1) ?? '') ? '' : '.'}`,
      ),
    );
  }
  return item;
}

function render(target: HTMLElement, findings: Finding[]): void {
  target.replaceChildren();
  if (findings.length === 0) return;
  const panel = element('div', 'app-language-check__panel nhsuk-inset-text');
  const count = findings.length;
  panel.append(
    element(
      'h3',
      'app-language-check__heading nhsuk-heading-s',
      count === 1 ? 'One suggestion about wording' : `${count} suggestions about wording`,
    ),
  );
  const list = element('ul', 'app-language-check__list nhsuk-list nhsuk-list--bullet');
  for (const finding of findings.slice(0, MAX_SHOWN)) list.append(describe(finding));
  panel.append(list);
  if (count > MAX_SHOWN) {
    panel.append(
      element('p', 'app-language-check__more', `And ${count - MAX_SHOWN} more further down.`),
    );
  }
  target.append(panel);
}

/** The organisation's checker, or the built-in one when its options are missing or unusable. */
function organisationChecker(root: ParentNode): (text: string) => Finding[] {
  const carrier = root.querySelector<HTMLElement>('#app-language-options');
  const json = carrier?.dataset['options'];
  if (json) {
    try {
      return createChecker(JSON.parse(json) as CheckOptions);
    } catch {
      // Suggestions are a help, never a blocker: fall back to the built-in rules.
    }
  }
  return createChecker();
}

/** Connects one textarea to its suggestions region. */
function enhance(textarea: HTMLTextAreaElement, check: (text: string) => Finding[]): void {
  const targetId = textarea.dataset['languageCheck'];
  if (!targetId) return;
  const target = document.getElementById(targetId);
  if (!target) return;
  target.classList.add('app-language-check');
  // Screen readers hear new suggestions when the person pauses, without losing their place.
  target.setAttribute('aria-live', 'polite');
  target.setAttribute('aria-atomic', 'true');
  const describedBy = new Set((textarea.getAttribute('aria-describedby') ?? '').split(/\s+/));
  describedBy.add(targetId);
  textarea.setAttribute('aria-describedby', [...describedBy].filter(Boolean).join(' '));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const update = (): void => render(target, check(textarea.value));
  textarea.addEventListener('input', () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(update, DEBOUNCE_MS);
  });
  // Suggestions the server already showed (after a save) stay until the person types again.
  if (textarea.value !== '' && target.childElementCount === 0) update();
}

/** Finds every textarea that asks for language checking and enhances it. */
export function startLanguageCheck(root: ParentNode = document): void {
  const textareas = root.querySelectorAll<HTMLTextAreaElement>('textarea[data-language-check]');
  if (textareas.length === 0) return;
  const check = organisationChecker(root);
  textareas.forEach((textarea) => enhance(textarea, check));
}

if (typeof document !== 'undefined') {
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', () => startLanguageCheck());
  } else {
    startLanguageCheck();
  }
}
