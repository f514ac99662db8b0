/** Whether the person and their team agree with the plan: from the person's side and from staff's. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { errorList, handleForm, parseForm } from '../../../web/forms.ts';
import type { FieldErrors } from '../../../lib/app-error.ts';
import type { PlansService } from '../service.ts';
import { agreementSchema } from '../schema.ts';
import type { Values } from './plan-form.ts';

/** Registers the agreement pages (the person's own plan when planId is null). */
export function registerAgreementRoutes(app: FastifyInstance, plans: PlansService): void {
  async function renderAgreement(
    request: FastifyRequest,
    reply: FastifyReply,
    planId: string | null,
    failed: { values?: Values; errors?: FieldErrors } = {},
  ) {
    const context = await plans.agreements.context(actorOf(request), planId);
    return reply.page('plans/views/agreement.njk', {
      title: 'Do you and your team agree with the plan?',
      context,
      action: planId ? `/plans/${planId}/agreement` : '/my-plan/agreement',
      back: planId ? `/plans/${planId}` : '/my-plan',
      values: failed.values ?? {},
      errors: failed.errors ?? {},
      ...(failed.errors ? { errorList: errorList(failed.errors) } : {}),
    });
  }

  async function postAgreement(
    request: FastifyRequest,
    reply: FastifyReply,
    planId: string | null,
  ) {
    const body = (request.body ?? {}) as Values;
    return handleForm(
      reply,
      async () => {
        const input = parseForm(agreementSchema, body);
        await plans.agreements.record(actorOf(request), planId, input, auditContextOf(request));
        return reply.redirect(
          planId ? `/plans/${planId}?saved=agreement` : '/my-plan?notice=agreement',
          303,
        );
      },
      { invalid: (errors) => renderAgreement(request, reply, planId, { values: body, errors }) },
    );
  }

  app.get('/my-plan/agreement', async (request, reply) => renderAgreement(request, reply, null));
  app.post('/my-plan/agreement', async (request, reply) => postAgreement(request, reply, null));

  app.get('/plans/:planId/agreement', async (request, reply) => {
    const { planId } = request.params as { planId: string };
    return renderAgreement(request, reply, planId);
  });
  app.post('/plans/:planId/agreement', async (request, reply) => {
    const { planId } = request.params as { planId: string };
    return postAgreement(request, reply, planId);
  });
}
