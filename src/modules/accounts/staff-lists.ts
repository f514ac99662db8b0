/**
 * Small read-only lists of staff and units for other modules' stores, so they never name the
 * accounts tables themselves. Each takes the connection (so it can join the caller's
 * transaction) and filters on the organisation.
 */
import type { Db } from '../../db/index.ts';
import { compiledOnce } from '../../db/compiled.ts';
import type { Role } from '../../lib/roles.ts';

/** A member of staff as another module's list needs them. */
export interface StaffListRow {
  id: string;
  email: string;
  display_name: string;
  role: Role;
}

/** Active accounts of an organisation in the given roles, by name. */
export async function listActiveStaff(
  db: Db,
  organisationId: string,
  roles: readonly Role[],
): Promise<StaffListRow[]> {
  if (roles.length === 0) return [];
  return db
    .selectFrom('accounts')
    .select(['id', 'email', 'display_name', 'role'])
    .where('organisation_id', '=', organisationId)
    .where('status', '=', 'active')
    .where('role', 'in', roles)
    .orderBy('display_name')
    .execute();
}

/** Active accounts linked to one unit in the given roles, by name. */
export async function listActiveUnitStaff(
  db: Db,
  organisationId: string,
  unitId: string,
  roles: readonly Role[],
): Promise<StaffListRow[]> {
  if (roles.length === 0) return [];
  return db
    .selectFrom('unit_memberships')
    .innerJoin('accounts', 'accounts.id', 'unit_memberships.account_id')
    .select(['accounts.id', 'accounts.email', 'accounts.display_name', 'accounts.role'])
    .where('unit_memberships.organisation_id', '=', organisationId)
    .where('accounts.organisation_id', '=', organisationId)
    .where('unit_memberships.unit_id', '=', unitId)
    .where('accounts.status', '=', 'active')
    .where('accounts.role', 'in', roles)
    .orderBy('accounts.display_name')
    .execute();
}

/** An organisation's open units (id and name), by name. */
export async function listOpenUnits(
  db: Db,
  organisationId: string,
): Promise<{ id: string; name: string }[]> {
  return openUnitNames(db, { organisationId });
}

/** Built once (compiled.ts): the unit pickers of several pages run it. */
const openUnitNames = compiledOnce((db: Db, v: { organisationId: string }) =>
  db
    .selectFrom('units')
    .select(['id', 'name'])
    .where('organisation_id', '=', v.organisationId)
    .where('closed_at', 'is', null)
    .orderBy('name'),
);
