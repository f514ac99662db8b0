/**
 * The language checker on the server: each organisation's own rules and allowed terms, kept
 * in the database and compiled once per organisation. Guarantees: only an organisation's
 * administrator changes its rules, every change is audited in the same transaction and moves
 * the organisation's revision on, and every app server compares that revision (one small
 * query) before each check, so a change applies on the next request everywhere. Checking never
 * stores or logs the text it is given, and never throws: a save is never held up by it.
 */
import type { Db } from '../../db/index.ts';
import type { AuditContext, AuditLog } from '../audit/index.ts';
import type { Actor } from '../accounts/index.ts';
import { AppError } from '../../lib/app-error.ts';
import type { Clock } from '../../lib/clock.ts';
import { toIso } from '../../lib/clock.ts';
import { newId } from '../../lib/tokens.ts';
import { validateRules } from './checker.ts';
import { createFullChecker } from './nlp.ts';
import type { CheckOptions, Finding, RuleInput } from './checker.ts';
import { highlightSegments } from './highlight.ts';
import type { Segment } from './highlight.ts';
import { categoryLabels, severityLabels } from './labels.ts';
import { mayLanguage } from './policy.ts';
import type { AllowedTermInput, RuleFormInput } from './schema.ts';
import type { LanguageStore } from './store.ts';
import type { LanguageEntriesTable } from './tables.ts';

/** Limits that keep an organisation's rule set quick to compile and to send to browsers. */
export const LANGUAGE_LIMITS = { rules: 200, allowedTerms: 500 } as const;

/** How many organisations' compiled rules one server keeps in memory. */
const CACHE_SIZE = 500;

/** What the app needs to run the language service. */
export interface LanguageDeps {
  db: Db;
  store: LanguageStore;
  audit: AuditLog;
  clock: Clock;
}

/** An organisation rule as the admin page lists it. */
export interface OrganisationRule {
  id: string;
  phrases: string[];
  category: RuleInput['category'];
  categoryLabel: string;
  severity: RuleInput['severity'];
  severityLabel: string;
  reason: string;
  alternatives: string[];
  createdAt: string;
}

/** A word or phrase the organisation has agreed to use. */
export interface AllowedTerm {
  id: string;
  term: string;
  createdAt: string;
}

interface Compiled {
  revision: number;
  check: (text: string) => Finding[];
  /** The options as JSON for the browser bundle, or null when there are none. */
  browserJson: string | null;
}

// The server's full result: the lexicon layer read again by the NLP layer (see nlp.ts).
const defaultCheck = createFullChecker();
const DEFAULT: Compiled = { revision: 0, check: defaultCheck, browserJson: null };

function ruleOf(entry: LanguageEntriesTable): RuleInput | null {
  if (entry.kind !== 'rule' || entry.rule === null) return null;
  try {
    return JSON.parse(entry.rule) as RuleInput;
  } catch {
    return null;
  }
}

/** Turns a library validation message into words for the admin form. */
function friendlyProblem(problem: string): string {
  if (problem.includes('empty alternative'))
    return 'A phrase has an empty choice beside a "|". Put words on both sides of each "|".';
  if (problem.includes('unknown word set'))
    return 'A phrase names a word list that does not exist (a word starting with @). Write the words out instead.';
  if (problem.includes('characters a word cannot contain'))
    return 'A phrase has characters that cannot be part of a word. Use letters, numbers, apostrophes and hyphens.';
  if (problem.includes('too many forms'))
    return 'A phrase has too many choices to check quickly. Split it into simpler phrases.';
  if (problem.includes('empty pattern')) return 'Each phrase needs at least one word.';
  return `This rule cannot be used: ${problem.replace(/^(rule )?org-[a-z0-9-]+:\s*/, '')}`;
}

/** Creates the language service. */
export function createLanguageService(deps: LanguageDeps) {
  const { db, store, audit, clock } = deps;
  const cache = new Map<string, Compiled>();

  function compile(revision: number, entries: LanguageEntriesTable[]): Compiled {
    let extraRules = entries.map(ruleOf).filter((r): r is RuleInput => r !== null);
    const allowedTerms = entries.filter((e) => e.kind === 'allowed_term').map((e) => e.term);
    // A rule saved under an older lexicon may no longer compile; drop only that rule.
    if (validateRules(extraRules).length > 0) {
      extraRules = extraRules.filter((r) => validateRules([r]).length === 0);
    }
    const options: CheckOptions = { extraRules, allowedTerms };
    const empty = extraRules.length === 0 && allowedTerms.length === 0;
    return {
      revision,
      check: empty ? defaultCheck : createFullChecker(options),
      browserJson: empty ? null : JSON.stringify(options),
    };
  }

  async function compiledFor(organisationId: string, conn: Db = db): Promise<Compiled> {
    try {
      const revision = await store.readRevision(conn, organisationId);
      if (revision === 0) return DEFAULT;
      const cached = cache.get(organisationId);
      if (cached?.revision === revision) return cached;
      const compiled = compile(revision, await store.listEntries(conn, organisationId));
      cache.delete(organisationId);
      if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value ?? '');
      cache.set(organisationId, compiled);
      return compiled;
    } catch {
      // Suggestions are never worth an error page: fall back to what this server last knew.
      return cache.get(organisationId) ?? DEFAULT;
    }
  }

  async function checkForOrganisation(
    organisationId: string,
    text: string,
    conn: Db = db,
  ): Promise<Finding[]> {
    const compiled = await compiledFor(organisationId, conn);
    try {
      return compiled.check(text);
    } catch {
      return defaultCheck(text);
    }
  }

  async function change(
    actor: Actor,
    ctx: AuditContext,
    action: string,
    entryId: string,
    detail: Record<string, string>,
    write: (trx: Db) => Promise<void>,
  ): Promise<void> {
    await audit.audited(db, ctx, async (trx, record) => {
      await write(trx);
      await store.bumpRevision(trx, actor.organisationId, toIso(clock()));
      await record({
        organisationId: actor.organisationId,
        action,
        recordType: 'language_entry',
        recordId: entryId,
        detail,
      });
    });
  }

  async function checkWriting(actor: Actor, text: string): Promise<Finding[]> {
    if (!mayLanguage(actor, { kind: 'check-writing' })) throw AppError.notFound();
    return checkForOrganisation(actor.organisationId, text);
  }

  async function countOf(organisationId: string, kind: LanguageEntriesTable['kind']) {
    return (await store.listEntries(db, organisationId)).filter((e) => e.kind === kind).length;
  }

  return {
    /**
     * Checks text with the organisation's rules and allowed terms as well as the built-in
     * lexicon, and the NLP layer. It never throws. Inside a transaction, pass it as `conn`
     * (SQLite has one connection, so a read outside the transaction would wait for it).
     */
    checkForOrganisation,

    /** The organisation's options as JSON for the browser bundle, or null when it has none. */
    async browserOptionsFor(organisationId: string): Promise<string | null> {
      return (await compiledFor(organisationId)).browserJson;
    },

    /** "Check my writing": findings for a member of staff's text, which is not kept. */
    checkWriting,

    /** "Check my writing" as the page shows it: the findings, and the text cut into highlighted segments. */
    async reviewWriting(
      actor: Actor,
      text: string,
    ): Promise<{ findings: Finding[]; segments: Segment[] }> {
      const findings = await checkWriting(actor, text);
      return { findings, segments: highlightSegments(text, findings) };
    },

    /** The organisation's own rules and allowed terms, for its administrator. */
    async listOrganisationRules(
      actor: Actor,
    ): Promise<{ rules: OrganisationRule[]; allowedTerms: AllowedTerm[] }> {
      if (!mayLanguage(actor, { kind: 'view-rules' })) throw AppError.notFound();
      const entries = await store.listEntries(db, actor.organisationId);
      const rules: OrganisationRule[] = [];
      const allowedTerms: AllowedTerm[] = [];
      for (const entry of entries) {
        if (entry.kind === 'allowed_term') {
          allowedTerms.push({ id: entry.id, term: entry.term, createdAt: entry.created_at });
          continue;
        }
        const rule = ruleOf(entry);
        if (!rule) continue;
        rules.push({
          id: entry.id,
          phrases: rule.patterns,
          category: rule.category,
          categoryLabel: categoryLabels[rule.category],
          severity: rule.severity,
          severityLabel: severityLabels[rule.severity],
          reason: rule.reason,
          alternatives: rule.alternatives,
          createdAt: entry.created_at,
        });
      }
      return { rules, allowedTerms };
    },

    /**
     * Adds an organisation rule after checking it with the library's validateRules.
     * @throws AppError invalid, naming the form field to fix
     */
    async addRule(actor: Actor, input: RuleFormInput, ctx: AuditContext): Promise<{ id: string }> {
      if (!mayLanguage(actor, { kind: 'change-rules', entryOrganisationId: actor.organisationId }))
        throw AppError.notFound();
      if ((await countOf(actor.organisationId, 'rule')) >= LANGUAGE_LIMITS.rules) {
        throw AppError.invalid(
          'phrases',
          `Your organisation has ${LANGUAGE_LIMITS.rules} rules, the most it can have. Remove one before adding another.`,
        );
      }
      const id = newId();
      const rule: RuleInput = {
        id: `org-${id}`,
        category: input.category,
        severity: input.severity,
        patterns: input.phrases,
        reason: input.reason,
        alternatives: input.alternatives,
        source: 'Organisation rule',
      };
      const [problem] = validateRules([rule]);
      if (problem !== undefined) throw AppError.invalid('phrases', friendlyProblem(problem));
      await change(
        actor,
        ctx,
        'language.rule_add',
        id,
        { category: rule.category, severity: rule.severity },
        (trx) =>
          store.insertEntry(trx, {
            id,
            organisation_id: actor.organisationId,
            kind: 'rule',
            term: rule.patterns.join('\n'),
            rule: JSON.stringify(rule),
            created_by: actor.id,
            created_at: toIso(clock()),
          }),
      );
      return { id };
    },

    /**
     * Allows a word or phrase the organisation has agreed to use: findings inside it are dropped.
     * @throws AppError invalid when it is already allowed or has no words
     */
    async addAllowedTerm(
      actor: Actor,
      input: AllowedTermInput,
      ctx: AuditContext,
    ): Promise<{ id: string }> {
      if (!mayLanguage(actor, { kind: 'change-rules', entryOrganisationId: actor.organisationId }))
        throw AppError.notFound();
      const term = input.term.replace(/\s+/g, ' ');
      if (!/[\p{L}\p{N}]/u.test(term)) {
        throw AppError.invalid('term', 'Enter a word or phrase with at least one letter');
      }
      const entries = await store.listEntries(db, actor.organisationId);
      const allowed = entries.filter((e) => e.kind === 'allowed_term');
      const key = (s: string) => s.toLocaleLowerCase('en-GB');
      if (allowed.some((e) => key(e.term) === key(term))) {
        throw AppError.invalid('term', `"${term}" is already allowed`);
      }
      if (allowed.length >= LANGUAGE_LIMITS.allowedTerms) {
        throw AppError.invalid(
          'term',
          `Your organisation has ${LANGUAGE_LIMITS.allowedTerms} allowed terms, the most it can have. Remove one before adding another.`,
        );
      }
      const id = newId();
      await change(actor, ctx, 'language.allowed_term_add', id, {}, (trx) =>
        store.insertEntry(trx, {
          id,
          organisation_id: actor.organisationId,
          kind: 'allowed_term',
          term,
          rule: null,
          created_by: actor.id,
          created_at: toIso(clock()),
        }),
      );
      return { id };
    },

    /** Removes a rule or allowed term; 404 when it is not the administrator's organisation's. */
    async removeEntry(
      actor: Actor,
      entryId: string,
      ctx: AuditContext,
    ): Promise<{ kind: LanguageEntriesTable['kind'] }> {
      const entry = await store.findEntry(db, actor.organisationId, entryId);
      if (
        !entry ||
        !mayLanguage(actor, { kind: 'change-rules', entryOrganisationId: entry.organisation_id })
      ) {
        throw AppError.notFound();
      }
      const action =
        entry.kind === 'rule' ? 'language.rule_remove' : 'language.allowed_term_remove';
      await change(actor, ctx, action, entry.id, {}, async (trx) => {
        if (!(await store.deleteEntry(trx, actor.organisationId, entry.id))) {
          throw AppError.notFound();
        }
      });
      return { kind: entry.kind };
    },
  };
}

/** The language service's functions. */
export type LanguageService = ReturnType<typeof createLanguageService>;
