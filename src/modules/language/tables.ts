/** Table shapes for an organisation's own language rules and allowed terms. */

/** One organisation rule or allowed term. */
export interface LanguageEntriesTable {
  id: string;
  organisation_id: string;
  kind: 'rule' | 'allowed_term';
  /** The allowed term, or for a rule its phrases joined by new lines (for listing). */
  term: string;
  /** The rule as JSON text (a RuleInput); null for an allowed term. */
  rule: string | null;
  created_by: string | null;
  created_at: string;
}

/** The last-change marker of an organisation's rules: app servers compare it per request. */
export interface LanguageRuleSetsTable {
  organisation_id: string;
  revision: number;
  updated_at: string;
}

/** The language module's tables. */
export interface LanguageTables {
  language_entries: LanguageEntriesTable;
  language_rule_sets: LanguageRuleSetsTable;
}
