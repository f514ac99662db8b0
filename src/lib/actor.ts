/**
 * Who is acting and in what circumstances: the types every layer shares (web, services, audit),
 * kept below them all so no layer has to import a module to name the signed-in person.
 */
import type { Role } from './roles.ts';

/** The signed-in person, as every service sees them. */
export interface Actor {
  id: string;
  organisationId: string;
  role: Role;
  displayName: string;
  unitIds: string[];
}

/** Who is acting, as the audit trail records it. */
export interface AuditActor {
  id: string;
  role: string;
  organisationId: string;
  unitId?: string | null;
}

/** The circumstances of a request: who, and from where. */
export interface AuditContext {
  actor: AuditActor | null;
  ip: string | null;
}
