/**
 * The language module's public surface: a pure, I/O-free checker for wording that may
 * harm people in mental health records. The same code runs in Node, the CLI and the
 * browser bundle.
 */
import lexiconData from './lexicon.json' with { type: 'json' };
import { checkCompiled } from './check-text.ts';
import type { CompiledLexicon } from './compile.ts';
import { compileLexicon, validateRule } from './compile.ts';
import { tokenise } from './tokens.ts';
import type { CheckOptions, Finding, Lexicon, RuleInput } from './types.ts';

export { CATEGORIES, CONTEXT_NOTES, SEVERITIES } from './types.ts';
export type {
  AllowPhrase,
  Category,
  CheckOptions,
  ContextNote,
  Finding,
  Lexicon,
  RuleContext,
  RuleInput,
  Severity,
} from './types.ts';

/** The built-in lexicon (data from lexicon.json), for listing or reviewing the rules. */
export const defaultLexicon: Lexicon = lexiconData as Lexicon;

let compiledDefault: CompiledLexicon | null = null;
const compiledByOptions = new WeakMap<CheckOptions, CompiledLexicon>();

/** Turns free-text allowed terms into plain word phrases (no pattern syntax). */
function toPhrase(term: string): string {
  return tokenise(term, 0, term.length)
    .map((t) => t.norm)
    .join(' ');
}

function compileFor(options: CheckOptions | undefined): CompiledLexicon {
  const empty =
    !options ||
    ((options.extraRules ?? []).length === 0 &&
      (options.allowedTerms ?? []).length === 0 &&
      (options.disabledRules ?? []).length === 0);
  if (empty) {
    compiledDefault ??= compileLexicon(defaultLexicon);
    return compiledDefault;
  }
  const cached = compiledByOptions.get(options);
  if (cached) return cached;
  const compiled = compileLexicon(
    defaultLexicon,
    options.extraRules ?? [],
    (options.allowedTerms ?? []).map(toPhrase).filter((p) => p !== ''),
    options.disabledRules ?? [],
  );
  compiledByOptions.set(options, compiled);
  return compiled;
}

/**
 * Checks text and returns findings sorted by start (UTF-16 offsets, end exclusive).
 * Pass the same options object again to reuse its compiled rules.
 * Throws only when `options.extraRules` holds a malformed rule (see validateRules).
 */
export function checkText(text: string, options?: CheckOptions): Finding[] {
  return checkCompiled(text, compileFor(options));
}

/** Compiles an organisation's options once and returns a checker that reuses them. */
export function createChecker(options?: CheckOptions): (text: string) => Finding[] {
  const compiled = compileFor(options);
  return (text: string) => checkCompiled(text, compiled);
}

/**
 * Checks organisation rules before they are saved: returns one message per problem,
 * naming the rule (empty when every rule can be used).
 */
export function validateRules(rules: unknown[]): string[] {
  const problems = rules.flatMap((rule) => validateRule(rule));
  if (problems.length > 0) return problems;
  try {
    compileLexicon(defaultLexicon, rules as RuleInput[]);
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
  return [];
}
