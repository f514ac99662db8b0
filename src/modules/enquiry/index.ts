/** The enquiry module's public surface (asking about trauma). Other modules import only from here. */
export { createEnquiryService } from './service.ts';
export type { EnquiryService } from './service.ts';
export { keyMismatchMessage } from './key-check.ts';
export { createEnquiryStore } from './store.ts';
export type { EnquiryStore } from './store.ts';
export { enquiryActionLabels } from './actions.ts';
export { seedEnquiryDemo } from './demo.ts';
export type { EnquiryTables } from './tables.ts';
export { enquiryRetentionCategories } from './rights.ts';
export type { EnquiryRights } from './rights.ts';
export type { EnquiryEvidence } from './evidence.ts';
export { rebuildEnquiryRollup } from './evidence-rollup.ts';
export { listDisclosuresHeard as disclosuresHeardBy } from './store/heard.ts';
export type { DisclosureHeard } from './store/heard.ts';
