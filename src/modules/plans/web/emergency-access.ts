/** Emergency access: a clinician opens a plan not shared with them, and a unit manager reviews it. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { errorList, handleForm, parseForm } from '../../../web/forms.ts';
import { MINUTE } from '../../../lib/clock.ts';
import type { FieldErrors } from '../../../lib/app-error.ts';
import type { PlansService } from '../service.ts';
import { EMERGENCY_ACCESS_MS } from '../service.ts';
import { emergencyAccessSchema } from '../schema.ts';
import type { Values } from './plan-form.ts';

/** Registers the emergency access pages. */
export function registerEmergencyAccessRoutes(app: FastifyInstance, plans: PlansService): void {
  async function renderEmergency(
    request: FastifyRequest,
    reply: FastifyReply,
    failed: { values?: Values; errors?: FieldErrors } = {},
  ) {
    const people = await plans.emergencyAccess.candidates(actorOf(request));
    return reply.page('plans/views/emergency.njk', {
      title: 'Open a plan in an emergency',
      people,
      minutes: EMERGENCY_ACCESS_MS / MINUTE,
      values: failed.values ?? {},
      errors: failed.errors ?? {},
      ...(failed.errors ? { errorList: errorList(failed.errors) } : {}),
    });
  }

  app.get('/plans/emergency-access', async (request, reply) => renderEmergency(request, reply));

  app.post('/plans/emergency-access', async (request, reply) => {
    const body = (request.body ?? {}) as Values;
    return handleForm(
      reply,
      async () => {
        const input = parseForm(emergencyAccessSchema, body);
        const { planId } = await plans.emergencyAccess.start(
          actorOf(request),
          input,
          auditContextOf(request),
        );
        return reply.redirect(`/plans/${planId}/at-a-glance`, 303);
      },
      { invalid: (errors) => renderEmergency(request, reply, { values: body, errors }) },
    );
  });

  app.post('/plans/emergency-access/:accessId/review', async (request, reply) => {
    const { accessId } = request.params as { accessId: string };
    await plans.emergencyAccess.review(actorOf(request), accessId, auditContextOf(request));
    return reply.redirect('/plans', 303);
  });
}
