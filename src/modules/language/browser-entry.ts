/**
 * Live language suggestions in the browser (progressive enhancement): for every
 * `textarea[data-language-check="ID"]`, shows suggestions in the element with that id.
 * Works under a strict CSP (no inline script or style, no innerHTML): text is added with
 * textContent only, so nothing typed can become markup. The form works without it.
 */
import { checkText } from './index.ts';
import type { Finding } from './index.ts';

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

/** Connects one textarea to its suggestions region. */
function enhance(textarea: HTMLTextAreaElement): void {
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
  const update = (): void => render(target, checkText(textarea.value));
  textarea.addEventListener('input', () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(update, DEBOUNCE_MS);
  });
  if (textarea.value !== '') update();
}

/** Finds every textarea that asks for language checking and enhances it. */
export function startLanguageCheck(root: ParentNode = document): void {
  root
    .querySelectorAll<HTMLTextAreaElement>('textarea[data-language-check]')
    .forEach((textarea) => enhance(textarea));
}

if (typeof document !== 'undefined') {
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', () => startLanguageCheck());
  } else {
    startLanguageCheck();
  }
}
