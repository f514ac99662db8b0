/** Plain words for the audit actions this module records. */
export const languageActionLabels: Record<string, string> = {
  'language.rule_add': 'Added a language rule',
  'language.rule_remove': 'Removed a language rule',
  'language.allowed_term_add': 'Allowed a word or phrase in the language checker',
  'language.allowed_term_remove': 'Removed an allowed word or phrase',
};
