/**
 * A practitioner's next steps after a conversation: safety actions raised by the answers, and
 * the offer of reflective space after hearing a disclosure.
 */
import type { Actor } from '../accounts/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { AppError } from '../../lib/app-error.ts';
import type { EnquiryContext } from './context.ts';
import { enquiryEvent } from './context.ts';
import { leadsConversations } from './policy.ts';

/** Creates the next-steps capability. */
export function createNextSteps(ctx: EnquiryContext) {
  const { db, store, audit, accounts } = ctx;

  return {
    /** A practitioner's open next steps (safety actions and offers of reflective space). */
    async list(actor: Actor) {
      if (!leadsConversations(actor)) return [];
      const tasks = await store.listOpenTasks(db, actor.organisationId, actor.id);
      const names = await accounts.describeAccounts(
        db,
        tasks.map((t) => t.person_id),
        actor.organisationId,
      );
      return tasks.map((t) => ({
        id: t.id,
        kind: t.kind,
        enquiryId: t.enquiry_id,
        personName: names.get(t.person_id)?.displayName ?? '',
        createdAt: t.created_at,
      }));
    },

    /**
     * Marks a safety next step done.
     * @returns the conversation it came from
     */
    async completeSafetyStep(actor: Actor, taskId: string, auditCtx: AuditContext) {
      await ctx.ready();
      const t = await store.findTask(db, actor.organisationId, taskId);
      if (!t || t.practitioner_id !== actor.id || t.kind !== 'safety') throw AppError.notFound();
      if (!(await ctx.personVisible(actor, t.person_id))) throw AppError.notFound();
      await audit.audited(db, auditCtx, async (trx, write) => {
        await store.setTaskState(trx, t.organisation_id, t.id, 'done', ctx.now());
        await write(enquiryEvent({ ...t, id: t.enquiry_id }, 'enquiry.safety_step_done'));
      });
      return t.enquiry_id;
    },

    /** The practitioner answers the offer of reflective space. */
    async answerSupervision(
      actor: Actor,
      taskId: string,
      response: 'requested' | 'dismissed' | null,
      auditCtx: AuditContext,
    ): Promise<'requested' | 'dismissed'> {
      await ctx.ready();
      const t = await store.findTask(db, actor.organisationId, taskId);
      if (!t || t.practitioner_id !== actor.id || t.kind !== 'supervision') {
        throw AppError.notFound();
      }
      if (response === null) throw AppError.invalid('response', 'Choose an answer');
      if (t.state !== 'open') return t.state === 'requested' ? 'requested' : 'dismissed';
      await audit.audited(db, auditCtx, async (trx, write) => {
        await store.setTaskState(trx, t.organisation_id, t.id, response, ctx.now());
        await write({
          organisationId: t.organisation_id,
          action: 'enquiry.supervision',
          recordType: 'task',
          recordId: t.id,
          detail: { response },
        });
      });
      return response;
    },
  };
}
