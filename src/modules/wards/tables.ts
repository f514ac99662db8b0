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
export interface WardsTables {
  ward_shift_reports: WardShiftReportsTable;
  ward_shift_report_versions: WardShiftReportVersionsTable;
}
