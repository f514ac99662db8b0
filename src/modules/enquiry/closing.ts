/**
 * The end of a conversation: responding to what was shared (raising a safety next step when
 * answers need action), closing with a check-in, recording a disclosure in words the person
 * agreed, the lead practitioner's summary and the follow-up. Part of the `conversation` surface.
 */
import type { Actor } from '../accounts/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { newId } from '../../lib/tokens.ts';
import {
  enquiryQuestions,
  notAskedReasons,
  outcomeLabels,
  referralStatusLabels,
  safetyAnswersNeedingAction,
  safetyQuestions,
} from './content.ts';
import type { EnquiryContext } from './context.ts';
import { enquiryEvent, hasDisclosure } from './context.ts';
import type { CloseInput, RecordInput, RespondInput } from './schema.ts';
import type { EnquiriesTable, EnquiryTasksTable } from './tables.ts';

/** Whether the safety answers need the practitioner to act. */
function safetyNeedsAction(input: RespondInput): boolean {
  return safetyQuestions.some((q) => {
    const a = input[`safety-${q.id}`];
    return (
      (safetyAnswersNeedingAction.includes(q.id) && a === 'yes') ||
      ((q.id === 'others' || q.id === 'danger') && a === 'unsure')
    );
  });
}

/** A next step for the lead practitioner of a conversation. */
function taskFor(e: EnquiriesTable, kind: EnquiryTasksTable['kind'], at: string) {
  const row: EnquiryTasksTable = {
    id: newId(),
    organisation_id: e.organisation_id,
    practitioner_id: e.practitioner_id,
    person_id: e.person_id,
    enquiry_id: e.id,
    unit_id: e.unit_id,
    kind,
    state: 'open',
    created_at: at,
    done_at: null,
  };
  return row;
}

/** Creates the end of the conversation. */
export function createClosing(ctx: EnquiryContext) {
  const { db, store, audit } = ctx;

  return {
    /**
     * Records the practitioner's response to a disclosure. Safety answers that need action
     * create a next step for the practitioner.
     * @returns whether a safety next step was raised
     */
    async respond(actor: Actor, id: string, input: RespondInput, auditCtx: AuditContext) {
      const e = await ctx.loadEnquiry(actor, id, 'lead');
      if (e.stage !== 'respond') throw AppError.conflict('This step has already been done.');
      const needsAction = safetyNeedsAction(input);
      await audit.audited(db, auditCtx, async (trx, write) => {
        await ctx.save(trx, e, input.version, {
          stage: 'close',
          state: 'open',
          response_enc: ctx.seal(input, 'enquiries', 'response_enc', e.id),
          updated_at: ctx.now(),
        });
        await write(enquiryEvent(e, 'enquiry.respond'));
        const tasks = await store.listTasksOfEnquiry(trx, e.organisation_id, e.id);
        if (needsAction && !tasks.some((t) => t.kind === 'safety')) {
          await store.insertTask(trx, taskFor(e, 'safety', ctx.now()));
          await write(enquiryEvent(e, 'enquiry.safety_step'));
        }
      });
      return { safetyNextStep: needsAction };
    },

    /** Closes the conversation: check-in, grounding and (after a disclosure) a follow-up date. */
    async close(actor: Actor, id: string, input: CloseInput, auditCtx: AuditContext) {
      const e = await ctx.loadEnquiry(actor, id, 'lead');
      if (e.stage !== 'close') throw AppError.conflict('This step has already been done.');
      const disclosed = hasDisclosure(ctx.answersOf(e));
      if (disclosed && input.followUpOn === null) {
        throw AppError.invalid(
          'followUpOn',
          'Agree a date to check in with the person again, within the next few days if you can',
        );
      }
      if (input.followUpOn !== null && input.followUpOn < ctx.today()) {
        throw AppError.invalid('followUpOn', 'The follow-up date must be today or later');
      }
      const at = ctx.now();
      const closeNotes = ctx.seal(
        { grounding: input.grounding, feeling: input.feeling },
        'enquiries',
        'close_enc',
        e.id,
      );
      await audit.audited(db, auditCtx, async (trx, write) => {
        await ctx.save(
          trx,
          e,
          input.version,
          disclosed
            ? {
                stage: 'record',
                state: 'open',
                close_enc: closeNotes,
                follow_up_on: input.followUpOn,
                updated_at: at,
              }
            : {
                // Nothing was disclosed: keep only that the person was asked.
                stage: 'done',
                state: 'done',
                close_enc: closeNotes,
                answers_enc: null,
                follow_up_on: input.followUpOn,
                updated_at: at,
                completed_at: at,
              },
        );
        await write(enquiryEvent(e, 'enquiry.close'));
      });
      return { disclosed };
    },

    /**
     * Records the disclosure in words the person agreed, visible by default only to them and
     * the practitioner who asked, plus anyone they chose. Offers the practitioner reflective
     * space afterwards.
     */
    async recordDisclosure(actor: Actor, id: string, input: RecordInput, auditCtx: AuditContext) {
      const e = await ctx.loadEnquiry(actor, id, 'lead');
      if (e.stage !== 'record') throw AppError.conflict('This step has already been done.');
      if (!input.words) {
        throw AppError.invalid(
          'words',
          'Write the words the person agrees to. A short sentence in their words is enough.',
        );
      }
      const answers = ctx.answersOf(e);
      const disclosureId = newId();
      const options = await ctx.shareOptionsFor(e.organisation_id, e.person_id, e.practitioner_id);
      const shares = ctx.parseShares(input.share, options, e.organisation_id, disclosureId);
      const areas =
        input.keepAnswers === 'yes'
          ? enquiryQuestions
              .filter((q) => answers[q.id]?.answer === 'yes')
              .map((q) => ({ id: q.id, words: answers[q.id]?.words ?? null }))
          : [];
      const at = ctx.now();
      await audit.audited(db, auditCtx, async (trx, write) => {
        await ctx.save(trx, e, input.version, {
          stage: 'done',
          state: 'done',
          disclosed: 1,
          answers_enc: null,
          updated_at: at,
          completed_at: at,
        });
        await store.insertDisclosure(trx, {
          id: disclosureId,
          organisation_id: e.organisation_id,
          enquiry_id: e.id,
          person_id: e.person_id,
          practitioner_id: e.practitioner_id,
          record_enc: ctx.seal(input.words, 'enquiry_disclosures', 'record_enc', disclosureId),
          areas_enc: ctx.seal(areas, 'enquiry_disclosures', 'areas_enc', disclosureId),
          status: 'active',
          created_at: at,
          updated_at: at,
          withdrawn_at: null,
        });
        await store.replaceShares(trx, e.organisation_id, disclosureId, shares);
        await store.insertTask(trx, taskFor(e, 'supervision', at));
        await write(enquiryEvent(e, 'enquiry.record', { shared: shares.length }));
      });
      return { disclosureId };
    },

    /** The lead practitioner's summary of a conversation (audited when it shows content). */
    async summary(actor: Actor, id: string, auditCtx: AuditContext) {
      const e = await ctx.loadEnquiry(actor, id, 'lead');
      const personName = await ctx.nameOf(e.organisation_id, e.person_id);
      return audit.audited(db, auditCtx, async (trx, write) => {
        const response = ctx.open<RespondInput>(e.response_enc, 'enquiries', 'response_enc', e.id);
        const closeNotes = ctx.open<{ grounding: string; feeling?: string }>(
          e.close_enc,
          'enquiries',
          'close_enc',
          e.id,
        );
        const note = ctx.open<string>(e.note_enc, 'enquiries', 'note_enc', e.id);
        if (response || closeNotes?.feeling || note) {
          await write(enquiryEvent(e, 'enquiry.view'));
        }
        const org = e.organisation_id;
        const disclosure = await store.findDisclosureOfEnquiry(trx, org, e.id);
        const referrals = await store.listReferralsOfEnquiry(trx, org, e.id);
        const services = await store.listServices(trx, org, false);
        const tasks = await store.listTasksOfEnquiry(trx, org, e.id);
        return {
          id: e.id,
          version: e.version,
          personName,
          state: e.state,
          stage: e.stage,
          outcome: e.outcome,
          outcomeLabel: e.outcome ? outcomeLabels[e.outcome] : 'Not finished',
          notAskedReason: notAskedReasons.find((r) => r.value === e.not_asked_reason)?.text,
          stopped: e.stopped === 1,
          createdAt: e.created_at,
          completedAt: e.completed_at,
          returnOn: e.return_on,
          followUpOn: e.follow_up_on,
          followedUpAt: e.followed_up_at,
          response,
          closeNotes,
          note,
          notesSuggestions: await ctx.suggestionsFor(org, response?.notes, trx),
          noteSuggestions: await ctx.suggestionsFor(org, note ?? undefined, trx),
          disclosure: disclosure
            ? { id: disclosure.id, status: disclosure.status, withdrawnAt: disclosure.withdrawn_at }
            : null,
          referrals: referrals.map((r) => ({
            id: r.id,
            kind: r.kind,
            status: r.status,
            statusLabel: referralStatusLabels[r.status],
            serviceName: services.find((s) => s.id === r.service_id)?.name ?? '',
            closed: r.closed_at !== null,
          })),
          safetyTask: tasks.find((t) => t.kind === 'safety') ?? null,
          supervisionTask: tasks.find((t) => t.kind === 'supervision') ?? null,
          canRefer: e.outcome === 'asked' && e.stage === 'done',
          canFollowUp: e.disclosed === 1 && e.followed_up_at === null,
        };
      });
    },

    /** Records that the agreed follow-up has happened. */
    async recordFollowUp(actor: Actor, id: string, version: number, auditCtx: AuditContext) {
      const e = await ctx.loadEnquiry(actor, id, 'lead');
      if (e.disclosed !== 1 || e.followed_up_at !== null) {
        throw AppError.conflict('There is no follow-up waiting for this conversation.');
      }
      await audit.audited(db, auditCtx, async (trx, write) => {
        await ctx.save(trx, e, version, { followed_up_at: ctx.now(), updated_at: ctx.now() });
        await write(enquiryEvent(e, 'enquiry.follow_up'));
      });
    },
  };
}
