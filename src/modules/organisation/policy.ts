/**
 * Access policy for organisation set-up. Guarantees: deny by default; only an organisation's
 * administrator sets it up (units, staff roles and units, the staff list import), and only their
 * own organisation; nobody changes their own role; people using services and national operators
 * are not staff of a unit here. Every role check of the module is made here.
 */
import type { Actor, Role } from '../accounts/index.ts';
import { invitableStaffRoles } from '../accounts/index.ts';

/** Who may use each group of set-up pages (access rules and header links read these). */
export const organisationRoles = {
  setup: ['org_admin'] as const satisfies readonly Role[],
};

/** What an actor may try to do in organisation set-up. */
export type OrganisationAction =
  | { kind: 'set-up' }
  | {
      kind: 'change-staff';
      target: { id: string; organisation_id: string; role: Role };
      newRole: Role;
    };

/** Decides whether an actor may take an action. Anything not named here is refused. */
export function mayOrganisation(actor: Actor, action: OrganisationAction): boolean {
  if (actor.role !== 'org_admin') return false;
  switch (action.kind) {
    case 'set-up':
      return true;
    case 'change-staff':
      return (
        action.target.organisation_id === actor.organisationId &&
        action.target.id !== actor.id &&
        isSetUpStaff(action.target) &&
        invitableStaffRoles.includes(action.newRole)
      );
  }
}

/** True for accounts the staff page lists and changes: staff, not people or national operators. */
export function isSetUpStaff(account: { role: Role }): boolean {
  return invitableStaffRoles.includes(account.role);
}

/** True for roles that must work in at least one unit. */
export function needsUnit(role: Role): boolean {
  return role === 'practitioner' || role === 'unit_manager';
}

/** The roles the staff page offers (the same as the invitation form's). */
export const assignableRoles: readonly Role[] = invitableStaffRoles;

/** The role of a lived-experience partner (a set-up step asks for one). */
export const partnerRole: Role = 'lived_experience_partner';

/**
 * The staff list's role mapping: words in a position title (NHS electronic staff record
 * "Position Title" or "Job Title") and the Hearth role they give. The first match wins, so
 * managers come before the clinical words their titles also hold. A "Hearth Role" column,
 * when present, overrides this.
 */
export const positionRoleMapping: readonly { words: readonly string[]; role: Role }[] = [
  {
    words: ['peer support', 'lived experience', 'expert by experience'],
    role: 'lived_experience_partner',
  },
  {
    words: [
      'ward manager',
      'team manager',
      'team leader',
      'service manager',
      'matron',
      'ward sister',
      'charge nurse',
    ],
    role: 'unit_manager',
  },
  { words: ['system administrator', 'hearth administrator', 'digital lead'], role: 'org_admin' },
  {
    words: [
      'nurse',
      'practitioner',
      'therapist',
      'psycholog',
      'psychiatr',
      'doctor',
      'consultant',
      'registrar',
      'support worker',
      'healthcare assistant',
      'health care assistant',
      'social worker',
      'occupational',
      'pharmacist',
      'care coordinator',
    ],
    role: 'practitioner',
  },
];

/** The words a "Hearth Role" column may hold, and the role each gives. */
export const roleColumnWords: Record<string, Role> = {
  practitioner: 'practitioner',
  'unit manager': 'unit_manager',
  'organisation administrator': 'org_admin',
  'lived-experience partner': 'lived_experience_partner',
  'lived experience partner': 'lived_experience_partner',
};
