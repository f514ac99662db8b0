/** SQL for organisations, units, accounts, sessions, invitations and sign-in throttling. */
import type { Db } from '../../db/index.ts';
import type {
  AccountsTable,
  InvitationsTable,
  OrganisationsTable,
  SessionsTable,
  UnitsTable,
} from './tables.ts';
import { acrossOrganisations } from '../../db/tenancy.ts';
import { joinedLines } from '../../db/dialect.ts';
import { compiledOnce } from '../../db/compiled.ts';
import { accountsByIds, membershipsOfAccounts, unitsByIds } from './store/by-ids.ts';
import { memoRead } from '../../lib/request-memo.ts';

/** A session with its account and the account's units, read in one statement. */
export interface SessionWithAccount {
  session: Pick<
    SessionsTable,
    'id' | 'account_id' | 'organisation_id' | 'created_at' | 'last_seen_at' | 'expires_at'
  >;
  account: AccountsTable;
  unitIds: string[];
  /**
   * The data generation read in the same statement (src/db/generation.ts), so a request that
   * keeps or reuses what it works out knows the state it started from without another read.
   */
  dataGeneration: string | null;
}

/** Sessions and invitations: the statements sign-in needs (the limits are in throttle-store.ts). */
/** The units of several accounts, read once per home page (request-memo.ts). */
async function unitIdsOfAccounts(
  db: Db,
  organisationId: string,
  accountIds: string[],
): Promise<Map<string, string[]>> {
  if (accountIds.length === 0) return new Map<string, string[]>();
  const read = async () => {
    const byAccount = new Map<string, string[]>();
    const rows = await membershipsOfAccounts(db, { organisationId, accountIds });
    for (const r of rows)
      byAccount.set(r.account_id, [...(byAccount.get(r.account_id) ?? []), r.unit_id]);
    return byAccount;
  };
  return memoRead(
    `accounts.unitIdsOfAccounts:${organisationId}:${accountIds.join(',')}`,
    read,
    (byAccount) => new Map([...byAccount].map(([id, units]) => [id, [...units]])),
  );
}

function signInStatements() {
  return {
    async insertSession(db: Db, row: SessionsTable): Promise<void> {
      await db.insertInto('sessions').values(row).execute();
    },
    /** A session by its token hash: the lookup that tells us the organisation. */
    /** A session by its token's hash: the session names the organisation, nothing before it does. */
    async findSession(db: Db, id: string): Promise<SessionsTable | undefined> {
      return acrossOrganisations('a session found by its token', () =>
        db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst(),
      );
    },
    /**
     * A session, its account and the account's units in one indexed read (by the session's
     * primary key), so that every signed-in request costs one statement, not three.
     */
    async findSessionWithAccount(db: Db, id: string): Promise<SessionWithAccount | undefined> {
      const [row] = await acrossOrganisations('a session found by its token', () =>
        sessionWithAccount(db, { id }),
      );
      if (!row) return undefined;
      const { s_id, s_account_id, s_organisation_id, s_created_at, s_last_seen_at, s_expires_at } =
        row;
      const { unit_ids, data_generation, ...rest } = row;
      const account = Object.fromEntries(
        Object.entries(rest).filter(([k]) => !k.startsWith('s_')),
      ) as unknown as AccountsTable;
      return {
        session: {
          id: s_id,
          account_id: s_account_id,
          organisation_id: s_organisation_id,
          created_at: s_created_at,
          last_seen_at: s_last_seen_at,
          expires_at: s_expires_at,
        },
        account,
        unitIds: unit_ids ? unit_ids.split('\n') : [],
        dataGeneration:
          data_generation === null || data_generation === undefined
            ? null
            : String(data_generation),
      };
    },
    async touchSession(db: Db, organisationId: string, id: string, at: string): Promise<void> {
      await db
        .updateTable('sessions')
        .set({ last_seen_at: at })
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .execute();
    },
    async deleteSession(db: Db, organisationId: string, id: string): Promise<void> {
      await db
        .deleteFrom('sessions')
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .execute();
    },
    async deleteSessionsOf(db: Db, organisationId: string, accountId: string): Promise<void> {
      await db
        .deleteFrom('sessions')
        .where('organisation_id', '=', organisationId)
        .where('account_id', '=', accountId)
        .execute();
    },
    async insertInvitation(db: Db, row: InvitationsTable): Promise<void> {
      await db.insertInto('invitations').values(row).execute();
    },
    /** An invitation by its token hash: the lookup that tells us the organisation. */
    async findInvitationByTokenHash(
      db: Db,
      tokenHash: string,
    ): Promise<InvitationsTable | undefined> {
      return acrossOrganisations('an invitation found by its token', () =>
        db
          .selectFrom('invitations')
          .selectAll()
          .where('token_hash', '=', tokenHash)
          .executeTakeFirst(),
      );
    },
    /** Marks an invitation used only if it still is unused; false when someone got there first. */
    async claimInvitation(
      db: Db,
      organisationId: string,
      id: string,
      at: string,
    ): Promise<boolean> {
      const result = await db
        .updateTable('invitations')
        .set({ used_at: at })
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async listInvitations(
      db: Db,
      organisationId: string,
      invitedBy?: string,
    ): Promise<InvitationsTable[]> {
      let query = db
        .selectFrom('invitations')
        .selectAll()
        .where('organisation_id', '=', organisationId);
      if (invitedBy) query = query.where('invited_by', '=', invitedBy);
      return query.orderBy('created_at', 'desc').limit(100).execute();
    },
  };
}

/**
 * A session, its account and the account's units, by the session's primary key: built once
 * (compiled.ts), as it runs before every signed-in request.
 */
const sessionWithAccount = compiledOnce((db: Db, v: { id: string }) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('accounts as a', (join) =>
      join.onRef('a.id', '=', 's.account_id').onRef('a.organisation_id', '=', 's.organisation_id'),
    )
    .select([
      's.id as s_id',
      's.account_id as s_account_id',
      's.organisation_id as s_organisation_id',
      's.created_at as s_created_at',
      's.last_seen_at as s_last_seen_at',
      's.expires_at as s_expires_at',
    ])
    .selectAll('a')
    .select((eb) =>
      eb
        .selectFrom('unit_memberships as m')
        .select(joinedLines(db, 'm.unit_id').as('ids'))
        .whereRef('m.organisation_id', '=', 's.organisation_id')
        .whereRef('m.account_id', '=', 's.account_id')
        .as('unit_ids'),
    )
    .select((eb) =>
      eb
        .selectFrom('data_generation as g')
        .select('g.generation')
        .where('g.id', '=', 1)
        .as('data_generation'),
    )
    .where('s.id', '=', v.id),
);

/** The people on a practitioner's caseload by name: built once, for the home page's panels. */
const caseloadPeople = compiledOnce(
  (db: Db, v: { organisationId: string; practitionerId: string }) =>
    db
      .selectFrom('caseloads')
      .innerJoin('accounts', (join) =>
        join
          .onRef('accounts.id', '=', 'caseloads.person_id')
          .onRef('accounts.organisation_id', '=', 'caseloads.organisation_id'),
      )
      .selectAll('accounts')
      .where('caseloads.organisation_id', '=', v.organisationId)
      .where('caseloads.practitioner_id', '=', v.practitionerId)
      .orderBy('accounts.display_name'),
);

/** The organisation's open units by name: built once, as most home panels need them. */
const openUnits = compiledOnce((db: Db, v: { organisationId: string }) =>
  db
    .selectFrom('units')
    .selectAll()
    .where('organisation_id', '=', v.organisationId)
    .where('closed_at', 'is', null)
    .orderBy('name'),
);

/** Creates the accounts store. */
export function createAccountsStore() {
  return {
    async insertOrganisation(db: Db, row: OrganisationsTable): Promise<void> {
      await db.insertInto('organisations').values(row).execute();
    },
    async findOrganisation(db: Db, id: string): Promise<OrganisationsTable | undefined> {
      return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async listOrganisationsByIds(db: Db, ids: string[]): Promise<OrganisationsTable[]> {
      if (ids.length === 0) return [];
      const out: OrganisationsTable[] = [];
      for (let i = 0; i < ids.length; i += 500) {
        const part = ids.slice(i, i + 500);
        out.push(
          ...(await db.selectFrom('organisations').selectAll().where('id', 'in', part).execute()),
        );
      }
      return out;
    },
    /** Every organisation's id (the organisations table is the list of tenants, not a tenant table). */
    async listOrganisationIds(db: Db): Promise<string[]> {
      const rows = await db.selectFrom('organisations').select('id').orderBy('id').execute();
      return rows.map((r) => r.id);
    },
    async countOrganisations(db: Db): Promise<number> {
      const rows = await db.selectFrom('organisations').select('id').limit(1).execute();
      return rows.length;
    },
    async insertUnit(db: Db, row: UnitsTable): Promise<void> {
      await db.insertInto('units').values(row).execute();
    },
    async findUnit(db: Db, organisationId: string, id: string): Promise<UnitsTable | undefined> {
      return db
        .selectFrom('units')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    /** The organisation's open units (closed ones keep their history but leave every list). */
    async listUnits(db: Db, organisationId: string): Promise<UnitsTable[]> {
      // Read once per home page: most panels need the open units (request-memo.ts).
      return memoRead(
        `accounts.listUnits:${organisationId}`,
        () => openUnits(db, { organisationId }),
        (rows) => [...rows],
      );
    },
    /** Units by id; within one organisation when it is given (figures across organisations name none). */
    /** Units by id within an organisation, or (null) across all of them for national figures. */
    async listUnitsByIds(
      db: Db,
      ids: string[],
      organisationId: string | null,
    ): Promise<UnitsTable[]> {
      if (ids.length === 0) return [];
      if (organisationId === null) {
        return acrossOrganisations('unit names on national figures', () =>
          db.selectFrom('units').selectAll().where('id', 'in', ids).execute(),
        );
      }
      return unitsByIds(db, { organisationId, ids });
    },
    async insertAccount(db: Db, row: AccountsTable): Promise<void> {
      await db.insertInto('accounts').values(row).execute();
    },
    /** Before sign-in nothing names the organisation: an email address is unique across them all. */
    async findAccountByEmail(db: Db, email: string): Promise<AccountsTable | undefined> {
      return acrossOrganisations('an account found by email at sign-in', () =>
        db.selectFrom('accounts').selectAll().where('email', '=', email).executeTakeFirst(),
      );
    },
    /** An account with this email in one organisation (what staff may be told about). */
    async findAccountByEmailInOrganisation(
      db: Db,
      organisationId: string,
      email: string,
    ): Promise<AccountsTable | undefined> {
      return db
        .selectFrom('accounts')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('email', '=', email)
        .executeTakeFirst();
    },
    /** Looks up an account by id alone, for building the actor of a command-line run. */
    async findAccount(db: Db, id: string): Promise<AccountsTable | undefined> {
      return acrossOrganisations('an account found by its own id', () =>
        db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst(),
      );
    },
    async findAccountInOrganisation(
      db: Db,
      organisationId: string,
      id: string,
    ): Promise<AccountsTable | undefined> {
      return db
        .selectFrom('accounts')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    /** Accounts by id; within one organisation when it is given. */
    async listAccountsByIds(
      db: Db,
      ids: string[],
      organisationId: string,
    ): Promise<AccountsTable[]> {
      if (ids.length === 0) return [];
      return memoRead(
        `accounts.listAccountsByIds:${organisationId}:${ids.join(',')}`,
        () => accountsByIds(db, { organisationId, ids }),
        (rows) => [...rows],
      );
    },
    async listAccountsInOrganisation(db: Db, organisationId: string): Promise<AccountsTable[]> {
      return db
        .selectFrom('accounts')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .orderBy('display_name')
        .execute();
    },
    async setAccountStatus(
      db: Db,
      organisationId: string,
      id: string,
      status: AccountsTable['status'],
      at: string | null,
    ): Promise<void> {
      await db
        .updateTable('accounts')
        .set({ status, disabled_at: at })
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .execute();
    },
    /** Sets a member of staff's job title (null clears it). */
    async setJobTitle(
      db: Db,
      organisationId: string,
      id: string,
      jobTitle: string | null,
    ): Promise<void> {
      await db
        .updateTable('accounts')
        .set({ job_title: jobTitle })
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .execute();
    },
    async addMembership(
      db: Db,
      organisationId: string,
      unitId: string,
      accountId: string,
    ): Promise<void> {
      await db
        .insertInto('unit_memberships')
        .values({ organisation_id: organisationId, unit_id: unitId, account_id: accountId })
        .onConflict((oc) => oc.columns(['unit_id', 'account_id']).doNothing())
        .execute();
    },
    /** An account's units; `organisationId` is undefined only for callers that do not name one yet. */
    async unitIdsOf(db: Db, organisationId: string, accountId: string): Promise<string[]> {
      const rows = await db
        .selectFrom('unit_memberships')
        .select('unit_id')
        .where('organisation_id', '=', organisationId)
        .where('account_id', '=', accountId)
        .execute();
      return rows.map((r) => r.unit_id);
    },
    /** The units of several accounts of one organisation, in one statement. */
    async unitIdsOfAccounts(
      db: Db,
      organisationId: string,
      accountIds: string[],
    ): Promise<Map<string, string[]>> {
      return unitIdsOfAccounts(db, organisationId, accountIds);
    },
    async membersOfUnits(
      db: Db,
      organisationId: string,
      unitIds: string[],
    ): Promise<{ unit_id: string; account: AccountsTable }[]> {
      if (unitIds.length === 0) return [];
      const rows = await db
        .selectFrom('unit_memberships')
        .innerJoin('accounts', (join) =>
          join
            .onRef('accounts.id', '=', 'unit_memberships.account_id')
            .onRef('accounts.organisation_id', '=', 'unit_memberships.organisation_id'),
        )
        .selectAll('accounts')
        .select('unit_memberships.unit_id')
        .where('unit_memberships.organisation_id', '=', organisationId)
        .where('unit_memberships.unit_id', 'in', unitIds)
        .orderBy('accounts.display_name')
        .execute();
      return rows.map(({ unit_id, ...account }) => ({ unit_id, account }));
    },
    async addToCaseload(
      db: Db,
      organisationId: string,
      practitionerId: string,
      personId: string,
    ): Promise<void> {
      await db
        .insertInto('caseloads')
        .values({
          organisation_id: organisationId,
          practitioner_id: practitionerId,
          person_id: personId,
        })
        .onConflict((oc) => oc.columns(['practitioner_id', 'person_id']).doNothing())
        .execute();
    },
    async caseloadOf(
      db: Db,
      organisationId: string,
      practitionerId: string,
    ): Promise<AccountsTable[]> {
      return memoRead(
        `accounts.caseloadOf:${organisationId}:${practitionerId}`,
        () => caseloadPeople(db, { organisationId, practitionerId }),
        (rows) => [...rows],
      );
    },
    async isOnCaseload(
      db: Db,
      organisationId: string,
      practitionerId: string,
      personId: string,
    ): Promise<boolean> {
      const row = await db
        .selectFrom('caseloads')
        .select('person_id')
        .where('organisation_id', '=', organisationId)
        .where('practitioner_id', '=', practitionerId)
        .where('person_id', '=', personId)
        .executeTakeFirst();
      return row !== undefined;
    },
    async practitionersOf(
      db: Db,
      organisationId: string,
      personId: string,
    ): Promise<AccountsTable[]> {
      return db
        .selectFrom('caseloads')
        .innerJoin('accounts', (join) =>
          join
            .onRef('accounts.id', '=', 'caseloads.practitioner_id')
            .onRef('accounts.organisation_id', '=', 'caseloads.organisation_id'),
        )
        .selectAll('accounts')
        .where('caseloads.organisation_id', '=', organisationId)
        .where('caseloads.person_id', '=', personId)
        .orderBy('accounts.display_name')
        .execute();
    },
    ...signInStatements(),
  };
}

/** The accounts store's functions. */
export type AccountsStore = ReturnType<typeof createAccountsStore>;
