/** The use-of-force module's public surface. Other modules import only from here. */
export { createForceService, RETENTION_YEARS } from './service.ts';
export type {
  ForceService,
  PlanChoicesForForce,
  PlanChoicesLookup,
  ForceDirectory,
} from './service.ts';
export { createForceStore } from './store.ts';
export type { ForceStore } from './store.ts';
export type { DashboardScope } from './policy.ts';
export { registerForceRoutes, forceAccessRules, forceActionLabels } from './routes.ts';
export { forceHomePanels } from './panels.ts';
export { seedForceDemo } from './demo.ts';
export { generateSyntheticData } from './generate.ts';
export { registerForceCommands } from './cli.ts';
export type { ForceTables } from './tables.ts';
