/** The caseload module's public surface (a nurse's person pages and name search). */
export { createCaseloadService } from './service.ts';
export type { CaseloadService, CaseloadDeps, PersonPageView, SearchResult } from './service.ts';
export { caseloadActionLabels } from './actions.ts';
