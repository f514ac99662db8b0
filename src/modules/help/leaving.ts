/**
 * Leaving safely: "Leave this page" ends the person's session on the server, so neither Back
 * nor a fresh visit on the same device shows their pages. Guarantees: ending a session that is
 * already gone (a second beacon, an expired cookie) does nothing and never fails.
 */
import type { AuditContext } from '../audit/index.ts';

/** What leaving needs: a way to end a session by its cookie token (the accounts module's). */
export interface LeavingDeps {
  endSession(token: string, ctx: AuditContext): Promise<void>;
}

/** Creates the leaving capability. */
export function createLeaving(deps: LeavingDeps) {
  return {
    /** Ends the session behind this cookie token, if there still is one. */
    async leaveNow(token: string | null, ctx: AuditContext): Promise<void> {
      if (!token) return;
      await deps.endSession(token, ctx);
    },
  };
}

/** The leaving functions. */
export type Leaving = ReturnType<typeof createLeaving>;
