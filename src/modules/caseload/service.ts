/**
 * A nurse's way in at a hard moment: the person page and the name search. Guarantees: only
 * practitioners and unit managers use them; a person is shown or found only when the actor may
 * see them (404 or no result otherwise); every page or result that names a person is audited
 * as a read of their information. The plans, enquiry and force modules are reached only through
 * the functions the app passes in (from their index.ts).
 *
 * This file only composes the capabilities; each lives in its own file.
 */
import { createPersonPage } from './person-page.ts';
import { createSearch } from './search.ts';
import type { CaseloadDeps } from './types.ts';

export type { CaseloadDeps };
export type { PersonPageView } from './person-page.ts';
export type { SearchResult } from './search.ts';

/** Creates the caseload service: one namespace per capability. */
export function createCaseloadService(deps: CaseloadDeps) {
  return {
    /** One person's page: plan, conversations, open tasks and records. */
    personPage: createPersonPage(deps),
    /** Finding a person by name among those the actor may see. */
    search: createSearch(deps),
  };
}

/** The caseload service's functions. */
export type CaseloadService = ReturnType<typeof createCaseloadService>;
