/**
 * The second step staff take after their password: a code from an authenticator app (TOTP,
 * RFC 6238, through otpauth) or a one-time recovery code. Guarantees: the app's secret is stored
 * encrypted and bound to its account; a code is accepted once (the last step used is kept, and
 * moved forward in one statement); recovery codes are 10 random codes shown once and stored only
 * as SHA-256; staff may sign in with a password alone for their first 7 days, then must add one.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import type { AuditContext } from '../../lib/actor.ts';
import { AppError } from '../../lib/app-error.ts';
import { DAY, toIso } from '../../lib/clock.ts';
import type { CryptoBox } from '../../lib/crypto-box.ts';
import type { AccountsDeps } from './internals.ts';
import { needsSecondFactor } from './policy.ts';
import { createSignInStore } from './sign-in-store.ts';
import type { AccountsTable } from './tables.ts';

/** How long staff may sign in with a password alone after their account is made. */
export const SECOND_FACTOR_GRACE_MS = 7 * DAY;
const RECOVERY_CODES = 10;
const PERIOD_S = 30;

/** What a person needs to add an authenticator app. */
export interface AuthenticatorSetUp {
  /** The secret in base32, to type in when the QR code cannot be scanned. */
  secret: string;
  /** The QR code of the otpauth:// address, as SVG. */
  qrSvg: string;
}

const hashCode = (code: string) => createHash('sha256').update(code).digest('hex');

/** Creates the second-step capability. */
export function createSecondFactor(deps: AccountsDeps) {
  const { db, audit, clock } = deps;
  const signInStore = createSignInStore();
  const context = (accountId: string) => `totp_secrets.secret_enc:${accountId}`;

  function box(): CryptoBox {
    if (!deps.box) throw new Error('The second step needs the encryption key (crypto-box).');
    return deps.box;
  }

  function totpFor(secret: string, label: string): OTPAuth.TOTP {
    return new OTPAuth.TOTP({
      issuer: 'Hearth',
      label,
      algorithm: 'SHA1',
      digits: 6,
      period: PERIOD_S,
      secret: OTPAuth.Secret.fromBase32(secret),
    });
  }

  /** New recovery codes: stored hashed, returned once to show. */
  async function newRecoveryCodes(trx: typeof db, account: AccountsTable): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODES }, () => {
      const raw = randomBytes(6).toString('hex');
      return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
    });
    await signInStore.replaceRecoveryCodes(
      trx,
      account.organisation_id,
      account.id,
      codes.map((c) => hashCode(c.replace(/-/g, ''))),
    );
    return codes;
  }

  return {
    /** What an account has set up. */
    async statusOf(account: AccountsTable) {
      const totp = await signInStore.findTotp(db, account.organisation_id, account.id);
      const recoveryLeft = await signInStore.countRecoveryCodes(
        db,
        account.organisation_id,
        account.id,
      );
      const passkeys = (await signInStore.listPasskeys(db, account.organisation_id, account.id))
        .length;
      const grace = deps.secondFactorGraceMs ?? SECOND_FACTOR_GRACE_MS;
      const addBy = new Date(new Date(account.created_at).getTime() + grace);
      return {
        authenticator: Boolean(totp?.confirmed_at),
        passkeys,
        /** Whether a second step is set up: an authenticator app or at least one passkey. */
        hasSecondStep: Boolean(totp?.confirmed_at) || passkeys > 0,
        recoveryLeft,
        /** Whether this account must take a second step after its password. */
        required: needsSecondFactor(account.role),
        addBy: toIso(addBy),
        graceOver: addBy <= clock(),
      };
    },

    /** Starts adding an authenticator app: a new secret, kept until a first code matches. */
    async beginAuthenticator(account: AccountsTable): Promise<AuthenticatorSetUp> {
      const existing = await signInStore.findTotp(db, account.organisation_id, account.id);
      if (existing?.confirmed_at) {
        throw AppError.conflict('You already have an authenticator app set up.');
      }
      // Keep showing the same key until it is confirmed, so a mistyped code does not change it.
      let secret: string;
      if (existing) {
        secret = box().decrypt(existing.secret_enc, context(account.id));
      } else {
        secret = new OTPAuth.Secret({ size: 20 }).base32;
        await signInStore.saveTotp(db, {
          account_id: account.id,
          organisation_id: account.organisation_id,
          secret_enc: box().encrypt(secret, context(account.id)),
          confirmed_at: null,
          last_step: 0,
          created_at: toIso(clock()),
        });
      }
      const uri = totpFor(secret, account.email).toString();
      return { secret, qrSvg: await QRCode.toString(uri, { type: 'svg', margin: 2 }) };
    },

    /**
     * Checks the first code from a new authenticator app and, when it matches, turns it on.
     * @returns the recovery codes, to show once
     */
    async confirmAuthenticator(
      account: AccountsTable,
      code: string,
      ctx: AuditContext,
    ): Promise<string[]> {
      const ok = await this.checkAuthenticatorCode(account, code, { confirming: true });
      if (!ok)
        throw AppError.invalid(
          'code',
          'That code did not match. Enter the newest code your app shows.',
        );
      return audit.audited(db, ctx, async (trx, record) => {
        const codes = await newRecoveryCodes(trx, account);
        await record({
          organisationId: account.organisation_id,
          action: 'auth.authenticator_added',
          recordType: 'account',
          recordId: account.id,
        });
        return codes;
      });
    },

    /** Checks an authenticator-app code (each code works once). */
    async checkAuthenticatorCode(
      account: AccountsTable,
      code: string,
      options: { confirming?: boolean } = {},
    ): Promise<boolean> {
      if (!/^\d{6}$/.test(code)) return false;
      const row = await signInStore.findTotp(db, account.organisation_id, account.id);
      if (!row || (!row.confirmed_at && !options.confirming)) return false;
      const secret = box().decrypt(row.secret_enc, context(account.id));
      const now = clock().getTime();
      const delta = totpFor(secret, account.email).validate({
        token: code,
        timestamp: now,
        window: 1,
      });
      if (delta === null) return false;
      const step = Math.floor(now / 1000 / PERIOD_S) + delta;
      return signInStore.useTotpStep(db, account.organisation_id, account.id, step, toIso(clock()));
    },

    /** Uses a recovery code once. */
    async useRecoveryCode(account: AccountsTable, code: string): Promise<boolean> {
      if (!/^[0-9a-f]{12}$/.test(code)) return false;
      return signInStore.useRecoveryCode(
        db,
        account.organisation_id,
        account.id,
        hashCode(code),
        toIso(clock()),
      );
    },

    /** Makes recovery codes inside the caller's transaction. @returns the codes, to show once */
    issueRecoveryCodes: newRecoveryCodes,

    /** Replaces the recovery codes. @returns the new codes, to show once */
    async renewRecoveryCodes(account: AccountsTable, ctx: AuditContext): Promise<string[]> {
      return audit.audited(db, ctx, async (trx, record) => {
        const codes = await newRecoveryCodes(trx, account);
        await record({
          organisationId: account.organisation_id,
          action: 'auth.recovery_codes_renewed',
          recordType: 'account',
          recordId: account.id,
        });
        return codes;
      });
    },
  };
}

/** The second-step functions. */
export type SecondFactor = ReturnType<typeof createSecondFactor>;
