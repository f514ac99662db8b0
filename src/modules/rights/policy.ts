/**
 * Access policy for people's rights over their data. Guarantees: only a person using services
 * downloads or deletes, and only their own information (the service never takes a person id
 * from a request); only an organisation administrator sets their organisation's retention
 * periods. Anything not named here is refused.
 */
import type { Actor } from '../../lib/actor.ts';
import type { Role } from '../../lib/roles.ts';

/** Who may use each rights page (access rules, header links and the service read these). */
export const rightsRoles = {
  ownData: ['service_user'],
  retention: ['org_admin'],
} as const satisfies Record<string, readonly Role[]>;

/** What someone may do. */
export type RightsAction = keyof typeof rightsRoles;

/** Decides whether an actor may take an action. */
export function mayRights(actor: Actor, action: RightsAction): boolean {
  return (rightsRoles[action] as readonly Role[]).includes(actor.role);
}
