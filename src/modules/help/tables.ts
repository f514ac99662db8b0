/** Table shapes for the organisation's crisis numbers. */

/** One number an organisation gives its people to call or text when things are hard. */
export interface HelpNumbersTable {
  id: string;
  organisation_id: string;
  label: string;
  /** As the administrator typed it, for showing; links use the digits only. */
  number: string;
  kind: 'phone' | 'text';
  /** Display order, lowest first. */
  position: number;
  created_at: string;
  updated_at: string;
}

/** The help module's tables. */
export interface HelpTables {
  help_numbers: HelpNumbersTable;
}
