/**
 * The scan: one pass over the words of the text (read once, see reading.ts), one Map look-up per word, so the
 * time taken grows in step with the length of the text. Context rules run only where
 * a lexicon phrase or a quotation was found.
 *
 * Guarantees: findings never overlap, are sorted by start, and their offsets are
 * UTF-16 indexes into the given text with `text.slice(start, end) === finding.text`.
 * The checker never throws on any string (empty, huge, lone surrogates).
 */
import type { CharNode, CompiledLexicon, CompiledRule, TrieNode, Variant } from './compile.ts';
import { isAllowed, judgeMatch } from './context.ts';
import { MIN_FUZZY_LENGTH, correctNextWord, correctWord, mayBeMisspelt } from './spelling.ts';
import type { Quote } from './quotes.ts';
import { classifyQuote, findQuotes } from './quotes.ts';
import { normalForm, readWords } from './reading.ts';
import { isJoinableGap } from './tokens.ts';
import type { ContextNote, Finding, Severity } from './types.ts';
import { createTokenCache, openWindow } from './window.ts';

// Two words further apart than this never join into one phrase (see isJoinableGap).
const MAX_GAP = 12;

const LOWER: Record<Severity, Severity> = { high: 'medium', medium: 'low', low: 'low' };

function quoteAround(quotes: Quote[], start: number, end: number): Quote | null {
  let lo = 0;
  let hi = quotes.length - 1;
  let best: Quote | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const q = quotes[mid] as Quote;
    if (q.start < start) {
      best = q;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return best && best.end >= end ? best : null;
}

function makeFinding(
  text: string,
  rule: CompiledRule,
  start: number,
  end: number,
  severity: Severity,
  context: ContextNote[],
): Finding {
  return {
    start,
    end,
    text: text.slice(start, end),
    ruleId: rule.id,
    category: rule.category,
    severity,
    reason: rule.reason,
    alternatives: rule.alternatives,
    context,
  };
}

/** What a quoted finding says instead of the rule's reason. */
export const QUOTED_REASON =
  'This is a quote; keep it if these were their words, and say whose words they are.';

function quotedFinding(text: string, rule: CompiledRule, start: number, end: number): Finding {
  return {
    ...makeFinding(text, rule, start, end, 'low', ['in-quotes']),
    reason: QUOTED_REASON,
    alternatives: [],
    quoted: true,
  };
}

function casedMatches(variant: Variant, text: string, starts: number[], ends: number[]) {
  if (!variant.cased) return true;
  for (let i = 0; i < variant.length; i++) {
    const raw = text.slice(starts[i] as number, ends[i] as number);
    if (raw.replace(/['’ʼ]/g, '') !== variant.cased[i]) return false;
  }
  return true;
}

/** Checks one text against a compiled lexicon. */
export function checkCompiled(text: string, lexicon: CompiledLexicon): Finding[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  // One reading of the text: every word's offsets and trie state, shared by the scan, the
  // phrase walk and the windows of the context rules (reading.ts).
  const words = readWords(text, lexicon.charTable);
  const quoteCache = createTokenCache(words);
  const quotes: Quote[] = findQuotes(text).map((q) => ({
    ...q,
    kind: classifyQuote(text, q.start, q.end, quoteCache),
  }));
  const cache = createTokenCache(words);
  const usedQuotes = new Set<Quote>();
  const findings: Finding[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const rawEnds: number[] = [];
  const { nodes } = lexicon.charTable;
  const count = words.count;
  const wordStarts = words.starts;
  const wordEnds = words.ends;
  const wordRawEnds = words.rawEnds;
  const states = words.states;
  const shapes = words.shapes;
  // Where the scan goes on from: past the first word of a phrase, or past a finding.
  let i = 0;
  for (let w = 0; w < count; w++) {
    const wordStart = wordStarts[w] as number;
    if (wordStart < i) continue;
    const wordEnd = wordRawEnds[w] as number;
    const state = states[w] as number;
    let node: TrieNode | null = state === -1 ? null : ((nodes[state] as CharNode).entry ?? null);
    if (
      node === null &&
      wordEnd - wordStart >= MIN_FUZZY_LENGTH &&
      mayBeMisspelt(
        lexicon.spelling,
        text.charCodeAt(wordStart) | 0x20,
        text.charCodeAt(wordStart + 1) | 0x20,
        wordEnd - wordStart,
      )
    ) {
      // Not a lexicon word: perhaps a misspelt one ("manipulitive").
      const raw = text.slice(wordStart, wordEnd);
      const fixed = correctWord(lexicon.spelling, normalForm(raw, shapes[w] as number));
      if (fixed !== null) node = lexicon.root.get(fixed) ?? null;
    }
    if (node === null) {
      i = wordEnd;
      continue;
    }
    // The words of the phrase walk: where each starts, ends without closing apostrophes, and
    // ends as written (kept as offsets; strings are made only when a rule needs them).
    starts[0] = wordStart;
    ends[0] = wordEnds[w] as number;
    rawEnds[0] = wordEnd;
    let walked = 1;
    i = wordEnd;
    // The first node's own list while no other joins it (most phrases); copied before a push.
    let candidates: Variant[] | null = node.ends.length > 0 ? node.ends : null;
    let ownCandidates = false;
    let current: TrieNode = node;
    while (current.children && current.children.size > 0) {
      // The next word; one more than a joinable gap away cannot continue the phrase.
      const next = w + walked;
      if (next >= count) break;
      const lastEnd = ends[walked - 1] as number;
      const p = wordStarts[next] as number;
      if (p - lastEnd > MAX_GAP) break;
      // No child starts with this word's first letter: no string need be made to know that.
      const c0 = text.charCodeAt(p);
      const first = c0 >= 65 && c0 <= 90 ? c0 | 0x20 : c0;
      if (
        first < 128 &&
        ((current.childFirsts[first >> 5] as number) & (1 << (first & 31))) === 0
      ) {
        break;
      }
      if (!isJoinableGap(text, lastEnd, p)) break;
      const q = wordRawEnds[next] as number;
      const nextWord = normalForm(text.slice(p, q), shapes[next] as number);
      const child = current.children.get(nextWord) ?? correctNextWord(current.children, nextWord);
      if (!child) break;
      starts[walked] = p;
      ends[walked] = wordEnds[next] as number;
      rawEnds[walked] = q;
      walked++;
      if (child.ends.length > 0) {
        if (candidates === null) {
          candidates = child.ends;
        } else {
          if (!ownCandidates) candidates = candidates.slice();
          ownCandidates = true;
          for (const v of child.ends) candidates.push(v);
        }
      }
      current = child;
    }
    if (candidates === null) continue;
    // Longest phrase first: "challenging behaviour" before "challenging".
    if (candidates.length > 1) {
      if (!ownCandidates) candidates = candidates.slice();
      candidates.sort((a, b) => b.length - a.length);
    }
    const matchStart = starts[0] as number;
    const window = openWindow(text, matchStart, ends[walked - 1] as number, cache);
    const firstToken = window.first;
    if (firstToken === -1) continue;
    for (const variant of candidates) {
      const rule = variant.rule;
      if (!rule || !casedMatches(variant, text, starts, rawEnds)) continue;
      const matchEnd = ends[variant.length - 1] as number;
      let start = starts[variant.highlightFrom] as number;
      let end = ends[variant.highlightTo] as number;
      window.last = firstToken + variant.length - 1;
      const verdict = judgeMatch(rule, variant, window);
      if (verdict === 'clear') continue;
      if (isAllowed(lexicon, window, start, end)) continue;
      let severity = rule.severity;
      const context: ContextNote[] = [];
      const quote = quoteAround(quotes, start, end);
      if (quote) {
        if (quote.kind === 'own' || quote.kind === 'mention' || quote.kind === 'name') continue;
        usedQuotes.add(quote);
        const wholeQuote =
          text.slice(quote.start + 1, quote.end - 1).trim() === text.slice(start, end);
        if (quote.kind === 'reported') {
          // Someone else's words, quoted: the record of what was said. A gentle note only.
          findings.push(quotedFinding(text, rule, start, end));
          i = Math.max(i, matchEnd);
          break;
        } else if (wholeQuote) {
          // The label is the whole quotation: highlight the marks too, they carry the doubt.
          start = quote.start;
          end = quote.end;
          context.push('scare-quotes');
        } else {
          context.push('in-quotes');
        }
      } else if (verdict === 'reported') {
        severity = LOWER[severity];
        context.push('reported-speech');
      }
      findings.push(makeFinding(text, rule, start, end, severity, context));
      i = Math.max(i, matchEnd);
      break;
    }
  }
  const scare = lexicon.scareQuoteRule;
  if (scare) {
    for (const quote of quotes) {
      if (quote.kind !== 'scare' || usedQuotes.has(quote)) continue;
      const window = openWindow(text, quote.start + 1, quote.end - 1, createTokenCache(words));
      if (window.first !== -1 && isAllowed(lexicon, window, quote.start + 1, quote.end - 1)) {
        continue;
      }
      findings.push(
        makeFinding(text, scare, quote.start, quote.end, scare.severity, ['scare-quotes']),
      );
    }
    findings.sort((a, b) => a.start - b.start);
  }
  return findings;
}
