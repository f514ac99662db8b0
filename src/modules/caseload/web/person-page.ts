/** The person page: GET /caseload/:personId. */
import type { FastifyInstance } from 'fastify';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import type { CaseloadService } from '../service.ts';

/** Registers the person page. */
export function registerPersonPageRoutes(app: FastifyInstance, caseload: CaseloadService): void {
  app.get('/caseload/:personId', async (request, reply) => {
    const { personId } = request.params as { personId: string };
    const view = await caseload.personPage.open(
      actorOf(request),
      personId,
      auditContextOf(request),
    );
    return reply.page('caseload/views/person.njk', { title: view.person.name, view });
  });
}
