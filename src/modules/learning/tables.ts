/** Table shapes for training records, the built-in course's progress and its certificates. */

/** A course the organisation counts towards the Use of Force Act's training topics. */
export interface LearningCoursesTable {
  id: string;
  organisation_id: string;
  name: string;
  provider: string;
  /** The section 5 topic letters it covers, sorted and joined: "a,e,f". */
  topics: string;
  /** How long a completion stays in date. */
  refresher_months: number;
  /** 1 for Hearth's own "Trauma-informed practice" course, 0 for the organisation's. */
  built_in: number;
  created_at: string;
  /** When the organisation stopped counting new completions of it (kept for history). */
  retired_at: string | null;
}

/** One staff member's completion of one course. */
export interface LearningRecordsTable {
  id: string;
  organisation_id: string;
  account_id: string;
  course_id: string;
  /** The day it was completed, YYYY-MM-DD (London). */
  completed_on: string;
  evidence: string | null;
  source: 'own' | 'import' | 'course';
  created_at: string;
  created_by: string | null;
}

/**
 * What a staff record import told us about a member of staff: their employee number (so later
 * files may name them by it) and the day they started (no completion may come before it).
 */
export interface LearningStaffTable {
  organisation_id: string;
  account_id: string;
  employee_number: string | null;
  joined_on: string | null;
}

/** A learner's latest attempt at one section of the built-in course. */
export interface LearningProgressTable {
  organisation_id: string;
  account_id: string;
  section_id: string;
  /** JSON: question id → chosen option index. */
  answers: string;
  correct: number;
  total: number;
  passed: number;
  updated_at: string;
}

/** A certificate for finishing the built-in course. */
export interface LearningCertificatesTable {
  id: string;
  organisation_id: string;
  account_id: string;
  completed_on: string;
  /** The course's planned length in minutes (the certificate shows hours). */
  minutes: number;
  record_id: string;
  created_at: string;
}

/** The learning module's tables. */
export interface LearningTables {
  learning_courses: LearningCoursesTable;
  learning_records: LearningRecordsTable;
  learning_staff: LearningStaffTable;
  learning_progress: LearningProgressTable;
  learning_certificates: LearningCertificatesTable;
}
