/**
 * One reading of a text: every word's offsets, and where its letters lead in the trie of
 * first words, found in a single pass and kept in typed arrays. The scan, the phrase walk and
 * the windows of the context rules all index into it instead of reading the letters again.
 * Words are exactly those `tokenise` finds over the whole text (WORD_SOURCE).
 */
import type { CharNode, CharTable } from './compile.ts';
import type { Token } from './tokens.ts';
import {
  ASCII_KINDS,
  CHAR_APOSTROPHE,
  CHAR_NONE,
  CHAR_START,
  charKind,
  codePointAt,
  normaliseToken,
  tokenise,
  trimmedEnd,
} from './tokens.ts';

/** The words of one text; entries past `count` are unused room. */
export interface TextWords {
  count: number;
  /** Where each word starts. */
  starts: Int32Array;
  /** Where it ends without closing apostrophes (a Token's `end`). */
  ends: Int32Array;
  /** Where it ends as written. */
  rawEnds: Int32Array;
  /** Its state in the first-word table after its last letter; -1 when no first word matches. */
  states: Int32Array;
  /** SHAPE_* bits: how its normal form is made (most words are already their normal form). */
  shapes: Uint8Array;
}

/** Shape bits: the word has an ASCII capital; it has an apostrophe or a character past ASCII. */
export const SHAPE_UPPER = 1;
/** See SHAPE_UPPER. */
export const SHAPE_OTHER = 2;

/** The normal form of `raw`, a word of shape `shape` (as normaliseToken gives it, but cheaper). */
export function normalForm(raw: string, shape: number): string {
  if (shape === 0) return raw;
  return shape === SHAPE_UPPER ? raw.toLowerCase() : normaliseToken(raw);
}

function grow(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

function growBytes(array: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  const bigger = new Uint8Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/** Reads every word of `text` once, walking each through `table` as it goes. */
export function readWords(text: string, table: CharTable): TextWords {
  const { symbols, nodes } = table;
  const step = table.next;
  const stride = table.width;
  const n = text.length;
  // Notes average about six characters a word; the arrays double if that is too few.
  let room = (n >> 2) + 16;
  let starts = new Int32Array(room);
  let ends = new Int32Array(room);
  let rawEnds = new Int32Array(room);
  let states = new Int32Array(room);
  let shapes = new Uint8Array(room);
  let count = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 128 && ASCII_KINDS[c] !== CHAR_START) {
      i++;
      continue;
    }
    const width = c >= 0xd800 && c <= 0xdbff && codePointAt(text, i) > 0xffff ? 2 : 1;
    if (c >= 128 && charKind(text, i) !== CHAR_START) {
      i += width;
      continue;
    }
    // Walk the word letter by letter through the trie of first words, lower-casing as we go:
    // one table step per ASCII letter; other letters go through the trie's maps.
    let state = 0;
    let shape = 0;
    let j = i;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d < 128) {
        const k = ASCII_KINDS[d] as number;
        if (k === CHAR_NONE) break;
        if (k === CHAR_APOSTROPHE) shape |= SHAPE_OTHER;
        else {
          if (d <= 90 && d >= 65) shape |= SHAPE_UPPER;
          if (state !== -1) state = (step[state * stride + (symbols[d] as number)] as number) - 1;
        }
        j++;
        continue;
      }
      const k = charKind(text, j);
      if (k === CHAR_NONE) break;
      shape |= SHAPE_OTHER;
      const w = d >= 0xd800 && d <= 0xdbff && codePointAt(text, j) > 0xffff ? 2 : 1;
      if (k !== CHAR_APOSTROPHE && state !== -1) {
        let charNode: CharNode | null = nodes[state] as CharNode;
        const lower = String.fromCodePoint(codePointAt(text, j)).toLowerCase();
        for (let u = 0; u < lower.length && charNode !== null; u++) {
          charNode = charNode.next?.get(lower.charCodeAt(u)) ?? null;
        }
        state = charNode === null ? -1 : charNode.id;
      }
      j += w;
    }
    if (count === room) {
      starts = grow(starts);
      ends = grow(ends);
      rawEnds = grow(rawEnds);
      states = grow(states);
      shapes = growBytes(shapes);
      room *= 2;
    }
    starts[count] = i;
    ends[count] = trimmedEnd(text, i, j);
    rawEnds[count] = j;
    states[count] = state;
    shapes[count] = shape;
    count++;
    i = j;
  }
  return { count, starts, ends, rawEnds, states, shapes };
}

/** Index of the first word starting at or after `offset`. */
export function firstWordFrom(words: TextWords, offset: number): number {
  let lo = 0;
  let hi = words.count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((words.starts[mid] as number) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Word `k` as a Token. */
export function tokenAt(text: string, words: TextWords, k: number): Token {
  const start = words.starts[k] as number;
  const end = words.ends[k] as number;
  const raw = text.slice(start, end);
  return { start, end, raw, norm: normalForm(raw, words.shapes[k] as number), gap: 0, gapFrom: -1 };
}

/**
 * Appends to `out` what `tokenise(text, from, to)` gives, taken from the words already read.
 * Starting inside a word, tokenise reads the rest of it as a word of its own (the window drops
 * it); starting on an apostrophe or mark inside a word is rare and read as before.
 */
export function appendTokens(
  text: string,
  words: TextWords | null,
  from: number,
  to: number,
  out: Token[],
): void {
  if (words === null) {
    for (const t of tokenise(text, from, to)) out.push(t);
    return;
  }
  const at = Math.max(0, from);
  let k = firstWordFrom(words, at);
  const cut = k > 0 ? (words.rawEnds[k - 1] as number) : 0;
  if (cut > at && at < to) {
    if (charKind(text, at) !== CHAR_START) {
      for (const t of tokenise(text, from, to)) out.push(t);
      return;
    }
    const end = trimmedEnd(text, at, cut);
    const raw = text.slice(at, end);
    out.push({ start: at, end, raw, norm: normaliseToken(raw), gap: 0, gapFrom: -1 });
  }
  for (; k < words.count && (words.starts[k] as number) < to; k++) {
    out.push(tokenAt(text, words, k));
  }
}
