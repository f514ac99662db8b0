/**
 * SQL for the sign-in limits. Guarantees: counting an attempt is one statement (an upsert that
 * starts a new window when the old one has ended, adds one otherwise, and returns the count), so
 * parallel attempts on one key are counted one after another by the database, never from a
 * stale read; the limits hold across processes and servers sharing the database.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';

/** Creates the sign-in limit statements. */
export function createThrottleStore() {
  return {
    /**
     * Counts one attempt on a key and returns the count in the current window (including this
     * one). A window older than `windowStartedBefore` is replaced by a new one starting `now`.
     */
    async countAttempt(
      db: Db,
      key: string,
      now: string,
      windowStartedBefore: string,
    ): Promise<number> {
      const expired = sql<boolean>`sign_in_throttle.window_started_at <= ${windowStartedBefore}`;
      const row = await db
        .insertInto('sign_in_throttle')
        .values({ key, window_started_at: now, failures: 1 })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            failures: sql<number>`case when ${expired} then 1 else sign_in_throttle.failures + 1 end`,
            window_started_at: sql<string>`case when ${expired} then ${now} else sign_in_throttle.window_started_at end`,
          }),
        )
        .returning('failures')
        .executeTakeFirstOrThrow();
      return Number(row.failures);
    },

    /** Gives back one counted attempt (a sign-in that worked should not use up an address's allowance). */
    async refundAttempt(db: Db, key: string): Promise<void> {
      await db
        .updateTable('sign_in_throttle')
        .set({ failures: sql<number>`failures - 1` })
        .where('key', '=', key)
        .where('failures', '>', 0)
        .execute();
    },

    /** Forgets a key's attempts (after a sign-in that worked, for the account's key). */
    async clearAttempts(db: Db, key: string): Promise<void> {
      await db.deleteFrom('sign_in_throttle').where('key', '=', key).execute();
    },
  };
}

/** The sign-in limit statements. */
export type ThrottleStore = ReturnType<typeof createThrottleStore>;
