/**
 * The self-assessment against the ten principles, composed from one file per capability:
 * rounds, answering (with an account or a one-time code), codes and results.
 */
import { createAnswering } from './answering.ts';
import { createCodes } from './codes.ts';
import type { AssessmentDeps } from './deps.ts';
import { createEvidence } from './evidence.ts';
import { createAggregateRebuild } from './rebuild.ts';
import { createNational } from './national.ts';
import { createResults } from './results.ts';
import { createRounds } from './rounds.ts';
import { createWording } from './wording.ts';

/** Creates the assessment service: one namespace per capability. */
export function createAssessmentService(deps: AssessmentDeps) {
  const rounds = createRounds(deps);
  return {
    /** Opening, extending and closing rounds; what is waiting for a person. */
    rounds,
    /** Answering a round. */
    answering: createAnswering(deps),
    /** One-time codes for people without an account. */
    codes: createCodes(deps),
    /** Results of closed rounds. */
    results: createResults(deps, rounds),
    /** Evidence from the records beside each principle (issue 12 item 5). */
    evidence: createEvidence(deps, rounds),
    /** Counting rounds' aggregates again from their responses (command line). */
    aggregates: createAggregateRebuild(deps),
    /** Sharing principle scores and the comparison across organisations (issue 12 item 7). */
    national: createNational(deps),
    /** Local statements and partners' suggested wording (issue 12 item 1). */
    wording: createWording(deps),
  };
}

/** The assessment service's functions. */
export type AssessmentService = ReturnType<typeof createAssessmentService>;
