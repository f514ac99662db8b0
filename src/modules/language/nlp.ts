/**
 * The server's NLP layer: a second reading, with parts of speech and lemmas from wink-nlp, of
 * the sentences where the lexicon layer found a label word ("a bipolar") or a phrase that must
 * end a noun phrase ("managed her"). It only ever drops such a finding, when the tagged sentence
 * shows the words describe a longer noun phrase ("a bipolar 2 diagnosis", "an anorexic
 * restricting pattern", "managed her 2 children"). Everything else is the lexicon layer's result.
 *
 * Guarantees: the model is loaded once, on first use; if it cannot be loaded, or tagging fails,
 * the lexicon layer's findings are returned unchanged and one warning is given (it never holds
 * personal text); the layer never throws. Cost: one tagging per line holding such a finding.
 */
import { createChecker, defaultLexicon } from './checker.ts';
import type { CheckOptions, Finding, RuleInput } from './checker.ts';
import { words } from './context-words.ts';
import type { TaggedToken, Tagger } from './nlp-tagger.ts';
import { loadWinkTagger } from './nlp-tagger.ts';

/** How the layer stands: not yet asked, model loaded, or running on the lexicon alone. */
export type NlpStatus = 'idle' | 'ready' | 'unavailable';

/** What the layer needs: a loader (replaceable in tests) and where to send its one warning. */
export interface NlpLayerOptions {
  load?: () => Tagger;
  warn?: (message: string) => void;
}

/** A checker with the NLP layer, and how the layer stands. */
export interface NlpLayer {
  refine(text: string, findings: Finding[], rules: ReadonlyMap<string, RuleInput>): Finding[];
  status(): NlpStatus;
}

// A line is tagged whole, but never more than this much either side of a finding.
const REACH = 300;
// Modifiers the noun phrase may pass through after the label ("a bipolar 2 related diagnosis").
const MAX_BRIDGE = 3;

function warnByDefault(message: string): void {
  process.emitWarning(message, { code: 'HEARTH_NLP_UNAVAILABLE' });
}

/** The kind of failure, for the log: an error code or class name, never its message or text. */
function failureKind(error: unknown): string {
  if (error && typeof error === 'object') {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const name = (error as { name?: unknown }).name;
    if (typeof name === 'string') return name;
  }
  return 'unknown error';
}

/** The line around a finding, at most REACH characters either side, cut at a space. */
function lineAround(text: string, start: number, end: number): { from: number; to: number } {
  let from = text.lastIndexOf('\n', start - 1) + 1;
  if (start - from > REACH) {
    const space = text.indexOf(' ', start - REACH);
    from = space === -1 || space >= start ? start : space + 1;
  }
  let to = text.indexOf('\n', end);
  if (to === -1) to = text.length;
  if (to - end > REACH) {
    const space = text.lastIndexOf(' ', end + REACH);
    to = space <= end ? end : space;
  }
  return { from, to };
}

/** A verb form made from another word: "related", "restricting", "known". */
function isParticiple(t: TaggedToken): boolean {
  return t.pos === 'VERB' && /(?:ed|ing|en|wn)$/.test(t.norm) && t.lemma !== t.norm;
}

/**
 * Whether the words after a finding continue its noun phrase, so the finding describes that
 * phrase's noun rather than standing for the person. `after` starts at the first token after it.
 */
function continuesNounPhrase(
  tokens: TaggedToken[],
  first: number,
  before: TaggedToken | undefined,
  rule: RuleInput,
): boolean {
  const sentence = tokens[first]?.sentence;
  if (sentence === undefined) return false;
  const same = (k: number) => tokens[k]?.sentence === sentence;
  let j = first;
  // "managed her 2 children": the pronoun is part of the rule's own phrase.
  if (rule.context?.phraseEnd === true && tokens[j]?.pos === 'PRON' && same(j + 1)) j++;
  let bridged = 0;
  let number = false;
  while (bridged < MAX_BRIDGE && same(j)) {
    const t = tokens[j] as TaggedToken;
    const joined = t.norm === '-' && (tokens[j - 1] as TaggedToken).end === t.start;
    if (t.pos === 'NUM' || joined || t.pos === 'ADJ' || isParticiple(t)) {
      number ||= t.pos === 'NUM';
      bridged++;
      j++;
      continue;
    }
    break;
  }
  if (tokens[j]?.pos !== 'NOUN' || !same(j)) return false;
  // A run of nouns is headed by its last: "a 3-day episode", "a shopping spree".
  while (tokens[j + 1]?.pos === 'NOUN' && same(j + 1) && j - first < MAX_BRIDGE + 2) j++;
  const head = tokens[j] as TaggedToken;
  const label = rule.context?.label !== undefined;
  // "An alcoholic young man", "managed her 2 children" against "a schizophrenic 30 years old".
  if (label && words.personNouns.has(head.norm)) return false;
  if (number && words.measureNouns.has(head.norm)) return false;
  if (bridged > 0) return true;
  // Straight after a label, only an -ing noun: "a manic shopping spree", "some manic gambling";
  // after "a"/"an" it may be the person doing it ("an alcoholic drinking daily").
  if (!label || !(tokens[first] as TaggedToken).norm.endsWith('ing')) return false;
  if (j > first) return true;
  return before?.norm !== 'a' && before?.norm !== 'an';
}

/** Creates an NLP layer; the app uses one per process (see `checkWithNlp`). */
export function createNlpLayer(options: NlpLayerOptions = {}): NlpLayer {
  const load = options.load ?? (() => loadWinkTagger());
  const warn = options.warn ?? warnByDefault;
  let state: NlpStatus = 'idle';
  let tagger: Tagger | null = null;
  let taggingWarned = false;

  function ready(): Tagger | null {
    if (state === 'idle') {
      try {
        tagger = load();
        state = 'ready';
      } catch (error) {
        state = 'unavailable';
        warn(
          `The language checker's NLP model could not be loaded (${failureKind(error)}); ` +
            'suggestions come from the lexicon layer alone until the server restarts.',
        );
      }
    }
    return tagger;
  }

  function refine(
    text: string,
    findings: Finding[],
    rules: ReadonlyMap<string, RuleInput>,
  ): Finding[] {
    const needs = (f: Finding) => {
      const context = rules.get(f.ruleId)?.context;
      return !f.quoted && (context?.label !== undefined || context?.phraseEnd === true);
    };
    if (!findings.some(needs)) return findings;
    const nlp = ready();
    if (!nlp) return findings;
    const tagged = new Map<number, { from: number; tokens: TaggedToken[] }>();
    try {
      return findings.filter((f) => {
        if (!needs(f)) return true;
        const { from, to } = lineAround(text, f.start, f.end);
        let line = tagged.get(from);
        if (!line || line.tokens.length === 0) {
          line = { from, tokens: nlp.tag(text.slice(from, to)) };
          tagged.set(from, line);
        }
        const start = f.start - line.from;
        const end = f.end - line.from;
        const first = line.tokens.findIndex((t) => t.start >= end);
        if (first <= 0) return true;
        // The finding and what follows must be in one sentence of the tagged line.
        if ((line.tokens[first - 1] as TaggedToken).sentence !== line.tokens[first]?.sentence) {
          return true;
        }
        const at = line.tokens.findIndex((t) => t.end > start);
        const rule = rules.get(f.ruleId) as RuleInput;
        return !continuesNounPhrase(line.tokens, first, line.tokens[at - 1], rule);
      });
    } catch (error) {
      if (!taggingWarned) {
        taggingWarned = true;
        warn(`The language checker's NLP layer failed on a text (${failureKind(error)}).`);
      }
      return findings;
    }
  }

  return { refine, status: () => state };
}

const rulesByOptions = new WeakMap<CheckOptions, Map<string, RuleInput>>();
let defaultRules: Map<string, RuleInput> | null = null;

function rulesFor(options: CheckOptions | undefined): Map<string, RuleInput> {
  const build = () =>
    new Map([...defaultLexicon.rules, ...(options?.extraRules ?? [])].map((r) => [r.id, r]));
  if (!options) return (defaultRules ??= build());
  let rules = rulesByOptions.get(options);
  if (!rules) {
    rules = build();
    rulesByOptions.set(options, rules);
  }
  return rules;
}

let sharedLayer: NlpLayer | null = null;

/** The process's NLP layer, made on first use. */
export function nlpLayer(): NlpLayer {
  return (sharedLayer ??= createNlpLayer());
}

/**
 * The server's full checker: the lexicon layer (the same result the browser shows as people
 * type) read again by the NLP layer. Compiles the options once; never throws on any text.
 */
export function createFullChecker(
  options?: CheckOptions,
  layer: NlpLayer = nlpLayer(),
): (text: string) => Finding[] {
  const lexiconCheck = createChecker(options);
  const rules = rulesFor(options);
  return (text: string) => layer.refine(text, lexiconCheck(text), rules);
}

/** Checks text with the full checker (lexicon and NLP layers); see `createFullChecker`. */
export function checkWithNlp(text: string, options?: CheckOptions): Finding[] {
  return createFullChecker(options)(text);
}
