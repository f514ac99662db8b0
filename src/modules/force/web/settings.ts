/** The organisation's advocacy contacts, set by its administrator and shown on the person's pages. */
import type { FastifyInstance } from 'fastify';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { errorList, handleForm, parseForm } from '../../../web/forms.ts';
import { advocacySchema } from '../schema.ts';
import type { ForceWebDeps } from './common.ts';
import { queryOf } from './common.ts';

/** Registers the advocacy contacts page. */
export function registerSettingsRoutes(app: FastifyInstance, { force }: ForceWebDeps) {
  app.get('/force/settings', async (request, reply) => {
    const values = await force.personView.advocacyForm(actorOf(request));
    return reply.page('force/views/settings.njk', {
      title: 'Advocacy contacts',
      values,
      errors: {},
      saved: queryOf(request).saved === '1',
    });
  });

  app.post('/force/settings', async (request, reply) =>
    handleForm(
      reply,
      async () => {
        const input = parseForm(advocacySchema, request.body);
        await force.personView.saveAdvocacy(actorOf(request), input, auditContextOf(request));
        return reply.redirect('/force/settings?saved=1', 303);
      },
      {
        invalid: (fields) =>
          reply.page('force/views/settings.njk', {
            title: 'Advocacy contacts',
            values: request.body,
            errors: fields,
            errorList: errorList(fields),
          }),
      },
    ),
  );
}
