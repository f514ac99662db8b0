/** The mutual help meeting log: a short form and the ward's latest meetings. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../lib/app-error.ts';
import { errorList, handleForm, parseForm } from '../../../web/forms.ts';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { MEETING_PART_MAX, meetingSchema } from '../safewards-schema.ts';
import type { WardsService } from '../service.ts';

/** Registers the mutual help meeting pages. */
export function registerMutualHelpRoutes(app: FastifyInstance, deps: { wards: WardsService }) {
  const { wards } = deps;

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    unitId: string,
    extra: { values?: Record<string, unknown>; errors?: FieldErrors; saved?: boolean } = {},
  ) {
    const view = await wards.mutualHelp.list(actorOf(request), unitId);
    const errors = extra.errors ?? {};
    return reply.page('wards/views/mutual-help.njk', {
      title: `Mutual help meetings: ${view.ward.name}`,
      ...view,
      values: extra.values ?? { heldOn: view.today },
      max: MEETING_PART_MAX,
      saved: extra.saved ?? false,
      errors,
      errorList: errorList(errors),
    });
  }

  app.get('/wards/:unitId/mutual-help', async (request, reply) => {
    const { unitId } = request.params as { unitId: string };
    const q = request.query as Record<string, unknown>;
    return render(request, reply, unitId, { saved: q.saved === '1' });
  });

  app.post('/wards/:unitId/mutual-help', async (request, reply) => {
    const { unitId } = request.params as { unitId: string };
    const body = (request.body ?? {}) as Record<string, unknown>;
    await wards.mutualHelp.wardFor(actorOf(request), unitId);
    return handleForm(
      reply,
      async () => {
        await wards.mutualHelp.add(
          actorOf(request),
          unitId,
          parseForm(meetingSchema, body),
          auditContextOf(request),
        );
        return reply.redirect(`/wards/${encodeURIComponent(unitId)}/mutual-help?saved=1`, 303);
      },
      { invalid: (errors) => render(request, reply, unitId, { values: body, errors }) },
    );
  });
}
