/**
 * "What happened to you?" reflections: a person's own, saved only because they chose to,
 * seen and deleted by them alone.
 */
import type { Actor } from '../accounts/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { newId } from '../../lib/tokens.ts';
import type { EnquiryContext } from './context.ts';
import { isPersonInCare, mayEnquiry } from './policy.ts';
import type { ReflectionInput } from './schema.ts';
import type { EnquiryReflectionsTable } from './tables.ts';

/** Creates the reflections capability. */
export function createReflections(ctx: EnquiryContext) {
  const { db, store, audit } = ctx;

  /** Loads a reflection its owner asks for; anything else is 404. */
  async function ownReflection(actor: Actor, id: string): Promise<EnquiryReflectionsTable> {
    await ctx.ready();
    const r = await store.findReflection(db, actor.organisationId, id);
    if (
      !r ||
      !mayEnquiry(actor, {
        kind: 'own-reflection',
        reflection: { organisationId: r.organisation_id, personId: r.person_id },
      })
    )
      throw AppError.notFound();
    return r;
  }

  return {
    /**
     * Saves a "What happened to you?" reflection, only because the person chose to.
     * @returns the new reflection's id, or null when the person chose not to save
     */
    async save(
      actor: Actor,
      input: ReflectionInput,
      auditCtx: AuditContext,
    ): Promise<string | null> {
      await ctx.ready();
      if (!isPersonInCare(actor)) throw AppError.notFound();
      if (input.action === 'discard') return null;
      const { way, happened, affected, sense, survive, strengths, story } = input;
      const answers = { happened, affected, sense, survive, strengths, story };
      if (Object.values(answers).every((a) => !a)) {
        throw AppError.invalid(
          'happened',
          'There is nothing to save yet. Write something, or finish without saving.',
        );
      }
      const id = newId();
      const at = ctx.now();
      await audit.audited(db, auditCtx, async (trx, write) => {
        await store.insertReflection(trx, {
          id,
          organisation_id: actor.organisationId,
          person_id: actor.id,
          answers_enc: ctx.seal({ way, answers }, 'enquiry_reflections', 'answers_enc', id),
          created_at: at,
          updated_at: at,
        });
        await write({
          organisationId: actor.organisationId,
          action: 'enquiry.reflection_save',
          recordType: 'reflection',
          recordId: id,
          subjectPersonId: actor.id,
        });
      });
      return id;
    },

    /** The person's saved reflections (dates only). */
    async list(actor: Actor) {
      if (!isPersonInCare(actor)) throw AppError.notFound();
      return store.listReflections(db, actor.organisationId, actor.id);
    },

    /** One saved reflection, for its owner only. */
    async view(actor: Actor, id: string) {
      const r = await ownReflection(actor, id);
      const data = ctx.open<{ way: string; answers: Record<string, string | undefined> }>(
        r.answers_enc,
        'enquiry_reflections',
        'answers_enc',
        r.id,
      );
      return { id: r.id, createdAt: r.created_at, way: data?.way, answers: data?.answers ?? {} };
    },

    /** Deletes a saved reflection, for its owner only. */
    async delete(actor: Actor, id: string, auditCtx: AuditContext) {
      const r = await ownReflection(actor, id);
      await audit.audited(db, auditCtx, async (trx, write) => {
        await store.deleteReflection(trx, r.organisation_id, r.id);
        await write({
          organisationId: r.organisation_id,
          action: 'enquiry.reflection_delete',
          recordType: 'reflection',
          recordId: r.id,
          subjectPersonId: r.person_id,
        });
      });
    },
  };
}
