/** The accounts module's public surface. Other modules import only from here. */
export { createAccountsService } from './service.ts';
export type { AccountsService, PersonSummary } from './service.ts';
export type { People as AccountsPeople } from './people.ts';
export type { StaffInviteProblem, StaffToInvite } from './staff-invitations.ts';
export { createAccountsStore } from './store.ts';
export type { AccountsStore } from './store.ts';
export type { Actor } from '../../lib/actor.ts';
export { roles, roleLabels, staffRoles, invitableStaffRoles, isRole } from '../../lib/roles.ts';
export type { Role } from '../../lib/roles.ts';
export { checkPasswordPolicy, hashPassword } from './passwords.ts';
export type { AccountsTables } from './tables.ts';
export type { AccountsEvidence } from './evidence.ts';
export { listActiveStaff, listActiveUnitStaff, listOpenUnits } from './staff-lists.ts';
export type { StaffListRow } from './staff-lists.ts';
