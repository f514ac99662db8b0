/**
 * Quotations: finding them in a text and deciding whose words they hold (the person's own, a
 * term being named, a title, someone else's report, or a scare quote).
 */
import { words } from './context-words.ts';
import type { Token } from './tokens.ts';
import { appendTokens } from './reading.ts';
import type { TokenCache } from './window.ts';
import { createTokenCache, openWindow, startOf, wordsBefore } from './window.ts';

/** The kinds of quotation the checker tells apart. */
export type QuoteKind = 'own' | 'mention' | 'name' | 'scare' | 'reported';

/** A quotation: `start` is the opening mark, `end` is just after the closing mark. */
export interface Quote {
  start: number;
  end: number;
  kind: QuoteKind;
}

const MAX_QUOTE = 600;

function isWordChar(c: string): boolean {
  return /[\p{L}\p{N}]/u.test(c);
}

/** Finds quotation spans in the whole text in one pass (straight and curly marks). */
export function findQuotes(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  const re = /["“”„'‘’]|\n\s*\n/g;
  let openDouble = -1;
  let openSingle = -1;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const at = m.index;
    const c = m[0];
    if (c.length > 1) {
      // A quotation does not run across a blank line.
      openDouble = -1;
      openSingle = -1;
      continue;
    }
    const before = at > 0 ? (text[at - 1] as string) : ' ';
    const after = at + 1 < text.length ? (text[at + 1] as string) : ' ';
    if (openDouble !== -1 && at - openDouble > MAX_QUOTE) openDouble = -1;
    if (openSingle !== -1 && at - openSingle > MAX_QUOTE) openSingle = -1;
    if (c === '"' || c === '“' || c === '”' || c === '„') {
      if (openDouble === -1 && c !== '”') openDouble = at;
      else if (openDouble !== -1 && c !== '“' && c !== '„') {
        spans.push({ start: openDouble, end: at + 1 });
        openDouble = -1;
      }
      continue;
    }
    const opens = !isWordChar(before) && (isWordChar(after) || /\p{S}/u.test(after));
    const closes = !isWordChar(after) && !/\s/.test(before);
    if (openSingle === -1) {
      if (opens && c !== '’') openSingle = at;
    } else if (closes && c !== '‘') {
      spans.push({ start: openSingle, end: at + 1 });
      openSingle = -1;
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

/** Decides whose words a quotation holds and whether it is a scare quote. */
export function classifyQuote(
  text: string,
  start: number,
  end: number,
  cache: TokenCache = createTokenCache(),
): QuoteKind {
  const inner: Token[] = [];
  appendTokens(text, cache.words, start + 1, end - 1, inner);
  if (
    inner.some(
      (t) => t.raw === 'I' || /^I['’]/.test(t.raw) || words.firstOrSecondPerson.has(t.norm),
    )
  ) {
    return 'own';
  }
  const w = openWindow(text, start, end, cache);
  w.first = -1;
  for (let k = w.lo; k < w.hi; k++) {
    if (startOf(w, k) > start) {
      w.first = k;
      break;
    }
  }
  const before = w.first === -1 ? [] : wordsBefore(w, 6, true);
  if (before.some((t) => words.selfCues.has(t.norm))) return 'own';
  // "talks about her 'bad brain days'": their own name for their own experience.
  if (
    words.possessives.has(before[0]?.norm ?? '') &&
    before.slice(1, 4).some((t) => words.talkVerbs.has(t.norm))
  ) {
    return 'own';
  }
  if (before.slice(0, 3).some((t) => words.mentionCues.has(t.norm))) return 'mention';
  // "refers to the hospital as 'the bin'": a naming verb a little further back.
  if (before[0]?.norm === 'as' && before.some((t) => words.namingVerbs.has(t.norm)))
    return 'mention';
  const letters = inner.filter((t) => /^\p{L}/u.test(t.raw));
  // A title: capitalised words, perhaps joined by small words ("Recovery and Wellbeing").
  const capitals = letters.filter((t) => /^\p{Lu}/u.test(t.raw));
  if (
    capitals.length > 0 &&
    letters.every(
      (t) => /^\p{Lu}/u.test(t.raw) || (words.titleSmallWords.has(t.raw) && capitals.length >= 2),
    ) &&
    /^\p{Lu}/u.test(letters[0]?.raw ?? '') &&
    /^\p{Lu}/u.test(letters[letters.length - 1]?.raw ?? '') &&
    !letters.every((t) => t.raw === t.raw.toUpperCase())
  ) {
    return 'name';
  }
  // "the police log reads: '…'", "wrote in her complaint that he was '…'": a copied record.
  if (before.some((t) => words.quoteSources.has(t.norm))) return 'reported';
  const gapBefore = before[0] ? text.slice(before[0].end, start) : '';
  const directSpeech =
    before[0] !== undefined && words.speechVerbs.has(before[0].norm) && /^[\s,:]*$/.test(gapBefore);
  const afterTokens: Token[] = [];
  appendTokens(text, cache.words, end, Math.min(text.length, end + 40), afterTokens);
  afterTokens.length = Math.min(afterTokens.length, 3);
  const attributedAfter =
    /^[\s,]/.test(text.slice(end, end + 1)) &&
    afterTokens.slice(0, 3).some((t) => words.speechVerbs.has(t.norm));
  // Indirect speech ("Her mother said she has been 'not herself'"): a speech verb earlier in
  // the sentence, with a speaker who is someone else, makes these that person's words.
  const speechAt = before.findIndex((t) => words.speechVerbs.has(t.norm));
  const indirectSpeaker = speechAt > 0 ? before[speechAt + 1] : undefined;
  if (
    !directSpeech &&
    indirectSpeaker !== undefined &&
    !words.ownSpeakers.has(indirectSpeaker.norm) &&
    (words.staffWords.has(indirectSpeaker.norm) || words.otherSpeakers.has(indirectSpeaker.norm))
  ) {
    return 'reported';
  }
  if (directSpeech || attributedAfter) {
    // Whose speech: the person ("she said", "Jade said") or someone else ("police said").
    const speaker = directSpeech ? before[1] : afterTokens[0];
    if (!speaker || words.ownSpeakers.has(speaker.norm)) return 'own';
    return /^\p{Lu}/u.test(speaker.raw) && !words.staffWords.has(speaker.norm) ? 'own' : 'reported';
  }
  if (inner.length <= 4) return 'scare';
  return 'reported';
}
