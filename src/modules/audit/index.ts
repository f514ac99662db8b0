/** The audit module's public surface. Other modules import only from here. */
export { createAuditLog, createAuditService } from './service.ts';
export type {
  AuditLog,
  AuditService,
  AuditContext,
  AuditActor,
  AuditEventInput,
  VerifyResult,
  AccessEntry,
  Directory,
} from './service.ts';
export { createAuditStore } from './store.ts';
export type { AuditStore } from './store.ts';
export { auditActionLabels } from './actions.ts';
export type { AuditTables } from './tables.ts';
export type { AuditEvidence } from './evidence.ts';
export { rebuildLooksRollup } from './looks-rollup.ts';
