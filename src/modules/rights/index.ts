/** The rights module's public surface. Other modules import only from here. */
export { createRightsService } from './service.ts';
export type {
  RightsService,
  RightsDeps,
  DeletionResult,
  CopyFormat,
  MyDataDocument,
  RetentionReport,
  RetentionSetting,
} from './service.ts';
export { createRightsStore } from './store.ts';
export type { RightsStore } from './store.ts';
export { rightsActionLabels } from './actions.ts';
export { retentionCategories } from './categories.ts';
export type { RightsTables } from './tables.ts';
