/** The improvement service: action plans made with lived-experience partners, one namespace per capability. */
import type { ImprovementDeps } from './deps.ts';
import { createImprovementEvidence } from './evidence.ts';
import { createGoals } from './goals.ts';
import { createOverdue } from './overdue.ts';
import { createPlanActions } from './plan-actions.ts';
import { createPlanPage } from './page.ts';
import { createPlanAccess, createPlans } from './plans.ts';
import { createReviews } from './reviews.ts';

/** Creates the improvement service. */
export function createImprovementService(deps: ImprovementDeps) {
  const access = createPlanAccess(deps);
  const goals = createGoals(deps, access);
  const overdue = createOverdue(deps);
  return {
    /** Drafting, finding and listing plans. */
    plans: createPlans(deps, access),
    /** A plan's actions and their progress. */
    actions: createPlanActions(deps, access),
    /** Goals of reduction plans, with their charts. */
    goals,
    /** Partners' co-signs, disagreements and comments. */
    reviews: createReviews(deps, access),
    /** The plan page. */
    page: createPlanPage(deps, access, goals),
    /** Overdue actions and the co-signed figure. */
    overdue,
    /** The figure for the self-assessment's evidence panel. */
    evidence: createImprovementEvidence(overdue),
  };
}

/** The improvement service's functions. */
export type ImprovementService = ReturnType<typeof createImprovementService>;
