/**
 * The word lists the context rules read (negation cues, determiners, person and staff words,
 * speech verbs…), kept as data in context-words.json beside the lexicon. Each list may include
 * others by name; the sets are built once, at load.
 */
import wordData from './context-words.json' with { type: 'json' };

/** One list in context-words.json: what it is for, lists it includes, and its own words. */
interface WordList {
  about?: string;
  includes?: string[];
  words: string[];
}

const lists = wordData as Record<string, WordList>;

function expand(name: string, seen: Set<string> = new Set()): string[] {
  const list = lists[name];
  if (!list) throw new Error(`context-words.json has no list called ${name}`);
  if (seen.has(name)) throw new Error(`context-words.json: ${name} includes itself`);
  seen.add(name);
  return [...(list.includes ?? []).flatMap((n) => expand(n, seen)), ...list.words];
}

function set(name: keyof typeof wordData): Set<string> {
  return new Set(expand(name));
}

/** Every word list, as sets for fast look-up. */
export const words = {
  negationCues: set('negationCues'),
  scopeBreakers: set('scopeBreakers'),
  determiners: set('determiners'),
  copulas: set('copulas'),
  passiveAux: set('passiveAux'),
  auxiliaries: set('auxiliaries'),
  phraseEnders: set('phraseEnders'),
  prepositions: set('prepositions'),
  personWords: set('personWords'),
  personNouns: set('personNouns'),
  staffWords: set('staffWords'),
  judgingVerbs: set('judgingVerbs'),
  thingPronouns: set('thingPronouns'),
  firstOrSecondPerson: set('firstOrSecondPerson'),
  selfCues: set('selfCues'),
  mentionCues: set('mentionCues'),
  speechVerbs: set('speechVerbs'),
  reportCues: set('reportCues'),
  possessives: set('possessives'),
  talkVerbs: set('talkVerbs'),
  namingVerbs: set('namingVerbs'),
  titleSmallWords: set('titleSmallWords'),
  ownSpeakers: set('ownSpeakers'),
  otherSpeakers: set('otherSpeakers'),
  nameCalling: set('nameCalling'),
  ingNouns: set('ingNouns'),
  phraseLinks: set('phraseLinks'),
  degreeWords: set('degreeWords'),
  linkingVerbs: set('linkingVerbs'),
  quoteSources: set('quoteSources'),
  thingNouns: set('thingNouns'),
  notMisspellings: set('notMisspellings'),
  physicalWords: set('physicalWords'),
  mentalStateWords: set('mentalStateWords'),
  twoSenseBodyWords: set('twoSenseBodyWords'),
  bodyQualifiers: set('bodyQualifiers'),
  leavingSenseBefore: set('leavingSenseBefore'),
  leavingSenseAfter: set('leavingSenseAfter'),
  measureNouns: set('measureNouns'),
};
