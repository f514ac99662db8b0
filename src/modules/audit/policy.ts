/**
 * Access policy for the audit trail's pages. Guarantees: only a person using services sees a
 * "Who has seen my information" list, and only their own (the service refuses anyone else's).
 */
import type { Role } from '../../lib/roles.ts';

/** Who may use each audit page (access rules and header links read these). */
export const auditRoles = {
  ownAccessList: ['service_user'] as const satisfies readonly Role[],
};
