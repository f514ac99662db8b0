/** The accounts module's public surface. Other modules import only from here. */
export { createAccountsService } from './service.ts';
export type { AccountsService, PersonSummary } from './service.ts';
export { createAccountsStore } from './store.ts';
export type { AccountsStore } from './store.ts';
export type { Actor } from './policy.ts';
export { roles, roleLabels, staffRoles, invitableStaffRoles, isRole } from './roles.ts';
export type { Role } from './roles.ts';
export { checkPasswordPolicy, hashPassword } from './passwords.ts';
export { registerAccountsRoutes, accountsAccessRules } from './routes.ts';
export type { AccountsTables } from './tables.ts';
