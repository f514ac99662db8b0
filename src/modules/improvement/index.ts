/**
 * The improvement module's public surface: action plans made with lived-experience partners,
 * shared by the self-assessment (a round's action plan) and restraint reduction plans.
 */
export { createImprovementService } from './service.ts';
export type { ImprovementService } from './service.ts';
export type {
  ImprovementDeps,
  ImprovementDirectory,
  ImprovementForceFigures,
  PlanSubject,
} from './deps.ts';
export { createImprovementStore } from './store.ts';
export type { ImprovementStore } from './store.ts';
export { improvementActionLabels } from './actions.ts';
export type { ImprovementTables } from './tables.ts';
export { assessmentRoundSubject } from './assessment-subject.ts';
export type { AssessmentEvidenceLookup, AssessmentResultsLookup } from './assessment-subject.ts';
export { roundReportActionPlan } from './report.ts';
export { roundPlanActions } from './round-plan-actions.ts';
export type { RoundPlanAction } from './round-plan-actions.ts';
export { seedImprovementDemo, seedImprovementDemos, seedRoundPlanDemo } from './demo.ts';
import type { ImprovementService } from './service.ts';

/**
 * Evidence for the self-assessment's "survivor partnerships" principle: plans drafted in a
 * period (days, inclusive) for a unit (null: the whole organisation), how many a lived-experience
 * partner co-signed, and how many are co-signed as they stand (no change since).
 */
export function coSignedPlansEvidence(
  improvement: ImprovementService,
  organisationId: string,
  scope: { unitId: string | null; from: string; to: string },
) {
  return improvement.overdue.coSignedPlans(organisationId, scope);
}
