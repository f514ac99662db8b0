/**
 * The language module's server-side surface: organisation rules in the database, the service
 * other modules call after a save, and the pages. Kept apart from index.ts, which the browser
 * bundle imports, so that no server code (database, Fastify) can reach the browser.
 * Other modules import from here, or from index.ts for the pure checker.
 */
export { createLanguageService, LANGUAGE_LIMITS } from './service.ts';
export type { LanguageService, OrganisationRule, AllowedTerm } from './service.ts';
export { createLanguageStore } from './store.ts';
export type { LanguageStore } from './store.ts';
export { registerLanguageRoutes, languageAccessRules, languageActionLabels } from './routes.ts';
export { seedLanguageDemo } from './demo.ts';
export { highlightSegments } from './highlight.ts';
export type { Segment } from './highlight.ts';
export { writingRoles } from './policy.ts';
export type { LanguageTables } from './tables.ts';
