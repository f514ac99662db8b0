/** Partners suggesting changes to the course text; administrators accepting or declining. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../lib/app-error.ts';
import { decisionSchema, proposalSchema } from '../../../lib/proposals.ts';
import { errorList, handleForm, parseForm } from '../../../web/forms.ts';
import { submitOnce } from '../../../web/form-once.ts';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { loadCourse } from '../content.ts';
import { SECTION_TEXT_MAX } from '../text-proposals.ts';
import type { LearningService } from '../service.ts';

const suggestionSchema = proposalSchema(SECTION_TEXT_MAX);
const query = (request: FastifyRequest) => request.query as Record<string, unknown>;
const body = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;
const idOf = (request: FastifyRequest) =>
  String((request.params as Record<string, string>).textProposalId);

/** Registers the suggestion pages. */
export function registerSuggestionRoutes(
  app: FastifyInstance,
  deps: { learning: LearningService },
): void {
  const { textProposals } = deps.learning;

  for (const { id: sectionId } of loadCourse().sections) {
    const url = `/learning/course/${sectionId}/suggest`;

    const renderForm = async (
      request: FastifyRequest,
      reply: FastifyReply,
      blockId: string,
      extra: { values?: Record<string, unknown>; errors?: FieldErrors } = {},
    ) => {
      const draft = await textProposals.draft(actorOf(request), sectionId, blockId);
      const errors = extra.errors ?? {};
      return reply.page('learning/views/suggest-form.njk', {
        title: `Suggest a change: ${draft.section.title}`,
        ...draft,
        values: extra.values ?? { text: draft.text },
        errors,
        errorList: errorList(errors),
      });
    };

    app.get(url, async (request, reply) => {
      const block = query(request).block;
      if (typeof block === 'string' && block !== '') return renderForm(request, reply, block);
      const view = await textProposals.blocks(actorOf(request), sectionId);
      return reply.page('learning/views/suggest-choose.njk', {
        title: `Suggest a change: ${view.section.title}`,
        ...view,
        gone: query(request).gone === '1',
      });
    });

    app.post(url, (request, reply) =>
      submitOnce(request, reply, () =>
        handleForm(
          reply,
          async () => {
            const input = parseForm(suggestionSchema, request.body);
            await textProposals.propose(
              actorOf(request),
              sectionId,
              String(body(request).block ?? ''),
              input,
              auditContextOf(request),
            );
            return reply.redirect('/learning/suggestions?done=sent', 303);
          },
          {
            invalid: (errors) =>
              renderForm(request, reply, String(body(request).block ?? ''), {
                values: body(request),
                errors,
              }).catch(() =>
                // The block is no longer there: back to choosing, with the message.
                reply.redirect(`${url}?gone=1`, 303),
              ),
          },
        ),
      ),
    );
  }

  app.get('/learning/suggestions', async (request, reply) => {
    const suggestions = await textProposals.mine(actorOf(request));
    return reply.page('learning/views/suggestions-mine.njk', {
      title: 'Your suggestions for the course',
      suggestions,
      done: query(request).done === 'sent',
    });
  });

  app.get('/admin/learning/suggestions', async (request, reply) => {
    const suggestions = await textProposals.list(actorOf(request));
    return reply.page('learning/views/suggestions-admin.njk', {
      title: 'Suggestions for the course text',
      suggestions,
      done: typeof query(request).done === 'string' ? query(request).done : null,
    });
  });

  const renderOne = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: FieldErrors; conflict?: string } = {},
  ) => {
    const suggestion = await textProposals.show(actorOf(request), idOf(request));
    const errors = extra.errors ?? {};
    return reply.page('learning/views/suggestion.njk', {
      title: `Suggestion for ${suggestion.sectionTitle}`,
      suggestion,
      values: extra.errors ? body(request) : {},
      conflict: extra.conflict ?? null,
      errors,
      errorList: errorList(errors),
    });
  };

  app.get('/admin/learning/suggestions/:textProposalId', (request, reply) =>
    renderOne(request, reply),
  );

  app.post('/admin/learning/suggestions/:textProposalId', (request, reply) =>
    handleForm(
      reply,
      async () => {
        const input = parseForm(decisionSchema, request.body);
        const state = await textProposals.decide(
          actorOf(request),
          idOf(request),
          input,
          auditContextOf(request),
        );
        return reply.redirect(`/admin/learning/suggestions?done=${state}`, 303);
      },
      {
        invalid: (errors) => renderOne(request, reply, { errors }),
        conflict: (message) => renderOne(request, reply, { conflict: message }),
      },
    ),
  );
}
