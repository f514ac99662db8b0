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
