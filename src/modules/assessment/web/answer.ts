/** Answering a round with an account: the form, and one whole response saved once. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../lib/app-error.ts';
import { errorList, handleForm } from '../../../web/forms.ts';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { ratingLabels, ratingValues } from '../instrument.ts';
import type { AnswerForm } from '../answering.ts';
import type { AssessmentService } from '../service.ts';

/** The answers in the order the form shows them. */
export const ratingChoices = ratingValues.map((value) => ({ value, text: ratingLabels[value] }));

/** Renders an answer form (for an account or a code). */
export function renderAnswerForm(
  reply: FastifyReply,
  form: AnswerForm,
  extra: { action: string; code?: string; values?: unknown; errors?: FieldErrors },
) {
  const errors = extra.errors ?? {};
  return reply.page('assessment/views/answer.njk', {
    title: form.instrument.title,
    form,
    ratingChoices,
    action: extra.action,
    code: extra.code ?? null,
    values: extra.values ?? {},
    errors,
    errorList: errorList(errors),
  });
}

/** Registers the signed-in answer pages. */
export function registerAnswerRoutes(
  app: FastifyInstance,
  deps: { assessment: AssessmentService },
): void {
  const { answering } = deps.assessment;

  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    roundId: string,
    extra: { values?: unknown; errors?: FieldErrors } = {},
  ) {
    const form = await answering.formFor(actorOf(request), roundId);
    if (form.answered || form.closed) {
      return reply.page('assessment/views/answered.njk', { title: form.title, form });
    }
    return renderAnswerForm(reply, form, {
      action: `/assessment/rounds/${roundId}/answer`,
      ...extra,
    });
  }

  app.get('/assessment/rounds/:roundId/answer', (request, reply) => {
    const { roundId } = request.params as { roundId: string };
    return show(request, reply, roundId);
  });

  app.post('/assessment/rounds/:roundId/answer', (request, reply) => {
    const { roundId } = request.params as { roundId: string };
    return handleForm(
      reply,
      async () => {
        const { saved } = await answering.submit(
          actorOf(request),
          roundId,
          request.body,
          auditContextOf(request),
        );
        return reply.redirect(saved ? '/assessment/thanks' : '/assessment/thanks?already=1', 303);
      },
      { invalid: (errors) => show(request, reply, roundId, { values: request.body, errors }) },
    );
  });

  app.get('/assessment/thanks', (request, reply) =>
    reply.page('assessment/views/thanks.njk', {
      title: 'Thank you',
      already: (request.query as Record<string, unknown>).already === '1',
    }),
  );
}
