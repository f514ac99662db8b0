/**
 * The language module's public surface: the pure, I/O-free checker (also bundled for the
 * browser from checker.ts) and the service that keeps each organisation's own rules.
 */
export * from './checker.ts';
export { checkWithNlp, createFullChecker, createNlpLayer, nlpLayer } from './nlp.ts';
export type { NlpLayer, NlpLayerOptions, NlpStatus } from './nlp.ts';
export { loadWinkTagger } from './nlp-tagger.ts';
export type { Tagger, TaggedToken } from './nlp-tagger.ts';
export { createLanguageService, LANGUAGE_LIMITS } from './service.ts';
export type { LanguageService, OrganisationRule, AllowedTerm } from './service.ts';
export { createLanguageStore } from './store.ts';
export type { LanguageStore } from './store.ts';
export { languageActionLabels } from './actions.ts';
export { seedLanguageDemo } from './demo.ts';
export { highlightSegments } from './highlight.ts';
export type { Segment } from './highlight.ts';
export { writingRoles } from './policy.ts';
export type { LanguageTables } from './tables.ts';
