/**
 * Word tokens over the original string, so every offset is a UTF-16 index into the
 * text the caller gave us (emoji, combining marks, right-to-left text and lone
 * surrogates never shift an offset: they are simply not part of any word).
 */
import { normaliseWord } from './compile.ts';

/** A word: letters or digits, then letters, digits, combining marks or inner apostrophes. */
export const WORD_SOURCE = "[\\p{L}\\p{N}][\\p{L}\\p{N}\\p{M}'’ʼ]*";

/** A word in a window of text around a match. */
export interface Token {
  start: number;
  end: number;
  raw: string;
  norm: string;
  /**
   * What the text between this word and the one before it holds (GAP_* bits), read once and
   * kept, since the context rules ask about the same gaps again and again; `gapFrom` is the
   * end of the word it was read against (-1 before the first reading).
   */
  gap: number;
  gapFrom: number;
}

/** Where a word in `text` from `start` to `end` ends without apostrophes at its end. */
export function trimmedEnd(text: string, start: number, end: number): number {
  let n = end;
  while (n - start > 1) {
    const c = text.charCodeAt(n - 1);
    if (c !== 0x27 && c !== 0x2019 && c !== 0x2bc) break;
    n--;
  }
  return n;
}

/**
 * The normal form of a word, as normaliseWord gives it; plain lower-case ASCII words are their
 * own (no new string is made).
 */
export function normaliseToken(raw: string): string {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 128 || c === 0x27 || (c >= 65 && c <= 90)) return normaliseWord(raw);
  }
  return raw;
}

/**
 * Splits `text.slice(from, to)` into words, with offsets into `text`: the words WORD_SOURCE
 * matches from `from` on (one that starts before `to` is kept whole), read with charKind rather
 * than the regular expression, which is several times slower.
 */
export function tokenise(text: string, from: number, to: number): Token[] {
  const out: Token[] = [];
  const n = text.length;
  let i = Math.max(0, from);
  while (i < n && i < to) {
    const c = text.charCodeAt(i);
    // ASCII is read from the table; other characters through charKind.
    if (c < 128 ? ASCII_KINDS[c] !== CHAR_START : charKind(text, i) !== CHAR_START) {
      i += c < 128 ? 1 : widthAt(text, i);
      continue;
    }
    const start = i;
    i += c < 128 ? 1 : widthAt(text, i);
    while (i < n) {
      const d = text.charCodeAt(i);
      if (d < 128) {
        if (ASCII_KINDS[d] === CHAR_NONE) break;
        i++;
      } else {
        if (charKind(text, i) === CHAR_NONE) break;
        i += widthAt(text, i);
      }
    }
    const end = trimmedEnd(text, start, i);
    const raw = text.slice(start, end);
    out.push({ start, end, raw, norm: normaliseToken(raw), gap: 0, gapFrom: -1 });
  }
  return out;
}

/** UTF-16 units taken by the character at `i`: 2 for a surrogate pair, else 1. */
export function widthAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && codePointAt(text, i) > 0xffff ? 2 : 1;
}

/** Two words may belong to one phrase when only spaces or one hyphen lie between them. */
export function isJoinableGap(text: string, from: number, to: number): boolean {
  if (to - from > 12) return false;
  let hyphens = 0;
  let newlines = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2d || c === 0x2010 || c === 0x2011) {
      hyphens++;
    } else if (c === 0x0a) {
      newlines++;
    } else if (!(c === 0x20 || c === 0x09 || c === 0x0d || c === 0xa0)) {
      return false;
    }
  }
  // A blank line ends a paragraph; phrases do not run across it.
  return hyphens <= 1 && newlines <= 1;
}

// A full stop, colon or comma inside a number or time ("15.2", "1:1", "1,000") breaks nothing.
const SENTENCE_BREAK = /[!?;\n]|[.:]["'”’)\]]*\s/;
const CLAUSE_BREAK = /[!?;\n()[\]–—]|[.:,]["'”’)\]]*\s|\s-\s/;
const DOUBLE_QUOTE = /["“”]/;

/** Gap bits: the text between two words ends a clause, ends a sentence, holds a double quote. */
export const GAP_CLAUSE = 1;
/** See GAP_CLAUSE. */
export const GAP_SENTENCE = 2;
/** See GAP_CLAUSE. */
export const GAP_QUOTE = 4;

/** True when the text between two words ends a sentence (or a heading). */
export function isSentenceGap(text: string, from: number, to: number): boolean {
  return SENTENCE_BREAK.test(text.slice(from, to));
}

/** True when the text between two words ends a clause (comma, dash, bracket or stronger). */
export function isClauseGap(text: string, from: number, to: number): boolean {
  return CLAUSE_BREAK.test(text.slice(from, to));
}

/** The GAP_* bits of the text between `prev` and `cur`, read once per pair and kept on `cur`. */
export function gapBetween(text: string, prev: Token, cur: Token): number {
  if (cur.gapFrom === prev.end) return cur.gap;
  let gap = 0;
  // Most gaps are one space: nothing to read.
  if (!(cur.start - prev.end === 1 && text.charCodeAt(prev.end) === 0x20)) {
    const between = text.slice(prev.end, cur.start);
    if (CLAUSE_BREAK.test(between)) gap |= GAP_CLAUSE;
    if (SENTENCE_BREAK.test(between)) gap |= GAP_SENTENCE;
    if (DOUBLE_QUOTE.test(between)) gap |= GAP_QUOTE;
  }
  cur.gap = gap;
  cur.gapFrom = prev.end;
  return gap;
}

/** Character kinds, matching WORD_SOURCE: what may start a word, continue it, or be skipped. */
export const CHAR_NONE = 0;
/** A letter or digit: starts or continues a word. */
export const CHAR_START = 1;
/** A combining mark: continues a word. */
export const CHAR_MARK = 2;
/** An apostrophe: continues a word but is dropped from its normal form. */
export const CHAR_APOSTROPHE = 3;

/** charKind of each ASCII code, for loops that read ASCII text without a call per character. */
export const ASCII_KINDS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const isAlnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  ASCII_KINDS[c] = isAlnum ? CHAR_START : c === 0x27 ? CHAR_APOSTROPHE : CHAR_NONE;
}
const WIDE_KINDS = new Map<number, number>();
const START_RE = /^[\p{L}\p{N}]$/u;
const MARK_RE = /^\p{M}$/u;

/** The code point at `i` (a lone surrogate stands for itself). */
export function codePointAt(text: string, i: number): number {
  return text.codePointAt(i) ?? 0;
}

/** The kind of the character at `i`; astral characters are two code units wide. */
export function charKind(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return ASCII_KINDS[c] as number;
  const cp = codePointAt(text, i);
  let kind = WIDE_KINDS.get(cp);
  if (kind === undefined) {
    const ch = String.fromCodePoint(cp);
    kind =
      cp === 0x2019 || cp === 0x2bc
        ? CHAR_APOSTROPHE
        : START_RE.test(ch)
          ? CHAR_START
          : MARK_RE.test(ch)
            ? CHAR_MARK
            : CHAR_NONE;
    // Bounded so that text full of rare characters cannot grow the cache without limit.
    if (WIDE_KINDS.size < 65536) WIDE_KINDS.set(cp, kind);
  }
  return kind;
}
