/**
 * The window of words around a match that the context rules read, and the cache that lets
 * windows around nearby matches share the words already read.
 */
import type { TextWords } from './reading.ts';
import { appendSlots, tokenAt } from './reading.ts';
import type { Token } from './tokens.ts';
import { CHAR_NONE, GAP_CLAUSE, GAP_SENTENCE, charKind, gapBetween } from './tokens.ts';

/** Characters of context read on each side of a match. */
const WINDOW_BEFORE = 120;
const WINDOW_AFTER = 80;

/** Words passed by before the cache drops them, so a long dense text keeps a short list. */
const TRIM_AFTER = 2048;

/**
 * The words of a match and the text around it. `tokens` may be shared with other windows:
 * this window is slots `lo` up to (not including) `hi`, and reads nothing outside. A slot
 * holds null until a rule reads that word (see tokenOf): most words are never read.
 */
export interface MatchWindow {
  text: string;
  tokens: (Token | null)[];
  /** For each slot, the word's index in `words`; -1 for a token made when read. */
  ids: number[];
  words: TextWords | null;
  lo: number;
  hi: number;
  /** Index in `tokens` of the first and last matched word. */
  first: number;
  last: number;
}

/**
 * Words already read, so that windows around nearby matches (which overlap when a scan
 * moves forward through a passage) reuse them instead of reading the text again. Windows
 * index into `tokens` rather than copying it.
 */
export interface TokenCache {
  tokens: (Token | null)[];
  ids: number[];
  /** Index in `tokens` of the first word at or after `from`. */
  base: number;
  from: number;
  /** Position up to which the text has been read; never inside a word. */
  to: number;
  /** The text's words as the scan read them (reading.ts), or null to read them here. */
  words: TextWords | null;
}

/** An empty cache for one pass over one text, taking words from `words` when given. */
export function createTokenCache(words: TextWords | null = null): TokenCache {
  return { tokens: [], ids: [], base: 0, from: 0, to: -1, words };
}

type Slots = Pick<TokenCache, 'tokens' | 'ids' | 'words'>;

/** Where the word in slot `i` starts, without making its token. */
export function startOf(s: Slots, i: number): number {
  const id = s.ids[i] as number;
  return id >= 0 ? ((s.words as TextWords).starts[id] as number) : (s.tokens[i] as Token).start;
}

/** Where the word in slot `i` ends (a Token's `end`), without making its token. */
function endOf(s: Slots, i: number): number {
  const id = s.ids[i] as number;
  return id >= 0 ? ((s.words as TextWords).ends[id] as number) : (s.tokens[i] as Token).end;
}

function firstAtOrAfter(s: Slots, offset: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (startOf(s, mid) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Reads the text around a match (the match itself must start on a word). */
export function openWindow(
  text: string,
  start: number,
  end: number,
  cache: TokenCache = createTokenCache(),
): MatchWindow {
  const from = Math.max(0, start - WINDOW_BEFORE);
  const to = Math.min(text.length, end + WINDOW_AFTER);
  let lo: number;
  if (cache.to >= from && from >= cache.from) {
    lo = firstAtOrAfter(cache, from, cache.base, cache.tokens.length);
    if (lo > TRIM_AFTER) {
      cache.tokens = cache.tokens.slice(lo);
      cache.ids = cache.ids.slice(lo);
      lo = 0;
    }
    if (to > cache.to) appendSlots(text, cache.words, cache.to, to, cache.tokens, cache.ids);
  } else {
    cache.tokens = [];
    cache.ids = [];
    appendSlots(text, cache.words, from, to, cache.tokens, cache.ids);
    // The window may cut a word in two; drop the cut piece so it is not read as a word.
    if (
      from > 0 &&
      cache.tokens.length > 0 &&
      startOf(cache, 0) === from &&
      charKind(text, from - 1) !== CHAR_NONE
    ) {
      cache.tokens = cache.tokens.slice(1);
      cache.ids = cache.ids.slice(1);
    }
    lo = 0;
  }
  const { tokens, ids, words } = cache;
  const hi = tokens.length;
  cache.base = lo;
  cache.from = from;
  cache.to = Math.max(to, hi > 0 ? endOf(cache, hi - 1) : to, cache.to);
  const first = firstAtOrAfter(cache, start, lo, hi);
  let last = first - 1;
  while (last + 1 < hi && endOf(cache, last + 1) <= end) last++;
  return { text, tokens, ids, words, lo, hi, first: first < hi ? first : -1, last };
}

/** The token in slot `i` of the window (which must be inside it), made on first reading. */
export function tokenOf(w: MatchWindow, i: number): Token {
  const t = w.tokens[i];
  if (t) return t;
  const made = tokenAt(w.text, w.words as TextWords, w.ids[i] as number);
  w.tokens[i] = made;
  return made;
}

/** The token at index `i` of the window, if any. */
export function at(w: MatchWindow, i: number): Token | undefined {
  return i >= w.lo && i < w.hi ? tokenOf(w, i) : undefined;
}

/** True when a clause break (or the window edge) comes before token `i`. */
export function clauseBreakBefore(w: MatchWindow, i: number): boolean {
  const prev = at(w, i - 1);
  const cur = at(w, i);
  return !prev || !cur || (gapBetween(w.text, prev, cur) & GAP_CLAUSE) !== 0;
}

/** True when a sentence break (or the window edge) comes before token `i`. */
export function sentenceBreakBefore(w: MatchWindow, i: number): boolean {
  const prev = at(w, i - 1);
  const cur = at(w, i);
  return !prev || !cur || (gapBetween(w.text, prev, cur) & GAP_SENTENCE) !== 0;
}

/** Words before the match in the same clause, nearest first, at most `limit`. */
export function wordsBefore(w: MatchWindow, limit: number, sentence = false): Token[] {
  const out: Token[] = [];
  for (let i = w.first; i > w.lo && out.length < limit; i--) {
    if (sentence ? sentenceBreakBefore(w, i) : clauseBreakBefore(w, i)) break;
    out.push(tokenOf(w, i - 1));
  }
  return out;
}

/** Words after the match in the same clause, nearest first, at most `limit`. */
export function wordsAfter(w: MatchWindow, limit: number, sentence = false): Token[] {
  const out: Token[] = [];
  for (let i = w.last + 1; i < w.hi && out.length < limit; i++) {
    if (sentence ? sentenceBreakBefore(w, i) : clauseBreakBefore(w, i)) break;
    out.push(tokenOf(w, i));
  }
  return out;
}

/**
 * True when one of the words `wordsBefore(w, limit, sentence)` gives is in `set`, found
 * without making that list (it stops at the first such word).
 */
export function anyBefore(w: MatchWindow, limit: number, sentence: boolean, set: Set<string>) {
  for (let i = w.first, n = 0; i > w.lo && n < limit; i--, n++) {
    if (sentence ? sentenceBreakBefore(w, i) : clauseBreakBefore(w, i)) break;
    if (set.has(tokenOf(w, i - 1).norm)) return true;
  }
  return false;
}

/** As anyBefore, for the words `wordsAfter(w, limit, sentence)` gives. */
export function anyAfter(w: MatchWindow, limit: number, sentence: boolean, set: Set<string>) {
  for (let i = w.last + 1, n = 0; i < w.hi && n < limit; i++, n++) {
    if (sentence ? sentenceBreakBefore(w, i) : clauseBreakBefore(w, i)) break;
    if (set.has(tokenOf(w, i).norm)) return true;
  }
  return false;
}
