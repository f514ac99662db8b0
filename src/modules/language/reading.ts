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

// What each ASCII code does in a word, per lexicon (see asciiSteps): letters and digits map
// to their column in the first-word table (0: no first word has it), with STEP_NONE and
// STEP_APOSTROPHE for the rest; one table read per character instead of two.
const STEP_NONE = -2;
const STEP_APOSTROPHE = -1;
const asciiStepsByTable = new WeakMap<CharTable, Int32Array>();

function asciiSteps(table: CharTable): Int32Array {
  let steps = asciiStepsByTable.get(table);
  if (steps === undefined) {
    steps = new Int32Array(128);
    for (let c = 0; c < 128; c++) {
      const kind = ASCII_KINDS[c] as number;
      steps[c] =
        kind === CHAR_NONE
          ? STEP_NONE
          : kind === CHAR_APOSTROPHE
            ? STEP_APOSTROPHE
            : (table.symbols[c] as number);
    }
    asciiStepsByTable.set(table, steps);
  }
  return steps;
}

/** Reads every word of `text` once, walking each through `table` as it goes. */
export function readWords(text: string, table: CharTable): TextWords {
  const { nodes } = table;
  const step = table.next;
  const stride = table.width;
  const ascii = asciiSteps(table);
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
    if (c < 128) {
      if ((ascii[c] as number) < 0) {
        i++;
        continue;
      }
    } else {
      const width = c >= 0xd800 && c <= 0xdbff && codePointAt(text, i) > 0xffff ? 2 : 1;
      if (charKind(text, i) !== CHAR_START) {
        i += width;
        continue;
      }
    }
    // Walk the word letter by letter through the trie of first words, lower-casing as we go:
    // one table step per ASCII letter; other letters go through the trie's maps. `base` is
    // the state's row in the table (state times stride), -1 once no first word matches.
    let base = 0;
    let shape = 0;
    let j = i;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d < 128) {
        const s = ascii[d] as number;
        if (s < 0) {
          if (s === STEP_NONE) break;
          shape |= SHAPE_OTHER;
        } else {
          if (d - 65 < 26 && d >= 65) shape |= SHAPE_UPPER;
          if (base !== -1) base = ((step[base + s] as number) - 1) * stride;
          if (base < 0) base = -1;
        }
        j++;
        continue;
      }
      const k = charKind(text, j);
      if (k === CHAR_NONE) break;
      shape |= SHAPE_OTHER;
      const w = d >= 0xd800 && d <= 0xdbff && codePointAt(text, j) > 0xffff ? 2 : 1;
      if (k !== CHAR_APOSTROPHE && base !== -1) {
        let charNode: CharNode | null = nodes[base / stride] as CharNode;
        const lower = String.fromCodePoint(codePointAt(text, j)).toLowerCase();
        for (let u = 0; u < lower.length && charNode !== null; u++) {
          charNode = charNode.next?.get(lower.charCodeAt(u)) ?? null;
        }
        base = charNode === null ? -1 : charNode.id * stride;
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
    // Most words end on a letter: only an apostrophe at the end needs trimming.
    const last = text.charCodeAt(j - 1);
    ends[count] = last === 0x27 || last === 0x2019 || last === 0x2bc ? trimmedEnd(text, i, j) : j;
    rawEnds[count] = j;
    states[count] = base === -1 ? -1 : base / stride;
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
  const slots: (Token | null)[] = [];
  const ids: number[] = [];
  appendSlots(text, words, from, to, slots, ids);
  for (let s = 0; s < slots.length; s++) {
    out.push(slots[s] ?? tokenAt(text, words as TextWords, ids[s] as number));
  }
}

/**
 * As appendTokens, but words already read are not made into tokens: for each, `slots` gets
 * null and `ids` its index in `words`, so a window makes a token only for a word a rule reads
 * (most words in a window are never looked at). Tokens made here get the id -1.
 */
export function appendSlots(
  text: string,
  words: TextWords | null,
  from: number,
  to: number,
  slots: (Token | null)[],
  ids: number[],
): void {
  if (words === null) {
    for (const t of tokenise(text, from, to)) {
      slots.push(t);
      ids.push(-1);
    }
    return;
  }
  const at = Math.max(0, from);
  let k = firstWordFrom(words, at);
  const cut = k > 0 ? (words.rawEnds[k - 1] as number) : 0;
  if (cut > at && at < to) {
    if (charKind(text, at) !== CHAR_START) {
      for (const t of tokenise(text, from, to)) {
        slots.push(t);
        ids.push(-1);
      }
      return;
    }
    const end = trimmedEnd(text, at, cut);
    const raw = text.slice(at, end);
    slots.push({ start: at, end, raw, norm: normaliseToken(raw), gap: 0, gapFrom: -1 });
    ids.push(-1);
  }
  const starts = words.starts;
  for (; k < words.count && (starts[k] as number) < to; k++) {
    slots.push(null);
    ids.push(k);
  }
}
