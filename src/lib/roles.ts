/** The roles a person can hold in an organisation, and the words shown for them. */

/** Every role, in the order pages list them. */
export const roles = [
  'service_user',
  'practitioner',
  'unit_manager',
  'org_admin',
  'lived_experience_partner',
  'national_operator',
] as const;

/** One role. */
export type Role = (typeof roles)[number];

/** Staff roles: everyone who is not a person using services. */
export const staffRoles = roles.filter((r) => r !== 'service_user');

/** Plain words for each role. */
export const roleLabels: Record<Role, string> = {
  service_user: 'Person using services',
  practitioner: 'Practitioner',
  unit_manager: 'Unit manager',
  org_admin: 'Organisation administrator',
  lived_experience_partner: 'Lived-experience partner',
  national_operator: 'National operator',
};

/** Roles an organisation administrator may invite (national operators are set up centrally). */
export const invitableStaffRoles: readonly Role[] = staffRoles.filter(
  (r) => r !== 'national_operator',
);

/** Narrows an unknown value to a Role. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}
