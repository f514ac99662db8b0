/**
 * Context rules: decide, from a few words around a match, whether wording is really
 * being used about a person in the way the rule means.
 *
 * Guarantees (each rule is general and table-tested in context.test.ts):
 * - negation: a cue such as "not", "no", "never", "no evidence of", "rather than"
 *   earlier in the same clause (or "was ruled out" after it) clears behaviour labels;
 *   slurs and suicide wording stay flagged, because the words still carry the harm;
 * - quotation: the person's own words (first person, or a recorded preference or
 *   self-description) are left alone; someone else's quoted words are kept at a lower
 *   severity; a short unattributed quotation is a scare quote and is flagged;
 * - reported speech: "her mother called her lazy" records what was said to the person
 *   and is left alone; "neighbours describe him as…" is kept, at a lower severity;
 * - diagnosis or label: a diagnosis word is flagged only when it stands for the person
 *   ("a schizophrenic", "two anorexics", "alcoholic gentleman"), not as a
 *   diagnosis or symptom ("diagnosis of bipolar", "psychotic symptoms");
 * - non-person senses and subjects: "aggressive lymphoma", "the pump was non-compliant",
 *   "the council refused her claim" are left alone;
 * - legal and required terms (lexicon allowPhrases and an organisation's allowed terms)
 *   are never flagged.
 * These read only a window of text around each match, so the cost per match is fixed.
 * The word lists are data (context-words.json); windows are in window.ts and quotations in
 * quotes.ts.
 */
import type { CompiledLexicon, CompiledRule, TrieNode, Variant } from './compile.ts';
import { words } from './context-words.ts';
import { isPhysicalSense } from './sections.ts';
import type { Token } from './tokens.ts';
import { GAP_QUOTE, gapBetween, isJoinableGap } from './tokens.ts';
import type { MatchWindow } from './window.ts';
import {
  anyAfter,
  anyBefore,
  at,
  clauseBreakBefore,
  tokenOf,
  wordsAfter,
  wordsBefore,
} from './window.ts';

/** Negation: a cue earlier in the clause, with no "but", "and"… in between; or "ruled out" after. */
export function isNegated(w: MatchWindow): boolean {
  const before = wordsBefore(w, 7);
  for (let k = 0; k < before.length; k++) {
    const word = (before[k] as Token).norm;
    if (words.scopeBreakers.has(word)) break;
    if (words.negationCues.has(word)) {
      // "no longer non-compliant" is negated; "not only … but" is not a negation.
      if (word === 'not' && before[k - 1]?.norm === 'only') continue;
      return true;
    }
    // "rather than aggressive", "instead of refusing", "wrong to call this …".
    if (word === 'than' && before[k + 1]?.norm === 'rather') return true;
    if (word === 'of' && before[k + 1]?.norm === 'instead') return true;
    if ((word === 'wrong' || word === 'unfair') && k <= 4) return true;
  }
  const after = wordsAfter(w, 4);
  for (let k = 0; k < after.length - 1; k++) {
    if ((after[k] as Token).norm === 'ruled' && after[k + 1]?.norm === 'out') return true;
  }
  return false;
}

type Subject = 'person' | 'staff' | 'thing' | 'absent';

/**
 * Who the match is about: walk back over auxiliaries and adverbs to the nearest noun
 * or pronoun in the clause. A noun straight after a determiner that is not a person
 * word ("the pump", "her claim") is a thing. Capitalised words are taken as names.
 */
export function findSubject(w: MatchWindow): Subject {
  let skippedNoun = false;
  for (let i = w.first - 1, steps = 0; i >= w.lo && steps < 8; i--, steps++) {
    if (clauseBreakBefore(w, i + 1)) return 'absent';
    const t = tokenOf(w, i);
    // A quotation opens between them: who speaks outside it is not its subject.
    const next = tokenOf(w, i + 1);
    if ((gapBetween(w.text, t, next) & GAP_QUOTE) !== 0) return 'absent';
    const word = t.norm;
    // "She finds crowds challenging": the words describe the object of "finds", a thing.
    if (words.judgingVerbs.has(word)) {
      if (skippedNoun) return 'thing';
      continue;
    }
    if (words.prepositions.has(word)) return 'absent';
    // "took his depot and was calm": past "and", the subject is further back and unknown.
    if (word === 'and' || word === 'or' || word === 'but') return 'absent';
    if (words.staffWords.has(word)) return 'staff';
    if (words.personWords.has(word)) return 'person';
    // "the housing association refused", "the printer refused": an institution or a machine.
    if (words.thingNouns.has(word)) return 'thing';
    if (words.thingPronouns.has(word)) return 'thing';
    if (words.auxiliaries.has(word) || word.endsWith('ly')) continue;
    const prev = at(w, i - 1);
    if (prev && !clauseBreakBefore(w, i) && words.determiners.has(prev.norm)) return 'thing';
    const initial = t.raw.charAt(0);
    if (initial !== initial.toLowerCase() && !clauseBreakBefore(w, i)) return 'person';
    skippedNoun = true;
  }
  return 'absent';
}

function isPassive(w: MatchWindow): boolean {
  // Only a past participle can be passive: "was refused", not "is refusing".
  const verb = (at(w, w.last) as Token).norm;
  if (!/(ed|en|wn)$/.test(verb)) return false;
  for (const t of wordsBefore(w, 3)) {
    if (words.passiveAux.has(t.norm)) return true;
    if (!t.norm.endsWith('ly') && t.norm !== 'not' && t.norm !== 'also') return false;
  }
  return false;
}

function endsPhrase(w: MatchWindow): boolean {
  const next = at(w, w.last + 1);
  if (!next || clauseBreakBefore(w, w.last + 1)) return true;
  const word = next.norm;
  return (
    words.phraseEnders.has(word) ||
    word.endsWith('ly') ||
    (word.endsWith('ed') && word.length > 4) ||
    /^\d/.test(word)
  );
}

/** "A schizophrenic living in a flat": a participle after the word ends its noun phrase. */
function followedByParticiple(w: MatchWindow): boolean {
  const next = at(w, w.last + 1);
  if (!next || clauseBreakBefore(w, w.last + 1)) return false;
  return next.norm.length > 5 && next.norm.endsWith('ing') && !words.ingNouns.has(next.norm);
}

/**
 * A diagnosis word names the person when it is plural, comes before a person noun, or
 * ends a noun phrase that opens with a determiner ("a known psychotic", "the manic in
 * bay 3"). "Diagnosis of bipolar" and "bipolar affective disorder" are not labels.
 */
export function isPersonLabel(
  w: MatchWindow,
  plural: boolean,
  copula: boolean,
  nounOnly = false,
): boolean {
  const next = at(w, w.last + 1);
  // "Polish man" is an adjective; only a diagnosis before a person noun labels them.
  if (!nounOnly && next && !clauseBreakBefore(w, w.last + 1) && words.personNouns.has(next.norm)) {
    return true;
  }
  if (plural) return true;
  if (!endsPhrase(w) && !followedByParticiple(w)) return false;
  const firstWord = (at(w, w.first) as Token).norm;
  if (words.determiners.has(firstWord)) return true;
  // "this pleasant 45-year-old schizophrenic": adjectives and an age may sit between.
  const before = wordsBefore(w, 6);
  for (const t of before) {
    if (words.determiners.has(t.norm)) return true;
    if (words.copulas.has(t.norm)) return copula;
    if (words.phraseEnders.has(t.norm) || /^(diagnos|has|have|had|history)/.test(t.norm)) {
      return false;
    }
  }
  return false;
}

/** "Her mother called her lazy": a record of what was said to the person. */
function isNameCalling(w: MatchWindow): boolean {
  // The words of wordsBefore(w, 3), read one at a time: most matches stop at the first.
  for (let i = w.first, n = 0; i > w.lo && n < 3; i--, n++) {
    if (clauseBreakBefore(w, i)) break;
    const word = tokenOf(w, i - 1).norm;
    if (words.nameCalling.has(word)) return true;
    if (!NAME_CALLING_LINKS.has(word)) return false;
  }
  return false;
}

// Words that may stand between a name-calling verb and the match ("called her a …").
const NAME_CALLING_LINKS = new Set(['him', 'her', 'them', 'me', 'you', 'a', 'an', 'being']);

function isReportedSpeech(w: MatchWindow): boolean {
  return anyBefore(w, 8, true, words.reportCues);
}

/**
 * The next few words of the same phrase include one of `set`. Stops at a preposition
 * other than "of"/"with", so "kicked off at the pharmacy" never reaches "the".
 */
function followedBy(w: MatchWindow, set: Set<string>): boolean {
  const after = wordsAfter(w, 5);
  // "demanding of staff time": what follows "of" is what is asked of others, not the noun
  // the words describe, so it cannot turn the words into a non-person sense.
  // A technical object right after "of" still counts ("manipulation of data").
  if (after[0]?.norm === 'of') return after[1] !== undefined && set.has(after[1].norm);
  for (const t of after) {
    if (set.has(t.norm)) return true;
    if (words.phraseLinks.has(t.norm)) continue;
    if (words.phraseEnders.has(t.norm) || words.prepositions.has(t.norm)) return false;
  }
  return false;
}

/** One of `set` comes just before the match, perhaps with adverbs between ("felt very angry"). */
function precededBy(w: MatchWindow, set: Set<string>): boolean {
  for (const t of wordsBefore(w, 4)) {
    if (set.has(t.norm)) return true;
    if (
      !words.degreeWords.has(t.norm) &&
      !words.linkingVerbs.has(t.norm) &&
      !t.norm.endsWith('ly')
    ) {
      return false;
    }
  }
  return false;
}

function matchedTokens(w: MatchWindow): Token[] {
  const out: Token[] = [];
  for (let i = w.first; i <= w.last; i++) out.push(tokenOf(w, i));
  return out;
}

function anyIn(tokens: Token[], set: Set<string>): boolean {
  return tokens.some((t) => set.has(t.norm));
}

/** How a rule's own context conditions judge a match. */
export type Verdict = 'keep' | 'clear' | 'reported';

/** Applies a rule's context conditions and the general rules to one match. */
export function judgeMatch(rule: CompiledRule, variant: Variant, w: MatchWindow): Verdict {
  if (rule.notBefore && followedBy(w, rule.notBefore)) return 'clear';
  if (rule.notAfter && precededBy(w, rule.notAfter)) return 'clear';
  if (rule.requireNear) {
    const near = rule.requireNear;
    if (
      !anyBefore(w, 10, true, near) &&
      !anyIn(matchedTokens(w), near) &&
      !anyAfter(w, 10, true, near)
    ) {
      return 'clear';
    }
  }
  if (rule.passive === 'clear' && isPassive(w)) return 'clear';
  if (rule.label && !isPersonLabel(w, variant.plural, rule.label.copula, rule.label.nounOnly)) {
    return 'clear';
  }
  if (rule.phraseEnd && !endsPhrase(w)) return 'clear';
  if (rule.physical && isPhysicalSense(w)) return 'clear';
  if (rule.subject) {
    const subject = findSubject(w);
    if (subject === 'thing') return 'clear';
    if (subject === 'staff' && rule.subject !== 'not-thing') return 'clear';
    if (subject === 'absent' && rule.subject === 'person') return 'clear';
  }
  if (rule.negation && isNegated(w)) return 'clear';
  if (isNameCalling(w)) return 'clear';
  if (isReportedSpeech(w)) return 'reported';
  return 'keep';
}

function walk(
  root: Map<string, TrieNode>,
  w: MatchWindow,
  from: number,
): { length: number; variant: Variant }[] {
  const found: { length: number; variant: Variant }[] = [];
  const { text } = w;
  let level: Map<string, TrieNode> | null = root;
  for (let i = from; i < w.hi && level; i++) {
    const t = tokenOf(w, i);
    if (i > from && !isJoinableGap(text, tokenOf(w, i - 1).end, t.start)) break;
    const node: TrieNode | undefined = level.get(t.norm);
    if (!node) break;
    for (const variant of node.ends) found.push({ length: i - from + 1, variant });
    level = node.children;
  }
  return found;
}

/** True when an allowed phrase (statutory term, organisation's choice) covers the span. */
export function isAllowed(lexicon: CompiledLexicon, w: MatchWindow, start: number, end: number) {
  if (lexicon.allowRoot.size === 0) return false;
  for (let i = Math.max(w.lo, w.first - 6); i <= w.last; i++) {
    for (const hit of walk(lexicon.allowRoot, w, i)) {
      const from = tokenOf(w, i).start;
      const to = tokenOf(w, i + hit.length - 1).end;
      if (from <= start && to >= end) return true;
    }
  }
  return false;
}
