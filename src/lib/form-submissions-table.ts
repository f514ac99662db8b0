/** Table shape for form tokens already used (src/web/form-once.ts). */

/** One create form sent: its token, whose it was, and where its first sending led. */
export interface FormSubmissionsTable {
  organisation_id: string;
  token: string;
  account_id: string;
  /** Where the first sending redirected to; null while it is still being saved. */
  outcome: string | null;
  created_at: string;
}

/** The form-token table. */
export interface FormSubmissionTables {
  form_submissions: FormSubmissionsTable;
}
