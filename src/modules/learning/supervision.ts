/**
 * Supervision records. Guarantees: a staff member records and sees only their own sessions; a
 * note is kept only when they add one, encrypted like the journal; a manager sees only how
 * many of a unit's staff attended supervision in the last 8 weeks, and nothing when the unit
 * has fewer than 5 staff.
 */
import type { Actor } from '../accounts/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { toIso } from '../../lib/clock.ts';
import { newId } from '../../lib/tokens.ts';
import type { LearningDeps } from './deps.ts';
import { addDays, londonDay } from './grid.ts';
import { sealContext } from './journal.ts';
import { mayLearning, trainedRoles } from './policy.ts';
import type { SupervisionInput } from './reflect-schema.ts';

/** Counts below this are not shown to managers. */
export const SMALL_NUMBER = 5;

/** How far back "had supervision lately" looks. */
export const SUPERVISION_WEEKS = 8;

/** A count as a manager sees it: the number, or null when it is 1 to 4. */
export function suppressed(count: number): number | null {
  return count > 0 && count < SMALL_NUMBER ? null : count;
}

/** Creates the supervision capability. */
export function createSupervision(
  deps: LearningDeps,
  supervisorsFor: (actor: Actor) => Promise<{ id: string; name: string }[]>,
) {
  const { db, store, audit, clock, box } = deps;
  const today = () => londonDay(clock());

  return {
    /** The actor's own supervision records, newest first, with their notes opened. */
    async mine(actor: Actor) {
      if (!mayLearning(actor, { kind: 'reflect' })) throw AppError.notFound();
      const rows = await store.listOwnSupervision(db, actor.organisationId, actor.id);
      const supervisors = await supervisorsFor(actor);
      const names = new Map(supervisors.map((s) => [s.id, s.name]));
      return {
        supervisors,
        sessions: rows.map((r) => ({
          id: r.id,
          heldOn: r.held_on,
          supervisor: names.get(r.supervisor_id) ?? 'a colleague',
          attended: r.attended === 1,
          note:
            r.note_enc === null
              ? null
              : box.decrypt(r.note_enc, sealContext('learning_supervision', 'note_enc', r.id)),
        })),
      };
    },

    /**
     * Records a session.
     * @throws AppError invalid for a day in the future or an unknown supervisor
     */
    async add(actor: Actor, input: SupervisionInput, ctx: AuditContext): Promise<string> {
      if (!mayLearning(actor, { kind: 'reflect' })) throw AppError.notFound();
      if (input.heldOn > today())
        throw AppError.invalid('heldOn', 'Enter a day that has already happened');
      const supervisors = await supervisorsFor(actor);
      if (!supervisors.some((s) => s.id === input.supervisorId))
        throw AppError.invalid('supervisorId', 'Choose someone from the list');
      const id = newId();
      await audit.audited(db, ctx, async (trx, record) => {
        await store.insertSupervision(trx, {
          id,
          organisation_id: actor.organisationId,
          account_id: actor.id,
          supervisor_id: input.supervisorId,
          held_on: input.heldOn,
          attended: input.attended === 'yes' ? 1 : 0,
          note_enc:
            input.note === ''
              ? null
              : box.encrypt(input.note, sealContext('learning_supervision', 'note_enc', id)),
          created_at: toIso(clock()),
        });
        await record({
          organisationId: actor.organisationId,
          action: 'learning.supervision_add',
          recordType: 'learning_supervision',
          recordId: id,
        });
      });
      return id;
    },

    /** Deletes one of the actor's own records. @throws AppError not found for anyone else's */
    async remove(actor: Actor, id: string, ctx: AuditContext): Promise<void> {
      if (!mayLearning(actor, { kind: 'reflect' })) throw AppError.notFound();
      await audit.audited(db, ctx, async (trx, record) => {
        if (!(await store.deleteSupervision(trx, actor.organisationId, actor.id, id)))
          throw AppError.notFound();
        await record({
          organisationId: actor.organisationId,
          action: 'learning.supervision_delete',
          recordType: 'learning_supervision',
          recordId: id,
        });
      });
    },

    /**
     * How many of a unit's staff attended supervision in the last 8 weeks: null counts when
     * the unit has fewer than 5 staff, or the count is 1 to 4.
     */
    async unitCounts(organisationId: string, unitId: string) {
      const staff = await store.listUnitStaff(db, organisationId, unitId, trainedRoles);
      const since = addDays(today(), -7 * SUPERVISION_WEEKS);
      const had = await store.supervisedSince(
        db,
        organisationId,
        staff.map((s) => s.id),
        since,
      );
      if (staff.length < SMALL_NUMBER) return { staff: staff.length, had: null, since };
      return { staff: staff.length, had: suppressed(had.size), since };
    },
  };
}
