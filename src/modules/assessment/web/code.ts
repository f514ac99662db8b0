/**
 * Answering with a one-time code, for people without an account. The code travels in the form,
 * never in an address, so it is not kept in browser history or logs.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { FieldErrors } from '../../../lib/app-error.ts';
import { errorList, handleForm, parseForm } from '../../../web/forms.ts';
import { codeSchema } from '../schema.ts';
import type { AssessmentService } from '../service.ts';
import { renderAnswerForm } from './answer.ts';

/** Registers the code pages. */
export function registerCodeRoutes(
  app: FastifyInstance,
  deps: { assessment: AssessmentService },
): void {
  const { answering } = deps.assessment;

  function renderCode(reply: FastifyReply, extra: { values?: unknown; errors?: FieldErrors } = {}) {
    const errors = extra.errors ?? {};
    return reply.page('assessment/views/code.njk', {
      title: 'Answer with a code',
      values: extra.values ?? {},
      errors,
      errorList: errorList(errors),
    });
  }

  app.get('/assessment/code', (_request, reply) => renderCode(reply));

  app.post('/assessment/code', (request, reply) =>
    handleForm(
      reply,
      async () => {
        const { code } = parseForm(codeSchema, request.body);
        const form = await answering.formForCode(code);
        return renderAnswerForm(reply, form, { action: '/assessment/code/answer', code });
      },
      { invalid: (errors) => renderCode(reply, { values: request.body, errors }) },
    ),
  );

  app.post('/assessment/code/answer', (request, reply) =>
    handleForm(
      reply,
      async () => {
        const { code } = parseForm(codeSchema, request.body);
        await answering.submitWithCode(code, request.body);
        return reply.redirect('/assessment/thanks', 303);
      },
      {
        invalid: async (errors) => {
          // A problem with an answer shows the form again; a problem with the code starts over.
          if (errors.code) return renderCode(reply, { values: request.body, errors });
          const { code } = parseForm(codeSchema, request.body);
          const form = await answering.formForCode(code);
          return renderAnswerForm(reply, form, {
            action: '/assessment/code/answer',
            code,
            values: request.body,
            errors,
          });
        },
      },
    ),
  );
}
