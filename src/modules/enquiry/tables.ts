/**
 * Table shapes for asking about trauma. Columns ending `_enc` hold AES-256-GCM ciphertext
 * (see src/lib/crypto-box.ts); everything else is metadata that rates may count.
 */

/** Where an enquiry conversation has got to. */
export type EnquiryStage = 'prepare' | 'consent' | 'ask' | 'respond' | 'close' | 'record' | 'done';
/** Whether a conversation is going on, paused, or finished. */
export type EnquiryState = 'open' | 'paused' | 'done';
/** How an enquiry ended. */
export type EnquiryOutcome = 'asked' | 'declined' | 'not_now' | 'not_asked';
/** Who holds the screen while the questions are answered. */
export type EnquiryMode = 'together' | 'own_device';

/** One conversation about hard experiences, led by one practitioner with one person. */
export interface EnquiriesTable {
  id: string;
  organisation_id: string;
  person_id: string;
  practitioner_id: string;
  unit_id: string | null;
  /** YYYY-MM of the start, stored at write time for grouping. */
  period: string;
  state: EnquiryState;
  stage: EnquiryStage;
  mode: EnquiryMode;
  outcome: EnquiryOutcome | null;
  not_asked_reason: string | null;
  stopped: number;
  disclosed: number;
  preparation_json: string | null;
  answers_enc: string | null;
  response_enc: string | null;
  close_enc: string | null;
  note_enc: string | null;
  /** YYYY-MM-DD: when to come back after "not now" or "not asked". */
  return_on: string | null;
  /** When a later conversation was started, so the return is no longer due. */
  returned_at: string | null;
  /** YYYY-MM-DD: the follow-up agreed after a disclosure. */
  follow_up_on: string | null;
  followed_up_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
}

/** What a person agreed to record after telling us something, and its state. */
export interface EnquiryDisclosuresTable {
  id: string;
  organisation_id: string;
  enquiry_id: string;
  person_id: string;
  practitioner_id: string;
  record_enc: string;
  areas_enc: string;
  status: 'active' | 'withdrawn';
  created_at: string;
  updated_at: string;
  withdrawn_at: string | null;
}

/** A unit or named member of staff the person chose to share a disclosure with. */
export interface EnquirySharesTable {
  id: string;
  organisation_id: string;
  disclosure_id: string;
  unit_id: string | null;
  account_id: string | null;
  created_at: string;
}

/** One entry in an organisation's directory of support. */
export interface EnquiryServicesTable {
  id: string;
  organisation_id: string;
  name: string;
  kind: 'trauma_specific' | 'community';
  offer: string;
  for_whom: string;
  how_to_refer: string;
  self_referral: number;
  languages: string;
  contact: string;
  active: number;
  created_at: string;
  updated_at: string;
}

/** Support offered, or a referral made, with the person's agreement. */
export interface EnquiryReferralsTable {
  id: string;
  organisation_id: string;
  person_id: string;
  enquiry_id: string;
  service_id: string;
  practitioner_id: string;
  unit_id: string | null;
  kind: 'offered' | 'referred';
  status: 'offered' | 'waiting' | 'accepted' | 'declined' | 'seen';
  note_enc: string | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

/** A next step for a practitioner: a safety answer to act on, or an offer of reflective space. */
export interface EnquiryTasksTable {
  id: string;
  organisation_id: string;
  practitioner_id: string;
  person_id: string;
  enquiry_id: string;
  unit_id: string | null;
  kind: 'safety' | 'supervision';
  state: 'open' | 'done' | 'requested' | 'dismissed';
  created_at: string;
  done_at: string | null;
}

/** A person's own "What happened to you?" reflection, saved only because they chose to. */
export interface EnquiryReflectionsTable {
  id: string;
  organisation_id: string;
  person_id: string;
  answers_enc: string;
  created_at: string;
  updated_at: string;
}

/** The known value that proves the configured key is the one the database was set up with. */
export interface EncryptionKeyChecksTable {
  id: string;
  key_id: string;
  value: string;
  created_at: string;
}

/**
 * One person's enquiry evidence on one unit ('' for none, '*' the whole organisation) for a
 * calendar year: bit m-1 of each mask is set when that happened in month m of the year, bit
 * m+11 when in month m of the year before (a conversation started, the person was asked, said
 * no, told us; support offered or a referral made). Kept by evidence-rollup.ts.
 */
export interface EnquiryPeopleYearTable {
  organisation_id: string;
  unit_id: string;
  person_id: string;
  year: number;
  started_months: number;
  asked_months: number;
  declined_months: number;
  told_months: number;
  support_months: number;
  referred_months: number;
}

/** A unit's (or '' for none) monthly counts of "not now" conversations and referrals. */
export interface EnquiryMonthTable {
  organisation_id: string;
  unit_id: string;
  /** YYYY-MM of the conversation's or referral's start. */
  month: string;
  not_now: number;
  returned: number;
  referred: number;
  closed: number;
}

/** How many referrals made in a unit's month were closed after a given number of whole days. */
export interface EnquiryCloseDaysTable {
  organisation_id: string;
  unit_id: string;
  month: string;
  days: number;
  n: number;
}

/** The enquiry module's tables. */
export interface EnquiryTables {
  enquiries: EnquiriesTable;
  enquiry_disclosures: EnquiryDisclosuresTable;
  enquiry_shares: EnquirySharesTable;
  enquiry_services: EnquiryServicesTable;
  enquiry_referrals: EnquiryReferralsTable;
  enquiry_tasks: EnquiryTasksTable;
  enquiry_reflections: EnquiryReflectionsTable;
  encryption_key_checks: EncryptionKeyChecksTable;
  enquiry_people_year: EnquiryPeopleYearTable;
  enquiry_month: EnquiryMonthTable;
  enquiry_close_days: EnquiryCloseDaysTable;
}
