/** Managers' pages: the list of rounds, opening one, and a round's page (extend, close, codes). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../lib/app-error.ts';
import { errorList, handleForm, parseForm } from '../../../web/forms.ts';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { groupLabels } from '../results.ts';
import { extendRoundSchema, makeCodesSchema, openRoundSchema } from '../schema.ts';
import type { AssessmentService } from '../service.ts';

const notices: Record<string, string> = {
  opened: 'Round opened. People it is for will see it on their home page.',
  extended: 'Closing date moved.',
  closed: 'Round closed. Its answers are kept and can no longer change.',
};

const groupItems = Object.entries(groupLabels).map(([value, text]) => ({ value, text }));

/** Registers the managers' round pages. */
export function registerRoundRoutes(
  app: FastifyInstance,
  deps: { assessment: AssessmentService },
): void {
  const { rounds, codes } = deps.assessment;

  async function renderList(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { values?: unknown; errors?: FieldErrors } = {},
  ) {
    const data = await rounds.listForManager(actorOf(request));
    const errors = extra.errors ?? {};
    const done = (request.query as Record<string, unknown>).done;
    return reply.page('assessment/views/manage.njk', {
      title: 'Self-assessment',
      ...data,
      notice: typeof done === 'string' ? (notices[done] ?? null) : null,
      values: extra.values ?? {},
      errors,
      errorList: errorList(errors),
    });
  }

  async function renderRound(
    request: FastifyRequest,
    reply: FastifyReply,
    roundId: string,
    extra: { values?: unknown; errors?: FieldErrors } = {},
  ) {
    const actor = actorOf(request);
    const round = await rounds.findForManager(actor, roundId);
    const errors = extra.errors ?? {};
    const done = (request.query as Record<string, unknown>).done;
    return reply.page('assessment/views/round.njk', {
      title: round.title,
      round,
      codeCounts: await codes.counts(actor, roundId),
      groupItems,
      notice: typeof done === 'string' ? (notices[done] ?? null) : null,
      values: extra.values ?? {},
      errors,
      errorList: errorList(errors),
    });
  }

  app.get('/assessment', (request, reply) => renderList(request, reply));

  app.post('/assessment/rounds', (request, reply) =>
    handleForm(
      reply,
      async () => {
        const input = parseForm(openRoundSchema, request.body);
        const { id } = await rounds.open(actorOf(request), input, auditContextOf(request));
        return reply.redirect(`/assessment/rounds/${id}?done=opened`, 303);
      },
      { invalid: (errors) => renderList(request, reply, { values: request.body, errors }) },
    ),
  );

  app.get('/assessment/rounds/:roundId', (request, reply) => {
    const { roundId } = request.params as { roundId: string };
    return renderRound(request, reply, roundId);
  });

  app.post('/assessment/rounds/:roundId/extend', (request, reply) => {
    const { roundId } = request.params as { roundId: string };
    return handleForm(
      reply,
      async () => {
        // A round that is not the caller's is 404 before its form is read.
        await rounds.findForManager(actorOf(request), roundId);
        const { closesOn } = parseForm(extendRoundSchema, request.body);
        await rounds.extend(actorOf(request), roundId, closesOn, auditContextOf(request));
        return reply.redirect(`/assessment/rounds/${roundId}?done=extended`, 303);
      },
      {
        invalid: (errors) => renderRound(request, reply, roundId, { values: request.body, errors }),
      },
    );
  });

  app.post('/assessment/rounds/:roundId/close', (request, reply) => {
    const { roundId } = request.params as { roundId: string };
    return handleForm(
      reply,
      async () => {
        await rounds.close(actorOf(request), roundId, auditContextOf(request));
        return reply.redirect(`/assessment/rounds/${roundId}?done=closed`, 303);
      },
      { invalid: (errors) => renderRound(request, reply, roundId, { errors }) },
    );
  });

  // The codes are shown once, on the page this answers with: only their hashes are kept.
  app.post('/assessment/rounds/:roundId/codes', (request, reply) => {
    const { roundId } = request.params as { roundId: string };
    return handleForm(
      reply,
      async () => {
        const actor = actorOf(request);
        const round = await rounds.findForManager(actor, roundId);
        const input = parseForm(makeCodesSchema, request.body);
        const made = await codes.make(actor, roundId, input, auditContextOf(request));
        reply.header('Cache-Control', 'no-store');
        return reply.page('assessment/views/codes.njk', {
          title: `Codes for ${round.title}`,
          round,
          codes: made,
        });
      },
      {
        invalid: (errors) => renderRound(request, reply, roundId, { values: request.body, errors }),
      },
    );
  });
}
