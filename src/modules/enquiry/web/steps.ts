/** Showing a step of the conversation, and showing it again when a form on it fails. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { handleForm } from '../../../web/forms.ts';
import type { EnquiryService } from '../service.ts';
import {
  answerChoices,
  notAskedReasons,
  preparationChecks,
  responseSteps,
  safetyQuestions,
} from '../content.ts';
import type { EnquiryStage } from '../tables.ts';
import { bodyOf, formErrors, paramOf } from './request.ts';

/** A step with its own page. */
export type StepStage = Exclude<EnquiryStage, 'done'>;

const stageTemplates: Record<StepStage, { template: string; title: string }> = {
  prepare: { template: 'enquiry/views/prepare.njk', title: 'Before you ask' },
  consent: { template: 'enquiry/views/consent.njk', title: 'Why we ask everyone' },
  ask: { template: 'enquiry/views/ask.njk', title: 'Questions about hard experiences' },
  respond: { template: 'enquiry/views/respond.njk', title: 'Responding to what was shared' },
  close: { template: 'enquiry/views/close.njk', title: 'Closing the conversation' },
  record: { template: 'enquiry/views/record.njk', title: 'Agreeing what goes in the record' },
};

/** Renders a step, or redirects to where the conversation actually is. */
export async function renderStep(
  enquiry: EnquiryService,
  request: FastifyRequest,
  reply: FastifyReply,
  stage: StepStage,
  extra: Record<string, unknown> = {},
  questionId?: string,
) {
  const view = await enquiry.conversation.openStep(
    actorOf(request),
    paramOf(request),
    stage,
    auditContextOf(request),
    { questionId },
  );
  if (view.redirect) {
    if (extra.conflict) {
      reply.code(409);
      return reply.page('enquiry/views/conflict.njk', {
        title: 'This conversation has moved on',
        message: extra.conflict,
        continueHref: view.isPerson ? '/' : view.redirect,
      });
    }
    if (view.isPerson) return reply.redirect('/enquiry/thank-you', 303);
    return reply.redirect(view.redirect, 303);
  }
  const { template, title } = stageTemplates[stage];
  return reply.page(template, {
    title,
    view,
    values: {},
    errors: {},
    answerChoices,
    preparationChecks,
    notAskedReasons,
    responseSteps,
    safetyQuestions,
    ...extra,
  });
}

/**
 * Handles a step's POST: one service call, then on to the path it gives; on a form problem or
 * a clash, shows the step again with what was typed.
 */
export function stepForm(
  enquiry: EnquiryService,
  request: FastifyRequest,
  reply: FastifyReply,
  stage: StepStage,
  act: () => Promise<string>,
  questionId?: string,
) {
  const again = (extra: Record<string, unknown>) =>
    renderStep(enquiry, request, reply, stage, { values: bodyOf(request), ...extra }, questionId);
  return handleForm(reply, async () => reply.redirect(await act(), 303), {
    invalid: (errors) => again(formErrors(errors)),
    conflict: (message) => again({ conflict: message }),
  });
}
