/** Results of closed rounds: the page and its CSV. */
import type { FastifyInstance } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import { actorOf } from '../../../web/server.ts';
import { ratingLabels, ratingValues } from '../instrument.ts';
import { MIN_GROUP, resultsCsvRows } from '../results.ts';
import type { AssessmentService } from '../service.ts';

/** Registers the results pages. */
export function registerResultsRoutes(
  app: FastifyInstance,
  deps: { assessment: AssessmentService },
): void {
  const { results } = deps.assessment;

  app.get('/assessment/results', async (request, reply) =>
    reply.page('assessment/views/results-list.njk', {
      title: 'Self-assessment results',
      rounds: await results.closedRounds(actorOf(request)),
    }),
  );

  app.get('/assessment/rounds/:roundId/results', async (request, reply) => {
    const { roundId } = request.params as { roundId: string };
    const data = await results.forRound(actorOf(request), roundId);
    // Evidence from the records beside each principle (issue 12 item 5; web/evidence.ts).
    const evidence = await deps.assessment.evidence.forRound(actorOf(request), roundId);
    return reply.page('assessment/views/results.njk', {
      title: `Results: ${data.round.title}`,
      results: data,
      evidence,
      minGroup: MIN_GROUP,
      ratingColumns: ratingValues.map((v) => ({ value: v, text: ratingLabels[v] })),
    });
  });

  app.get('/assessment/rounds/:roundId/results.csv', async (request, reply) => {
    const { roundId } = request.params as { roundId: string };
    const data = await results.forRound(actorOf(request), roundId);
    return reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="assessment-${roundId}.csv"`)
      .send(stringify(resultsCsvRows(data)));
  });
}
