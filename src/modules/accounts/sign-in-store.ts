/**
 * SQL for sign-in beyond passwords: organisation providers, linked provider accounts, sign-ins
 * part-way through, authenticator-app secrets, passkeys, recovery codes and the session list.
 * Every statement on a tenant table names the organisation; the few that find the organisation
 * in the first place (a provider account, a passkey, a step by its token) say so.
 */
import type { Db } from '../../db/index.ts';
import { acrossOrganisations } from '../../db/tenancy.ts';
import type {
  OidcProvidersTable,
  PasskeysTable,
  SessionsTable,
  SignInStepsTable,
  TotpSecretsTable,
} from './tables.ts';

/** Creates the statements for sign-in beyond passwords. */
export function createSignInStore() {
  return {
    async findProvider(db: Db, organisationId: string): Promise<OidcProvidersTable | undefined> {
      return db
        .selectFrom('oidc_providers')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .executeTakeFirst();
    },
    /** Organisations offering sign-in with their own provider, for the public sign-in page. */
    async listProviderOrganisations(db: Db): Promise<{ id: string; name: string }[]> {
      return acrossOrganisations('organisations offering their own sign-in', () =>
        db
          .selectFrom('oidc_providers')
          .innerJoin('organisations', 'organisations.id', 'oidc_providers.organisation_id')
          .select(['organisations.id', 'organisations.name'])
          .orderBy('organisations.name')
          .execute(),
      );
    },
    async saveProvider(db: Db, row: OidcProvidersTable): Promise<void> {
      await db
        .insertInto('oidc_providers')
        .values(row)
        .onConflict((oc) =>
          oc.column('organisation_id').doUpdateSet({
            issuer: row.issuer,
            client_id: row.client_id,
            client_secret_enc: row.client_secret_enc,
            updated_at: row.updated_at,
          }),
        )
        .execute();
    },
    async deleteProvider(db: Db, organisationId: string): Promise<void> {
      await db.deleteFrom('oidc_providers').where('organisation_id', '=', organisationId).execute();
    },
    /** The Hearth account a provider's account is linked to, within the provider's organisation. */
    async findIdentity(
      db: Db,
      organisationId: string,
      issuer: string,
      subject: string,
    ): Promise<string | undefined> {
      const row = await db
        .selectFrom('account_identities')
        .select('account_id')
        .where('organisation_id', '=', organisationId)
        .where('issuer', '=', issuer)
        .where('subject', '=', subject)
        .executeTakeFirst();
      return row?.account_id;
    },
    async linkIdentity(
      db: Db,
      row: {
        organisation_id: string;
        account_id: string;
        issuer: string;
        subject: string;
        created_at: string;
      },
    ): Promise<void> {
      await db
        .insertInto('account_identities')
        .values(row)
        .onConflict((oc) => oc.columns(['issuer', 'subject']).doNothing())
        .execute();
    },
    async insertStep(db: Db, row: SignInStepsTable): Promise<void> {
      await db.insertInto('sign_in_steps').values(row).execute();
    },
    async findStep(db: Db, id: string): Promise<SignInStepsTable | undefined> {
      return db.selectFrom('sign_in_steps').selectAll().where('id', '=', id).executeTakeFirst();
    },
    /** Takes a step for use: deleted in the same statement, so it can be used only once. */
    async takeStep(db: Db, id: string): Promise<SignInStepsTable | undefined> {
      return db.deleteFrom('sign_in_steps').where('id', '=', id).returningAll().executeTakeFirst();
    },
    /** Counts one more try at a step and returns the count (one statement, as for sign-in limits). */
    async countStepAttempt(db: Db, id: string): Promise<number | undefined> {
      const row = await db
        .updateTable('sign_in_steps')
        .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
        .where('id', '=', id)
        .returning('attempts')
        .executeTakeFirst();
      return row ? Number(row.attempts) : undefined;
    },
    async setStepChallenge(db: Db, id: string, challenge: string): Promise<void> {
      await db.updateTable('sign_in_steps').set({ challenge }).where('id', '=', id).execute();
    },
    /** Takes a step's challenge: cleared only if still the one read, so it answers once. */
    async takeStepChallenge(db: Db, id: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('sign_in_steps')
        .select('challenge')
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row?.challenge) return undefined;
      const result = await db
        .updateTable('sign_in_steps')
        .set({ challenge: null })
        .where('id', '=', id)
        .where('challenge', '=', row.challenge)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1 ? row.challenge : undefined;
    },
    async deleteExpiredSteps(db: Db, now: string): Promise<void> {
      await db.deleteFrom('sign_in_steps').where('expires_at', '<=', now).execute();
    },
    async findTotp(
      db: Db,
      organisationId: string,
      accountId: string,
    ): Promise<TotpSecretsTable | undefined> {
      return db
        .selectFrom('totp_secrets')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('account_id', '=', accountId)
        .executeTakeFirst();
    },
    async saveTotp(db: Db, row: TotpSecretsTable): Promise<void> {
      await db
        .insertInto('totp_secrets')
        .values(row)
        .onConflict((oc) =>
          oc.column('account_id').doUpdateSet({
            secret_enc: row.secret_enc,
            confirmed_at: row.confirmed_at,
            last_step: row.last_step,
            created_at: row.created_at,
          }),
        )
        .execute();
    },
    /** Moves the last used step forward only if it is newer; false when the code was used already. */
    async useTotpStep(
      db: Db,
      organisationId: string,
      accountId: string,
      step: number,
      confirmedAt: string,
    ): Promise<boolean> {
      const result = await db
        .updateTable('totp_secrets')
        .set((eb) => ({
          last_step: step,
          confirmed_at: eb.fn.coalesce('confirmed_at', eb.val(confirmedAt)),
        }))
        .where('organisation_id', '=', organisationId)
        .where('account_id', '=', accountId)
        .where('last_step', '<', step)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async deleteTotp(db: Db, organisationId: string, accountId: string): Promise<void> {
      await db
        .deleteFrom('totp_secrets')
        .where('organisation_id', '=', organisationId)
        .where('account_id', '=', accountId)
        .execute();
    },
    async listPasskeys(
      db: Db,
      organisationId: string,
      accountId: string,
    ): Promise<PasskeysTable[]> {
      return db
        .selectFrom('passkeys')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('account_id', '=', accountId)
        .orderBy('created_at')
        .execute();
    },
    /** A passkey by its credential id: the lookup that names the account and organisation. */
    async findPasskey(db: Db, id: string): Promise<PasskeysTable | undefined> {
      return acrossOrganisations('a passkey found by its credential id', () =>
        db.selectFrom('passkeys').selectAll().where('id', '=', id).executeTakeFirst(),
      );
    },
    async insertPasskey(db: Db, row: PasskeysTable): Promise<void> {
      await db.insertInto('passkeys').values(row).execute();
    },
    /** Records a use; the counter only moves forward (or stays 0): false if it would not. */
    async touchPasskey(
      db: Db,
      organisationId: string,
      id: string,
      counter: number,
      at: string,
    ): Promise<boolean> {
      const result = await db
        .updateTable('passkeys')
        .set({ counter, last_used_at: at })
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .where((eb) => (counter === 0 ? eb('counter', '=', 0) : eb('counter', '<', counter)))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async deletePasskey(
      db: Db,
      organisationId: string,
      accountId: string,
      id: string,
    ): Promise<boolean> {
      const result = await db
        .deleteFrom('passkeys')
        .where('organisation_id', '=', organisationId)
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
    async replaceRecoveryCodes(
      db: Db,
      organisationId: string,
      accountId: string,
      hashes: string[],
    ): Promise<void> {
      await db
        .deleteFrom('recovery_codes')
        .where('organisation_id', '=', organisationId)
        .where('account_id', '=', accountId)
        .execute();
      await db
        .insertInto('recovery_codes')
        .values(
          hashes.map((code_hash) => ({
            organisation_id: organisationId,
            account_id: accountId,
            code_hash,
            used_at: null,
          })),
        )
        .execute();
    },
    /** Uses a recovery code once: false when it does not match an unused code. */
    async useRecoveryCode(
      db: Db,
      organisationId: string,
      accountId: string,
      hash: string,
      at: string,
    ): Promise<boolean> {
      const result = await db
        .updateTable('recovery_codes')
        .set({ used_at: at })
        .where('organisation_id', '=', organisationId)
        .where('account_id', '=', accountId)
        .where('code_hash', '=', hash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async countRecoveryCodes(db: Db, organisationId: string, accountId: string): Promise<number> {
      const rows = await db
        .selectFrom('recovery_codes')
        .select('code_hash')
        .where('organisation_id', '=', organisationId)
        .where('account_id', '=', accountId)
        .where('used_at', 'is', null)
        .execute();
      return rows.length;
    },
    async listSessions(
      db: Db,
      organisationId: string,
      accountId: string,
    ): Promise<SessionsTable[]> {
      return db
        .selectFrom('sessions')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('account_id', '=', accountId)
        .orderBy('last_seen_at', 'desc')
        .execute();
    },
    async deleteOtherSessions(
      db: Db,
      organisationId: string,
      accountId: string,
      keepId: string,
    ): Promise<number> {
      const result = await db
        .deleteFrom('sessions')
        .where('organisation_id', '=', organisationId)
        .where('account_id', '=', accountId)
        .where('id', '!=', keepId)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

/** The statements for sign-in beyond passwords. */
export type SignInStore = ReturnType<typeof createSignInStore>;
