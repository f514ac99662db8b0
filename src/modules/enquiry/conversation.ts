/**
 * The conversation, from starting it to the end of the questions: getting ready, the person's
 * choice after the framing statement, the questions themselves, pausing and stopping. Only the
 * practitioner who leads a conversation (or, answering on their own device, the person) can
 * move it on, and two screens saving at once cannot overwrite each other.
 */
import type { Actor } from '../accounts/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { newId } from '../../lib/tokens.ts';
import { enquiryAreas, enquiryQuestions } from './content.ts';
import type { EnquiryQuestion } from './content.ts';
import type { Answers, EnquiryContext, EnquiryPatch } from './context.ts';
import { enquiryEvent, hasDisclosure, questionIndex, stagePath } from './context.ts';
import { mayEnquiry } from './policy.ts';
import type {
  AnswerInput,
  ConsentInput,
  NotAskedInput,
  PrepareInput,
  RespondInput,
  StopInput,
} from './schema.ts';
import type { EnquiriesTable, EnquiryStage } from './tables.ts';

const lastQuestion = enquiryQuestions[enquiryQuestions.length - 1] as EnquiryQuestion;

/** Where to go after an answer is saved. */
export type AnswerStep =
  | { next: 'question'; questionId: string }
  | { next: 'respond' | 'close' | 'paused' | 'stop' | 'person-done' };

/** Where to go after an answer is saved, and whether the person themselves answered. */
export type AnswerResult = AnswerStep & { isPerson: boolean };

/** A new conversation row, at its first step. */
function newEnquiry(actor: Actor, personId: string, unitId: string | null, at: string) {
  const row: EnquiriesTable = {
    id: newId(),
    organisation_id: actor.organisationId,
    person_id: personId,
    practitioner_id: actor.id,
    unit_id: unitId,
    period: at.slice(0, 7),
    state: 'open',
    stage: 'prepare',
    mode: 'together',
    outcome: null,
    not_asked_reason: null,
    stopped: 0,
    disclosed: 0,
    preparation_json: null,
    answers_enc: null,
    response_enc: null,
    close_enc: null,
    note_enc: null,
    return_on: null,
    returned_at: null,
    follow_up_on: null,
    followed_up_at: null,
    version: 1,
    created_at: at,
    updated_at: at,
    completed_at: null,
  };
  return row;
}

/** Creates the conversation's opening and questions. */
export function createConversation(ctx: EnquiryContext) {
  const { db, store, audit, accounts } = ctx;

  return {
    /**
     * Starts a conversation with a person, or returns the one this practitioner already has
     * open. Another practitioner's open conversation is a conflict, named but never shown.
     */
    async start(actor: Actor, personId: string, auditCtx: AuditContext): Promise<string> {
      await ctx.ready();
      const visible = await ctx.personVisible(actor, personId);
      if (!mayEnquiry(actor, { kind: 'start', personVisible: visible })) throw AppError.notFound();
      const existing = await store.findOpenEnquiry(db, actor.organisationId, personId);
      if (existing) {
        if (existing.practitioner_id === actor.id) return existing.id;
        throw AppError.conflict(
          `${await ctx.nameOf(existing.organisation_id, existing.practitioner_id)} already has a conversation open with this person, started on ${existing.created_at.slice(0, 10)}. Only one conversation can be open at a time, so that what is said stays between the person and the practitioner they are talking with. Ask them to finish or pause it and talk with you first.`,
        );
      }
      const personUnits = await accounts.unitIdsOfPerson(personId, actor.organisationId);
      const unitId =
        personUnits.find((u) => actor.unitIds.includes(u)) ??
        personUnits[0] ??
        actor.unitIds[0] ??
        null;
      const at = ctx.now();
      const row = newEnquiry(actor, personId, unitId, at);
      try {
        await audit.audited(db, auditCtx, async (trx, write) => {
          await store.markReturned(trx, actor.organisationId, personId, at);
          await store.insertEnquiry(trx, row);
          await write(enquiryEvent(row, 'enquiry.start'));
        });
      } catch (error) {
        // The unique index on open conversations: someone else started one a moment ago.
        if (await store.findOpenEnquiry(db, actor.organisationId, personId)) {
          throw AppError.conflict(
            'Another practitioner started a conversation with this person a moment ago. Only one can be open at a time.',
          );
        }
        throw error;
      }
      return row.id;
    },

    /**
     * Opens a step of the conversation for the lead practitioner or (for the questions, on
     * their own device) the person. Steps out of order redirect to where the conversation is.
     */
    async openStep(
      actor: Actor,
      id: string,
      stage: EnquiryStage,
      auditCtx: AuditContext,
      options: { questionId?: string } = {},
    ) {
      const kind = stage === 'ask' ? 'answer' : 'lead';
      const e = await ctx.loadEnquiry(actor, id, kind);
      const isPerson = actor.id === e.person_id;
      const base = {
        id: e.id,
        version: e.version,
        stage: e.stage,
        state: e.state,
        mode: e.mode,
        isPerson,
        personName: await ctx.nameOf(e.organisation_id, e.person_id),
        practitionerName: await ctx.nameOf(e.organisation_id, e.practitioner_id),
        redirect: e.stage !== stage ? stagePath(e.id, e.stage) : null,
      };
      if (base.redirect) return { ...base, answers: {} as Answers };
      // Everything read outside the transaction is read first: SQLite has one connection.
      const shareOptions =
        stage === 'record'
          ? await ctx.shareOptionsFor(e.organisation_id, e.person_id, e.practitioner_id)
          : [];
      return audit.audited(db, auditCtx, async (trx, write) => {
        const waitingForPerson = stage === 'ask' && !isPerson && e.mode === 'own_device';
        const answers = ctx.answersOf(e);
        const answered = enquiryQuestions.filter((q) => answers[q.id]?.answer).length;
        const firstUnanswered = enquiryQuestions.find((q) => !answers[q.id]?.answer);
        const question =
          enquiryQuestions.find((q) => q.id === options.questionId) ??
          firstUnanswered ??
          lastQuestion;
        // Audit only when this page shows staff something the person said.
        const showsContent =
          !waitingForPerson &&
          ((stage === 'ask' && answers[question.id] !== undefined) ||
            ((stage === 'respond' || stage === 'record') && hasDisclosure(answers)));
        if (showsContent && !isPerson && Object.keys(answers).length > 0) {
          await write(enquiryEvent(e, 'enquiry.view_answers'));
        }
        const response =
          stage === 'respond' || stage === 'close'
            ? ctx.open<RespondInput>(e.response_enc, 'enquiries', 'response_enc', e.id)
            : null;
        const tasks = await store.listTasksOfEnquiry(trx, e.organisation_id, e.id);
        return {
          ...base,
          // While the person answers on their own device, the practitioner sees progress only.
          answers: waitingForPerson ? ({} as Answers) : answers,
          waitingForPerson,
          answered,
          total: enquiryQuestions.length,
          question,
          questionNumber: questionIndex(question.id) + 1,
          area: enquiryAreas.find((a) => a.id === question.area) ?? enquiryAreas[0],
          disclosedAreas: enquiryQuestions
            .filter((q) => answers[q.id]?.answer === 'yes')
            .map((q) => ({ id: q.id, short: q.short, words: answers[q.id]?.words })),
          disclosed: hasDisclosure(answers),
          stopped: e.stopped === 1,
          response,
          notesSuggestions: await ctx.suggestionsFor(e.organisation_id, response?.notes, trx),
          safetyNextStep: tasks.some((t) => t.kind === 'safety' && t.state === 'open'),
          shareOptions,
        };
      });
    },

    /** Records the preparation checks and how the questions will be answered. */
    async prepare(actor: Actor, id: string, input: PrepareInput, auditCtx: AuditContext) {
      const e = await ctx.loadEnquiry(actor, id, 'lead');
      if (e.stage !== 'prepare') throw AppError.conflict('This step has already been done.');
      const missing = ['private', 'time', 'alone', 'language'].filter(
        (c) => !input.checks.includes(c as never),
      );
      if (missing.length > 0) {
        throw AppError.invalid(
          'checks',
          'Each of these needs to be true before you ask. If one cannot be met today, choose "Not today" below and say why.',
        );
      }
      await audit.audited(db, auditCtx, async (trx, write) => {
        await ctx.save(trx, e, input.version, {
          stage: 'consent',
          state: 'open',
          mode: input.mode,
          preparation_json: JSON.stringify({ checks: input.checks }),
          updated_at: ctx.now(),
        });
        await write(enquiryEvent(e, 'enquiry.prepare', { mode: input.mode }));
      });
    },

    /** Records that the enquiry did not happen this time, why, and when to come back. */
    async notAsked(actor: Actor, id: string, input: NotAskedInput, auditCtx: AuditContext) {
      const e = await ctx.loadEnquiry(actor, id, 'lead');
      if (e.stage !== 'prepare' && e.stage !== 'consent') {
        throw AppError.conflict('The questions have already started.');
      }
      if (input.returnOn !== null && input.returnOn < ctx.today()) {
        throw AppError.invalid('returnOn', 'The date to come back must be today or later');
      }
      const at = ctx.now();
      await audit.audited(db, auditCtx, async (trx, write) => {
        await ctx.save(trx, e, input.version, {
          state: 'done',
          stage: 'done',
          outcome: 'not_asked',
          not_asked_reason: input.reason,
          note_enc: input.note ? ctx.seal(input.note, 'enquiries', 'note_enc', e.id) : null,
          return_on: input.returnOn,
          updated_at: at,
          completed_at: at,
        });
        await write(enquiryEvent(e, 'enquiry.not_asked', { reason: input.reason }));
      });
      return { suggestions: await ctx.suggestionsFor(e.organisation_id, input.note) };
    },

    /** Records the person's choice after the framing statement: now, not now, or no. */
    async consent(actor: Actor, id: string, input: ConsentInput, auditCtx: AuditContext) {
      const e = await ctx.loadEnquiry(actor, id, 'lead');
      if (e.stage !== 'consent') throw AppError.conflict('This step has already been done.');
      if (input.choice === 'not_now' && input.returnOn !== null && input.returnOn < ctx.today()) {
        throw AppError.invalid('returnOn', 'The date to come back must be today or later');
      }
      const at = ctx.now();
      await audit.audited(db, auditCtx, async (trx, write) => {
        if (input.choice === 'now') {
          await ctx.save(trx, e, input.version, {
            stage: 'ask',
            state: 'open',
            outcome: 'asked',
            updated_at: at,
          });
        } else {
          await ctx.save(trx, e, input.version, {
            stage: 'done',
            state: 'done',
            outcome: input.choice === 'no' ? 'declined' : 'not_now',
            return_on: input.choice === 'not_now' ? input.returnOn : null,
            updated_at: at,
            completed_at: at,
          });
        }
        await write(enquiryEvent(e, 'enquiry.consent', { choice: input.choice }));
      });
      return input.choice;
    },

    /**
     * Saves one answer (or none, when pausing or stopping) and says where to go next.
     * @returns the next question id, or the next step
     */
    async answer(
      actor: Actor,
      id: string,
      input: AnswerInput,
      auditCtx: AuditContext,
    ): Promise<AnswerResult> {
      const e = await ctx.loadEnquiry(actor, id, 'answer');
      if (e.stage !== 'ask') throw AppError.conflict('The questions have finished.');
      const index = questionIndex(input.questionId);
      if (index < 0) throw AppError.invalid('answer', 'Choose an answer');
      if (input.action === 'next' && !input.answer) {
        throw AppError.invalid(
          'answer',
          'Choose an answer. You can always choose "I\'d rather not say".',
        );
      }
      const answers = ctx.answersOf(e);
      if (input.answer) {
        answers[input.questionId] = {
          answer: input.answer,
          ...(input.words && input.answer !== 'rather_not_say' ? { words: input.words } : {}),
        };
      } else if (input.action === 'pause' && input.words) {
        // Pausing keeps what was typed as a draft, to come back to; it is not an answer.
        answers[input.questionId] = { words: input.words };
      }
      const patch: EnquiryPatch = {
        answers_enc: ctx.seal(answers, 'enquiries', 'answers_enc', e.id),
        updated_at: ctx.now(),
        state: 'open',
      };
      const isPerson = actor.id === e.person_id;
      const result = { ...nextAfterAnswer(input, index, answers, isPerson, patch), isPerson };
      await audit.audited(db, auditCtx, async (trx, write) => {
        await ctx.save(trx, e, input.version, patch);
        if (input.answer) {
          await write(enquiryEvent(e, 'enquiry.answer', { question: input.questionId }));
        }
        if (input.action === 'pause') await write(enquiryEvent(e, 'enquiry.pause'));
      });
      return result;
    },

    /** Pauses a conversation, keeping everything so far. */
    async pause(actor: Actor, id: string, version: number, auditCtx: AuditContext) {
      const e = await ctx.loadEnquiry(actor, id, 'answer');
      await audit.audited(db, auditCtx, async (trx, write) => {
        await ctx.save(trx, e, version, { state: 'paused', updated_at: ctx.now() });
        await write(enquiryEvent(e, 'enquiry.pause'));
      });
      return { isPerson: actor.id === e.person_id };
    },

    /**
     * Stops the questions. What was answered is kept only if the person agrees; otherwise the
     * draft answers are deleted.
     */
    async stop(actor: Actor, id: string, input: StopInput, auditCtx: AuditContext) {
      const e = await ctx.loadEnquiry(actor, id, 'answer');
      if (e.stage !== 'ask') throw AppError.conflict('The questions have finished.');
      const answers = input.keep === 'yes' ? ctx.answersOf(e) : {};
      const stage: EnquiryStage = hasDisclosure(answers) ? 'respond' : 'close';
      await audit.audited(db, auditCtx, async (trx, write) => {
        await ctx.save(trx, e, input.version, {
          stage,
          state: 'open',
          stopped: 1,
          answers_enc: input.keep === 'yes' ? e.answers_enc : null,
          updated_at: ctx.now(),
        });
        await write(enquiryEvent(e, 'enquiry.stop', { kept: input.keep === 'yes' }));
      });
      return { stage, isPerson: actor.id === e.person_id };
    },
  };
}

/** Works out where an answer leads, and sets the stage or state on `patch` to match. */
function nextAfterAnswer(
  input: AnswerInput,
  index: number,
  answers: Answers,
  isPerson: boolean,
  patch: EnquiryPatch,
): AnswerStep {
  if (input.action === 'pause') {
    patch.state = 'paused';
    return { next: 'paused' };
  }
  if (input.action === 'stop') return { next: 'stop' };
  if (input.action === 'back') {
    return {
      next: 'question',
      questionId: enquiryQuestions[Math.max(0, index - 1)]?.id ?? input.questionId,
    };
  }
  const nextQuestion =
    enquiryQuestions.slice(index + 1).find((q) => !answers[q.id]?.answer) ??
    enquiryQuestions.find((q) => !answers[q.id]?.answer);
  if (nextQuestion) return { next: 'question', questionId: nextQuestion.id };
  patch.stage = hasDisclosure(answers) ? 'respond' : 'close';
  return isPerson ? { next: 'person-done' } : { next: patch.stage };
}
