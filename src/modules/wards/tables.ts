/** Table shapes for the wards module: one conflict and containment report per ward per shift. */

/** One shift's counts for a ward. A second report for the same shift changes this row. */
export interface WardShiftReportsTable {
  id: string;
  organisation_id: string;
  unit_id: string;
  /** The London date the shift starts on (YYYY-MM-DD). */
  shift_date: string;
  shift: 'early' | 'late' | 'night';
  /** Every item's count, as JSON ({ code: count }). */
  counts: string;
  conflict_total: number;
  containment_total: number;
  /** 1 for the first report; each change adds one and keeps the earlier counts as history. */
  version: number;
  recorded_by: string;
  recorded_by_name: string;
  recorded_at: string;
}

/** An earlier version of a shift report, kept when it was changed. */
export interface WardShiftReportVersionsTable {
  organisation_id: string;
  report_id: string;
  version: number;
  counts: string;
  recorded_by: string;
  recorded_by_name: string;
  recorded_at: string;
}

/** The wards module's tables. */
export interface WardsTables extends SafewardsTables {
  ward_shift_reports: WardShiftReportsTable;
  ward_shift_report_versions: WardShiftReportVersionsTable;
}

// Safewards on a ward: interventions in place, fidelity checks, meetings, "about me".

/** An intervention the ward has in place, and since when. No row means not in place. */
export interface WardInterventionsTable {
  organisation_id: string;
  unit_id: string;
  intervention_id: string;
  /** YYYY-MM-DD. */
  in_place_since: string;
  recorded_by: string;
  recorded_at: string;
}

/** A ward's fidelity check for one month. A second check for the month changes this row. */
export interface WardFidelityChecksTable {
  id: string;
  organisation_id: string;
  unit_id: string;
  /** YYYY-MM. */
  month: string;
  /** Checklist answers as JSON ({ itemId: 'seen' | 'partly' | 'not_yet' }); skipped items absent. */
  answers: string;
  note: string | null;
  version: number;
  recorded_by: string;
  recorded_by_name: string;
  recorded_at: string;
}

/** An earlier version of a fidelity check, kept when it was changed. */
export interface WardFidelityCheckVersionsTable {
  organisation_id: string;
  check_id: string;
  version: number;
  answers: string;
  note: string | null;
  recorded_by: string;
  recorded_by_name: string;
  recorded_at: string;
}

/** One mutual help meeting. No names are asked for. */
export interface WardMutualHelpMeetingsTable {
  id: string;
  organisation_id: string;
  unit_id: string;
  /** YYYY-MM-DD. */
  held_on: string;
  thanks: string | null;
  news: string | null;
  requests: string | null;
  offers: string | null;
  recorded_by: string;
  recorded_at: string;
}

/** Someone's "about me" for one ward they belong to. A person's row exists only while they share it. */
export interface WardAboutMeTable {
  organisation_id: string;
  account_id: string;
  unit_id: string;
  author: 'staff' | 'person';
  display_name: string;
  about: string;
  updated_at: string;
}

/** The Safewards tables. */
export interface SafewardsTables {
  ward_interventions: WardInterventionsTable;
  ward_fidelity_checks: WardFidelityChecksTable;
  ward_fidelity_check_versions: WardFidelityCheckVersionsTable;
  ward_mutual_help_meetings: WardMutualHelpMeetingsTable;
  ward_about_me: WardAboutMeTable;
}

// --- Ward screen (issue 14): rollup, expectations, discharge messages, display tokens. ---

/** One ward's shift reports for one month, kept in step with each save (the figures read it). */
export interface WardShiftRollupTable {
  organisation_id: string;
  unit_id: string;
  /** YYYY-MM of the shift date. */
  month: string;
  reports: number;
  conflict: number;
  containment: number;
  /** Each item's total for the month, as JSON ({ code: count }); '{}' on organisation rows. */
  items: string;
  /** Organisation rows only: how many wards reported that month (0 on a ward's own row). */
  wards: number;
}

/**
 * The unit id of an organisation's own rollup row (every ward's month added together), kept in
 * step with each save like a ward's row, so the organisation chart reads one row a month however
 * many wards there are. Unit ids are UUIDs, so it cannot be a ward's.
 */
export const ORGANISATION_ROW = '*';

/** One published version of a ward's clear mutual expectations (every version is kept). */
export interface WardExpectationsTable {
  id: string;
  organisation_id: string;
  unit_id: string;
  version: number;
  body: string;
  published_by: string;
  published_by_name: string;
  published_at: string;
}

/** Where a discharge message is: waiting for a staff check, shown, declined or withdrawn. */
export type DischargeMessageStatus = 'waiting' | 'approved' | 'declined' | 'withdrawn';

/** A hopeful message from someone leaving the ward, for those still there. */
export interface WardDischargeMessagesTable {
  id: string;
  organisation_id: string;
  unit_id: string;
  writer_id: string;
  /** Only if the writer chose to sign it with a first name. */
  first_name: string | null;
  body: string;
  status: DischargeMessageStatus;
  /** Why it was held for a closer look (for example, it seems to hold a phone number). */
  held_reason: string | null;
  decline_reason: string | null;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
  withdrawn_at: string | null;
}

/** A ward display token: only its hash is kept; it opens the ward screen of one ward. */
export interface WardDisplayTokensTable {
  id: string;
  organisation_id: string;
  unit_id: string;
  token_hash: string;
  label: string;
  created_by: string;
  created_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
}

/** The ward screen's tables (merged into WardsTables). */
export interface WardsTables {
  ward_shift_rollup: WardShiftRollupTable;
  ward_expectations: WardExpectationsTable;
  ward_discharge_messages: WardDischargeMessagesTable;
  ward_display_tokens: WardDisplayTokensTable;
}
