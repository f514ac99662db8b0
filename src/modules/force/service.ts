/**
 * The use-of-force register's rules, composed from one file per capability. Guarantees: every
 * record meets section 6 of the Act before it is saved (see validate.ts); every read of a record
 * about a person by staff, and every change, is audited in the same transaction; amendments keep
 * the earlier version with a reason; no record is deleted before it has been kept three years
 * (refusals are audited too); the person's own account is written only by them or by the helper
 * they chose; dashboards read rollups kept in step in the same transaction as each write, and
 * never show counts from 1 to 4.
 */
import { createForceEvidence } from './evidence.ts';
import { createAmend } from './amend.ts';
import { createCharacteristics } from './characteristics.ts';
import { createDashboardPages } from './dashboard-page.ts';
import { createDashboards } from './dashboards.ts';
import { createDenominators } from './denominators.ts';
import type { ForceDeps } from './deps.ts';
import { createDrafts } from './drafts.ts';
import { createEpisodes } from './episodes.ts';
import { createIncidentDetails } from './incident-details.ts';
import { createIncidents } from './incidents.ts';
import { createLearning } from './learning.ts';
import { createRecording } from './recording.ts';
import { createPersonAccount } from './person-account.ts';
import { createPersonIncidents } from './person-incidents.ts';
import { createPersonView } from './person-view.ts';
import { createReturns } from './returns.ts';
import { createForceRights } from './rights.ts';
import { createReviews } from './reviews.ts';
import { createTransfer } from './transfer.ts';

export type { ForceDeps, ForceDirectory, PlanChoicesForForce, PlanChoicesLookup } from './deps.ts';
export type { AmendInTransaction } from './amend.ts';
export type { CharacteristicsInput } from './characteristics.ts';
export type { LanguageNote } from './incident-details.ts';
export type { CharacteristicsSnapshot } from './records.ts';
export {
  RETENTION_YEARS,
  incidentRow,
  inputOf,
  interventionRows,
  snapshotOf,
  staffOf,
} from './records.ts';
export { reviewsFor } from './reviews.ts';

/** Creates the use-of-force service: one namespace per capability. */
export function createForceService(deps: ForceDeps) {
  const details = createIncidentDetails(deps);
  const amend = createAmend(deps);
  const reviews = createReviews(deps, details);
  const episodes = createEpisodes(deps, details);
  const dashboards = createDashboards(deps);
  const incidents = createIncidents(deps, details, amend, { reviews, episodes });
  const drafts = createDrafts(deps);
  return {
    incidents,
    /** The recording form's pages, kept as a draft until the one save after the review. */
    recording: createRecording(deps, incidents, drafts),
    reviews,
    /** Learning with the person after force, and the calm-down and theme figures for wards. */
    learning: createLearning(deps, details),
    personAccount: createPersonAccount(deps, details),
    /** One person's records, for a nurse's person page (dates, units and kinds only). */
    personIncidents: createPersonIncidents(deps),
    personView: createPersonView(deps, details),
    drafts,
    characteristics: createCharacteristics(deps, details),
    episodes,
    denominators: createDenominators(deps, details),
    dashboards: { ...dashboards, ...createDashboardPages(dashboards, deps.clock) },
    returns: createReturns({ ...deps, dashboards }),
    transfer: createTransfer({ ...deps, amendInTransaction: amend }),
    /** People's rights: what a person may download, what is kept for them, retention. */
    rights: createForceRights(deps, details),
    /** Figures for the self-assessment's evidence panels (no actor: the caller checks access). */
    evidence: createForceEvidence(deps),
  };
}

/** The force service's capabilities. */
export type ForceService = ReturnType<typeof createForceService>;
