/**
 * Create forms that are safe to send twice (a double click, a retry after a slow network, Back
 * and send again). Each rendered page carries a fresh random form token (`formToken`, put in a
 * hidden `_form` field by `appFormToken`); the route wraps its action in `submitOnce`. The first
 * sending claims the token in `form_submissions` (one row per organisation and token, so the
 * database decides the race) and records where it led; any later sending of the same token
 * waits for the first to finish and is sent to the same place, and nothing is created twice.
 * A sending that fails validation gives its token back, so the corrected form goes through.
 * A form sent without a token runs as before.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/index.ts';
import type { Clock } from '../lib/clock.ts';
import { toIso } from '../lib/clock.ts';

/** The hidden field's name. */
export const FORM_TOKEN_FIELD = '_form';

/** How long a repeat waits for the first sending to finish before saying so. */
const WAIT_MS = 10_000;
const POLL_MS = 100;

/** The claims store behind submitOnce. */
export interface FormOnce {
  /** True when this sending is the first with the token. */
  claim(organisationId: string, token: string, accountId: string): Promise<boolean>;
  /** Where the first sending led, once it has finished; null while it is still running. */
  outcomeOf(organisationId: string, token: string, accountId: string): Promise<string | null>;
  /** Records where the first sending led. */
  settle(organisationId: string, token: string, outcome: string): Promise<void>;
  /** Gives the token back (the sending failed; nothing was created). */
  release(organisationId: string, token: string): Promise<void>;
}

/** Creates the claims store over the database. */
export function createFormOnce(db: Db, clock: Clock): FormOnce {
  return {
    async claim(organisationId, token, accountId) {
      const result = await db
        .insertInto('form_submissions')
        .values({
          organisation_id: organisationId,
          token,
          account_id: accountId,
          outcome: null,
          created_at: toIso(clock()),
        })
        .onConflict((oc) => oc.columns(['organisation_id', 'token']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    async outcomeOf(organisationId, token, accountId) {
      const row = await db
        .selectFrom('form_submissions')
        .select(['outcome', 'account_id'])
        .where('organisation_id', '=', organisationId)
        .where('token', '=', token)
        .executeTakeFirst();
      // Someone else's token (it cannot be guessed, but still) leads nowhere of theirs.
      if (row && row.account_id !== accountId) return '/';
      return row?.outcome ?? null;
    },
    async settle(organisationId, token, outcome) {
      await db
        .updateTable('form_submissions')
        .set({ outcome })
        .where('organisation_id', '=', organisationId)
        .where('token', '=', token)
        .execute();
    },
    async release(organisationId, token) {
      await db
        .deleteFrom('form_submissions')
        .where('organisation_id', '=', organisationId)
        .where('token', '=', token)
        .execute();
    },
  };
}

/**
 * Runs a create form's action once per form token. `afterRepeat` is where a repeat goes when
 * the first sending showed a page rather than redirecting (a link shown once, say).
 */
export async function submitOnce(
  request: FastifyRequest,
  reply: FastifyReply,
  action: () => Promise<FastifyReply>,
  options: { afterRepeat?: string } = {},
): Promise<FastifyReply> {
  const formOnce = request.server.formOnce;
  const raw = (request.body as Record<string, unknown> | undefined)?.[FORM_TOKEN_FIELD];
  const actor = request.actor;
  if (!formOnce || !actor || typeof raw !== 'string' || !/^[\w-]{16,64}$/.test(raw)) {
    return action();
  }
  const org = actor.organisationId;
  if (!(await formOnce.claim(org, raw, actor.id))) {
    for (let waited = 0; waited < WAIT_MS; waited += POLL_MS) {
      const outcome = await formOnce.outcomeOf(org, raw, actor.id);
      if (outcome !== null) return reply.redirect(outcome, 303);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    return reply.redirect(options.afterRepeat ?? '/', 303);
  }
  try {
    const result = await action();
    const location = reply.getHeader('location');
    if (reply.statusCode >= 300 && reply.statusCode < 400 && typeof location === 'string') {
      await formOnce.settle(org, raw, location);
    } else if (reply.statusCode >= 400) {
      await formOnce.release(org, raw);
    } else {
      await formOnce.settle(org, raw, options.afterRepeat ?? '/');
    }
    return result;
  } catch (error) {
    await formOnce.release(org, raw).catch(() => undefined);
    throw error;
  }
}
