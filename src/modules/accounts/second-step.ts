/**
 * Finishing a password sign-in with the second step, or adding an authenticator app when the
 * first 7 days are over, and the signed-in person's own sign-in page (second step, recovery
 * codes, where they are signed in). Guarantees: the step allows 5 tries and is used once; a
 * session starts only after a code matched; every outcome is audited; a person sees and ends
 * only their own sessions.
 */
import type { AuditContext } from '../../lib/actor.ts';
import { AppError } from '../../lib/app-error.ts';
import { hashToken } from '../../lib/tokens.ts';
import type { AccountsDeps } from './internals.ts';
import { auditActor, startSession, toActor } from './internals.ts';
import type { Actor } from './policy.ts';
import { createPasskeys } from './passkeys.ts';
import { createSecondFactor } from './second-factor.ts';
import type { AuthenticatorSetUp } from './second-factor.ts';
import { createSignInStore } from './sign-in-store.ts';
import { createSteps } from './sign-in-steps.ts';
import type { AccountsTable } from './tables.ts';

const NO_STEP =
  'This sign-in has timed out or has had too many tries. Please sign in again with your email address and password.';

/** Creates the second-step capability. */
export function createSecondStep(deps: AccountsDeps) {
  const { db, store, audit, clock } = deps;
  const signInStore = createSignInStore();
  const steps = createSteps({ db, signInStore, clock });
  const factor = createSecondFactor(deps);
  const passkeys = createPasskeys(deps);

  async function accountOfStep(stepToken: string | undefined): Promise<AccountsTable> {
    const step = await steps.read(stepToken, 'second');
    const account = step?.account_id ? await store.findAccount(db, step.account_id) : undefined;
    if (!step || !account || account.status !== 'active') throw AppError.forbidden(NO_STEP);
    return account;
  }

  async function finish(
    stepToken: string,
    account: AccountsTable,
    ctx: AuditContext,
    device: string | null,
    method: string,
  ): Promise<{ token: string; next: string }> {
    const step = await steps.take(stepToken, 'second');
    if (!step) throw AppError.forbidden(NO_STEP);
    const actor = await toActor(deps, account);
    const token = await audit.audited(
      db,
      { actor: auditActor(actor), ip: ctx.ip },
      async (trx, record) => {
        const t = await startSession(deps, trx, account, device);
        await record({
          organisationId: account.organisation_id,
          action: 'auth.sign_in',
          recordType: 'account',
          recordId: account.id,
          detail: { method },
        });
        return t;
      },
    );
    return { token, next: step.next };
  }

  async function refuseCode(account: AccountsTable, ctx: AuditContext): Promise<never> {
    await audit.audited(db, ctx, (_trx, record) =>
      record({
        organisationId: account.organisation_id,
        action: 'auth.second_step',
        recordType: 'account',
        recordId: account.id,
        outcome: 'failure',
      }),
    );
    throw AppError.invalid(
      'code',
      'That code did not match. Enter the newest code your app shows, or one of your recovery codes.',
    );
  }

  async function countTry(stepToken: string): Promise<void> {
    if (!(await steps.tryOnce(stepToken))) {
      await steps.end(stepToken);
      throw AppError.forbidden(NO_STEP);
    }
  }

  return {
    /** Checks that a step is waiting (for the code page). */
    async checkStep(stepToken: string | undefined): Promise<void> {
      await accountOfStep(stepToken);
    },

    /**
     * What the code page offers: an authenticator-app code, and the passkey options (with a new
     * challenge on the step) when the account has passkeys.
     */
    async viewStep(stepToken: string | undefined) {
      const account = await accountOfStep(stepToken);
      const status = await factor.statusOf(account);
      const passkeyOptions = await passkeys.optionsForStep(stepToken ?? '', account);
      return { authenticator: status.authenticator, passkeyOptions };
    },

    /** Finishes a sign-in with a passkey (its challenge answers once; 5 tries per step). */
    async signInWithPasskey(
      stepToken: string,
      response: string,
      ctx: AuditContext,
      device: string | null,
    ): Promise<{ token: string; next: string }> {
      const account = await accountOfStep(stepToken);
      await countTry(stepToken);
      await passkeys.verifyForStep(stepToken, account, response, ctx);
      return finish(stepToken, account, ctx, device, 'password and passkey');
    },

    /** Finishes a sign-in with an authenticator-app code or a recovery code. */
    async signInWithCode(
      stepToken: string,
      code: string,
      ctx: AuditContext,
      device: string | null,
    ): Promise<{ token: string; next: string }> {
      const account = await accountOfStep(stepToken);
      await countTry(stepToken);
      if (await factor.checkAuthenticatorCode(account, code)) {
        return finish(stepToken, account, ctx, device, 'password and authenticator app');
      }
      if (await factor.useRecoveryCode(account, code)) {
        return finish(stepToken, account, ctx, device, 'password and recovery code');
      }
      return refuseCode(account, ctx);
    },

    /** Starts adding an authenticator app during sign-in (after the first 7 days). */
    async beginSetUpInStep(stepToken: string | undefined): Promise<AuthenticatorSetUp> {
      return factor.beginAuthenticator(await accountOfStep(stepToken));
    },

    /** Confirms the new app during sign-in, then signs in. @returns also the recovery codes */
    async confirmSetUpInStep(
      stepToken: string,
      code: string,
      ctx: AuditContext,
      device: string | null,
    ): Promise<{ token: string; next: string; recoveryCodes: string[] }> {
      const account = await accountOfStep(stepToken);
      await countTry(stepToken);
      const recoveryCodes = await factor.confirmAuthenticator(account, code, ctx);
      const done = await finish(
        stepToken,
        account,
        ctx,
        device,
        'password and new authenticator app',
      );
      return { ...done, recoveryCodes };
    },

    /** The signed-in person's sign-in page: second step and sessions. */
    async viewOwn(actor: Actor, sessionToken: string) {
      const sessionId = hashToken(sessionToken);
      const account = await store.findAccountInOrganisation(db, actor.organisationId, actor.id);
      if (!account) throw AppError.notFound();
      const sessions = await signInStore.listSessions(db, actor.organisationId, actor.id);
      return {
        status: await factor.statusOf(account),
        passkeys: await passkeys.listOwn(actor),
        sessions: sessions.map((s) => ({
          device: s.device ?? 'A browser',
          startedAt: s.created_at,
          lastSeenAt: s.last_seen_at,
          current: s.id === sessionId,
        })),
      };
    },

    /** Starts adding an authenticator app while signed in. */
    async beginOwnSetUp(actor: Actor): Promise<AuthenticatorSetUp> {
      const account = await store.findAccountInOrganisation(db, actor.organisationId, actor.id);
      if (!account) throw AppError.notFound();
      return factor.beginAuthenticator(account);
    },

    /** Confirms the new app while signed in. @returns the recovery codes, to show once */
    async confirmOwnSetUp(actor: Actor, code: string, ctx: AuditContext): Promise<string[]> {
      const account = await store.findAccountInOrganisation(db, actor.organisationId, actor.id);
      if (!account) throw AppError.notFound();
      return factor.confirmAuthenticator(account, code, ctx);
    },

    /** New recovery codes for the signed-in person. */
    async renewOwnRecoveryCodes(actor: Actor, ctx: AuditContext): Promise<string[]> {
      const account = await store.findAccountInOrganisation(db, actor.organisationId, actor.id);
      if (!account) throw AppError.notFound();
      const status = await factor.statusOf(account);
      if (!status.hasSecondStep) throw AppError.notFound();
      return factor.renewRecoveryCodes(account, ctx);
    },

    /** Ends every session of the signed-in person except this one. */
    async signOutOthers(actor: Actor, sessionToken: string, ctx: AuditContext): Promise<number> {
      return audit.audited(db, ctx, async (trx, record) => {
        const ended = await signInStore.deleteOtherSessions(
          trx,
          actor.organisationId,
          actor.id,
          hashToken(sessionToken),
        );
        await record({
          organisationId: actor.organisationId,
          action: 'auth.signed_out_elsewhere',
          recordType: 'account',
          recordId: actor.id,
          detail: { sessions: ended },
        });
        return ended;
      });
    },
  };
}

/** The second-step functions. */
export type SecondStep = ReturnType<typeof createSecondStep>;
