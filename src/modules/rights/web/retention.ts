/** How long the organisation keeps each kind of record (administrators). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../lib/app-error.ts';
import { errorList, handleForm, parseForm } from '../../../web/forms.ts';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { retentionSchema } from '../schema.ts';
import type { RightsService } from '../service.ts';

/** Registers the retention settings page. */
export function registerRetentionRoutes(
  app: FastifyInstance,
  deps: { rights: RightsService },
): void {
  const { rights } = deps;

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { values?: Record<string, unknown>; errors?: FieldErrors } = {},
  ) {
    const errors = extra.errors ?? {};
    const saved = (request.query as Record<string, unknown>).saved === '1';
    return reply.page('rights/views/retention.njk', {
      title:
        errors && Object.keys(errors).length
          ? 'Error: How long records are kept'
          : 'How long records are kept',
      settings: await rights.retention.settings(actorOf(request)),
      values: extra.values ?? {},
      saved: saved && !Object.keys(errors).length,
      errors,
      errorList: errorList(errors),
    });
  }

  app.get('/admin/retention', async (request, reply) => render(request, reply));

  app.post('/admin/retention', (request, reply) =>
    handleForm(
      reply,
      async () => {
        const input = parseForm(retentionSchema, request.body);
        await rights.retention.saveSettings(actorOf(request), input, auditContextOf(request));
        return reply.redirect('/admin/retention?saved=1', 303);
      },
      {
        invalid: (errors) =>
          render(request, reply, { values: request.body as Record<string, unknown>, errors }),
      },
    ),
  );
}
