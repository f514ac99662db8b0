/**
 * SQL for organisation set-up. The tables are the accounts module's (units, accounts, unit
 * memberships, invitations); this store reads them for the set-up pages and writes only what
 * set-up changes: a unit's name, beds and closing, and a member of staff's role and units.
 * Every statement names the organisation.
 */
import type { Db } from '../../db/index.ts';
import type { Role } from '../accounts/index.ts';

/** A unit as the set-up pages see it. */
export interface UnitRow {
  id: string;
  organisation_id: string;
  name: string;
  kind: 'ward' | 'team';
  bed_count: number | null;
  closed_at: string | null;
  created_at: string;
}

/** Creates the set-up store. */
export function createOrganisationStore() {
  return {
    /** Every unit, open and closed, by name. */
    async listUnits(db: Db, organisationId: string): Promise<UnitRow[]> {
      return db
        .selectFrom('units')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .orderBy('name')
        .execute();
    },
    async findUnit(db: Db, organisationId: string, id: string): Promise<UnitRow | undefined> {
      return db
        .selectFrom('units')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    async insertUnit(db: Db, row: UnitRow): Promise<void> {
      await db.insertInto('units').values(row).execute();
    },
    async updateUnit(
      db: Db,
      organisationId: string,
      id: string,
      change: { name?: string; bed_count?: number | null; closed_at?: string },
    ): Promise<void> {
      await db
        .updateTable('units')
        .set(change)
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .execute();
    },
    /** How many active accounts work in each unit. */
    async countMembers(db: Db, organisationId: string): Promise<Map<string, number>> {
      const rows = await db
        .selectFrom('unit_memberships')
        .innerJoin('accounts', (j) =>
          j
            .onRef('accounts.id', '=', 'unit_memberships.account_id')
            .onRef('accounts.organisation_id', '=', 'unit_memberships.organisation_id'),
        )
        .select(['unit_memberships.unit_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('unit_memberships.organisation_id', '=', organisationId)
        .where('accounts.status', '=', 'active')
        .groupBy('unit_memberships.unit_id')
        .execute();
      return new Map(rows.map((r) => [r.unit_id, Number(r.n)]));
    },
    /** The organisation's accounts with the given roles. */
    async listAccounts(db: Db, organisationId: string, roles: readonly Role[]) {
      if (roles.length === 0) return [];
      return db
        .selectFrom('accounts')
        .select(['id', 'organisation_id', 'email', 'display_name', 'role', 'status'])
        .where('organisation_id', '=', organisationId)
        .where('role', 'in', [...roles])
        .orderBy('display_name')
        .execute();
    },
    async findAccount(db: Db, organisationId: string, id: string) {
      return db
        .selectFrom('accounts')
        .select(['id', 'organisation_id', 'email', 'display_name', 'role', 'status', 'job_title'])
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    /** Every unit membership in the organisation, for the staff list. */
    async listMemberships(db: Db, organisationId: string) {
      return db
        .selectFrom('unit_memberships')
        .select(['unit_id', 'account_id'])
        .where('organisation_id', '=', organisationId)
        .execute();
    },
    async setRole(
      db: Db,
      organisationId: string,
      accountId: string,
      role: Role,
      jobTitle?: string | null,
    ): Promise<void> {
      await db
        .updateTable('accounts')
        .set(jobTitle === undefined ? { role } : { role, job_title: jobTitle })
        .where('organisation_id', '=', organisationId)
        .where('id', '=', accountId)
        .execute();
    },
    /** Replaces an account's memberships of open units; memberships of closed units stay as history. */
    async setOpenUnits(
      db: Db,
      organisationId: string,
      accountId: string,
      openUnitIds: readonly string[],
      unitIds: readonly string[],
    ): Promise<void> {
      if (openUnitIds.length > 0) {
        await db
          .deleteFrom('unit_memberships')
          .where('organisation_id', '=', organisationId)
          .where('account_id', '=', accountId)
          .where('unit_id', 'in', [...openUnitIds])
          .execute();
      }
      if (unitIds.length > 0) {
        await db
          .insertInto('unit_memberships')
          .values(
            unitIds.map((unitId) => ({
              organisation_id: organisationId,
              unit_id: unitId,
              account_id: accountId,
            })),
          )
          .execute();
      }
    },
    /** Counts of accounts and invitations by role, for the set-up checklist. */
    async countPeopleByRole(db: Db, organisationId: string) {
      const accounts = await db
        .selectFrom('accounts')
        .select(['role', (eb) => eb.fn.countAll<number>().as('n')])
        .where('organisation_id', '=', organisationId)
        .groupBy('role')
        .execute();
      const invitations = await db
        .selectFrom('invitations')
        .select(['role', (eb) => eb.fn.countAll<number>().as('n')])
        .where('organisation_id', '=', organisationId)
        .where('invited_by', 'is not', null)
        .groupBy('role')
        .execute();
      const count = (rows: { role: string; n: number }[]) =>
        new Map(rows.map((r) => [r.role, Number(r.n)]));
      return { accounts: count(accounts), invitations: count(invitations) };
    },
  };
}

/** The set-up store's functions. */
export type OrganisationStore = ReturnType<typeof createOrganisationStore>;
