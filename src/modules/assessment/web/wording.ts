/** The organisation's statements: local statements, partners' suggested wording, decisions. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../lib/app-error.ts';
import { decisionSchema, proposalSchema } from '../../../lib/proposals.ts';
import { errorList, handleForm, parseForm } from '../../../web/forms.ts';
import { submitOnce } from '../../../web/form-once.ts';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { localItemSchema } from '../schema.ts';
import type { AssessmentService } from '../service.ts';
import { STATEMENT_MAX } from '../wording.ts';

const suggestionSchema = proposalSchema(STATEMENT_MAX);
const query = (request: FastifyRequest) => request.query as Record<string, unknown>;
const body = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;
const param = (request: FastifyRequest, name: string) =>
  String((request.params as Record<string, string>)[name]);

const notices: Record<string, string> = {
  added: 'Local statement added. It will be asked in new rounds.',
  sent: 'Thank you. Your suggestion has been sent. You will see the decision below.',
  accepted: 'Suggestion accepted. New rounds will use the new words.',
  declined: 'Suggestion declined. The partner sees your reason.',
};

/** Registers the statements and suggestions pages. */
export function registerWordingRoutes(
  app: FastifyInstance,
  deps: { assessment: AssessmentService },
): void {
  const { wording } = deps.assessment;

  async function renderStatements(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { values?: unknown; errors?: FieldErrors } = {},
  ) {
    const actor = actorOf(request);
    const data = await wording.statements(actor);
    const errors = extra.errors ?? {};
    return reply.page('assessment/views/statements.njk', {
      title: 'The statements we ask about',
      ...data,
      suggestions: await wording.list(actor),
      sectionItems: [
        { value: '', text: 'Choose a principle' },
        ...data.sections.map((s) => ({ value: s.id, text: s.title })),
      ],
      notice: notices[String(query(request).done)] ?? null,
      values: extra.values ?? {},
      errors,
      errorList: errorList(errors),
    });
  }

  app.get('/assessment/statements', (request, reply) => renderStatements(request, reply));

  app.post('/assessment/statements', (request, reply) =>
    submitOnce(request, reply, () =>
      handleForm(
        reply,
        async () => {
          const input = parseForm(localItemSchema, request.body);
          await wording.addLocal(actorOf(request), input, auditContextOf(request));
          return reply.redirect('/assessment/statements?done=added', 303);
        },
        {
          invalid: (errors) => renderStatements(request, reply, { values: body(request), errors }),
        },
      ),
    ),
  );

  async function renderSuggest(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { values?: unknown; errors?: FieldErrors } = {},
  ) {
    const draft = await wording.draft(actorOf(request), param(request, 'itemId'));
    const errors = extra.errors ?? {};
    return reply.page('assessment/views/suggest-wording.njk', {
      title: 'Suggest new wording',
      ...draft,
      values: extra.values ?? { text: draft.item.text },
      errors,
      errorList: errorList(errors),
    });
  }

  app.get('/assessment/statements/:itemId/suggest', (request, reply) =>
    renderSuggest(request, reply),
  );

  app.post('/assessment/statements/:itemId/suggest', (request, reply) =>
    submitOnce(request, reply, () =>
      handleForm(
        reply,
        async () => {
          const input = parseForm(suggestionSchema, request.body);
          await wording.propose(
            actorOf(request),
            param(request, 'itemId'),
            input,
            auditContextOf(request),
          );
          return reply.redirect('/assessment/statements?done=sent#suggestions', 303);
        },
        { invalid: (errors) => renderSuggest(request, reply, { values: body(request), errors }) },
      ),
    ),
  );

  async function renderOne(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: FieldErrors; conflict?: string } = {},
  ) {
    const suggestion = await wording.show(actorOf(request), param(request, 'wordingProposalId'));
    const errors = extra.errors ?? {};
    return reply.page('assessment/views/wording-suggestion.njk', {
      title: 'Suggested wording',
      suggestion,
      values: extra.errors ? body(request) : {},
      conflict: extra.conflict ?? null,
      errors,
      errorList: errorList(errors),
    });
  }

  app.get('/assessment/suggestions/:wordingProposalId', (request, reply) =>
    renderOne(request, reply),
  );

  app.post('/assessment/suggestions/:wordingProposalId', (request, reply) =>
    handleForm(
      reply,
      async () => {
        const input = parseForm(decisionSchema, request.body);
        const state = await wording.decide(
          actorOf(request),
          param(request, 'wordingProposalId'),
          input,
          auditContextOf(request),
        );
        return reply.redirect(`/assessment/statements?done=${state}#suggestions`, 303);
      },
      {
        invalid: (errors) => renderOne(request, reply, { errors }),
        conflict: (message) => renderOne(request, reply, { conflict: message }),
      },
    ),
  );
}
