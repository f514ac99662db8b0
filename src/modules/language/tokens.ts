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
}

const WORDS = new RegExp(WORD_SOURCE, 'gu');

/** Length of a word without apostrophes at its end: a closing quote is punctuation. */
export function trimmedLength(raw: string): number {
  let n = raw.length;
  while (n > 1) {
    const c = raw.charCodeAt(n - 1);
    if (c !== 0x27 && c !== 0x2019 && c !== 0x2bc) break;
    n--;
  }
  return n;
}

/** Splits `text.slice(from, to)` into words, with offsets into `text`. */
export function tokenise(text: string, from: number, to: number): Token[] {
  WORDS.lastIndex = from;
  const out: Token[] = [];
  for (let m = WORDS.exec(text); m !== null && m.index < to; m = WORDS.exec(text)) {
    const whole = m[0];
    const n = trimmedLength(whole);
    const raw = n === whole.length ? whole : whole.slice(0, n);
    out.push({ start: m.index, end: m.index + n, raw, norm: normaliseWord(raw) });
  }
  return out;
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

/** True when the text between two words ends a sentence (or a heading). */
export function isSentenceGap(text: string, from: number, to: number): boolean {
  return SENTENCE_BREAK.test(text.slice(from, to));
}

/** True when the text between two words ends a clause (comma, dash, bracket or stronger). */
export function isClauseGap(text: string, from: number, to: number): boolean {
  return CLAUSE_BREAK.test(text.slice(from, to));
}

/** Character kinds, matching WORD_SOURCE: what may start a word, continue it, or be skipped. */
export const CHAR_NONE = 0;
/** A letter or digit: starts or continues a word. */
export const CHAR_START = 1;
/** A combining mark: continues a word. */
export const CHAR_MARK = 2;
/** An apostrophe: continues a word but is dropped from its normal form. */
export const CHAR_APOSTROPHE = 3;

const ASCII_KINDS = new Uint8Array(128);
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
