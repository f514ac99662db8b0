/** The name search: GET /caseload/search?name=… (a GET form, so it works without JavaScript). */
import type { FastifyInstance } from 'fastify';
import { errorList, handleForm, parseForm } from '../../../web/forms.ts';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { searchSchema } from '../schema.ts';
import type { CaseloadService } from '../service.ts';

/** Registers the search page. */
export function registerSearchRoutes(app: FastifyInstance, caseload: CaseloadService): void {
  app.get('/caseload/search', async (request, reply) =>
    handleForm(
      reply,
      async () => {
        const { name } = parseForm(searchSchema, request.query);
        const found = await caseload.search.find(actorOf(request), name, auditContextOf(request));
        return reply.page('caseload/views/search.njk', {
          title: name ? `People called ${name}` : 'Find a person',
          name,
          searched: name !== '',
          ...found,
        });
      },
      {
        invalid: (errors) =>
          reply.page('caseload/views/search.njk', {
            title: 'Find a person',
            name: '',
            searched: false,
            results: [],
            errors,
            errorList: errorList(errors),
          }),
      },
    ),
  );
}
