/**
 * Access policy for the use-of-force register. Guarantees: deny by default; nobody sees another
 * organisation's records (a national operator sees figures only, never a record about a person);
 * unit staff see and record for their own units; only the person, or the helper they chose, may
 * write the person's own account; records are deleted only by an administrator, and only after
 * the retention period (the service enforces the date).
 */
import type { Actor } from '../accounts/index.ts';

/** A dashboard's scope: one unit, one organisation, or every organisation. */
export type DashboardScope =
  | { level: 'unit'; organisationId: string; unitId: string }
  | { level: 'organisation'; organisationId: string }
  | { level: 'national' };

/** What an actor may try to do in the force module. */
export type ForceAction =
  | { kind: 'record'; organisationId: string; unitId: string }
  | { kind: 'view-incident'; organisationId: string; unitId: string }
  | { kind: 'amend'; organisationId: string; unitId: string }
  | { kind: 'delete'; organisationId: string }
  | { kind: 'review'; organisationId: string; unitId: string }
  | { kind: 'write-account'; organisationId: string; personId: string; helperId: string | null }
  | { kind: 'choose-helper'; organisationId: string; personId: string }
  | { kind: 'view-own'; organisationId: string; personId: string }
  | { kind: 'dashboard'; scope: DashboardScope }
  | { kind: 'denominators'; organisationId: string; unitId: string }
  | { kind: 'export'; organisationId: string }
  | { kind: 'returns'; organisationId: string };

const unitStaff = (actor: Actor, organisationId: string, unitId: string) =>
  actor.organisationId === organisationId &&
  (actor.role === 'practitioner' || actor.role === 'unit_manager') &&
  actor.unitIds.includes(unitId);

/** Decides whether an actor may take an action. Anything not named here is refused. */
export function mayForce(actor: Actor, action: ForceAction): boolean {
  switch (action.kind) {
    case 'record':
      return unitStaff(actor, action.organisationId, action.unitId);
    case 'view-incident':
    case 'amend':
    case 'review':
      return (
        unitStaff(actor, action.organisationId, action.unitId) ||
        (actor.role === 'org_admin' && actor.organisationId === action.organisationId)
      );
    case 'delete':
    case 'export':
      return actor.role === 'org_admin' && actor.organisationId === action.organisationId;
    case 'write-account':
      if (actor.organisationId !== action.organisationId) return false;
      if (actor.role === 'service_user') return actor.id === action.personId;
      return action.helperId !== null && actor.id === action.helperId;
    case 'choose-helper':
    case 'view-own':
      return (
        actor.role === 'service_user' &&
        actor.organisationId === action.organisationId &&
        actor.id === action.personId
      );
    case 'dashboard': {
      const scope = action.scope;
      if (actor.role === 'national_operator') return true;
      if (scope.level === 'national') return false;
      if (scope.organisationId !== actor.organisationId) return false;
      if (actor.role === 'org_admin' || actor.role === 'lived_experience_partner') return true;
      return (
        actor.role === 'unit_manager' &&
        scope.level === 'unit' &&
        actor.unitIds.includes(scope.unitId)
      );
    }
    case 'denominators':
      return (
        actor.organisationId === action.organisationId &&
        (actor.role === 'org_admin' ||
          (actor.role === 'unit_manager' && actor.unitIds.includes(action.unitId)))
      );
    case 'returns':
      return (
        actor.role === 'national_operator' ||
        (actor.role === 'org_admin' && actor.organisationId === action.organisationId)
      );
  }
}
