/** Table shapes for people's rights over their data: the organisation's retention periods. */

/** How long an organisation keeps one kind of record, in months. */
export interface RetentionSettingsTable {
  organisation_id: string;
  category: string;
  months: number;
  updated_at: string;
  updated_by: string | null;
}

/** The rights module's tables. */
export interface RightsTables {
  retention_settings: RetentionSettingsTable;
}
