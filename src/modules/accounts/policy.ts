/**
 * Access policy for accounts. Guarantees: deny by default; nobody acts outside their own
 * organisation; staff see a person only through a caseload or a shared unit (admins see their
 * whole organisation); only the person themselves sees their own account as theirs. Every role
 * check in the accounts module is made here.
 */
import type { Actor } from '../../lib/actor.ts';
import type { Role } from '../../lib/roles.ts';
import { invitableStaffRoles, staffRoles } from '../../lib/roles.ts';

export type { Actor };

/** Staff who invite people and see the people list. */
const inviters = ['practitioner', 'unit_manager', 'org_admin'] as const satisfies readonly Role[];

/** Who may use each group of accounts pages (access rules and header links read these). */
export const accountsRoles = {
  /** Everyone with a home page (national operators reach theirs by URL). */
  home: [
    'service_user',
    'practitioner',
    'unit_manager',
    'org_admin',
    'lived_experience_partner',
  ] as const satisfies readonly Role[],
  invitations: inviters,
  people: inviters,
  /** Setting one's own job title (staff with a home page). */
  jobTitle: [
    'practitioner',
    'unit_manager',
    'org_admin',
    'lived_experience_partner',
  ] as const satisfies readonly Role[],
  /** Turning accounts off and on. */
  accountAdmin: ['org_admin'] as const satisfies readonly Role[],
};

/** The role of an organisation's first account, invited from the command line. */
export const firstAdminRole: Role = 'org_admin';

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

/** True when the actor sees every unit and person of their organisation (its administrator). */
export function seesWholeOrganisation(actor: Actor): boolean {
  return actor.role === 'org_admin';
}

/** True when the actor has a caseload of their own (a practitioner). */
export function hasCaseload(actor: { role: Role }): boolean {
  return actor.role === 'practitioner';
}

/** True for an account of a person using services. */
export function isPersonUsingServices(account: { role: Role }): boolean {
  return account.role === 'service_user';
}

/** True for practitioners and unit managers: staff who must belong to a unit and can be shared with. */
export function isClinicalStaff(account: { role: Role }): boolean {
  return account.role === 'practitioner' || account.role === 'unit_manager';
}

/** The roles an actor may offer on the invitation form. */
export function invitableRolesFor(actor: Actor): Role[] {
  if (actor.role === 'org_admin') return [...invitableStaffRoles];
  return isClinicalStaff(actor) ? ['service_user'] : [];
}

/**
 * Which home page an actor sees: their own (a person using services), their caseload
 * (practitioners), their units' people (managers and administrators), or a partner's.
 */
export function homePageOf(actor: Actor): 'person' | 'caseload' | 'units' | 'partner' {
  switch (actor.role) {
    case 'service_user':
      return 'person';
    case 'practitioner':
      return 'caseload';
    case 'unit_manager':
    case 'org_admin':
      return 'units';
    case 'lived_experience_partner':
    case 'national_operator':
      return 'partner';
  }
}

/** Who keeps the organisation's sign-in settings (its OpenID Connect provider). */
export const signInSettingsRoles = ['org_admin'] as const satisfies readonly Role[];

/** Whether an account may sign in through its organisation's provider: staff only. */
export function maySignInWithProvider(role: Role): boolean {
  return (staffRoles as readonly Role[]).includes(role);
}

/** Whether an account that signs in with a password must also use a second step: staff. */
export function needsSecondFactor(role: Role): boolean {
  return (staffRoles as readonly Role[]).includes(role);
}

/** Whether an actor may keep the organisation's sign-in settings. */
export function mayKeepSignInSettings(actor: Actor): boolean {
  return (signInSettingsRoles as readonly Role[]).includes(actor.role);
}

/** Whether an account may add passkeys: everyone with a home page. */
export function mayUsePasskeys(role: Role): boolean {
  return (accountsRoles.home as readonly Role[]).includes(role);
}

/**
 * Whether a passkey alone signs an account in: people who use services. Staff use a passkey as
 * the second step after their password (or sign in with their organisation's account).
 */
export function maySignInWithPasskeyAlone(role: Role): boolean {
  return role === 'service_user';
}

/** The roles the self-assessment's evidence counts: people who use the service, and partners. */
export const evidenceRoles = {
  people: 'service_user',
  partners: 'lived_experience_partner',
} as const satisfies Record<string, Role>;
