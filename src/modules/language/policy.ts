/**
 * Access policy for the language module. Guarantees: deny by default; staff (not people using
 * services, and not national operators) may check their writing; only an organisation's
 * administrator changes its rules, and only its own.
 */
import type { Actor } from '../accounts/index.ts';
import type { Role } from '../../lib/roles.ts';

/** Staff roles that write about people and may check their writing. */
export const writingRoles = [
  'practitioner',
  'unit_manager',
  'org_admin',
  'lived_experience_partner',
] as const;

/** Who may use each group of language pages (access rules and header links read these). */
export const languageRoles = {
  writing: writingRoles,
  /** The organisation's own rules. */
  admin: ['org_admin'] as const satisfies readonly Role[],
};

/** True when staff pages should carry the organisation's rules for live suggestions (all staff). */
export function seesLiveSuggestions(actor: Actor): boolean {
  return actor.role !== 'service_user';
}

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
