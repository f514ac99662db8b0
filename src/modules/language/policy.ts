/**
 * Access policy for the language module. Guarantees: deny by default; staff (not people using
 * services, and not national operators) may check their writing; only an organisation's
 * administrator changes its rules, and only its own.
 */
import type { Actor } from '../accounts/index.ts';

/** Staff roles that write about people and may check their writing. */
export const writingRoles = [
  'practitioner',
  'unit_manager',
  'org_admin',
  'lived_experience_partner',
] as const;

/** What an actor may try to do in the language module. */
export type LanguageAction =
  | { kind: 'check-writing' }
  | { kind: 'view-rules' }
  | { kind: 'change-rules'; entryOrganisationId: string };

/** Decides whether an actor may take an action. Anything not named here is refused. */
export function mayLanguage(actor: Actor, action: LanguageAction): boolean {
  switch (action.kind) {
    case 'check-writing':
      return (writingRoles as readonly string[]).includes(actor.role);
    case 'view-rules':
      return actor.role === 'org_admin';
    case 'change-rules':
      return actor.role === 'org_admin' && action.entryOrganisationId === actor.organisationId;
  }
}
