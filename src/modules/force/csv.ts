/**
 * The MHSDS-shaped CSV: one row per intervention (MHS515 type segment) carrying its incident
 * (MHS505) with stable ids, so corrections can be re-sent. Guarantees: any cell that a
 * spreadsheet could run as a formula (starting = + - @, tab or carriage return) is written with
 * a leading apostrophe, and the apostrophe is taken off again on import, so a round trip is exact.
 */
import { stringify } from 'csv-stringify/sync';

/** The columns, in order. */
export const CSV_COLUMNS = [
  'RestrictiveIntIncID',
  'OrgIDProv',
  'UnitID',
  'PersonID',
  'NHSNumber',
  'StartDateTimeRestrictiveIntInc',
  'EndDateTimeRestrictiveIntInc',
  'RestrictiveIntReason',
  'Place',
  'ReasonNarrative',
  'HowForceUsed',
  'InCarePlan',
  'Outcome',
  'DeathOrSeriousInjury',
  'InjuryPerson',
  'InjuryStaff',
  'InjuryOther',
  'AvoidanceMethods',
  'AvoidanceNarrative',
  'Notification',
  'NonStaffInvolved',
  'NonStaffReason',
  'PoliceRequestedDateTime',
  'PoliceArrivedDateTime',
  'BodyWornCamera',
  'MentalDisorder',
  'LegalStatus',
  'EthnicCategories',
  'Sex',
  'AgeBand',
  'Disability',
  'LearningDisabilityOrAutism',
  'PlanID',
  'PlanVersion',
  'PlanKnown',
  'PlanFollowed',
  'PlanNotFollowedReason',
  'AccountOffered',
  'AccountStatus',
  'RestrictiveIntTypeID',
  'RestrictiveIntType',
  'StartDateTimeRestrictiveIntType',
  'EndDateTimeRestrictiveIntType',
  'DurationMinutes',
  'PositionNote',
  'Medication',
  'Staff',
] as const;

/** One column name. */
export type CsvColumn = (typeof CSV_COLUMNS)[number];
/** One row, every cell as text. */
export type CsvRow = Record<CsvColumn, string>;

/** The incident-level columns (MHS505), for the incidents-only table. */
export const INCIDENT_COLUMNS: readonly CsvColumn[] = CSV_COLUMNS.slice(
  0,
  CSV_COLUMNS.indexOf('RestrictiveIntTypeID'),
);
/** The type-level columns (MHS515), for the types-only table. */
export const TYPE_COLUMNS: readonly CsvColumn[] = [
  'RestrictiveIntIncID',
  ...CSV_COLUMNS.slice(CSV_COLUMNS.indexOf('RestrictiveIntTypeID')),
];

const FORMULA_START = /^[=+\-@\t\r]/;

/** Makes a cell safe to open in a spreadsheet. */
export function neutralise(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Undoes `neutralise` on import. */
export function unneutralise(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/** Writes rows as RFC 4180 CSV with a header, every cell neutralised. */
export function toCsv(
  columns: readonly string[],
  rows: readonly Record<string, string | number | null>[],
): string {
  return stringify(
    rows.map((r) =>
      columns.map((c) => neutralise(r[c] === null || r[c] === undefined ? '' : String(r[c]))),
    ),
    {
      header: true,
      columns: [...columns],
      record_delimiter: '\r\n',
      quoted_match: /[\s\S]*[",\r\n][\s\S]*/,
    },
  );
}
