/** The printable A4 report of a round: the results laid out for paper, with a place for the action plan. */
import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../accounts/index.ts';
import { actorOf } from '../../../web/server.ts';
import { resultsCharts } from '../results-charts.ts';
import { MIN_GROUP } from '../results.ts';
import type { AssessmentService } from '../service.ts';

/**
 * What another module (action plans) may add to the report: a template and the data it reads,
 * or null when the round has nothing to add. The template is given `actionPlan.data`.
 */
export type ReportActionPlanHook = (
  actor: Actor,
  roundId: string,
) => Promise<{ template: string; data: Record<string, unknown> } | null>;

/** Registers the report page. */
export function registerReportRoutes(
  app: FastifyInstance,
  deps: { assessment: AssessmentService; reportActionPlan?: ReportActionPlanHook },
): void {
  app.get('/assessment/rounds/:roundId/report', async (request, reply) => {
    const { roundId } = request.params as { roundId: string };
    const actor = actorOf(request);
    const data = await deps.assessment.results.forRound(actor, roundId);
    const actionPlan =
      data.ready && deps.reportActionPlan ? await deps.reportActionPlan(actor, roundId) : null;
    return reply.page('assessment/views/report.njk', {
      title: `Report: ${data.round.title}`,
      results: data,
      charts: resultsCharts(data),
      minGroup: MIN_GROUP,
      actionPlan,
    });
  });
}
