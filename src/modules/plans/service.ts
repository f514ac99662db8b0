/**
 * My plan: the person's crisis plan and advance choices. Guarantees: only the person writes
 * their plan (practitioners suggest, the person decides); every save is a new version and a
 * save made from an out-of-date copy is refused, never merged silently; staff read a plan only
 * through the access policy, checked on every request; every read, print or export by anyone
 * other than the person is audited in the same transaction as the read, naming the person, so
 * it appears in their "Who has seen my information" list; emergency access needs a reason, is
 * time-boxed and goes to the unit manager for review.
 *
 * This file only composes the capabilities; each lives in its own file.
 */
import { createPlansEvidence } from './evidence.ts';
import { createPlanReads } from './plan-reads.ts';
import { createOwnPlan } from './own-plan.ts';
import { createSharing } from './sharing.ts';
import { createSupporterLinks } from './supporter-links.ts';
import { createProposals } from './proposals.ts';
import { createAgreements } from './agreements.ts';
import { createEmergencyAccess } from './emergency-access.ts';
import { createPlanExport } from './export.ts';
import { createPlanAccess } from './plan-access.ts';
import { createPlansOverview } from './overview.ts';
import { createPlanRights } from './rights.ts';
import type { PlansDeps } from './types.ts';

export {
  EMERGENCY_ACCESS_MS,
  SUPPORTER_CODE_TRIES,
  SUPPORTER_IDLE_MINUTES,
  SUPPORTER_LINK_MAX_DAYS,
} from './types.ts';
export type {
  AgreementView,
  EmergencyView,
  LinkView,
  PlanChoicesForForce,
  PlanReadKind,
  PlanView,
  PlansDeps,
  ProposalView,
  ShareView,
} from './types.ts';

/** Creates the plans service: one namespace per capability. */
export function createPlansService(deps: PlansDeps) {
  const reads = createPlanReads(deps);
  const ownPlan = createOwnPlan(deps, reads);
  const planAccess = createPlanAccess(deps, reads);
  const emergencyAccess = createEmergencyAccess(deps, reads);
  return {
    ownPlan,
    sharing: createSharing(deps, reads),
    supporterLinks: createSupporterLinks(deps, reads),
    proposals: createProposals(deps, reads),
    agreements: createAgreements(deps, reads),
    emergencyAccess,
    export: createPlanExport(deps, reads, ownPlan),
    planAccess,
    overview: createPlansOverview(deps, reads, planAccess, emergencyAccess),
    /** People's rights: export, deletion of what they own, retention. */
    rights: createPlanRights(deps),
    /** Figures for the self-assessment's evidence panels (no actor: the caller checks access). */
    evidence: createPlansEvidence(deps),
  };
}

/** The plans service's functions. */
export type PlansService = ReturnType<typeof createPlansService>;
