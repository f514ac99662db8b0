/** "Your information": see it, download it, and delete what you alone own. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../lib/app-error.ts';
import { errorList, handleForm, parseForm } from '../../../web/forms.ts';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { deletionSchema } from '../schema.ts';
import type { RightsService } from '../service.ts';

/** Registers the person's own information pages. */
export function registerMyDataRoutes(app: FastifyInstance, deps: { rights: RightsService }): void {
  const { rights } = deps;

  async function renderDelete(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { values?: unknown; errors?: FieldErrors } = {},
  ) {
    const errors = extra.errors ?? {};
    const values = (extra.values ?? {}) as { parts?: unknown };
    const chosen = Array.isArray(values.parts) ? values.parts : [values.parts];
    return reply.page('rights/views/delete.njk', {
      title: errors.parts
        ? 'Error: Delete your plan or reflections'
        : 'Delete your plan or reflections',
      overview: await rights.myData.overview(actorOf(request)),
      chosen,
      errors,
      errorList: errorList(errors),
    });
  }

  app.get('/my-information', async (request, reply) =>
    reply.page('rights/views/my-information.njk', {
      title: 'Your information',
      overview: await rights.myData.overview(actorOf(request)),
    }),
  );

  app.get('/my-information/download', async (request, reply) => {
    const document = await rights.myData.copy(actorOf(request), 'json', auditContextOf(request));
    const day = document.about.madeAt.slice(0, 10);
    return reply
      .type('application/json; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="my-information-${day}.json"`)
      .header('Cache-Control', 'no-store')
      .send(`${JSON.stringify(document, null, 2)}\n`);
  });

  app.get('/my-information/copy', async (request, reply) => {
    const document = await rights.myData.copy(actorOf(request), 'page', auditContextOf(request));
    reply.header('Cache-Control', 'no-store');
    return reply.page('rights/views/copy.njk', { title: 'A copy of your information', document });
  });

  app.get('/my-information/delete', async (request, reply) => renderDelete(request, reply));

  app.post('/my-information/delete', (request, reply) =>
    handleForm(
      reply,
      async () => {
        const input = parseForm(deletionSchema, request.body);
        const done = await rights.deletion.deleteOwned(
          actorOf(request),
          input,
          auditContextOf(request),
        );
        const parts = [done.plan ? 'plan' : '', done.reflections ? 'reflections' : '']
          .filter(Boolean)
          .join(',');
        return reply.redirect(`/my-information/deleted?parts=${parts || 'none'}`, 303);
      },
      {
        invalid: (errors) => renderDelete(request, reply, { values: request.body, errors }),
      },
    ),
  );

  app.get('/my-information/deleted', async (request, reply) => {
    const parts = String((request.query as Record<string, unknown>).parts ?? '').split(',');
    return reply.page('rights/views/deleted.njk', {
      title: 'Deleted',
      deletedPlan: parts.includes('plan'),
      deletedReflections: parts.includes('reflections'),
      overview: await rights.myData.overview(actorOf(request)),
    });
  });
}
