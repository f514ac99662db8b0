/**
 * Turns the lexicon (data) into one token trie, so the whole text is scanned once.
 *
 * Guarantees: every pattern is expanded at load time into all the forms it names
 * (inflections, plurals, hyphen/space/joined spellings, alternatives, optional words,
 * word sets), so the scan never does string work beyond one Map look-up per word.
 * Invalid rules are reported with their id rather than half-loaded.
 */
import type { Category, Lexicon, RuleContext, RuleInput, Severity } from './types.ts';
import type { SpellingIndex } from './spelling.ts';
import { buildSpellingIndex } from './spelling.ts';
import { CATEGORIES, SEVERITIES } from './types.ts';

/** A rule ready for the matcher, with its word lists resolved to Sets. */
export interface CompiledRule {
  id: string;
  category: Category;
  severity: Severity;
  reason: string;
  alternatives: string[];
  source: string;
  caseSensitive: boolean;
  negation: boolean;
  notBefore: Set<string> | null;
  notAfter: Set<string> | null;
  requireNear: Set<string> | null;
  passive: 'clear' | null;
  subject: NonNullable<RuleContext['subject']> | null;
  label: { copula: boolean; nounOnly?: boolean } | null;
  phraseEnd: boolean;
  physical: boolean;
}

/** One concrete word sequence a rule (or allowed phrase) matches. */
export interface Variant {
  rule: CompiledRule | null;
  /** Number of words in the sequence. */
  length: number;
  /** Word indexes (inclusive) of the part to highlight. */
  highlightFrom: number;
  highlightTo: number;
  /** The last word is a generated plural ("schizophrenics"). */
  plural: boolean;
  /** Original spelling of each word, for case-sensitive rules (apostrophes removed). */
  cased: string[] | null;
}

/** A node of the word trie. */
export interface TrieNode {
  children: Map<string, TrieNode> | null;
  ends: Variant[];
  /**
   * One bit per ASCII code that some child word starts with, so the scan can pass over a next
   * word that no child (nor a misspelling of one, which keeps the first letters) can be.
   */
  childFirsts: Uint32Array;
}

/** A node of the character trie over first words, walked straight from the text. */
export interface CharNode {
  next: Map<number, CharNode> | null;
  entry: TrieNode | null;
  /** This node's state number in the CharTable. */
  id: number;
}

/**
 * The character trie as a table, for the scan's one step per ASCII letter: state `s` goes on
 * letter code `c` to `next[s * width + symbols[c]] - 1` (-1: no first word goes that way).
 * Symbol 0 stands for every code no first word holds; upper case shares lower case's symbol.
 */
export interface CharTable {
  symbols: Uint8Array;
  width: number;
  next: Int32Array;
  /** The trie node of each state. */
  nodes: CharNode[];
}

/** The compiled form of a lexicon plus organisation options. */
export interface CompiledLexicon {
  root: Map<string, TrieNode>;
  /** The first words of `root`, letter by letter, so the scan allocates nothing per word. */
  charRoot: CharNode;
  /** The same trie as a table, for ASCII text. */
  charTable: CharTable;
  allowRoot: Map<string, TrieNode>;
  /** Head words by one-letter deletions, for reading misspellings (spelling.ts). */
  spelling: SpellingIndex;
  rules: Map<string, CompiledRule>;
  scareQuoteRule: CompiledRule | null;
}

interface Word {
  words: string[];
  plural: boolean;
  cased: string[];
}

interface PatternToken {
  alternatives: Word[];
  highlightStart: boolean;
  highlightEnd: boolean;
}

/** Variants per pattern beyond which a pattern is treated as a mistake. */
const MAX_VARIANTS = 20000;

const APOSTROPHES = /['’ʼ‘]/g;

/** Lower-cases a word and drops apostrophes, the same way for text and patterns. */
export function normaliseWord(raw: string): string {
  const lower = raw.toLowerCase();
  return lower.includes("'") || lower.includes('’') || lower.includes('ʼ') || lower.includes('‘')
    ? lower.replace(APOSTROPHES, '')
    : lower;
}

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);

function isConsonantVowelConsonant(word: string): boolean {
  const n = word.length;
  if (n < 3) return false;
  const [a, b, c] = [word[n - 3] ?? '', word[n - 2] ?? '', word[n - 1] ?? ''];
  return !VOWELS.has(a) && VOWELS.has(b) && !VOWELS.has(c) && !'wxy'.includes(c);
}

/**
 * English verb forms: base, -s, -ed, -ing, plus listed irregular forms. Where
 * doubling the last consonant is uncertain both spellings are produced, since an
 * extra non-word costs nothing and a missed form is a missed finding.
 */
export function inflectVerb(base: string, irregular: Record<string, string[]>): string[] {
  const forms = new Set<string>([base]);
  const last = base.slice(-1);
  const beforeLast = base.slice(-2, -1);
  if (/(s|x|z|ch|sh|o)$/.test(base)) forms.add(`${base}es`);
  else if (last === 'y' && !VOWELS.has(beforeLast)) forms.add(`${base.slice(0, -1)}ies`);
  else forms.add(`${base}s`);
  if (last === 'e') {
    forms.add(`${base}d`);
    forms.add(base.endsWith('ie') ? `${base.slice(0, -2)}ying` : `${base.slice(0, -1)}ing`);
    if (/(ee|ye|oe)$/.test(base)) forms.add(`${base}ing`);
  } else if (last === 'y' && !VOWELS.has(beforeLast)) {
    forms.add(`${base.slice(0, -1)}ied`);
    forms.add(`${base}ing`);
  } else {
    forms.add(`${base}ed`);
    forms.add(`${base}ing`);
    if (isConsonantVowelConsonant(base)) {
      forms.add(`${base}${last}ed`);
      forms.add(`${base}${last}ing`);
    }
  }
  for (const form of irregular[base] ?? []) forms.add(form);
  return [...forms];
}

/** English plural of a noun; the singular is kept too. */
export function pluraliseNoun(base: string): string[] {
  if (/(s|x|z|ch|sh)$/.test(base)) return [base, `${base}es`];
  if (base.endsWith('y') && !VOWELS.has(base.slice(-2, -1))) {
    return [base, `${base.slice(0, -1)}ies`, `${base}s`];
  }
  return [base, `${base}s`];
}

function splitWord(form: string, plural: boolean, cased: string): Word[] {
  // "non-compliant" is written three ways in notes: hyphen, space, joined.
  const parts = form.split('-').filter((p) => p !== '');
  const casedParts = cased.split('-').filter((p) => p !== '');
  if (parts.length <= 1) return [{ words: [form.replace(/-/g, '')], plural, cased: [cased] }];
  return [
    { words: parts, plural, cased: casedParts },
    { words: [parts.join('')], plural, cased: [casedParts.join('')] },
  ];
}

function parseToken(
  token: string,
  lexicon: Pick<Lexicon, 'irregularVerbs' | 'wordSets'>,
  ruleId: string,
): PatternToken {
  let text = token;
  const highlightStart = text.startsWith('[');
  if (highlightStart) text = text.slice(1);
  const highlightEnd = text.endsWith(']');
  if (highlightEnd) text = text.slice(0, -1);
  const optional = text.endsWith('?');
  if (optional) text = text.slice(0, -1);
  const alternatives: Word[] = [];
  for (const alternative of text.split('|')) {
    if (alternative === '') throw new Error(`rule ${ruleId}: empty alternative in "${token}"`);
    let bases: string[] = [alternative];
    if (alternative.startsWith('@')) {
      const set = lexicon.wordSets[alternative.slice(1)];
      if (!set) throw new Error(`rule ${ruleId}: unknown word set ${alternative}`);
      bases = set;
    }
    for (const base of bases) {
      const kind = base.endsWith('~') ? 'verb' : base.endsWith('+') ? 'noun' : 'plain';
      const stem = kind === 'plain' ? base : base.slice(0, -1);
      const lower = normaliseWord(stem);
      const cased = stem.replace(APOSTROPHES, '');
      if (!/^[\p{L}\p{N}-]+$/u.test(lower)) {
        throw new Error(`rule ${ruleId}: "${base}" has characters a word cannot contain`);
      }
      if (kind === 'plain') {
        alternatives.push(...splitWord(lower, false, cased));
        continue;
      }
      // Inflect the last part of a hyphenated word: "attention-seeker+".
      const cut = lower.lastIndexOf('-');
      const head = cut === -1 ? '' : lower.slice(0, cut + 1);
      const tail = cut === -1 ? lower : lower.slice(cut + 1);
      const forms =
        kind === 'verb' ? inflectVerb(tail, lexicon.irregularVerbs) : pluraliseNoun(tail);
      for (const form of forms) {
        alternatives.push(...splitWord(head + form, kind === 'noun' && form !== tail, head + form));
      }
    }
  }
  if (optional) alternatives.push({ words: [], plural: false, cased: [] });
  return { alternatives, highlightStart, highlightEnd };
}

/** Expands one pattern into every concrete word sequence it stands for. */
export function expandPattern(
  pattern: string,
  lexicon: Pick<Lexicon, 'irregularVerbs' | 'wordSets'>,
  ruleId: string,
): (Omit<Variant, 'rule'> & { words: string[] })[] {
  const tokens = pattern
    .trim()
    .split(/\s+/)
    .filter((t) => t !== '')
    .map((t) => parseToken(t, lexicon, ruleId));
  if (tokens.length === 0) throw new Error(`rule ${ruleId}: empty pattern`);
  const hasHighlight = tokens.some((t) => t.highlightStart);
  interface Partial {
    words: string[];
    cased: string[];
    from: number;
    to: number;
    plural: boolean;
  }
  let partials: Partial[] = [{ words: [], cased: [], from: -1, to: -1, plural: false }];
  let inHighlight = !hasHighlight;
  for (const token of tokens) {
    if (token.highlightStart) inHighlight = true;
    const next: Partial[] = [];
    for (const partial of partials) {
      for (const alternative of token.alternatives) {
        const startIndex = partial.words.length;
        const words = partial.words.concat(alternative.words);
        let { from, to } = partial;
        if (inHighlight && alternative.words.length > 0) {
          if (from === -1) from = startIndex;
          to = words.length - 1;
        }
        next.push({
          words,
          cased: partial.cased.concat(alternative.cased),
          from,
          to,
          plural: alternative.words.length > 0 ? alternative.plural : partial.plural,
        });
      }
    }
    if (next.length > MAX_VARIANTS) {
      throw new Error(`rule ${ruleId}: pattern "${pattern}" expands to too many forms`);
    }
    partials = next;
    if (token.highlightEnd) inHighlight = false;
  }
  return partials
    .filter((p) => p.words.length > 0 && p.from !== -1)
    .map((p) => ({
      length: p.words.length,
      highlightFrom: p.from,
      highlightTo: p.to,
      plural: p.plural,
      cased: p.cased,
      words: p.words,
    }));
}

function insert(root: Map<string, TrieNode>, words: string[], variant: Variant): void {
  let level = root;
  let node: TrieNode | undefined;
  for (const word of words) {
    const parent = node;
    node = level.get(word);
    if (!node) {
      node = { children: null, ends: [], childFirsts: new Uint32Array(4) };
      level.set(word, node);
      const first = word.charCodeAt(0);
      if (parent && first < 128) {
        parent.childFirsts[first >> 5] =
          (parent.childFirsts[first >> 5] as number) | (1 << (first & 31));
      }
    }
    node.children ??= new Map();
    level = node.children;
  }
  if (node) node.ends.push(variant);
}

function resolveWords(
  list: string[] | undefined,
  wordSets: Record<string, string[]>,
  ruleId: string,
): Set<string> | null {
  if (!list || list.length === 0) return null;
  const out = new Set<string>();
  for (const item of list) {
    if (item.startsWith('@')) {
      const set = wordSets[item.slice(1)];
      if (!set) throw new Error(`rule ${ruleId}: unknown word set ${item}`);
      for (const word of set) out.add(normaliseWord(word));
    } else {
      out.add(normaliseWord(item));
    }
  }
  return out;
}

/** Checks a rule's shape; returns a list of problems (empty when the rule is usable). */
export function validateRule(rule: unknown): string[] {
  const problems: string[] = [];
  if (typeof rule !== 'object' || rule === null) return ['a rule must be an object'];
  const r = rule as Record<string, unknown>;
  const id = typeof r['id'] === 'string' ? r['id'] : '(no id)';
  if (typeof r['id'] !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(r['id'])) {
    problems.push(`${id}: id must be lower-case words joined by hyphens`);
  }
  if (!CATEGORIES.includes(r['category'] as Category)) {
    problems.push(`${id}: category must be one of ${CATEGORIES.join(', ')}`);
  }
  if (!SEVERITIES.includes(r['severity'] as Severity)) {
    problems.push(`${id}: severity must be one of ${SEVERITIES.join(', ')}`);
  }
  if (!Array.isArray(r['patterns']) || !r['patterns'].every((p) => typeof p === 'string')) {
    problems.push(`${id}: patterns must be a list of phrases`);
  }
  if (typeof r['reason'] !== 'string' || r['reason'].trim() === '' || r['reason'].includes('\n')) {
    problems.push(`${id}: reason must be one line of text`);
  }
  if (!Array.isArray(r['alternatives']) || !r['alternatives'].every((a) => typeof a === 'string')) {
    problems.push(`${id}: alternatives must be a list of suggestions`);
  }
  return problems;
}

function compileRule(input: RuleInput, wordSets: Record<string, string[]>): CompiledRule {
  const context = input.context ?? {};
  return {
    id: input.id,
    category: input.category,
    severity: input.severity,
    reason: input.reason,
    alternatives: input.alternatives,
    source: input.source ?? '',
    caseSensitive: input.caseSensitive === true,
    negation: context.negation !== false,
    notBefore: resolveWords(context.notBefore, wordSets, input.id),
    notAfter: resolveWords(context.notAfter, wordSets, input.id),
    requireNear: resolveWords(context.requireNear, wordSets, input.id),
    passive: context.passive ?? null,
    subject: context.subject ?? null,
    label: context.label ?? null,
    phraseEnd: context.phraseEnd === true,
    physical: context.physical === 'clear',
  };
}

/** The id of the built-in rule used for scare quotes (it has no word patterns). */
export const SCARE_QUOTE_RULE_ID = 'scare-quotes';

/**
 * Compiles a lexicon with an organisation's extra rules, allowed terms and switched-off rules.
 * Throws an Error naming the rule when a rule is malformed.
 */
export function compileLexicon(
  lexicon: Lexicon,
  extraRules: RuleInput[] = [],
  allowedTerms: string[] = [],
  disabledRules: string[] = [],
): CompiledLexicon {
  const root = new Map<string, TrieNode>();
  const allowRoot = new Map<string, TrieNode>();
  const rules = new Map<string, CompiledRule>();
  const disabled = new Set(disabledRules);
  let scareQuoteRule: CompiledRule | null = null;
  for (const input of [...lexicon.rules, ...extraRules]) {
    const problems = validateRule(input);
    if (problems.length > 0) throw new Error(problems.join('; '));
    if (rules.has(input.id)) throw new Error(`rule ${input.id}: the id is used twice`);
    const rule = compileRule(input, lexicon.wordSets);
    rules.set(rule.id, rule);
    if (disabled.has(rule.id)) continue;
    if (rule.id === SCARE_QUOTE_RULE_ID) scareQuoteRule = rule;
    for (const pattern of input.patterns) {
      for (const v of expandPattern(pattern, lexicon, rule.id)) {
        insert(root, v.words, {
          rule,
          length: v.length,
          highlightFrom: v.highlightFrom,
          highlightTo: v.highlightTo,
          plural: v.plural,
          cased: rule.caseSensitive ? v.cased : null,
        });
      }
    }
  }
  const allowed = [...lexicon.allowPhrases.map((a) => a.phrase), ...allowedTerms];
  for (const phrase of allowed) {
    for (const v of expandPattern(phrase, lexicon, 'allowed phrase')) {
      insert(allowRoot, v.words, {
        rule: null,
        length: v.length,
        highlightFrom: 0,
        highlightTo: v.length - 1,
        plural: false,
        cased: null,
      });
    }
  }
  const charRoot = buildCharTrie(root);
  return {
    root,
    charRoot,
    charTable: buildCharTable(charRoot),
    allowRoot,
    spelling: buildSpellingIndex(root.keys()),
    rules,
    scareQuoteRule,
  };
}

function buildCharTrie(root: Map<string, TrieNode>): CharNode {
  let count = 0;
  const top: CharNode = { next: null, entry: null, id: count++ };
  for (const [word, entry] of root) {
    let node = top;
    for (let i = 0; i < word.length; i++) {
      const code = word.charCodeAt(i);
      node.next ??= new Map();
      let child = node.next.get(code);
      if (!child) {
        child = { next: null, entry: null, id: count++ };
        node.next.set(code, child);
      }
      node = child;
    }
    node.entry = entry;
  }
  return top;
}

function buildCharTable(top: CharNode): CharTable {
  const nodes: CharNode[] = [];
  const codes = new Set<number>();
  const visit = (node: CharNode) => {
    nodes[node.id] = node;
    for (const [code, child] of node.next ?? []) {
      if (code < 128) codes.add(code);
      visit(child);
    }
  };
  visit(top);
  const symbols = new Uint8Array(128);
  let width = 1;
  for (const code of [...codes].sort((a, b) => a - b)) symbols[code] = width++;
  // Upper-case ASCII letters read as their lower-case forms, as the scan lower-cases them.
  for (let c = 65; c <= 90; c++) symbols[c] = symbols[c + 32] as number;
  const next = new Int32Array(nodes.length * width);
  for (const node of nodes) {
    for (const [code, child] of node.next ?? []) {
      if (code < 128) next[node.id * width + (symbols[code] as number)] = child.id + 1;
    }
  }
  return { symbols, width, next, nodes };
}
