/** The use-of-force module's public surface. Other modules import only from here. */
export { createForceService, RETENTION_YEARS } from './service.ts';
export type {
  ForceService,
  PlanChoicesForForce,
  PlanChoicesLookup,
  ForceDirectory,
} from './service.ts';
export type { DashboardQuery } from './dashboard-page.ts';
export { createForceStore } from './store.ts';
export type { ForceStore } from './store.ts';
export type { DashboardScope } from './policy.ts';
export { forceActionLabels } from './actions.ts';
export { seedForceDemo } from './demo.ts';
export { generateSyntheticData } from './generate.ts';
export type { ForceTables } from './tables.ts';
export { FORCE_MINIMUM_MONTHS, forceRetentionCategories } from './rights.ts';
export type { ForceRights } from './rights.ts';
export type { ForceEvidence } from './evidence.ts';
export { rebuildForceEvidence } from './evidence.ts';
export { listIncidentsNamingStaff as incidentsNamingStaff } from './store/staff-named.ts';
export type { ForceStaffNamed } from './store/staff-named.ts';
