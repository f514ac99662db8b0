/** The wards module's public surface: ward shift reports and their figures. */
export { createWardsService } from './service.ts';
export type { WardsService } from './service.ts';
export type { WardsDeps, WardDirectory, WardForceFigures } from './deps.ts';
export { createWardsStore } from './store.ts';
export type { WardsStore } from './store.ts';
export { wardsActionLabels } from './actions.ts';
export type { WardsTables } from './tables.ts';
export { seedWardsDemo } from './demo.ts';
export { interventions, scoreCheck, scoreIntervention } from './interventions.ts';
export type { Intervention, FidelityItem } from './interventions.ts';
