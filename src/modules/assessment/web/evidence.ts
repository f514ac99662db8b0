/** Evidence from the records: the CSV download (the panels are on the results page). */
import type { FastifyInstance } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import type { AssessmentService } from '../service.ts';

/** Registers the evidence download. */
export function registerEvidenceRoutes(
  app: FastifyInstance,
  deps: { assessment: AssessmentService },
): void {
  const { evidence } = deps.assessment;

  app.get('/assessment/rounds/:roundId/evidence.csv', async (request, reply) => {
    const { roundId } = request.params as { roundId: string };
    const rows = await evidence.csvRows(actorOf(request), roundId, auditContextOf(request));
    return reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="assessment-evidence-${roundId}.csv"`)
      .send(stringify(rows));
  });
}
