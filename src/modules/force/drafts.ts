/**
 * Records being written, kept as drafts: "Save and finish later" keeps what was typed, and a
 * draft left for 24 hours shows on the home page of the person who started it and of the unit's
 * manager. Guarantees: only staff who may record on the draft's unit may save, open or list it
 * (404 otherwise); every save and discard is audited with the person as its subject.
 */
import type { Actor } from '../accounts/index.ts';
import type { AuditContext, AuditEventInput } from '../audit/index.ts';
import type { Db } from '../../db/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { HOUR, addMs, toIso } from '../../lib/clock.ts';
import { newId } from '../../lib/tokens.ts';
import type { ForceDeps } from './deps.ts';
import { managesReviews, mayForce, seesWholeOrganisation } from './policy.ts';

/** How long a draft waits before it is shown as unfinished on home pages. */
export const DRAFT_STALE_MS = 24 * HOUR;

/** The form's values as they were typed (single values or lists). */
export type DraftBody = Record<string, string | string[]>;

/** Creates the drafts capability. */
export function createDrafts(deps: ForceDeps) {
  const { db, store, audit, clock, directory } = deps;

  async function findForActor(actor: Actor, id: string) {
    const draft = await store.findDraft(db, actor.organisationId, id);
    if (
      !draft ||
      !mayForce(actor, {
        kind: 'record',
        organisationId: draft.organisation_id,
        unitId: draft.unit_id,
      })
    )
      throw AppError.notFound();
    return draft;
  }

  return {
    /**
     * Keeps what was typed. A new draft when `id` is null.
     * @returns the draft's id
     */
    async save(actor: Actor, id: string | null, body: DraftBody, ctx: AuditContext, step = 'form') {
      const personId = typeof body.personId === 'string' ? body.personId : '';
      const unitId = typeof body.unitId === 'string' ? body.unitId : '';
      const person = await directory.requirePersonVisibleTo(actor, personId);
      if (!mayForce(actor, { kind: 'record', organisationId: person.organisation_id, unitId }))
        throw AppError.invalid('unitId', 'Choose a unit you work on');
      const existing = id ? await findForActor(actor, id) : null;
      const at = toIso(clock());
      const json = JSON.stringify(body);
      if (json.length > 200_000) throw AppError.invalid('form', 'This draft is too long to keep');
      const draftId = existing?.id ?? newId();
      await audit.audited(db, ctx, async (trx, record) => {
        if (existing)
          await store.updateDraft(trx, existing.organisation_id, existing.id, {
            updated_at: at,
            step,
            body: json,
            unit_id: unitId,
          });
        else
          await store.insertDraft(trx, {
            id: draftId,
            organisation_id: actor.organisationId,
            unit_id: unitId,
            person_id: person.id,
            created_by: actor.id,
            created_at: at,
            updated_at: at,
            step,
            body: json,
          });
        await record({
          organisationId: actor.organisationId,
          action: 'force.draft.save',
          recordType: 'force_draft',
          recordId: draftId,
          subjectPersonId: person.id,
        });
      });
      return draftId;
    },

    /** What a draft holds, to carry on with it. */
    async open(actor: Actor, id: string): Promise<DraftBody> {
      const draft = await findForActor(actor, id);
      return JSON.parse(draft.body) as DraftBody;
    },

    /** A draft with the page it was left on, to carry on where its author stopped. */
    async openWithStep(actor: Actor, id: string): Promise<{ body: DraftBody; step: string }> {
      const draft = await findForActor(actor, id);
      return { body: JSON.parse(draft.body) as DraftBody, step: draft.step };
    },

    /**
     * Removes a draft inside another change's transaction (its record being saved), audited
     * there. Throws a conflict when the draft is already gone, so that change is undone.
     */
    async discardIn(
      trx: Db,
      actor: Actor,
      id: string,
      personId: string,
      record: (event: AuditEventInput) => Promise<void>,
    ) {
      const removed = await store.deleteDraft(trx, actor.organisationId, id);
      if (removed !== 1) throw AppError.conflict('This record has already been saved');
      await record({
        organisationId: actor.organisationId,
        action: 'force.draft.discard',
        recordType: 'force_draft',
        recordId: id,
        subjectPersonId: personId,
      });
    },

    /** Removes a draft once its record is saved (or when it is no longer wanted). */
    async discard(actor: Actor, id: string, ctx: AuditContext) {
      const draft = await findForActor(actor, id);
      await audit.audited(db, ctx, async (trx, record) => {
        await store.deleteDraft(trx, draft.organisation_id, draft.id);
        await record({
          organisationId: draft.organisation_id,
          action: 'force.draft.discard',
          recordType: 'force_draft',
          recordId: draft.id,
          subjectPersonId: draft.person_id,
        });
      });
    },

    /**
     * Drafts left unfinished for 24 hours: the actor's own, and for a manager those on their
     * units (an administrator's: the organisation's), with names for the home page.
     */
    async unfinished(actor: Actor) {
      const before = toIso(addMs(clock(), -DRAFT_STALE_MS));
      const own = await store.staleDrafts(db, actor.organisationId, before, {
        createdBy: actor.id,
      });
      const managed = managesReviews(actor)
        ? await store.staleDrafts(db, actor.organisationId, before, {
            unitIds: seesWholeOrganisation(actor) ? null : actor.unitIds,
          })
        : [];
      const drafts = [...own, ...managed.filter((d) => !own.some((o) => o.id === d.id))];
      const names = await directory.describeAccounts(
        db,
        drafts.flatMap((d) => [d.person_id, d.created_by]),
        actor.organisationId,
      );
      return drafts.map((d) => ({
        id: d.id,
        personId: d.person_id,
        updatedAt: d.updated_at,
        mine: d.created_by === actor.id,
        personName: names.get(d.person_id)?.displayName ?? '',
        startedByName: names.get(d.created_by)?.displayName ?? '',
      }));
    },
  };
}
