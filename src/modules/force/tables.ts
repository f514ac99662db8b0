/** Table shapes for the use-of-force register, its reviews, denominators and dashboard rollups. */

/** A person's characteristics as recorded on their record, read at the time of each incident. */
export interface PersonCharacteristicsTable {
  person_id: string;
  organisation_id: string;
  nhs_number: string | null;
  /** JSON array of NHS ethnic category codes, kept exactly as the person gave them. */
  ethnic_codes: string;
  sex: string;
  date_of_birth: string | null;
  disability: string;
  ld_autism: string;
  mental_disorder: string | null;
  legal_status: string | null;
  updated_at: string;
  updated_by: string | null;
}

/** One use-of-force incident (MHSDS MHS505). Never deleted before `retain_until`. */
export interface ForceIncidentsTable {
  /** Hearth's record id (time-ordered for new records). */
  id: string;
  organisation_id: string;
  /** The provider's own id (MHSDS RestrictiveIntIncID), unique within the organisation. */
  local_id: string;
  unit_id: string;
  person_id: string;
  /** London calendar month of the start (YYYY-MM), stored at write time for dashboards. */
  period: string;
  start_at: string;
  end_at: string | null;
  place: string;
  reason_code: string;
  reason_narrative: string;
  how_force_used: string;
  in_care_plan: number;
  outcome: string;
  harm: string;
  injury_person: number;
  injury_staff: number;
  injury_other: number;
  /** JSON array of avoidance method codes. */
  avoidance_codes: string;
  avoidance_narrative: string;
  notification: string;
  non_staff: string;
  non_staff_reason: string | null;
  police_requested_at: string | null;
  police_arrived_at: string | null;
  body_worn_camera: string | null;
  mental_disorder: string | null;
  legal_status: string | null;
  /** JSON snapshot of the person's recorded characteristics at the time. */
  characteristics: string;
  grp_ethnicity: string;
  grp_sex: string;
  grp_age_band: string;
  grp_disability: string;
  grp_ld_autism: string;
  plan_id: string | null;
  plan_version: number | null;
  plan_known: string;
  plan_followed: string | null;
  plan_not_followed_reason: string | null;
  account_offered: number;
  account_status: string;
  account_helper_id: string | null;
  prone: number;
  recorded_by: string | null;
  recorded_at: string;
  updated_at: string;
  version: number;
  retain_until: string;
  source: string;
  /**
   * When staff released the record for the person to read after seeing the language checker's
   * suggestions (null: not yet; a record with nothing flagged needs no release).
   */
  person_view_released_at: string | null;
  person_view_released_by: string | null;
  /** Calm-down methods offered first: 'yes' | 'no' | 'not_possible'; null when skipped. */
  calm_down_offered: string | null;
  /** JSON array of calm-down method codes (learning.ts), or null. */
  calm_down_methods: string | null;
  /** Others on the ward reassured afterwards: 'yes' | 'no' | 'not_needed'; null when skipped. */
  others_reassured: string | null;
}

/** One intervention within an incident (MHSDS MHS515), with a stable id. */
export interface ForceInterventionsTable {
  /** Hearth's record id (time-ordered for new records). */
  id: string;
  organisation_id: string;
  /** The provider's own id (MHSDS RestrictiveIntTypeID), unique within the organisation. */
  local_id: string;
  incident_id: string;
  seq: number;
  type_code: string;
  reason_code: string;
  start_at: string;
  end_at: string | null;
  duration_minutes: number | null;
  position_note: string | null;
  medication: string | null;
  /** The staff involved, in order: a JSON array of `ForceStaffEntry`. */
  staff: string;
}

/** A member of staff involved in an intervention, with their job title and role in it. */
export interface ForceStaffEntry {
  name: string;
  job_title: string;
  role_code: string;
}

/** The record as it was before each amendment; append-only. */
export interface ForceAmendmentsTable {
  id: string;
  organisation_id: string;
  incident_id: string;
  version: number;
  amended_at: string;
  amended_by: string | null;
  reason: string;
  previous: string;
}

/** The person's own account, and their reply to the staff account; every save is kept. */
export interface ForcePersonAccountsTable {
  id: string;
  organisation_id: string;
  incident_id: string;
  person_id: string;
  kind: string;
  status: string;
  body: string | null;
  written_by: string;
  written_by_helper: number;
  created_at: string;
  /** 1 for the first save on an incident, then 2, 3…; the highest of each kind is current. */
  version: number;
}

/** A debrief, review or reminder that follows an incident. */
export interface ForceReviewsTable {
  id: string;
  organisation_id: string;
  unit_id: string;
  incident_id: string;
  intervention_id: string | null;
  kind: string;
  due_at: string;
  completed_at: string | null;
  completed_by: string | null;
  notes: string | null;
  support_offered: number | null;
}

/** An observation episode (its own record type, not an intervention). */
export interface ForceObservationsTable {
  id: string;
  organisation_id: string;
  unit_id: string;
  person_id: string;
  level: string;
  start_at: string;
  end_at: string | null;
  reason: string;
  period: string;
  recorded_by: string | null;
  recorded_at: string;
  retain_until: string;
}

/** A search of a person, room or belongings. */
export interface ForceSearchesTable {
  id: string;
  organisation_id: string;
  unit_id: string;
  person_id: string;
  kind: string;
  consent: string;
  reason: string;
  finding: string | null;
  force_used: number;
  occurred_at: string;
  period: string;
  recorded_by: string | null;
  recorded_at: string;
  retain_until: string;
}

/** Occupied bed days per unit and month, entered or imported. */
export interface ForceBedDaysTable {
  organisation_id: string;
  unit_id: string;
  period: string;
  occupied_bed_days: number;
  updated_at: string;
}

/** People on a unit in a year by characteristic group: the disparity denominators. */
export interface ForcePopulationTable {
  organisation_id: string;
  unit_id: string;
  year: string;
  dimension: string;
  group_code: string;
  people: number;
}

/**
 * Monthly totals. Scope: (organisation, unit) for a unit, (organisation, '') for the whole
 * organisation, ('*', '') for all organisations. Kept in step in the same transaction as writes.
 */
export interface ForceRollupMonthTable {
  organisation_id: string;
  unit_id: string;
  period: string;
  incidents: number;
  interventions: number;
  prone_interventions: number;
  injuries_person: number;
  account_offered: number;
  account_given: number;
  plan_applicable: number;
  plan_followed: number;
  bed_days: number;
}

/**
 * Monthly counts behind the assessment's evidence, per unit and for the organisation (unit ''),
 * by UTC month of the incident's start and of the review's due time (migration 0041).
 */
export interface ForceEvidenceMonthTable {
  organisation_id: string;
  unit_id: string;
  /** YYYY-MM (UTC). */
  month: string;
  /** Incidents involving someone with a plan (plan_known other than no_plan). */
  with_plan: number;
  /** Of those, incidents where staff knew the person's choices. */
  plan_known_yes: number;
  debriefs_due: number;
  debriefs_on_time: number;
  reviews_due: number;
  reviews_on_time: number;
}

/** Monthly totals per intervention type, with duration sums for means and buckets for medians. */
export interface ForceRollupTypeTable {
  organisation_id: string;
  unit_id: string;
  period: string;
  type_code: string;
  interventions: number;
  duration_count: number;
  duration_sum: number;
  /** Duration histogram: d00 … d31 count interventions in each bucket (stats.ts BUCKET_BOUNDS). */
  d00: number;
  d01: number;
  d02: number;
  d03: number;
  d04: number;
  d05: number;
  d06: number;
  d07: number;
  d08: number;
  d09: number;
  d10: number;
  d11: number;
  d12: number;
  d13: number;
  d14: number;
  d15: number;
  d16: number;
  d17: number;
  d18: number;
  d19: number;
  d20: number;
  d21: number;
  d22: number;
  d23: number;
  d24: number;
  d25: number;
  d26: number;
  d27: number;
  d28: number;
  d29: number;
  d30: number;
  d31: number;
}

/** Yearly incidents and people per characteristic group, for disparity rates. */
export interface ForceRollupGroupTable {
  organisation_id: string;
  unit_id: string;
  year: string;
  dimension: string;
  group_code: string;
  incidents: number;
  people: number;
}

/** A record being written, kept between the form's pages until it is saved. */
export interface ForceDraftsTable {
  id: string;
  organisation_id: string;
  unit_id: string;
  person_id: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  /** The page reached: 'when', 'force', 'after' or 'check'. */
  step: string;
  /** The form's values so far, as JSON. */
  body: string;
}

/** An organisation's advocacy contacts, shown on the person's own pages. */
export interface ForceSettingsTable {
  organisation_id: string;
  advocacy_name: string;
  advocacy_contact: string;
  imha_name: string;
  imha_contact: string;
  updated_at: string;
  updated_by: string | null;
}

/**
 * Learning with the person after a use of force: their own words (written once, never edited
 * by staff) and who wrote them down, one row per incident.
 */
export interface ForceLearningTable {
  incident_id: string;
  organisation_id: string;
  unit_id: string;
  period: string;
  words: string | null;
  words_by: string | null;
  words_by_name: string | null;
  /** 'chosen_staff' | 'peer_worker'. */
  words_by_role: string | null;
  words_at: string | null;
  themes_by: string | null;
  themes_at: string | null;
}

/** One theme staff tagged on the learning for an incident (unit and month kept for counting). */
export interface ForceLearningThemesTable {
  organisation_id: string;
  incident_id: string;
  unit_id: string;
  period: string;
  theme: string;
}

/** The force module's tables. */
export interface ForceTables {
  person_characteristics: PersonCharacteristicsTable;
  force_incidents: ForceIncidentsTable;
  force_interventions: ForceInterventionsTable;
  force_amendments: ForceAmendmentsTable;
  force_person_accounts: ForcePersonAccountsTable;
  force_reviews: ForceReviewsTable;
  force_observations: ForceObservationsTable;
  force_searches: ForceSearchesTable;
  force_bed_days: ForceBedDaysTable;
  force_population: ForcePopulationTable;
  force_rollup_month: ForceRollupMonthTable;
  force_rollup_type: ForceRollupTypeTable;
  force_rollup_group: ForceRollupGroupTable;
  force_evidence_month: ForceEvidenceMonthTable;
  force_drafts: ForceDraftsTable;
  force_settings: ForceSettingsTable;
  force_learning: ForceLearningTable;
  force_learning_themes: ForceLearningThemesTable;
}
