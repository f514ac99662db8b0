/**
 * Asking about trauma: the rules, composed from one file per capability. Guarantees: every read
 * and write goes through `mayEnquiry` and answers 404 for anything the caller may not see; every
 * change, and every read of what a person said by anyone other than that person, writes an
 * audit event (with the person as its subject) in the same transaction; everything a person
 * said or a practitioner wrote about it is encrypted before it reaches the database; two people
 * saving the same conversation cannot overwrite each other (version numbers); the configured key
 * must match the database's key check before any of this runs; rates are counts only, never
 * content, with small counts suppressed.
 */
import { createClosing } from './closing.ts';
import { createEnquiryContext } from './context.ts';
import { createEnquiryEvidence } from './evidence.ts';
import type { EnquiryDeps } from './context.ts';
import { createConversation } from './conversation.ts';
import { createDisclosures } from './disclosures.ts';
import { createKeys } from './keys.ts';
import { createNextSteps } from './next-steps.ts';
import { createOverview } from './overview.ts';
import { createPersonSummary } from './person-summary.ts';
import { createReferrals } from './referrals.ts';
import { createReflections } from './reflections.ts';
import { createEnquiryRights } from './rights.ts';
import { createSupportServices } from './support-services.ts';

export type { EnquiryDeps };

/** Creates the enquiry service: one namespace per capability. */
export function createEnquiryService(deps: EnquiryDeps) {
  const ctx = createEnquiryContext(deps);
  const nextSteps = createNextSteps(ctx);
  return {
    /** The conversation, from starting it to the summary and follow-up. */
    conversation: { ...createConversation(ctx), ...createClosing(ctx) },
    /** Recorded disclosures: reading, sharing, withdrawing and restoring. */
    disclosures: createDisclosures(ctx),
    /** Support offered or referrals made after a conversation. */
    referrals: createReferrals(ctx),
    /** A practitioner's next steps: safety actions and reflective space. */
    nextSteps,
    /** The support directory. */
    supportServices: createSupportServices(ctx),
    /** The practitioner's overview, home panels, the staff guide and rates (counts only). */
    overview: createOverview(ctx, nextSteps.list),
    /** One person's conversations, for a nurse's person page (states and dates only). */
    personSummary: createPersonSummary(ctx),
    /** A person's "What happened to you?" reflections. */
    reflections: createReflections(ctx),
    /** The encryption key: the start-up check and rotation. */
    keys: createKeys(ctx),
    /** People's rights: export, deletion of what they own, retention. */
    rights: createEnquiryRights(ctx),
    /** Figures for the self-assessment's evidence panels (counts only, no actor: the caller checks). */
    evidence: createEnquiryEvidence(deps),
  };
}

/** The enquiry service's capabilities. */
export type EnquiryService = ReturnType<typeof createEnquiryService>;
