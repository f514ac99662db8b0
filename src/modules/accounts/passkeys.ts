/**
 * Passkeys (WebAuthn, through @simplewebauthn/server): adding, listing and removing a person's
 * own passkeys, and checking a passkey at sign-in. Guarantees: the relying party id and origin
 * come from the public address in config, never from the request; every challenge lives on a
 * sign-in step, answers once and expires with it (10 minutes); a passkey is found by its
 * credential id and must belong to the expected account (or, signing in without an email, to a
 * person who uses services); its counter only moves forward; every change is audited.
 */
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { AuditContext } from '../../lib/actor.ts';
import { AppError } from '../../lib/app-error.ts';
import { toIso } from '../../lib/clock.ts';
import { hashToken } from '../../lib/tokens.ts';
import type { AccountsDeps } from './internals.ts';
import { auditActor, startSession, toActor } from './internals.ts';
import type { Actor } from './policy.ts';
import { mayUsePasskeys, maySignInWithPasskeyAlone, needsSecondFactor } from './policy.ts';
import { createSecondFactor } from './second-factor.ts';
import { createSignInStore } from './sign-in-store.ts';
import { createSteps } from './sign-in-steps.ts';
import type { AccountsTable, PasskeysTable } from './tables.ts';

/** A passkey as "Your sign-in" lists it. */
export interface PasskeySummary {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  backedUp: boolean;
}

/** What the browser needs to ask for a passkey, and the step that holds its challenge. */
export interface PasskeyRequest<T> {
  stepToken: string;
  options: T;
}

const TIMED_OUT =
  'This passkey request has timed out or was already used. Please try again from the start.';
const NOT_ACCEPTED =
  'Your passkey could not be used to sign in. You can try again, or use another way to sign in.';

/** The relying party (this site) as WebAuthn names it, from the configured public address. */
export function relyingPartyOf(publicUrl: string): { rpID: string; origin: string } {
  const url = new URL(publicUrl);
  return { rpID: url.hostname, origin: url.origin };
}

/** Reads the JSON the browser sent; anything that is not an object is refused. */
function parseResponse<T>(json: string, field: string, message: string): T {
  try {
    const value: unknown = JSON.parse(json);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as T;
  } catch {
    // Not JSON: refused below with the same words.
  }
  throw AppError.invalid(field, message);
}

/** The user handle WebAuthn keeps for an account: its id, as bytes. */
const userHandleOf = (accountId: string) => new TextEncoder().encode(accountId);

/** The checks on a passkey's answer, shared by the second step and signing in alone. */
function createAnswerChecks(deps: AccountsDeps) {
  const { db, store, audit, clock } = deps;
  const signInStore = createSignInStore();
  const rp = relyingPartyOf(deps.publicUrl);

  async function refuse(
    ctx: AuditContext,
    organisationId: string | null,
    accountId: string | undefined,
    reason: string,
  ): Promise<never> {
    await audit.audited(db, ctx, (_trx, record) =>
      record({
        organisationId,
        action: 'auth.passkey',
        recordType: 'account',
        recordId: accountId,
        outcome: 'failure',
        detail: { reason },
      }),
    );
    throw AppError.invalid('passkey', NOT_ACCEPTED);
  }

  /**
   * Checks a passkey's answer to a challenge. `expect` says whose passkey it must be: one
   * account's (the second step), or anyone's who may sign in with a passkey alone.
   */
  async function verifyAnswer(
    challenge: string,
    json: string,
    expect: { accountId: string } | { alone: true },
    ctx: AuditContext,
  ): Promise<{ account: AccountsTable; passkey: PasskeysTable }> {
    const response = parseResponse<AuthenticationResponseJSON>(json, 'passkey', NOT_ACCEPTED);
    const passkey =
      typeof response.id === 'string' ? await signInStore.findPasskey(db, response.id) : undefined;
    const expectedId = 'accountId' in expect ? expect.accountId : undefined;
    if (!passkey) return refuse(ctx, null, expectedId, 'unknown passkey');
    // Another account's passkey (in this organisation or another) is refused like an unknown one.
    if (expectedId !== undefined && passkey.account_id !== expectedId) {
      return refuse(ctx, null, expectedId, 'unknown passkey');
    }
    const account = await store.findAccountInOrganisation(
      db,
      passkey.organisation_id,
      passkey.account_id,
    );
    if (!account || account.status !== 'active') return refuse(ctx, null, expectedId, 'no account');
    if ('alone' in expect && !maySignInWithPasskeyAlone(account.role)) {
      return refuse(ctx, account.organisation_id, account.id, 'passkey alone not allowed');
    }
    let verified;
    try {
      verified = await verifyAuthenticationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: rp.origin,
        expectedRPID: rp.rpID,
        requireUserVerification: 'alone' in expect,
        credential: {
          id: passkey.id,
          publicKey: Buffer.from(passkey.public_key, 'base64url'),
          counter: Number(passkey.counter),
          transports: JSON.parse(passkey.transports) as never,
        },
      });
    } catch (error) {
      return refuse(
        ctx,
        account.organisation_id,
        account.id,
        (error as Error).message.slice(0, 120),
      );
    }
    const handle = response.response?.userHandle;
    const handleOk =
      !handle || handle === Buffer.from(userHandleOf(account.id)).toString('base64url');
    if (!verified.verified || !handleOk) {
      return refuse(ctx, account.organisation_id, account.id, 'not verified');
    }
    const moved = await signInStore.touchPasskey(
      db,
      account.organisation_id,
      passkey.id,
      verified.authenticationInfo.newCounter,
      toIso(clock()),
    );
    if (!moved) return refuse(ctx, account.organisation_id, account.id, 'counter did not move');
    return { account, passkey };
  }

  return { verifyAnswer };
}

/** Creates the passkeys capability. */
export function createPasskeys(deps: AccountsDeps) {
  const { db, store, audit, clock } = deps;
  const signInStore = createSignInStore();
  const steps = createSteps({ db, signInStore, clock });
  const factor = createSecondFactor(deps);
  const rp = relyingPartyOf(deps.publicUrl);
  const { verifyAnswer } = createAnswerChecks(deps);

  async function ownAccount(actor: Actor): Promise<AccountsTable> {
    const account = await store.findAccountInOrganisation(db, actor.organisationId, actor.id);
    if (!account || !mayUsePasskeys(account.role)) throw AppError.notFound();
    return account;
  }

  return {
    /** The signed-in person's passkeys. */
    async listOwn(actor: Actor): Promise<PasskeySummary[]> {
      const rows = await signInStore.listPasskeys(db, actor.organisationId, actor.id);
      return rows.map((p) => ({
        id: p.id,
        name: p.name,
        createdAt: p.created_at,
        lastUsedAt: p.last_used_at,
        backedUp: Number(p.backed_up) === 1,
      }));
    },

    /** Starts adding a passkey: options for the browser, with a challenge kept on a new step. */
    async beginAdd(actor: Actor): Promise<PasskeyRequest<PublicKeyCredentialCreationOptionsJSON>> {
      const account = await ownAccount(actor);
      const existing = await signInStore.listPasskeys(db, account.organisation_id, account.id);
      const options = await generateRegistrationOptions({
        rpName: 'Hearth',
        rpID: rp.rpID,
        userName: account.email,
        userDisplayName: account.display_name,
        userID: userHandleOf(account.id),
        attestationType: 'none',
        // Discoverable, so a person can later sign in without typing their email address.
        authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
        excludeCredentials: existing.map((p) => ({
          id: p.id,
          transports: JSON.parse(p.transports) as string[],
        })),
      });
      const stepToken = await steps.start({
        kind: 'passkey-add',
        account_id: account.id,
        provider_organisation_id: null,
        state: null,
        nonce: null,
        code_verifier: null,
        challenge: options.challenge,
        next: '/account/sign-in',
      });
      return { stepToken, options };
    },

    /**
     * Adds the passkey the browser made. Staff adding their first second step also get recovery
     * codes. @returns the recovery codes to show once, or null
     */
    async finishAdd(
      actor: Actor,
      stepToken: string,
      input: { name: string; response: string },
      ctx: AuditContext,
    ): Promise<{ recoveryCodes: string[] | null }> {
      const account = await ownAccount(actor);
      const step = await steps.take(stepToken, 'passkey-add');
      if (!step || step.account_id !== account.id || !step.challenge) {
        throw AppError.invalid('response', TIMED_OUT);
      }
      const response = parseResponse<RegistrationResponseJSON>(
        input.response,
        'response',
        TIMED_OUT,
      );
      let verified;
      try {
        verified = await verifyRegistrationResponse({
          response,
          expectedChallenge: step.challenge,
          expectedOrigin: rp.origin,
          expectedRPID: rp.rpID,
          requireUserVerification: false,
        });
      } catch {
        throw AppError.invalid('response', 'Your passkey could not be added. Please try again.');
      }
      if (!verified.verified) {
        throw AppError.invalid('response', 'Your passkey could not be added. Please try again.');
      }
      const { credential, credentialBackedUp } = verified.registrationInfo;
      if (await signInStore.findPasskey(db, credential.id)) {
        throw AppError.conflict('This passkey has already been added.');
      }
      const status = await factor.statusOf(account);
      return audit.audited(db, ctx, async (trx, record) => {
        await signInStore.insertPasskey(trx, {
          id: credential.id,
          organisation_id: account.organisation_id,
          account_id: account.id,
          public_key: Buffer.from(credential.publicKey).toString('base64url'),
          counter: credential.counter,
          transports: JSON.stringify(credential.transports ?? []),
          created_at: toIso(clock()),
          last_used_at: null,
          name: input.name,
          backed_up: credentialBackedUp ? 1 : 0,
        });
        const firstStep = needsSecondFactor(account.role) && !status.hasSecondStep;
        const recoveryCodes = firstStep ? await factor.issueRecoveryCodes(trx, account) : null;
        await record({
          organisationId: account.organisation_id,
          action: 'auth.passkey_added',
          recordType: 'account',
          recordId: account.id,
        });
        return { recoveryCodes };
      });
    },

    /** Removes one of the signed-in person's passkeys, but never their last required second step. */
    async removeOwn(actor: Actor, passkeyId: string, ctx: AuditContext): Promise<void> {
      const account = await ownAccount(actor);
      const mine = await signInStore.listPasskeys(db, account.organisation_id, account.id);
      if (!mine.some((p) => p.id === passkeyId)) throw AppError.notFound();
      const status = await factor.statusOf(account);
      if (needsSecondFactor(account.role) && !status.authenticator && mine.length === 1) {
        throw AppError.conflict(
          'This is your only second step, so it cannot be removed yet. Add another passkey or an authenticator app first.',
        );
      }
      await audit.audited(db, ctx, async (trx, record) => {
        await signInStore.deletePasskey(trx, account.organisation_id, account.id, passkeyId);
        await record({
          organisationId: account.organisation_id,
          action: 'auth.passkey_removed',
          recordType: 'account',
          recordId: account.id,
        });
      });
    },

    /** Options for using a passkey as the second step, or null when the account has none. */
    async optionsForStep(
      stepToken: string,
      account: AccountsTable,
    ): Promise<PublicKeyCredentialRequestOptionsJSON | null> {
      const mine = await signInStore.listPasskeys(db, account.organisation_id, account.id);
      if (mine.length === 0) return null;
      const options = await generateAuthenticationOptions({
        rpID: rp.rpID,
        userVerification: 'preferred',
        allowCredentials: mine.map((p) => ({
          id: p.id,
          transports: JSON.parse(p.transports) as string[],
        })),
      });
      await signInStore.setStepChallenge(db, hashToken(stepToken), options.challenge);
      return options;
    },

    /** Checks a passkey answer for a second step (the step's challenge is used up). */
    async verifyForStep(
      stepToken: string,
      account: AccountsTable,
      json: string,
      ctx: AuditContext,
    ): Promise<void> {
      const challenge = await signInStore.takeStepChallenge(db, hashToken(stepToken));
      if (!challenge) throw AppError.invalid('passkey', TIMED_OUT);
      await verifyAnswer(challenge, json, { accountId: account.id }, ctx);
    },

    /** Starts signing in with a passkey alone (no email asked: the passkey names its account). */
    async beginSignIn(
      next: string,
    ): Promise<PasskeyRequest<PublicKeyCredentialRequestOptionsJSON>> {
      const options = await generateAuthenticationOptions({
        rpID: rp.rpID,
        userVerification: 'required',
      });
      const stepToken = await steps.start({
        kind: 'passkey',
        account_id: null,
        provider_organisation_id: null,
        state: null,
        nonce: null,
        code_verifier: null,
        challenge: options.challenge,
        next,
      });
      return { stepToken, options };
    },

    /** Checks a passkey answer for signing in alone; the step is used up whatever the outcome. */
    async verifySignIn(
      stepToken: string,
      json: string,
      ctx: AuditContext,
    ): Promise<{ account: AccountsTable; next: string }> {
      const step = await steps.take(stepToken, 'passkey');
      if (!step?.challenge) throw AppError.invalid('passkey', TIMED_OUT);
      const { account } = await verifyAnswer(step.challenge, json, { alone: true }, ctx);
      return { account, next: step.next };
    },

    /** Signs a person in with a passkey alone and starts a session. */
    async signIn(
      stepToken: string,
      json: string,
      ctx: AuditContext,
      device: string | null,
    ): Promise<{ token: string; next: string }> {
      const { account, next } = await this.verifySignIn(stepToken, json, ctx);
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
            detail: { method: 'passkey' },
          });
          return t;
        },
      );
      return { token, next };
    },
  };
}

/** The passkey functions. */
export type Passkeys = ReturnType<typeof createPasskeys>;
