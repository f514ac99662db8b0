/**
 * The help module's public surface: crisis numbers for Help now (national and each
 * organisation's own) and leaving safely.
 */
export { createHelpService } from './service.ts';
export type { HelpService, HelpDeps } from './service.ts';
export { createHelpStore } from './store.ts';
export type { HelpStore } from './store.ts';
export { helpActionLabels } from './actions.ts';
export { nationalHelpNumbers, MAX_HELP_NUMBERS } from './numbers.ts';
export type { HelpNumber } from './numbers.ts';
export type { HelpTables } from './tables.ts';

import type { HelpService } from './service.ts';

/**
 * For an organisation set-up checklist step ("crisis numbers set"): how many crisis numbers
 * each organisation has (0 for none). Done when the count is at least 1.
 */
export function countCrisisNumbers(
  help: HelpService,
  organisationIds: readonly string[],
): Promise<Map<string, number>> {
  return help.numbers.countsByOrganisation(organisationIds);
}
