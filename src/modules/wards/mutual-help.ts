/**
 * The mutual help meeting log: the date and what was shared (thanks, news, requests, offers),
 * with no names asked for. Guarantees: only the ward's own staff log and read it (404
 * otherwise); no meeting in the future; every entry is audited, all or nothing.
 */
import { AppError } from '../../lib/app-error.ts';
import type { Actor, AuditContext } from '../../lib/actor.ts';
import { toIso } from '../../lib/clock.ts';
import { newId } from '../../lib/tokens.ts';
import type { WardsDeps } from './deps.ts';
import { findWard } from './find-ward.ts';
import { mayWards } from './policy.ts';
import type { MeetingInput } from './safewards-schema.ts';
import { londonWallClock } from './shifts.ts';

/** How many meetings the log page lists. */
export const MEETINGS_LISTED = 50;

/** Creates the mutual-help-meeting capability. */
export function createMutualHelp(deps: WardsDeps) {
  const { db, store, audit, clock, directory } = deps;

  async function wardFor(actor: Actor, unitId: string) {
    if (!mayWards(actor, { kind: 'record', organisationId: actor.organisationId, unitId }))
      throw AppError.notFound();
    const ward = await findWard(directory, actor, unitId);
    if (!ward) throw AppError.notFound();
    return { id: ward.id, name: ward.name };
  }

  return {
    /** The ward, or 404 when the actor is not on its staff (checked before any form). */
    wardFor,

    /** The ward's latest meetings, newest first, and today's date for the form. */
    async list(actor: Actor, unitId: string) {
      const ward = await wardFor(actor, unitId);
      const rows = await store.listMeetings(db, actor.organisationId, ward.id, MEETINGS_LISTED);
      return {
        ward,
        today: londonWallClock(clock()).date,
        meetings: rows.map((r) => ({
          id: r.id,
          heldOn: r.held_on,
          thanks: r.thanks,
          news: r.news,
          requests: r.requests,
          offers: r.offers,
        })),
      };
    },

    /** Logs a meeting. */
    async add(actor: Actor, unitId: string, input: MeetingInput, ctx: AuditContext) {
      const ward = await wardFor(actor, unitId);
      if (input.heldOn > londonWallClock(clock()).date)
        throw AppError.invalid('heldOn', 'Enter the date of a meeting that has already happened.');
      const id = newId();
      await audit.audited(db, ctx, async (trx, record) => {
        await store.insertMeeting(trx, {
          id,
          organisation_id: actor.organisationId,
          unit_id: ward.id,
          held_on: input.heldOn,
          thanks: input.thanks ?? null,
          news: input.news ?? null,
          requests: input.requests ?? null,
          offers: input.offers ?? null,
          recorded_by: actor.id,
          recorded_at: toIso(clock()),
        });
        await record({
          organisationId: actor.organisationId,
          action: 'wards.mutual_help_meeting',
          recordType: 'ward_mutual_help_meeting',
          recordId: id,
        });
      });
      return { id };
    },
  };
}
