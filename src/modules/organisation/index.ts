/** The organisation set-up module's public surface. Other modules import only from here. */
export { createOrganisationService } from './service.ts';
export type { OrganisationService } from './service.ts';
export { createOrganisationStore } from './store.ts';
export type { OrganisationStore } from './store.ts';
export { createSetupSteps } from './checklist.ts';
export type { SetupStep, StaffInviter } from './deps.ts';
export { organisationActionLabels } from './actions.ts';
