/**
 * Misspellings: busy notes say "manipulitive", "abscounded", "refussed". A word of six or more
 * letters that is not in the lexicon is compared with the lexicon's head words (the first word
 * of each phrase, in every generated form) and taken as that word when one letter is added,
 * dropped or a vowel changed (see isLikelyTypo), the first two letters are the same, and the word is
 * not an ordinary English word that happens to be that close ("complaint" for "compliant"; the
 * list is data in context-words.json, found by running this over ordinary English text).
 *
 * Head words are grouped by their first two letters and length, so a word is compared with
 * the few heads in three groups at most, and most words are passed over after one look-up
 * with no string made (mayBeMisspelt).
 */
import { words } from './context-words.ts';

/** Shortest word (in letters) that is ever read as a misspelling. */
export const MIN_FUZZY_LENGTH = 6;

/** Head words grouped by their first two letters and length (see bucketKey). */
export type SpellingIndex = Map<number, string[]>;

const LETTERS = /^[a-z]+$/;

/** The group of words starting with character codes `c0`, `c1` and `length` letters long. */
export function bucketKey(c0: number, c1: number, length: number): number {
  return ((c0 & 0xffff) * 0x10000 + (c1 & 0xffff)) * 64 + Math.min(length, 63);
}

/** Builds the index over head words of at least MIN_FUZZY_LENGTH letters. */
export function buildSpellingIndex(heads: Iterable<string>): SpellingIndex {
  const index: SpellingIndex = new Map();
  for (const head of heads) {
    if (head.length < MIN_FUZZY_LENGTH || !LETTERS.test(head)) continue;
    const key = bucketKey(head.charCodeAt(0), head.charCodeAt(1), head.length);
    const list = index.get(key);
    if (!list) index.set(key, [head]);
    else if (!list.includes(head)) list.push(head);
  }
  return index;
}

/**
 * A cheap test before any string is made: is there a head word with these first two
 * letters (lower-case codes) and a length within one of `length`?
 */
export function mayBeMisspelt(index: SpellingIndex, c0: number, c1: number, length: number) {
  // Most words: no head word starts with these two ASCII letters, found in a bit table.
  if (c0 < 128 && c1 < 128 && (prefixesOf(index)[(c0 << 7) | c1] as number) === 0) return false;
  return (
    index.has(bucketKey(c0, c1, length)) ||
    index.has(bucketKey(c0, c1, length - 1)) ||
    index.has(bucketKey(c0, c1, length + 1))
  );
}

const prefixTables = new WeakMap<SpellingIndex, Uint8Array>();
// The scan asks about one index many times in a row: the last answer saves a WeakMap look-up
// per long word.
let lastIndex: SpellingIndex | null = null;
let lastTable: Uint8Array = new Uint8Array(0);

/** For each pair of ASCII codes, 1 when some head word in `index` starts with them. */
function prefixesOf(index: SpellingIndex): Uint8Array {
  if (index === lastIndex) return lastTable;
  let table = prefixTables.get(index);
  if (!table) {
    table = new Uint8Array(128 * 128);
    for (const heads of index.values()) {
      for (const head of heads) {
        const c0 = head.charCodeAt(0);
        const c1 = head.charCodeAt(1);
        if (c0 < 128 && c1 < 128) table[(c0 << 7) | c1] = 1;
      }
    }
    prefixTables.set(index, table);
  }
  lastIndex = index;
  lastTable = table;
  return table;
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

// Notes repeat their words, so answers are remembered per index (bounded, then started afresh).
const MEMO_LIMIT = 20000;
const memos = new WeakMap<SpellingIndex, Map<string, string | null>>();

/** The head word `word` is a one-slip misspelling of, or null. `word` is lower-case. */
export function correctWord(index: SpellingIndex, word: string): string | null {
  let memo = memos.get(index);
  if (!memo || memo.size >= MEMO_LIMIT) {
    memo = new Map();
    memos.set(index, memo);
  }
  const known = memo.get(word);
  if (known !== undefined) return known;
  const found = findHead(index, word);
  memo.set(word, found);
  return found;
}

function findHead(index: SpellingIndex, word: string): string | null {
  if (!usable(word)) return null;
  // Slips in the first two letters are rare, and changing them makes other words
  // ("meaning" and "moaning", "paying" and "playing"), so only heads sharing them count.
  const c0 = word.charCodeAt(0);
  const c1 = word.charCodeAt(1);
  for (const length of [word.length, word.length - 1, word.length + 1]) {
    for (const head of index.get(bucketKey(c0, c1, length)) ?? []) {
      if (isLikelyTypo(word, head)) return head;
    }
  }
  return null;
}

/** The child of a phrase node that `word` misspells ("non" then "complaint" for "compliant"). */
export function correctNextWord<T>(children: Map<string, T>, word: string): T | null {
  // After the phrase's first word the context already points at the lexicon word, so the
  // ordinary-English exceptions do not apply ("non-complaint").
  if (word.length < MIN_FUZZY_LENGTH || !LETTERS.test(word)) return null;
  // Only children of fuzzy length sharing the first two letters can match; they are grouped
  // once per node, in the map's order, so the first match is the one a full walk would find.
  const keys = longKeysOf(children).get(word.charCodeAt(0) * 0x10000 + word.charCodeAt(1));
  if (keys === undefined) return null;
  for (const key of keys) {
    if (isLikelyTypo(word, key)) return children.get(key) ?? null;
  }
  return null;
}

const longKeys = new WeakMap<Map<string, unknown>, Map<number, string[]>>();

/** The keys of `children` of at least MIN_FUZZY_LENGTH, grouped by their first two codes. */
function longKeysOf(children: Map<string, unknown>): Map<number, string[]> {
  let groups = longKeys.get(children);
  if (groups === undefined) {
    groups = new Map();
    for (const key of children.keys()) {
      if (key.length < MIN_FUZZY_LENGTH) continue;
      const code = key.charCodeAt(0) * 0x10000 + key.charCodeAt(1);
      const group = groups.get(code);
      if (group === undefined) groups.set(code, [key]);
      else group.push(key);
    }
    longKeys.set(children, groups);
  }
  return groups;
}
