/** Results of closed rounds: the page, its charts and a CSV of each view. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import { actorOf } from '../../../web/server.ts';
import { comparisonCsvRows } from '../comparison.ts';
import type { EarlierPlanHook } from '../earlier-plan.ts';
import { earlierPlanView } from '../earlier-plan.ts';
import { ratingLabels, ratingValues } from '../instrument.ts';
import { resultsCharts } from '../results-charts.ts';
import { barriersCsvRows, gapCsvRows } from '../results-csv.ts';
import type { RoundResults } from '../results.ts';
import { MIN_GROUP, resultsCsvRows } from '../results.ts';
import type { AssessmentService } from '../service.ts';

/** Each CSV download: its name in the URL and how its rows are made. */
const csvViews: Record<string, (r: RoundResults) => string[][]> = {
  results: resultsCsvRows,
  gap: gapCsvRows,
  barriers: barriersCsvRows,
  comparison: (r) => comparisonCsvRows(r.comparison),
};

function sendCsv(reply: FastifyReply, name: string, rows: string[][]) {
  return reply
    .type('text/csv; charset=utf-8')
    .header('Content-Disposition', `attachment; filename="${name}.csv"`)
    .send(stringify(rows));
}

/** Registers the results pages. */
export function registerResultsRoutes(
  app: FastifyInstance,
  deps: { assessment: AssessmentService; earlierPlanActions?: EarlierPlanHook },
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
    // The earlier round's plan, beside the change since then (earlier-plan.ts).
    const earlierPlan =
      data.comparison && deps.earlierPlanActions
        ? earlierPlanView(
            data,
            await deps.earlierPlanActions(actorOf(request), data.comparison.previous.id),
          )
        : null;
    return reply.page('assessment/views/results.njk', {
      title: `Results: ${data.round.title}`,
      results: data,
      charts: resultsCharts(data),
      evidence,
      earlierPlan,
      minGroup: MIN_GROUP,
      ratingColumns: ratingValues.map((v) => ({ value: v, text: ratingLabels[v] })),
    });
  });

  for (const [view, rowsOf] of Object.entries(csvViews)) {
    app.get(`/assessment/rounds/:roundId/${view}.csv`, async (request, reply) => {
      const { roundId } = request.params as { roundId: string };
      const data = await results.forRound(actorOf(request), roundId);
      return sendCsv(reply, `assessment-${roundId}-${view}`, rowsOf(data));
    });
  }
}
