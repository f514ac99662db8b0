/**
 * Misspellings: busy notes say "manipulitive", "abscounded", "refussed". A word of six or more
 * letters that is not in the lexicon is compared with the lexicon's head words (the first word
 * of each phrase, in every generated form) and taken as that word when one letter is added,
 * dropped or a vowel changed (see isLikelyTypo), the first two letters are the same, and the word is
 * not an ordinary English word that happens to be that close ("complaint" for "compliant"; the
 * list is data in context-words.json, found by running this over ordinary English text).
 *
 * The look-up uses one-letter deletions (a "symmetric delete" index): for a word of n letters
 * it makes at most n + 1 Map look-ups, so the cost per word is fixed and small.
 */
import { words } from './context-words.ts';

/** Shortest word (in letters) that is ever read as a misspelling. */
export const MIN_FUZZY_LENGTH = 6;

/** Head words by their one-letter deletions (and by themselves). */
export type SpellingIndex = Map<string, string[]>;

const LETTERS = /^[a-z]+$/;

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

function add(index: SpellingIndex, key: string, head: string): void {
  const list = index.get(key);
  if (!list) index.set(key, [head]);
  else if (!list.includes(head)) list.push(head);
}

/** Builds the index over head words of at least MIN_FUZZY_LENGTH letters. */
export function buildSpellingIndex(heads: Iterable<string>): SpellingIndex {
  const index: SpellingIndex = new Map();
  for (const head of heads) {
    if (head.length < MIN_FUZZY_LENGTH || !LETTERS.test(head)) continue;
    add(index, head, head);
    for (const d of deletions(head)) add(index, d, head);
  }
  return index;
}

const VOWEL = /[aeiouy]/;

/**
 * True when `word` is `head` with one slip of the kind busy typing makes: two neighbours
 * swapped, a letter added or dropped before the last letter, or one vowel written for
 * another in a word of seven or more letters. A different last letter changes the form, not
 * the spelling ("overdose" is not "overdoser"), and a changed consonant usually makes another
 * word ("morning", "explored"), so neither counts.
 */
export function isLikelyTypo(word: string, head: string): boolean {
  if (word === head) return false;
  const la = word.length;
  const lb = head.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && word[i] === head[i]) i++;
  if (la === lb) {
    if (i >= la - 1) return false;
    if (word.slice(i + 1) === head.slice(i + 1)) {
      return la >= 7 && VOWEL.test(word[i] as string) && VOWEL.test(head[i] as string);
    }
    return (
      word[i] === head[i + 1] && word[i + 1] === head[i] && word.slice(i + 2) === head.slice(i + 2)
    );
  }
  // Not in the last two letters: "overdoses" is not "overdosers".
  if (i >= Math.min(la, lb) - 1) return false;
  return la > lb ? word.slice(i + 1) === head.slice(i) : word.slice(i) === head.slice(i + 1);
}

function usable(word: string): boolean {
  return word.length >= MIN_FUZZY_LENGTH && LETTERS.test(word) && !words.notMisspellings.has(word);
}

/** The head word `word` is a one-edit misspelling of, or null. `word` is lower-case. */
export function correctWord(index: SpellingIndex, word: string): string | null {
  if (!usable(word)) return null;
  // Slips in the first two letters are rare, and changing them makes other words
  // ("meaning" and "moaning", "paying" and "playing").
  const first = word.charCodeAt(0);
  const second = word.charCodeAt(1);
  const check = (key: string): string | null => {
    const heads = index.get(key);
    if (!heads) return null;
    for (const head of heads) {
      if (
        head.charCodeAt(0) === first &&
        head.charCodeAt(1) === second &&
        isLikelyTypo(word, head)
      ) {
        return head;
      }
    }
    return null;
  };
  const direct = check(word);
  if (direct) return direct;
  for (let i = 1; i < word.length; i++) {
    const found = check(word.slice(0, i) + word.slice(i + 1));
    if (found) return found;
  }
  return null;
}

/** The child of a phrase node that `word` misspells ("non" then "complaint" for "compliant"). */
export function correctNextWord<T>(children: Map<string, T>, word: string): T | null {
  // After the phrase's first word the context already points at the lexicon word, so the
  // ordinary-English exceptions do not apply ("non-complaint").
  if (word.length < MIN_FUZZY_LENGTH || !LETTERS.test(word)) return null;
  for (const [key, child] of children) {
    if (
      key.length >= MIN_FUZZY_LENGTH &&
      key[0] === word[0] &&
      key[1] === word[1] &&
      isLikelyTypo(word, key)
    ) {
      return child;
    }
  }
  return null;
}
