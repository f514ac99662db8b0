/**
 * Access policy for the use-of-force register. Guarantees: deny by default; nobody sees another
 * organisation's records (a national operator sees figures only, never a record about a person);
 * unit staff see and record for their own units; only the person, or the helper they chose, may
 * write the person's own account; records are deleted only by an administrator, and only after
 * the retention period (the service enforces the date).
 */
import type { Actor } from '../accounts/index.ts';
import type { Role } from '../../lib/roles.ts';

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
  | { kind: 'release'; organisationId: string; unitId: string }
  | { kind: 'settings'; organisationId: string }
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
    case 'release':
    case 'review':
      return (
        unitStaff(actor, action.organisationId, action.unitId) ||
        (actor.role === 'org_admin' && actor.organisationId === action.organisationId)
      );
    case 'delete':
    case 'export':
    case 'settings':
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

/** Role lists for access rules and navigation links (the only place they are written). */
export const forceRoles = {
  /** Staff who work with the register. */
  staff: ['practitioner', 'unit_manager', 'org_admin'],
  /** Staff who record on a unit. */
  recorders: ['practitioner', 'unit_manager'],
  /** Who may see the figures. */
  figures: ['unit_manager', 'org_admin', 'national_operator', 'lived_experience_partner'],
  /** Who enters bed days and people on the unit. */
  denominators: ['unit_manager', 'org_admin'],
  /** Who sees the annual return. */
  returns: ['org_admin', 'national_operator'],
  /** Who exports, imports and deletes. */
  administrators: ['org_admin'],
  /** The person the records are about. */
  person: ['service_user'],
} as const satisfies Record<string, readonly Role[]>;

/**
 * Who reads the person's own account, in words for them (from the rules above: unit staff,
 * the administrators, the helper they choose, and the review after force).
 */
export const accountReaders = [
  'the nurses and other staff who work on the unit where it happened',
  'the unit manager',
  "your organisation's administrators, who look after the register",
  'the person you choose to help you write it, if you choose someone',
] as const;

/**
 * Who reads the person's words from the learning after force, in words for them: the review's
 * readers (the 'review' rule above). Figures pages only ever count themes, never show words.
 */
export const learningReaders = [
  'the nurses and other staff who work on the unit where it happened',
  'the unit manager',
  "your organisation's administrators, who look after the register",
] as const;

/** True for staff who work with the register (not the person, a partner or a national operator). */
export function isStaff(actor: Actor): boolean {
  return (forceRoles.staff as readonly string[]).includes(actor.role);
}

/** True when the actor sees the whole organisation's register, not only their units'. */
export function seesWholeOrganisation(actor: Actor): boolean {
  return actor.role === 'org_admin';
}

/** True for a person who may have records about them (their own list and account). */
export function isPersonWithRecords(actor: Actor): boolean {
  return actor.role === 'service_user';
}

/** True when an account with this role is a person care is for (someone records may be about). */
export function isServiceUserRole(role: string): boolean {
  return role === 'service_user';
}

/** True when an account with this role may be chosen to help write the person's account. */
export function mayHelpWithAccount(role: string): boolean {
  return (forceRoles.recorders as readonly string[]).includes(role);
}

/** True when the register page offers recording (administrators do not record). */
export function mayRecordIncidents(actor: Actor): boolean {
  return actor.role !== 'org_admin';
}

/** True when the register page links to the figures. */
export function maySeeFigures(actor: Actor): boolean {
  return actor.role !== 'practitioner';
}

/** True for a national operator (figures for every organisation, never records). */
export function isNationalOperator(actor: Actor): boolean {
  return actor.role === 'national_operator';
}

/** True when the actor may see their whole organisation's figures. */
export function seesOrganisationFigures(actor: Actor): boolean {
  return actor.role === 'org_admin' || actor.role === 'lived_experience_partner';
}

/** True for a lived-experience partner (figures only, belonging to no unit). */
export function isLivedExperiencePartner(actor: Actor): boolean {
  return actor.role === 'lived_experience_partner';
}

/**
 * True when the actor sees exact counts (no "fewer than 5") on a dashboard page: a unit manager
 * for a unit of theirs and an administrator within their organisation, who may already open the
 * records underneath. Wider audiences (partners, national figures) and every download, which can
 * leave the organisation, keep small counts suppressed.
 */
export function seesExactCounts(actor: Actor, scope: DashboardScope): boolean {
  if (scope.level === 'national' || scope.organisationId !== actor.organisationId) return false;
  if (actor.role === 'org_admin') return true;
  return (
    actor.role === 'unit_manager' && scope.level === 'unit' && actor.unitIds.includes(scope.unitId)
  );
}

/** True when the manager's home panel (overdue reviews) applies. */
export function managesReviews(actor: Actor): boolean {
  return actor.role === 'unit_manager' || actor.role === 'org_admin';
}
