/**
 * Help now: crisis numbers (national and the organisation's own) and leaving safely, composed
 * from one file per capability.
 */
import { createHelpNumbers } from './numbers.ts';
import type { HelpNumbersDeps } from './numbers.ts';
import { createLeaving } from './leaving.ts';
import type { LeavingDeps } from './leaving.ts';

/** What the help service needs. */
export type HelpDeps = HelpNumbersDeps & LeavingDeps;

/** Creates the help service: one namespace per capability. */
export function createHelpService(deps: HelpDeps) {
  return {
    /** Crisis numbers: the national ones and the organisation's own. */
    numbers: createHelpNumbers(deps),
    /** "Leave this page": ending the session on the server. */
    leaving: createLeaving(deps),
  };
}

/** The help service's functions. */
export type HelpService = ReturnType<typeof createHelpService>;
