/** The plans module's public surface. Other modules import only from here. */
export { createPlansService, EMERGENCY_ACCESS_MS, SUPPORTER_LINK_MAX_DAYS } from './service.ts';
export type {
  PlansService,
  PlanChoicesForForce,
  PlanView,
  PlanReadKind,
  EmergencyView,
} from './service.ts';
export { createPlansStore } from './store.ts';
export type { PlansStore } from './store.ts';
export { plansActionLabels } from './actions.ts';
export { seedPlansDemo } from './demo.ts';
export { restraintPositions, staffGenderOptions, sections as planSections } from './sections.ts';
export type { PlansTables } from './tables.ts';
export { planRetentionCategories } from './rights.ts';
export type { PlanRights, PlanAnswer } from './rights.ts';
export type { PlansEvidence } from './evidence.ts';
