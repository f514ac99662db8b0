/**
 * Access policy for accounts. Guarantees: deny by default; nobody acts outside their own
 * organisation; staff see a person only through a caseload or a shared unit (admins see their
 * whole organisation); only the person themselves sees their own account as theirs.
 */
import type { Actor } from '../../lib/actor.ts';
import type { Role } from '../../lib/roles.ts';
import { invitableStaffRoles } from '../../lib/roles.ts';

export type { Actor };

/** What an actor may try to do in the accounts module. */
export type AccountsAction =
  | { kind: 'invite'; role: Role; unitId: string | null }
  | { kind: 'disable-account'; targetOrganisationId: string; targetId: string }
  | { kind: 'list-invitations' }
  | {
      kind: 'view-person';
      personOrganisationId: string;
      personId: string;
      onCaseload: boolean;
      sharesUnit: boolean;
    };

/** Decides whether an actor may take an action. Anything not named here is refused. */
export function mayAccounts(actor: Actor, action: AccountsAction): boolean {
  switch (action.kind) {
    case 'invite':
      if (actor.role === 'org_admin') return invitableStaffRoles.includes(action.role);
      if (actor.role === 'practitioner' || actor.role === 'unit_manager') {
        return (
          action.role === 'service_user' &&
          action.unitId !== null &&
          actor.unitIds.includes(action.unitId)
        );
      }
      return false;
    case 'disable-account':
      return (
        actor.role === 'org_admin' &&
        action.targetOrganisationId === actor.organisationId &&
        action.targetId !== actor.id
      );
    case 'list-invitations':
      return ['org_admin', 'unit_manager', 'practitioner'].includes(actor.role);
    case 'view-person':
      if (action.personOrganisationId !== actor.organisationId) return false;
      if (actor.id === action.personId) return true;
      if (actor.role === 'org_admin') return true;
      if (actor.role === 'practitioner') return action.onCaseload || action.sharesUnit;
      if (actor.role === 'unit_manager') return action.sharesUnit;
      return false;
  }
}
