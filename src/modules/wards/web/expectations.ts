/** A ward's clear mutual expectations: read, publish a new version, print as a poster. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../lib/app-error.ts';
import { errorList, handleForm, parseForm } from '../../../web/forms.ts';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { expectationsSchema } from '../screen-schema.ts';
import type { WardsService } from '../service.ts';

/** Registers the expectations pages. */
export function registerExpectationsRoutes(app: FastifyInstance, deps: { wards: WardsService }) {
  const { expectations } = deps.wards.screen;

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    unitId: string,
    extra: { values?: Record<string, unknown>; errors?: FieldErrors; saved?: boolean } = {},
  ) {
    const view = await expectations.view(actorOf(request), unitId);
    const errors = extra.errors ?? {};
    return reply.page('wards/views/expectations.njk', {
      title: `What we expect of each other: ${view.ward.name}`,
      ...view,
      values: extra.values ?? {
        body: view.current?.body ?? '',
        basedOn: view.current?.version ?? 0,
      },
      saved: extra.saved ?? false,
      errors,
      errorList: errorList(errors),
    });
  }

  app.get('/wards/:unitId/expectations', async (request, reply) => {
    const { unitId } = request.params as { unitId: string };
    const q = request.query as Record<string, unknown>;
    return render(request, reply, unitId, { saved: q.saved === '1' });
  });

  app.get('/wards/:unitId/expectations/poster', async (request, reply) => {
    const { unitId } = request.params as { unitId: string };
    const view = await expectations.view(actorOf(request), unitId);
    return reply.page('wards/views/expectations-poster.njk', {
      title: `Poster: what we expect of each other, ${view.ward.name}`,
      ...view,
    });
  });

  app.post('/wards/:unitId/expectations', async (request, reply) => {
    const { unitId } = request.params as { unitId: string };
    const body = (request.body ?? {}) as Record<string, unknown>;
    return handleForm(
      reply,
      async () => {
        const input = parseForm(expectationsSchema, body);
        await expectations.publish(actorOf(request), unitId, input, auditContextOf(request));
        return reply.redirect(`/wards/${encodeURIComponent(unitId)}/expectations?saved=1`, 303);
      },
      {
        invalid: (errors) => render(request, reply, unitId, { values: body, errors }),
        conflict: (message) =>
          render(request, reply, unitId, { values: body, errors: { body: message } }),
      },
    );
  });
}
