/**
 * Discharge messages: the writer's page (write, see where each message is, take it down) and the
 * ward staff's check (approve, or decline with a reason).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../lib/app-error.ts';
import { errorList, handleForm, parseForm } from '../../../web/forms.ts';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { MESSAGE_LIMIT, dischargeMessageSchema, messageDecisionSchema } from '../screen-schema.ts';
import type { WardsService } from '../service.ts';

const one = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** Registers the discharge message pages. */
export function registerDischargeMessageRoutes(
  app: FastifyInstance,
  deps: { wards: WardsService },
) {
  const { messages } = deps.wards.screen;

  async function renderMine(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { values?: Record<string, unknown>; errors?: FieldErrors; saved?: string } = {},
  ) {
    const mine = await messages.mine(actorOf(request));
    const errors = extra.errors ?? {};
    return reply.page('wards/views/discharge-message.njk', {
      title: 'A message for the ward',
      ...mine,
      limit: MESSAGE_LIMIT,
      values: extra.values ?? {},
      saved: extra.saved ?? null,
      errors,
      errorList: errorList(errors),
    });
  }

  app.get('/discharge-message', async (request, reply) => {
    const q = request.query as Record<string, unknown>;
    return renderMine(request, reply, { saved: one(q.saved) });
  });

  app.post('/discharge-message', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    return handleForm(
      reply,
      async () => {
        const input = parseForm(dischargeMessageSchema, body);
        const { held } = await messages.write(
          actorOf(request),
          one(body.unitId) ?? '',
          input,
          auditContextOf(request),
        );
        return reply.redirect(`/discharge-message?saved=${held ? 'held' : 'sent'}`, 303);
      },
      { invalid: (errors) => renderMine(request, reply, { values: body, errors }) },
    );
  });

  app.post('/discharge-message/:messageId/withdraw', async (request, reply) => {
    const { messageId } = request.params as { messageId: string };
    await messages.withdraw(actorOf(request), messageId, auditContextOf(request));
    return reply.redirect('/discharge-message?saved=withdrawn', 303);
  });

  async function renderQueue(
    request: FastifyRequest,
    reply: FastifyReply,
    unitId: string,
    extra: { errors?: FieldErrors; errorFor?: string; saved?: string } = {},
  ) {
    const queue = await messages.queue(actorOf(request), unitId);
    const errors = extra.errors ?? {};
    return reply.page('wards/views/discharge-queue.njk', {
      title: `Discharge messages: ${queue.ward.name}`,
      ...queue,
      errorFor: extra.errorFor ?? null,
      saved: extra.saved ?? null,
      errors,
      errorList: errorList(errors),
    });
  }

  app.get('/wards/:unitId/discharge-messages', async (request, reply) => {
    const { unitId } = request.params as { unitId: string };
    const q = request.query as Record<string, unknown>;
    return renderQueue(request, reply, unitId, { saved: one(q.saved) });
  });

  app.post('/wards/:unitId/discharge-messages/:messageId', async (request, reply) => {
    const { unitId, messageId } = request.params as { unitId: string; messageId: string };
    const body = (request.body ?? {}) as Record<string, unknown>;
    // Not this caller's ward: 404 before anything about the form is said.
    await messages.queue(actorOf(request), unitId);
    return handleForm(
      reply,
      async () => {
        const input = parseForm(messageDecisionSchema, body);
        await messages.decide(actorOf(request), unitId, messageId, input, auditContextOf(request));
        return reply.redirect(
          `/wards/${encodeURIComponent(unitId)}/discharge-messages?saved=${input.decision}`,
          303,
        );
      },
      {
        invalid: (errors) => renderQueue(request, reply, unitId, { errors, errorFor: messageId }),
        conflict: (message) =>
          renderQueue(request, reply, unitId, { errors: { form: message }, errorFor: messageId }),
      },
    );
  });
}
