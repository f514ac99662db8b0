/**
 * Sign-ins part-way through: waiting for an organisation's provider to send the person back, or
 * for a second step after a password. Guarantees: the browser holds a 256-bit token in a cookie
 * and only its SHA-256 is stored; a step lasts 10 minutes, is used once (taken by deleting it),
 * and allows 5 tries at a code.
 */
import type { Db } from '../../db/index.ts';
import { MINUTE, addMs, toIso } from '../../lib/clock.ts';
import type { Clock } from '../../lib/clock.ts';
import { hashToken, newToken } from '../../lib/tokens.ts';
import type { SignInStore } from './sign-in-store.ts';
import type { SignInStepsTable } from './tables.ts';

/** How long a step waits. */
export const STEP_TTL_MS = 10 * MINUTE;
/** Tries at a code in one step. */
export const STEP_MAX_ATTEMPTS = 5;

/** A new step's fields, other than its id, expiry and tries. */
export type NewStep = Omit<SignInStepsTable, 'id' | 'expires_at' | 'attempts'>;

/** Creates the step helpers over a store and clock. */
export function createSteps(deps: { db: Db; signInStore: SignInStore; clock: Clock }) {
  const { db, signInStore, clock } = deps;
  return {
    /** Starts a step; returns the token for the browser's cookie. */
    async start(step: NewStep): Promise<string> {
      const token = newToken();
      const now = clock();
      await signInStore.deleteExpiredSteps(db, toIso(now));
      await signInStore.insertStep(db, {
        ...step,
        id: hashToken(token),
        attempts: 0,
        expires_at: toIso(addMs(now, STEP_TTL_MS)),
      });
      return token;
    },
    /** Reads a live step of a kind without using it up. */
    async read(
      token: string | undefined,
      kind: SignInStepsTable['kind'],
    ): Promise<SignInStepsTable | undefined> {
      if (!token || !/^[\w-]{43}$/.test(token)) return undefined;
      const step = await signInStore.findStep(db, hashToken(token));
      if (!step || step.kind !== kind || new Date(step.expires_at) <= clock()) return undefined;
      return step;
    },
    /** Takes a live step of a kind for use: afterwards it is gone. */
    async take(
      token: string | undefined,
      kind: SignInStepsTable['kind'],
    ): Promise<SignInStepsTable | undefined> {
      if (!token || !/^[\w-]{43}$/.test(token)) return undefined;
      const step = await signInStore.takeStep(db, hashToken(token));
      if (!step || step.kind !== kind || new Date(step.expires_at) <= clock()) return undefined;
      return step;
    },
    /** Counts a try at a code; false once the step has had its tries. */
    async tryOnce(token: string): Promise<boolean> {
      const count = await signInStore.countStepAttempt(db, hashToken(token));
      return count !== undefined && count <= STEP_MAX_ATTEMPTS;
    },
    /** Ends a step. */
    async end(token: string): Promise<void> {
      await signInStore.takeStep(db, hashToken(token));
    },
  };
}

/** The step helpers. */
export type Steps = ReturnType<typeof createSteps>;
