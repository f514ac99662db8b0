/**
 * Access policy for Help now. Guarantees: the Help now page and its national numbers are open
 * to anyone, signed in or not; every signed-in person sees their own organisation's numbers;
 * only an organisation's administrator changes them, and only its own.
 */
import type { Actor } from '../accounts/index.ts';
import type { Role } from '../../lib/roles.ts';

/** Who may use each group of Help now pages (access rules and header links read these). */
export const helpRoles = {
  /** Keeping the organisation's numbers. */
  manage: ['org_admin'] as const satisfies readonly Role[],
};

/** What an actor may try to do with crisis numbers. */
export type HelpAction =
  | { kind: 'see-numbers' }
  | { kind: 'manage-numbers' }
  | { kind: 'change-number'; numberOrganisationId: string };

/** Decides whether an actor may take an action. Anything not named here is refused. */
export function mayHelp(actor: Actor, action: HelpAction): boolean {
  switch (action.kind) {
    case 'see-numbers':
      // A national operator belongs to no care organisation's people.
      return actor.role !== 'national_operator';
    case 'manage-numbers':
      return (helpRoles.manage as readonly Role[]).includes(actor.role);
    case 'change-number':
      return (
        (helpRoles.manage as readonly Role[]).includes(actor.role) &&
        action.numberOrganisationId === actor.organisationId
      );
  }
}

/** True when pages for this person lead with "Leave this page" (people using services). */
export function leadsWithQuickExit(actor: Actor | null): boolean {
  return actor === null || actor.role === 'service_user';
}
