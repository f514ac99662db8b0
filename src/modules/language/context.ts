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
 */
import type { CompiledLexicon, CompiledRule, TrieNode, Variant } from './compile.ts';
import type { Token } from './tokens.ts';
import {
  CHAR_NONE,
  charKind,
  isClauseGap,
  isJoinableGap,
  isSentenceGap,
  tokenise,
} from './tokens.ts';

/** Characters of context read on each side of a match. */
const WINDOW_BEFORE = 120;
const WINDOW_AFTER = 80;

const NEGATION_CUES = new Set([
  'not',
  'no',
  'never',
  'without',
  'nothing',
  'none',
  'nor',
  'neither',
  'cannot',
  'unlikely',
  'isnt',
  'wasnt',
  'arent',
  'werent',
  'dont',
  'doesnt',
  'didnt',
  'hasnt',
  'havent',
  'hadnt',
  'wont',
  'wouldnt',
  'couldnt',
  'shouldnt',
  'cant',
]);

/** Words that end the reach of a negation cue ("not tired, and aggressive"). */
const SCOPE_BREAKERS = new Set([
  'but',
  'although',
  'though',
  'however',
  'yet',
  'whereas',
  'while',
  'because',
  'so',
  'and',
  'then',
  'which',
  'who',
  'when',
  'after',
  'before',
  'until',
  'unless',
  'since',
  'why',
  'where',
]);

const DETERMINERS = new Set([
  'a',
  'an',
  'the',
  'this',
  'that',
  'these',
  'those',
  'one',
  'two',
  'three',
  'four',
  'five',
  'several',
  'many',
  'some',
  'any',
  'another',
  'every',
  'each',
  'our',
  'your',
  'their',
  'his',
  'her',
  'its',
  'my',
  'no',
  'other',
  'all',
]);

const COPULAS = new Set([
  'is',
  'was',
  'are',
  'were',
  'be',
  'been',
  'being',
  'am',
  'remains',
  'remained',
  'became',
  'becomes',
  'become',
  'seems',
  'seemed',
  'appears',
  'appeared',
  'isnt',
  'wasnt',
]);

const PASSIVE_AUX = new Set(['is', 'was', 'are', 'were', 'be', 'been', 'being', 'get', 'got']);

/** Words that can sit between a subject and its verb without changing who acts. */
const AUXILIARIES = new Set([
  ...COPULAS,
  'has',
  'have',
  'had',
  'having',
  'will',
  'would',
  'can',
  'could',
  'may',
  'might',
  'should',
  'shall',
  'must',
  'does',
  'did',
  'do',
  'not',
  'also',
  'still',
  'now',
  'then',
  'again',
  'just',
  'very',
  'quite',
  'really',
  'often',
  'sometimes',
  'always',
  'usually',
  'increasingly',
  'more',
  'less',
  'so',
  'too',
  'and',
  'or',
  'no',
  'longer',
  'once',
  'twice',
]);

/** Words that end a noun phrase: prepositions, conjunctions, auxiliaries, time words. */
const PHRASE_ENDERS = new Set([
  ...AUXILIARIES,
  'who',
  'whom',
  'whose',
  'which',
  'that',
  'on',
  'in',
  'at',
  'with',
  'from',
  'to',
  'for',
  'of',
  'by',
  'into',
  'onto',
  'about',
  'under',
  'over',
  'after',
  'before',
  'during',
  'since',
  'until',
  'without',
  'within',
  'but',
  'as',
  'because',
  'if',
  'when',
  'while',
  'where',
  'today',
  'tonight',
  'yesterday',
  'overnight',
  'here',
  'there',
  'again',
  'again',
  'well',
  'himself',
  'herself',
  'themselves',
  'like',
  'i',
  'he',
  'she',
  'they',
  'we',
  'you',
  'it',
  'him',
  'them',
  'us',
  'me',
]);

const PREPOSITIONS = new Set([
  'as',
  'by',
  'at',
  'in',
  'on',
  'to',
  'from',
  'of',
  'with',
  'for',
  'towards',
  'toward',
  'into',
  'about',
  'than',
  'like',
]);

/** Words for the person the record is about, or for other people in their life. */
const PERSON_WORDS = new Set([
  'he',
  'she',
  'they',
  'him',
  'her',
  'them',
  'you',
  'patient',
  'patients',
  'client',
  'clients',
  'man',
  'men',
  'woman',
  'women',
  'gentleman',
  'gentlemen',
  'lady',
  'ladies',
  'boy',
  'girl',
  'lad',
  'person',
  'people',
  'resident',
  'residents',
  'individual',
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'son',
  'daughter',
  'mother',
  'father',
  'mum',
  'dad',
  'brother',
  'sister',
  'partner',
  'wife',
  'husband',
  'child',
  'children',
  'teenager',
  'adult',
  'admission',
  'user',
  'family',
  'relative',
  'carer',
]);

/** Nouns a diagnosis word can precede while still standing for the person ("alcoholic gentleman"). */
const PERSON_NOUNS = new Set([
  'patient',
  'patients',
  'client',
  'clients',
  'man',
  'men',
  'woman',
  'women',
  'gentleman',
  'gentlemen',
  'lady',
  'ladies',
  'boy',
  'boys',
  'girl',
  'girls',
  'lad',
  'person',
  'people',
  'guy',
  'individual',
  'individuals',
  'resident',
  'residents',
  'mother',
  'father',
  'mum',
  'dad',
  'son',
  'daughter',
  'teenager',
  'teenagers',
  'adult',
  'adults',
  'admission',
  'admissions',
  'inpatient',
  'inpatients',
  'outpatient',
  'outpatients',
  'female',
  'male',
  'friend',
  'friends',
  'parent',
  'parents',
  'neighbour',
  'neighbours',
  'brother',
  'sister',
  'partner',
  'wife',
  'husband',
  'boyfriend',
  'girlfriend',
  'uncle',
  'aunt',
  'relative',
  'relatives',
  'tenant',
  'tenants',
  'lodger',
  'flatmate',
  'prisoner',
  'prisoners',
  'inmate',
  'inmates',
  'student',
  'students',
  'youngster',
  'youngsters',
  'kid',
  'kids',
  'chap',
  'bloke',
  'lads',
  'veteran',
  'veterans',
]);

/** Staff and services: when they are the subject, the words are not about the person. */
const STAFF_WORDS = new Set([
  'staff',
  'we',
  'i',
  'nurse',
  'nurses',
  'doctor',
  'doctors',
  'team',
  'teams',
  'consultant',
  'registrar',
  'clinician',
  'clinicians',
  'police',
  'officer',
  'officers',
  'hca',
  'worker',
  'workers',
  'coordinator',
  'security',
  'paramedics',
  'psychologist',
  'psychiatrist',
  'therapist',
  'pharmacist',
  'pharmacy',
  'council',
  'ward',
  'service',
  'services',
  'gp',
  'everyone',
  'visitors',
  'staffs',
]);

/** Verbs whose object is what a following adjective describes ("finds crowds challenging"). */
const JUDGING_VERBS = new Set([
  'find',
  'finds',
  'found',
  'finding',
  'consider',
  'considers',
  'considered',
  'considering',
]);

const THING_PRONOUNS = new Set(['it', 'this', 'that', 'which', 'what', 'there', 'these', 'those']);

const FIRST_OR_SECOND_PERSON = new Set([
  'me',
  'my',
  'mine',
  'myself',
  'we',
  'us',
  'our',
  'ours',
  'ourselves',
  'you',
  'your',
  'yours',
  'yourself',
  'im',
  'ive',
]);

/** Before a quotation: the words are the person's own choice ("describes himself as"). */
const SELF_CUES = new Set([
  'himself',
  'herself',
  'themselves',
  'prefers',
  'prefer',
  'preferred',
  'words',
  'own',
  'phrase',
  'wording',
]);

/** Before a quotation: the quoted words are being named, not used ("the term"). */
const MENTION_CUES = new Set([
  'calls',
  'call',
  'refers',
  'nicknamed',
  'dubbed',
  'word',
  'term',
  'terms',
  'called',
  'named',
  'entitled',
  'titled',
  'known',
  'label',
  'leaflet',
  'group',
  'heading',
]);

const SPEECH_VERBS = new Set([
  'said',
  'says',
  'say',
  'saying',
  'replied',
  'replies',
  'answered',
  'asked',
  'asks',
  'shouted',
  'shouts',
  'screamed',
  'yelled',
  'whispered',
  'added',
  'explained',
  'told',
  'tells',
  'wrote',
  'writes',
  'written',
  'repeated',
  'cried',
  'stating',
  'stated',
  'states',
  'commented',
  'remarked',
]);

/** Cues that the words are someone else's description of the person. */
const REPORT_CUES = new Set([
  'describe',
  'describes',
  'described',
  'according',
  'reportedly',
  'report',
  'reported',
  'alleges',
  'alleged',
  'per',
]);

const POSSESSIVES = new Set(['her', 'his', 'their', 'my']);

/** Verbs that introduce the person talking about something of theirs ("talks about her …"). */
const TALK_VERBS = new Set([
  'talks',
  'talked',
  'talking',
  'speaks',
  'spoke',
  'speaking',
  'describes',
  'described',
  'describing',
  'mentions',
  'mentioned',
]);

/** Verbs that name something, whose object may be a few words back ("refers to X as '…'"). */
const NAMING_VERBS = new Set([
  'refers',
  'referred',
  'refer',
  'referring',
  'calls',
  'called',
  'call',
  'calling',
  'nicknamed',
  'dubbed',
]);

/** Small words that may join the capitalised words of a title ("Recovery and Wellbeing"). */
const TITLE_SMALL_WORDS = new Set([
  'and',
  'of',
  'the',
  'for',
  'in',
  'on',
  'with',
  'a',
  'an',
  'to',
  'at',
  'by',
  'or',
  '&',
]);

/** Speakers taken to be the person the record is about. */
const OWN_SPEAKERS = new Set(['he', 'she', 'they', 'patient', 'client', 'person', 'and']);

/** People other than the person whose words may be reported ("her mother said …"). */
const OTHER_SPEAKERS = new Set([
  'mother',
  'father',
  'mum',
  'dad',
  'son',
  'daughter',
  'brother',
  'sister',
  'partner',
  'wife',
  'husband',
  'friend',
  'friends',
  'neighbour',
  'neighbours',
  'family',
  'carer',
  'carers',
  'landlord',
  'employer',
  'teacher',
  'school',
  'witness',
  'witnesses',
  'relative',
  'relatives',
  'aunt',
  'uncle',
  'grandmother',
  'grandfather',
  'boyfriend',
  'girlfriend',
]);

const NAME_CALLING = new Set(['call', 'calls', 'called', 'calling']);

/** The words of a match and the text around it. */
export interface MatchWindow {
  text: string;
  tokens: Token[];
  /** Index in `tokens` of the first and last matched word. */
  first: number;
  last: number;
}

/**
 * Words already read, so that windows around nearby matches (which overlap when a scan
 * moves forward through a passage) reuse them instead of reading the text again.
 */
export interface TokenCache {
  tokens: Token[];
  from: number;
  /** Position up to which the text has been read; never inside a word. */
  to: number;
}

/** An empty cache for one pass over one text. */
export function createTokenCache(): TokenCache {
  return { tokens: [], from: 0, to: -1 };
}

function firstAtOrAfter(tokens: Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid] as Token).start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Tokenises the text around a match (the match itself must start on a word). */
export function openWindow(
  text: string,
  start: number,
  end: number,
  cache: TokenCache = createTokenCache(),
): MatchWindow {
  const from = Math.max(0, start - WINDOW_BEFORE);
  const to = Math.min(text.length, end + WINDOW_AFTER);
  let tokens: Token[];
  if (cache.to >= from && from >= cache.from) {
    tokens = cache.tokens.slice(firstAtOrAfter(cache.tokens, from));
    if (to > cache.to) for (const t of tokenise(text, cache.to, to)) tokens.push(t);
  } else {
    tokens = tokenise(text, from, to);
    // The window may cut a word in two; drop the cut piece so it is not read as a word.
    if (from > 0 && tokens[0]?.start === from && charKind(text, from - 1) !== CHAR_NONE) {
      tokens = tokens.slice(1);
    }
  }
  cache.tokens = tokens;
  cache.from = from;
  cache.to = Math.max(to, tokens[tokens.length - 1]?.end ?? to, cache.to);
  const first = firstAtOrAfter(tokens, start);
  let last = first - 1;
  while (last + 1 < tokens.length && (tokens[last + 1] as Token).end <= end) last++;
  return { text, tokens, first: first < tokens.length ? first : -1, last };
}

function at(w: MatchWindow, i: number): Token | undefined {
  return w.tokens[i];
}

function clauseBreakBefore(w: MatchWindow, i: number): boolean {
  const prev = at(w, i - 1);
  const cur = at(w, i);
  return !prev || !cur || isClauseGap(w.text, prev.end, cur.start);
}

function sentenceBreakBefore(w: MatchWindow, i: number): boolean {
  const prev = at(w, i - 1);
  const cur = at(w, i);
  return !prev || !cur || isSentenceGap(w.text, prev.end, cur.start);
}

/** Words before the match in the same clause, nearest first, at most `limit`. */
function wordsBefore(w: MatchWindow, limit: number, sentence = false): Token[] {
  const out: Token[] = [];
  for (let i = w.first; i > 0 && out.length < limit; i--) {
    if (sentence ? sentenceBreakBefore(w, i) : clauseBreakBefore(w, i)) break;
    out.push(w.tokens[i - 1] as Token);
  }
  return out;
}

/** Words after the match in the same clause, nearest first, at most `limit`. */
function wordsAfter(w: MatchWindow, limit: number, sentence = false): Token[] {
  const out: Token[] = [];
  for (let i = w.last + 1; i < w.tokens.length && out.length < limit; i++) {
    if (sentence ? sentenceBreakBefore(w, i) : clauseBreakBefore(w, i)) break;
    out.push(w.tokens[i] as Token);
  }
  return out;
}

/** Negation: a cue earlier in the clause, with no "but", "and"… in between; or "ruled out" after. */
export function isNegated(w: MatchWindow): boolean {
  const before = wordsBefore(w, 7);
  for (let k = 0; k < before.length; k++) {
    const word = (before[k] as Token).norm;
    if (SCOPE_BREAKERS.has(word)) break;
    if (NEGATION_CUES.has(word)) {
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
  for (let i = w.first - 1, steps = 0; i >= 0 && steps < 8; i--, steps++) {
    if (clauseBreakBefore(w, i + 1)) return 'absent';
    const t = w.tokens[i] as Token;
    const word = t.norm;
    // "She finds crowds challenging": the words describe the object of "finds", a thing.
    if (JUDGING_VERBS.has(word)) {
      if (skippedNoun) return 'thing';
      continue;
    }
    if (PREPOSITIONS.has(word)) return 'absent';
    // "took his depot and was calm": past "and", the subject is further back and unknown.
    if (word === 'and' || word === 'or' || word === 'but') return 'absent';
    if (STAFF_WORDS.has(word)) return 'staff';
    if (PERSON_WORDS.has(word)) return 'person';
    if (THING_PRONOUNS.has(word)) return 'thing';
    if (AUXILIARIES.has(word) || word.endsWith('ly')) continue;
    const prev = at(w, i - 1);
    if (prev && !clauseBreakBefore(w, i) && DETERMINERS.has(prev.norm)) return 'thing';
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
    if (PASSIVE_AUX.has(t.norm)) return true;
    if (!t.norm.endsWith('ly') && t.norm !== 'not' && t.norm !== 'also') return false;
  }
  return false;
}

function endsPhrase(w: MatchWindow): boolean {
  const next = at(w, w.last + 1);
  if (!next || clauseBreakBefore(w, w.last + 1)) return true;
  const word = next.norm;
  return (
    PHRASE_ENDERS.has(word) ||
    word.endsWith('ly') ||
    (word.endsWith('ed') && word.length > 4) ||
    /^\d/.test(word)
  );
}

/** Nouns in -ing that a diagnosis word can describe ("psychotic thinking", "manic spending"). */
const ING_NOUNS = new Set([
  'thinking',
  'feeling',
  'feelings',
  'functioning',
  'processing',
  'spending',
  'rating',
  'ruminating',
  'rumination',
  'relapsing',
  'presenting',
  'being',
  'morning',
  'evening',
  'meeting',
  'meetings',
  'setting',
  'settings',
  'training',
  'building',
  'screening',
  'understanding',
  'beginning',
]);

/** "A schizophrenic living in a flat": a participle after the word ends its noun phrase. */
function followedByParticiple(w: MatchWindow): boolean {
  const next = at(w, w.last + 1);
  if (!next || clauseBreakBefore(w, w.last + 1)) return false;
  return next.norm.length > 5 && next.norm.endsWith('ing') && !ING_NOUNS.has(next.norm);
}

/**
 * A diagnosis word names the person when it is plural, comes before a person noun, or
 * ends a noun phrase that opens with a determiner ("a known psychotic", "the manic in
 * bay 3"). "Diagnosis of bipolar" and "bipolar affective disorder" are not labels.
 */
export function isPersonLabel(w: MatchWindow, plural: boolean, copula: boolean): boolean {
  const next = at(w, w.last + 1);
  if (next && !clauseBreakBefore(w, w.last + 1) && PERSON_NOUNS.has(next.norm)) return true;
  if (plural) return true;
  if (!endsPhrase(w) && !followedByParticiple(w)) return false;
  const firstWord = (at(w, w.first) as Token).norm;
  if (DETERMINERS.has(firstWord)) return true;
  const before = wordsBefore(w, 4);
  for (const t of before) {
    if (DETERMINERS.has(t.norm)) return true;
    if (COPULAS.has(t.norm)) return copula;
    if (PHRASE_ENDERS.has(t.norm) || /^(diagnos|has|have|had|history)/.test(t.norm)) {
      return false;
    }
  }
  return false;
}

/** "Her mother called her lazy": a record of what was said to the person. */
function isNameCalling(w: MatchWindow): boolean {
  const before = wordsBefore(w, 3);
  for (const t of before) {
    if (NAME_CALLING.has(t.norm)) return true;
    if (!['him', 'her', 'them', 'me', 'you', 'a', 'an', 'being'].includes(t.norm)) return false;
  }
  return false;
}

function isReportedSpeech(w: MatchWindow): boolean {
  return wordsBefore(w, 8, true).some((t) => REPORT_CUES.has(t.norm));
}

/** Words a following noun phrase may pass through: "compliant with the fire safety standard". */
const PHRASE_LINKS = new Set(['of', 'with', 'the', 'a', 'an', 'and']);

/**
 * The next few words of the same phrase include one of `set`. Stops at a preposition
 * other than "of"/"with", so "kicked off at the pharmacy" never reaches "the".
 */
function followedBy(w: MatchWindow, set: Set<string>): boolean {
  const after = wordsAfter(w, 5);
  // "demanding of staff time": what follows "of" is what is asked of others, not the noun
  // the words describe, so it cannot turn the words into a non-person sense.
  if (after[0]?.norm === 'of') return false;
  for (const t of after) {
    if (set.has(t.norm)) return true;
    if (PHRASE_LINKS.has(t.norm)) continue;
    if (PHRASE_ENDERS.has(t.norm) || PREPOSITIONS.has(t.norm)) return false;
  }
  return false;
}

const DEGREE_WORDS = new Set(['very', 'quite', 'really', 'so', 'too', 'more', 'most', 'less']);

/**
 * Simple linking verbs between a noun and the words describing it ("the pain is poorly
 * controlled", "seizures remain poorly controlled"). Perfect forms ("had been") are left out,
 * so "had been drunk" is not read as "had drunk".
 */
const LINKING_VERBS = new Set([
  'is',
  'are',
  'was',
  'were',
  'remain',
  'remains',
  'remained',
  'still',
  'now',
]);

/** One of `set` comes just before the match, perhaps with adverbs between ("felt very angry"). */
function precededBy(w: MatchWindow, set: Set<string>): boolean {
  for (const t of wordsBefore(w, 4)) {
    if (set.has(t.norm)) return true;
    if (!DEGREE_WORDS.has(t.norm) && !LINKING_VERBS.has(t.norm) && !t.norm.endsWith('ly')) {
      return false;
    }
  }
  return false;
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
    const near = [
      ...wordsBefore(w, 10, true),
      ...w.tokens.slice(w.first, w.last + 1),
      ...wordsAfter(w, 10, true),
    ];
    if (!anyIn(near, rule.requireNear)) return 'clear';
  }
  if (rule.passive === 'clear' && isPassive(w)) return 'clear';
  if (rule.label && !isPersonLabel(w, variant.plural, rule.label.copula)) return 'clear';
  if (rule.phraseEnd && !endsPhrase(w)) return 'clear';
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
  tokens: Token[],
  text: string,
  from: number,
): { length: number; variant: Variant }[] {
  const found: { length: number; variant: Variant }[] = [];
  let level: Map<string, TrieNode> | null = root;
  for (let i = from; i < tokens.length && level; i++) {
    const t = tokens[i] as Token;
    if (i > from && !isJoinableGap(text, (tokens[i - 1] as Token).end, t.start)) break;
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
  for (let i = Math.max(0, w.first - 6); i <= w.last; i++) {
    for (const hit of walk(lexicon.allowRoot, w.tokens, w.text, i)) {
      const from = (w.tokens[i] as Token).start;
      const to = (w.tokens[i + hit.length - 1] as Token).end;
      if (from <= start && to >= end) return true;
    }
  }
  return false;
}

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
  const inner = tokenise(text, start + 1, end - 1);
  if (
    inner.some((t) => t.raw === 'I' || /^I['’]/.test(t.raw) || FIRST_OR_SECOND_PERSON.has(t.norm))
  ) {
    return 'own';
  }
  const w = openWindow(text, start, end, cache);
  w.first = w.tokens.findIndex((t) => t.start > start);
  const before = w.first === -1 ? [] : wordsBefore(w, 6, true);
  if (before.some((t) => SELF_CUES.has(t.norm))) return 'own';
  // "talks about her 'bad brain days'": their own name for their own experience.
  if (
    POSSESSIVES.has(before[0]?.norm ?? '') &&
    before.slice(1, 4).some((t) => TALK_VERBS.has(t.norm))
  ) {
    return 'own';
  }
  if (before.slice(0, 3).some((t) => MENTION_CUES.has(t.norm))) return 'mention';
  // "refers to the hospital as 'the bin'": a naming verb a little further back.
  if (before[0]?.norm === 'as' && before.some((t) => NAMING_VERBS.has(t.norm))) return 'mention';
  const letters = inner.filter((t) => /^\p{L}/u.test(t.raw));
  // A title: capitalised words, perhaps joined by small words ("Recovery and Wellbeing").
  const capitals = letters.filter((t) => /^\p{Lu}/u.test(t.raw));
  if (
    capitals.length > 0 &&
    letters.every(
      (t) => /^\p{Lu}/u.test(t.raw) || (TITLE_SMALL_WORDS.has(t.raw) && capitals.length >= 2),
    ) &&
    /^\p{Lu}/u.test(letters[0]?.raw ?? '') &&
    /^\p{Lu}/u.test(letters[letters.length - 1]?.raw ?? '') &&
    !letters.every((t) => t.raw === t.raw.toUpperCase())
  ) {
    return 'name';
  }
  const gapBefore = before[0] ? text.slice(before[0].end, start) : '';
  const directSpeech =
    before[0] !== undefined && SPEECH_VERBS.has(before[0].norm) && /^[\s,:]*$/.test(gapBefore);
  const afterTokens = tokenise(text, end, Math.min(text.length, end + 40)).slice(0, 3);
  const attributedAfter =
    /^[\s,]/.test(text.slice(end, end + 1)) &&
    afterTokens.slice(0, 3).some((t) => SPEECH_VERBS.has(t.norm));
  // Indirect speech ("Her mother said she has been 'not herself'"): a speech verb earlier in
  // the sentence, with a speaker who is someone else, makes these that person's words.
  const speechAt = before.findIndex((t) => SPEECH_VERBS.has(t.norm));
  const indirectSpeaker = speechAt > 0 ? before[speechAt + 1] : undefined;
  if (
    !directSpeech &&
    indirectSpeaker !== undefined &&
    !OWN_SPEAKERS.has(indirectSpeaker.norm) &&
    (STAFF_WORDS.has(indirectSpeaker.norm) || OTHER_SPEAKERS.has(indirectSpeaker.norm))
  ) {
    return 'reported';
  }
  if (directSpeech || attributedAfter) {
    // Whose speech: the person ("she said", "Jade said") or someone else ("police said").
    const speaker = directSpeech ? before[1] : afterTokens[0];
    if (!speaker || OWN_SPEAKERS.has(speaker.norm)) return 'own';
    return /^\p{Lu}/u.test(speaker.raw) && !STAFF_WORDS.has(speaker.norm) ? 'own' : 'reported';
  }
  if (inner.length <= 4) return 'scare';
  return 'reported';
}
