/**
 * Signing in and out, and finding the person behind a session cookie.
 * Guarantees: session tokens are 256-bit, stored only as SHA-256, renewed at sign-in, ended at
 * sign-out, and expire after 30 idle minutes or 12 hours; sign-in failures look and take the
 * same whether or not the email exists, and are rate limited per account and per address.
 */
import { createHash } from 'node:crypto';
import type { AuditContext } from '../../lib/actor.ts';
import { AppError } from '../../lib/app-error.ts';
import { MINUTE, addMs, toIso } from '../../lib/clock.ts';
import { hashToken } from '../../lib/tokens.ts';
import type { AccountsDeps } from './internals.ts';
import { IDLE_TIMEOUT_MS, SIGN_IN_LIMITS, auditActor, startSession, toActor } from './internals.ts';
import { dummyHashPromise, verifyPassword } from './passwords.ts';
import type { Actor } from './policy.ts';
import type { SignInInput } from './schema.ts';
import { createThrottleStore } from './throttle-store.ts';
import { createSecondFactor } from './second-factor.ts';
import { createSignInStore } from './sign-in-store.ts';
import { createSteps } from './sign-in-steps.ts';

/** A session that resolved to a signed-in person. */
export interface ResolvedSession {
  actor: Actor;
  sessionId: string;
  /** The data generation when the session was read (src/db/generation.ts). */
  dataGeneration: string | null;
}

/** What a right password leads to: a session, or a second step first. */
export type SignInResult =
  | { kind: 'session'; token: string; actor: Actor }
  | { kind: 'second-step'; stepToken: string; stage: 'code' | 'set-up' };

const WRONG_DETAILS =
  'The email address or password is not right. Check them and try again, or ask the person who invited you for a new link.';

const throttleKey = {
  account: (email: string) => `account:${createHash('sha256').update(email).digest('hex')}`,
  ip: (ip: string) => `ip:${ip}`,
};

/** Creates the sign-in and session capability. */
export function createSessions(deps: AccountsDeps) {
  const { db, store, audit, clock } = deps;
  const throttle = createThrottleStore();
  const secondFactor = createSecondFactor(deps);
  const steps = createSteps({ db, signInStore: createSignInStore(), clock });

  /**
   * Counts this attempt against the account and the address before any password is checked,
   * and says whether either is over its limit. Counting first, in one statement per key, is
   * what makes the limit hold when many attempts arrive at once: each takes the next number.
   */
  async function overLimit(accountKey: string, ipKey: string, ip: string): Promise<boolean> {
    const now = clock();
    const since = toIso(addMs(now, -SIGN_IN_LIMITS.windowMs));
    const forAccount = await throttle.countAttempt(db, accountKey, toIso(now), since);
    const forAddress = await throttle.countAttempt(db, ipKey, toIso(now), since);
    const over = forAccount > SIGN_IN_LIMITS.account || forAddress > SIGN_IN_LIMITS.ip;
    // Record the moment a limit is reached, once per window, not every refused attempt after it.
    if (forAccount === SIGN_IN_LIMITS.account + 1 || forAddress === SIGN_IN_LIMITS.ip + 1) {
      await audit.audited(db, { actor: null, ip }, (_trx, record) =>
        record({
          organisationId: null,
          action: 'auth.sign_in_limited',
          outcome: 'denied',
          detail: { by: forAccount > SIGN_IN_LIMITS.account ? 'account' : 'address' },
        }),
      );
    }
    return over;
  }

  return {
    /**
     * Signs a person in and starts a new session.
     * @returns the new session token for the cookie
     */
    async signIn(
      input: SignInInput,
      ip: string,
      options: { device?: string | null; next?: string } = {},
    ): Promise<SignInResult> {
      const accountKey = throttleKey.account(input.email);
      const ipKey = throttleKey.ip(ip);
      if (await overLimit(accountKey, ipKey, ip)) {
        throw AppError.tooMany(
          'There have been too many attempts to sign in. Please wait 15 minutes and try again.',
        );
      }
      const account = await store.findAccountByEmail(db, input.email);
      // Verify against a stand-in hash when there is no account, so timing gives nothing away.
      const hash = account?.password_hash ?? (await dummyHashPromise);
      const passwordOk = await verifyPassword(input.password, hash);
      if (!account || !passwordOk || account.status !== 'active' || !account.password_hash) {
        await audit.audited(db, { actor: null, ip }, (_trx, record) =>
          record({
            organisationId: account?.organisation_id ?? null,
            action: 'auth.sign_in',
            recordType: 'account',
            recordId: account?.id,
            outcome: 'failure',
          }),
        );
        throw AppError.invalid('email', WRONG_DETAILS);
      }
      const actor = await toActor(deps, account);
      const factor = await secondFactor.statusOf(account);
      if (factor.required && (factor.hasSecondStep || factor.graceOver)) {
        // The password was right; the session waits for the second step (or for one to be added).
        await audit.audited(db, { actor: auditActor(actor), ip }, async (trx, record) => {
          await throttle.clearAttempts(trx, accountKey);
          await throttle.refundAttempt(trx, ipKey);
          await record({
            organisationId: account.organisation_id,
            action: 'auth.password_ok',
            recordType: 'account',
            recordId: account.id,
            detail: { then: factor.hasSecondStep ? 'code' : 'set-up' },
          });
        });
        const stepToken = await steps.start({
          kind: 'second',
          account_id: account.id,
          provider_organisation_id: null,
          state: null,
          nonce: null,
          code_verifier: null,
          challenge: null,
          next: options.next ?? '/',
        });
        return { kind: 'second-step', stepToken, stage: factor.hasSecondStep ? 'code' : 'set-up' };
      }
      const token = await audit.audited(
        db,
        { actor: auditActor(actor), ip },
        async (trx, record) => {
          await throttle.clearAttempts(trx, accountKey);
          await throttle.refundAttempt(trx, ipKey);
          const t = await startSession(deps, trx, account, options.device ?? null);
          await record({
            organisationId: account.organisation_id,
            action: 'auth.sign_in',
            recordType: 'account',
            recordId: account.id,
          });
          return t;
        },
      );
      return { kind: 'session', token, actor };
    },

    /** Finds the signed-in person for a cookie token, ending the session if it has expired. */
    async resolveSession(token: string): Promise<ResolvedSession | null> {
      if (!/^[\w-]{43}$/.test(token)) return null;
      const id = hashToken(token);
      const found = await store.findSessionWithAccount(db, id);
      if (!found) return null;
      const { session, account, unitIds, dataGeneration } = found;
      const organisationId = session.organisation_id;
      const now = clock();
      const idleEnds = addMs(new Date(session.last_seen_at), IDLE_TIMEOUT_MS);
      if (new Date(session.expires_at) <= now || idleEnds <= now || account.status !== 'active') {
        await store.deleteSession(db, organisationId, id);
        return null;
      }
      // Write at most once a minute, so reading pages does not turn into a stream of writes.
      if (now.getTime() - new Date(session.last_seen_at).getTime() > MINUTE) {
        await store.touchSession(db, organisationId, id, toIso(now));
      }
      return {
        actor: {
          id: account.id,
          organisationId: account.organisation_id,
          role: account.role,
          displayName: account.display_name,
          unitIds,
        },
        sessionId: id,
        dataGeneration,
      };
    },

    /** Ends a session. */
    async signOut(token: string, ctx: AuditContext): Promise<void> {
      const id = hashToken(token);
      const session = await store.findSession(db, id);
      if (!session) return;
      await audit.audited(db, ctx, async (trx, record) => {
        await store.deleteSession(trx, session.organisation_id, id);
        await record({
          organisationId: session.organisation_id,
          action: 'auth.sign_out',
          recordType: 'account',
          recordId: session.account_id,
        });
      });
    },
  };
}

/** The sign-in and session functions. */
export type Sessions = ReturnType<typeof createSessions>;
