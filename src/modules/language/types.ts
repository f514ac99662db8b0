/** The eight kinds of wording the checker looks for. */
export const CATEGORIES = [
  'blame',
  'disbelief',
  'coercion',
  'dehumanising-label',
  'minimising',
  'violent-metaphor',
  'suicide-language',
  'jargon',
] as const;

/** A kind of wording the checker looks for. */
export type Category = (typeof CATEGORIES)[number];

/** How strongly a finding is put: high for slurs and suicide wording, low for jargon. */
export const SEVERITIES = ['high', 'medium', 'low'] as const;

/** How strongly a finding is put. */
export type Severity = (typeof SEVERITIES)[number];

/** Notes on the context that changed how a finding is reported. */
export const CONTEXT_NOTES = ['reported-speech', 'scare-quotes', 'in-quotes'] as const;

/** A note on the context that changed how a finding is reported. */
export type ContextNote = (typeof CONTEXT_NOTES)[number];

/** One piece of wording that may harm, with where it is and what to try instead. */
export interface Finding {
  /** UTF-16 offset of the first flagged character. */
  start: number;
  /** UTF-16 offset just after the last flagged character (exclusive). */
  end: number;
  /** `text.slice(start, end)`. */
  text: string;
  ruleId: string;
  category: Category;
  severity: Severity;
  /** One line on why these words may harm. */
  reason: string;
  /** Wording to consider instead; never applied automatically. */
  alternatives: string[];
  /** Context that changed how this finding is put, if any. */
  context: ContextNote[];
  /**
   * True when the words are inside a quotation of what someone else said or wrote (a relative,
   * the police, a complaint): a record of their words, not the writer's label. The reason then
   * says so gently; scoring counts such findings as no finding.
   */
  quoted?: boolean;
}

/**
 * Word-level conditions that decide whether a match is really about a person
 * in the way the rule means. Word lists may name shared sets with `@name`.
 */
export interface RuleContext {
  /** Whether "not", "no", "never"… before the words clear the finding (default true). */
  negation?: boolean;
  /** Clear the finding when one of these words comes within the next three words. */
  notBefore?: string[];
  /** Clear the finding when one of these words comes within the three words before. */
  notAfter?: string[];
  /** Keep the finding only when one of these words is in the same sentence. */
  requireNear?: string[];
  /** Clear the finding in the passive ("was refused by the council"). */
  passive?: 'clear';
  /** Who must be doing or being this for it to count. */
  subject?: 'not-thing' | 'not-staff' | 'person';
  /** A diagnosis word that only harms when it stands for the person ("a schizophrenic"). */
  label?: { copula: boolean; nounOnly?: boolean };
  /** The match must end a noun phrase ("managed her" but not "managed her anxiety"). */
  phraseEnd?: boolean;
  /** Clear it in a physical-health sense: a body symptom follows, or a physical section. */
  physical?: 'clear';
}

/** A rule as written in the lexicon file or passed in by an organisation. */
export interface RuleInput {
  id: string;
  category: Category;
  severity: Severity;
  /** Phrases in the pattern syntax described in docs/language.md. */
  patterns: string[];
  reason: string;
  alternatives: string[];
  source?: string;
  caseSensitive?: boolean;
  context?: RuleContext;
}

/** A phrase that must never be flagged: statutory terms, names of organisations. */
export interface AllowPhrase {
  phrase: string;
  why: string;
}

/** The shape of lexicon.json. */
export interface Lexicon {
  version: number;
  irregularVerbs: Record<string, string[]>;
  wordSets: Record<string, string[]>;
  allowPhrases: AllowPhrase[];
  rules: RuleInput[];
}

/** Options to checkText for one organisation. */
export interface CheckOptions {
  /** Rules added by the organisation, in the lexicon file's format. */
  extraRules?: RuleInput[];
  /** Words or phrases the organisation has agreed to use; findings inside them are dropped. */
  allowedTerms?: string[];
  /** Rule ids to switch off. */
  disabledRules?: string[];
}
