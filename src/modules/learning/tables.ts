/** Table shapes for training records, the built-in course's progress and its certificates. */

import type { ProposalColumns } from '../../lib/proposals.ts';

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
  learning_journal: LearningJournalTable;
  learning_supervision: LearningSupervisionTable;
  learning_support_services: LearningSupportServicesTable;
  learning_support_answers: LearningSupportAnswersTable;
  learning_wellbeing_answered: LearningWellbeingAnsweredTable;
  learning_wellbeing: LearningWellbeingTable;
  // Partners' suggestions for the course text (issue 13 item 5), below.
  learning_text_proposals: LearningTextProposalsTable;
  learning_text_overrides: LearningTextOverridesTable;
}

/** One private journal entry. Only its writer, and a supervisor they share it with, read it. */
export interface LearningJournalTable {
  id: string;
  organisation_id: string;
  account_id: string;
  /** Which prompts were offered: 'any', 'force' or 'disclosure'. */
  prompt: string;
  /** JSON of the answers, encrypted (context `learning_journal.text_enc:<id>`). */
  text_enc: string;
  /** The one supervisor the writer shared this entry with, if any. */
  shared_with: string | null;
  shared_at: string | null;
  created_at: string;
}

/** One supervision session a member of staff recorded. */
export interface LearningSupervisionTable {
  id: string;
  organisation_id: string;
  account_id: string;
  supervisor_id: string;
  /** YYYY-MM-DD. */
  held_on: string;
  attended: number;
  /** The staff member's own note, only if they add one, encrypted. */
  note_enc: string | null;
  created_at: string;
}

/** One entry in the organisation's directory of support for staff. */
export interface LearningSupportServicesTable {
  id: string;
  organisation_id: string;
  name: string;
  offer: string;
  contact: string;
  active: number;
  created_at: string;
}

/** A staff member's answer to the offer of support after one hard event. */
export interface LearningSupportAnswersTable {
  id: string;
  organisation_id: string;
  account_id: string;
  event_kind: 'force' | 'disclosure';
  event_id: string;
  unit_id: string | null;
  answer: 'accepted' | 'declined';
  /** JSON array of the kinds of support chosen. */
  choices: string;
  /** YYYY-MM-DD: the day only, so counts by period need nothing finer. */
  answered_on: string;
}

/** Who has done the wellbeing check-in in a period (never what they answered). */
export interface LearningWellbeingAnsweredTable {
  organisation_id: string;
  /** YYYY-MM. */
  period: string;
  account_id: string;
}

/** One wellbeing check-in: no account, no time, a random key (src/lib/anonymous-batches.ts). */
export interface LearningWellbeingTable {
  organisation_id: string;
  period: string;
  id: string;
  unit_id: string | null;
  /** JSON: question id → answer; skipped questions are absent. */
  answers: string;
}

// --- Course text suggestions (issue 13 item 5) ---

/** A partner's suggested change to one block of a course section (or the whole section). */
export interface LearningTextProposalsTable extends ProposalColumns {
  section_id: string;
  /** A block id from content-blocks.ts, or "section" for the whole section's text. */
  block_id: string;
}

/** An organisation's accepted words for one block of a section; the file's words otherwise. */
export interface LearningTextOverridesTable {
  organisation_id: string;
  section_id: string;
  block_id: string;
  /** Markdown, rendered with raw HTML off like the files. */
  text: string;
  proposal_id: string;
  updated_at: string;
}
