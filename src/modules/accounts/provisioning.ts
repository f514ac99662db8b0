/**
 * Setting up organisations, units and accounts directly, for `hearth` commands, the demo and
 * tests (web users always join through an invitation). Every change is audited as the system's.
 */
import { toIso } from '../../lib/clock.ts';
import type { Role } from '../../lib/roles.ts';
import { newId } from '../../lib/tokens.ts';
import type { AccountsDeps } from './internals.ts';
import { systemContext } from './internals.ts';
import { hashPassword } from './passwords.ts';
import type { AccountsTable, UnitsTable } from './tables.ts';

/** Creates the provisioning capability. */
export function createProvisioning(deps: AccountsDeps) {
  const { db, store, audit, clock } = deps;
  return {
    /** Creates an organisation directly (for `hearth demo`, set-up and tests; not on the web). */
    async provisionOrganisation(name: string): Promise<{ id: string }> {
      const id = newId();
      await audit.audited(db, systemContext, async (trx, record) => {
        await store.insertOrganisation(trx, { id, name, created_at: toIso(clock()) });
        await record({
          organisationId: id,
          action: 'organisation.create',
          recordType: 'organisation',
          recordId: id,
        });
      });
      return { id };
    },

    /** Creates a unit directly (set-up, demo and tests). */
    async provisionUnit(
      organisationId: string,
      name: string,
      kind: UnitsTable['kind'],
      bedCount: number | null = null,
    ): Promise<{ id: string }> {
      const id = newId();
      await audit.audited(db, systemContext, async (trx, record) => {
        await store.insertUnit(trx, {
          id,
          organisation_id: organisationId,
          name,
          kind,
          created_at: toIso(clock()),
          bed_count: bedCount,
          closed_at: null,
        });
        await record({ organisationId, action: 'unit.create', recordType: 'unit', recordId: id });
      });
      return { id };
    },

    /**
     * Creates an account directly with a known password (set-up, demo and tests). Web users
     * always join through an invitation instead.
     */
    async provisionAccount(input: {
      organisationId: string;
      email: string;
      displayName: string;
      role: Role;
      password: string;
      passwordHash?: string;
      unitIds?: string[];
      practitionerIds?: string[];
    }): Promise<{ id: string }> {
      const id = newId();
      const passwordHash = input.passwordHash ?? (await hashPassword(input.password));
      await audit.audited(db, systemContext, async (trx, record) => {
        await store.insertAccount(trx, {
          id,
          organisation_id: input.organisationId,
          email: input.email.toLowerCase(),
          display_name: input.displayName,
          role: input.role,
          password_hash: passwordHash,
          status: 'active',
          created_at: toIso(clock()),
          disabled_at: null,
        });
        for (const unitId of input.unitIds ?? [])
          await store.addMembership(trx, input.organisationId, unitId, id);
        for (const p of input.practitionerIds ?? [])
          await store.addToCaseload(trx, input.organisationId, p, id);
        await record({
          organisationId: input.organisationId,
          action: 'account.create',
          recordType: 'account',
          recordId: id,
        });
      });
      return { id };
    },

    /** True when no organisation exists yet (a fresh database). */
    async isEmpty(): Promise<boolean> {
      return (await store.countOrganisations(db)) === 0;
    },

    /** Every organisation's id, for commands that work on each in turn (retention). */
    async listOrganisationIds(): Promise<string[]> {
      return store.listOrganisationIds(db);
    },

    /** Looks an account up by email (CLI use). */
    async findAccountByEmail(email: string): Promise<AccountsTable | undefined> {
      return store.findAccountByEmail(db, email.trim().toLowerCase());
    },
  };
}

/** The provisioning functions. */
export type Provisioning = ReturnType<typeof createProvisioning>;
