/** The questions: answering them, pausing, stopping, and the thank-you page for the person. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { handleForm, parseForm } from '../../../web/forms.ts';
import { isAppError } from '../../../lib/app-error.ts';
import type { EnquiryService } from '../service.ts';
import { stagePath } from '../context.ts';
import type { AnswerResult } from '../conversation.ts';
import { enquiryQuestions } from '../content.ts';
import { answerSchema, stopSchema } from '../schema.ts';
import { bodyOf, formErrors, paramOf, queryOf } from './request.ts';
import { renderStep, stepForm } from './steps.ts';

/** Where an answer leads. */
function pathAfterAnswer(id: string, result: AnswerResult): string {
  switch (result.next) {
    case 'question':
      return `/enquiry/${id}/ask?q=${encodeURIComponent(result.questionId)}`;
    case 'paused':
      return result.isPerson ? '/enquiry/thank-you?paused=1' : '/enquiry';
    case 'stop':
      return `/enquiry/${id}/stop`;
    case 'person-done':
      return '/enquiry/thank-you';
    case 'respond':
    case 'close':
      return `/enquiry/${id}/${result.next}`;
  }
}

/** Registers the question pages. */
export function registerQuestionRoutes(app: FastifyInstance, enquiry: EnquiryService): void {
  const { conversation } = enquiry;

  app.get('/enquiry/:enquiryId/ask', (request, reply) =>
    // On the person's own device the questions open with the framing; "Start" comes back with start=yes.
    renderStep(
      enquiry,
      request,
      reply,
      'ask',
      { startChosen: queryOf(request, 'start') === 'yes' },
      queryOf(request, 'q'),
    ),
  );
  app.post('/enquiry/:enquiryId/ask', (request, reply) => {
    const questionId = String(bodyOf(request).questionId ?? '');
    return stepForm(
      enquiry,
      request,
      reply,
      'ask',
      async () => {
        const input = parseForm(answerSchema, request.body);
        const id = paramOf(request);
        const result = await conversation.answer(
          actorOf(request),
          id,
          input,
          auditContextOf(request),
        );
        return pathAfterAnswer(id, result);
      },
      enquiryQuestions.some((q) => q.id === questionId) ? questionId : undefined,
    );
  });

  app.post('/enquiry/:enquiryId/pause', async (request, reply) => {
    const { isPerson } = await conversation
      .pause(
        actorOf(request),
        paramOf(request),
        Number(bodyOf(request).version),
        auditContextOf(request),
      )
      .catch((error: unknown) => {
        if (isAppError(error) && error.kind === 'conflict') return { isPerson: false };
        throw error;
      });
    return reply.redirect(isPerson ? '/enquiry/thank-you?paused=1' : '/enquiry', 303);
  });

  async function renderStop(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Record<string, unknown> = { errors: {} },
  ) {
    const view = await conversation.openStep(
      actorOf(request),
      paramOf(request),
      'ask',
      auditContextOf(request),
    );
    return reply.page('enquiry/views/stop.njk', {
      title: 'Stopping the questions',
      view,
      ...extra,
    });
  }
  app.get('/enquiry/:enquiryId/stop', async (request, reply) => {
    const view = await conversation.openStep(
      actorOf(request),
      paramOf(request),
      'ask',
      auditContextOf(request),
    );
    if (view.stage !== 'ask') {
      return reply.redirect(
        view.isPerson ? '/enquiry/thank-you' : stagePath(view.id, view.stage),
        303,
      );
    }
    return reply.page('enquiry/views/stop.njk', {
      title: 'Stopping the questions',
      view,
      errors: {},
    });
  });
  app.post('/enquiry/:enquiryId/stop', (request, reply) =>
    handleForm(
      reply,
      async () => {
        const input = parseForm(stopSchema, request.body);
        const id = paramOf(request);
        const { stage, isPerson } = await conversation.stop(
          actorOf(request),
          id,
          input,
          auditContextOf(request),
        );
        return reply.redirect(
          isPerson ? '/enquiry/thank-you?stopped=1' : stagePath(id, stage),
          303,
        );
      },
      {
        invalid: (errors) => renderStop(request, reply, formErrors(errors)),
        conflict: (message) => renderStop(request, reply, { errors: {}, conflict: message }),
      },
    ),
  );

  app.get('/enquiry/thank-you', async (request, reply) =>
    reply.page('enquiry/views/thank-you.njk', {
      title: 'Thank you',
      paused: queryOf(request, 'paused') === '1',
      stopped: queryOf(request, 'stopped') === '1',
    }),
  );
}
