/**
 * Table shapes for the self-assessment. A response row holds no account, session, address or
 * time; who has answered is kept apart (assessment_answered), and nothing in either joins them
 * (docs/assessment.md, "Anonymity").
 */

import type { ProposalColumns } from '../../lib/proposals.ts';

/** One round: a time when a unit or the whole organisation is asked. */
export interface AssessmentRoundsTable {
  id: string;
  organisation_id: string;
  /** Null: the whole organisation. */
  unit_id: string | null;
  instrument_version: number;
  title: string;
  /** Calendar days (YYYY-MM-DD); the round is open through the closing day. */
  opens_on: string;
  closes_on: string;
  /** Set when a manager closed it before its closing day. */
  closed_at: string | null;
  created_by: string;
  created_at: string;
}

/** That an account has answered a round: no time, and nothing that points at the response. */
export interface AssessmentAnsweredTable {
  organisation_id: string;
  round_id: string;
  account_id: string;
}

/** A one-time code for someone without an account. Only a hash is kept; no time, no person. */
export interface AssessmentCodesTable {
  code_hash: string;
  organisation_id: string;
  round_id: string;
  respondent_group: string;
  used: number;
}

/** One whole response, keyed by a random id in a table whose order does not follow writing. */
export interface AssessmentResponsesTable {
  organisation_id: string;
  round_id: string;
  id: string;
  respondent_group: string;
  /** JSON: item id → rating ("1"…"5", "dk", "no"); skipped items are absent. */
  answers: string;
  /** JSON: ticked barrier ids. */
  barriers: string;
  comment: string | null;
}

/**
 * Counts per round and group kept in step with the responses (aggregates.ts says what each kind
 * holds): nothing finer than a group, and no time.
 */
export interface AssessmentAggregatesTable {
  organisation_id: string;
  round_id: string;
  respondent_group: string;
  /** 'responses', 'rating', 'barrier' or 'person'. */
  kind: string;
  key: string;
  bucket: string;
  n: number;
  total: number;
  total_squares: number;
}

/** Whether an organisation shares its principle scores with the national comparison (no row: not shared). */
export interface AssessmentSharingTable {
  organisation_id: string;
  /** 1 shared, 0 not. */
  shared: number;
  changed_by: string;
  changed_at: string;
}

/** The assessment module's tables. */
export interface AssessmentTables {
  assessment_rounds: AssessmentRoundsTable;
  assessment_answered: AssessmentAnsweredTable;
  assessment_codes: AssessmentCodesTable;
  assessment_responses: AssessmentResponsesTable;
  assessment_aggregates: AssessmentAggregatesTable;
  assessment_sharing: AssessmentSharingTable;
  // Local statements and partners' rewording (issue 12 item 1), below.
  assessment_wording_proposals: AssessmentWordingProposalsTable;
  assessment_wording: AssessmentWordingTable;
  assessment_local_items: AssessmentLocalItemsTable;
  assessment_round_instruments: AssessmentRoundInstrumentsTable;
}

// --- Local statements and rewording (issue 12 item 1) ---

/** A partner's suggested new wording for one statement (built-in or local). */
export interface AssessmentWordingProposalsTable extends ProposalColumns {
  item_id: string;
}

/** An organisation's accepted wording for a statement; the item id never changes. */
export interface AssessmentWordingTable {
  organisation_id: string;
  item_id: string;
  text: string;
  proposal_id: string;
  updated_at: string;
}

/** A statement an organisation added under one principle; id "<principle>.local-<org>-<n>". */
export interface AssessmentLocalItemsTable {
  organisation_id: string;
  id: string;
  section_id: string;
  number: number;
  text: string;
  staff_only: number;
  created_by: string;
  created_at: string;
}

/** The instrument (JSON) a round was opened with, so later changes never alter it. */
export interface AssessmentRoundInstrumentsTable {
  organisation_id: string;
  round_id: string;
  instrument: string;
}
