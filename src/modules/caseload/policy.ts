/**
 * Access policy for the nurse's person pages. Guarantees: deny by default; only practitioners
 * and unit managers have person pages and the name search; a person is found or shown only when
 * the accounts module says the actor may see them (a caseload or a shared unit), in their own
 * organisation; anyone else is answered as if the person did not exist. Every role check of the
 * caseload module is made here.
 */
import type { Actor, Role } from '../accounts/index.ts';

/** Who may use the person pages and the search (access rules and header links read these). */
export const caseloadRoles = {
  nurses: ['practitioner', 'unit_manager'] as const satisfies readonly Role[],
};

/** True when the actor has person pages and the name search. */
export function mayUseCaseload(actor: Pick<Actor, 'role'>): boolean {
  return (caseloadRoles.nurses as readonly Role[]).includes(actor.role);
}

/** True for an account of a person using services (the only people a search finds). */
export function isPersonUsingServices(account: { role: Role }): boolean {
  return account.role === 'service_user';
}
