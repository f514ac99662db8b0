/**
 * The round's action plan as a part of the self-assessment's printable report. Guarantees: only a
 * plan the actor may read is shown (otherwise nothing is added); the words are the plan page's own.
 */
import type { Actor } from '../../lib/actor.ts';
import type { ImprovementService } from './service.ts';

/**
 * The plan of a self-assessment round for its report: a template and its data, or null when the
 * round has no plan the actor may read. Wired into the assessment's report in src/app.ts.
 */
export async function roundReportActionPlan(
  improvement: ImprovementService,
  actor: Actor,
  roundId: string,
): Promise<{ template: string; data: Record<string, unknown> } | null> {
  const found = await improvement.plans.findFor(actor, 'assessment_round', roundId);
  if (!found) return null;
  const view = await improvement.page.view(actor, found.id);
  return { template: 'improvement/views/report-plan.njk', data: { view } };
}
