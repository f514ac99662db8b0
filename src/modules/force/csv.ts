/**
 * The MHSDS-shaped CSV: one row per intervention (MHS515 type segment) carrying its incident
 * (MHS505) with stable ids, so corrections can be re-sent. Guarantees: any cell that a
 * spreadsheet could run as a formula (starting = + - @, tab or carriage return) is written with
 * a leading apostrophe, and the apostrophe is taken off again on import, so a round trip is exact.
 */
import { parse } from 'csv-parse/sync';
import type { CsvError } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

/** The columns every file must have, in order (the MHSDS-shaped ones). */
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

/**
 * Hearth's own incident-level columns after the MHSDS-shaped ones: the calm-down answers (codes
 * from learning-codes.ts; methods separated by `;`; empty when skipped). Optional on import, as a
 * set of three: a file without them (made before they existed) still imports, and a correction
 * from such a file keeps the answers already kept.
 */
export const CALM_DOWN_COLUMNS = ['CalmDownOffered', 'CalmDownMethods', 'OthersReassured'] as const;

/** Every column the export writes, in order: the required ones, then the optional ones. */
export const EXPORT_COLUMNS = [...CSV_COLUMNS, ...CALM_DOWN_COLUMNS] as const;

/** One column name. */
export type CsvColumn = (typeof EXPORT_COLUMNS)[number];
/** One row, every cell as text (an optional column missing from a file reads as empty). */
export type CsvRow = Record<CsvColumn, string>;

/** The incident-level columns (MHS505 and the calm-down answers), for the incidents-only table. */
export const INCIDENT_COLUMNS: readonly CsvColumn[] = [
  ...CSV_COLUMNS.slice(0, CSV_COLUMNS.indexOf('RestrictiveIntTypeID')),
  ...CALM_DOWN_COLUMNS,
];
/** The type-level columns (MHS515), for the types-only table. */
export const TYPE_COLUMNS: readonly CsvColumn[] = [
  'RestrictiveIntIncID',
  ...CSV_COLUMNS.slice(CSV_COLUMNS.indexOf('RestrictiveIntTypeID')),
];

// A cell a spreadsheet could run as a formula, behind any number of apostrophes (so that a cell
// that really starts with an apostrophe and a formula character also survives a round trip).
const GUARDED = /^'*[=+\-@\t\r]/;

/** Makes a cell safe to open in a spreadsheet: a leading apostrophe before anything formula-like. */
export function neutralise(value: string): string {
  return GUARDED.test(value) ? `'${value}` : value;
}

/** Undoes `neutralise` on import: exactly one apostrophe comes off a guarded cell. */
export function unneutralise(value: string): string {
  return value.startsWith("'") && GUARDED.test(value.slice(1)) ? value.slice(1) : value;
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

/** One record read from a CSV file, with the line it starts on (the header is line 1). */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/** A CSV file read into its header and records, or the first place it stops being CSV. */
export type ReadCsv =
  | { ok: true; header: string[]; records: CsvRecord[] }
  | { ok: false; line: number; reason: string };

// csv-parse's reasons, in the words the import page has always used for them.
const QUOTE_PROBLEMS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'Quoted field unterminated',
  CSV_INVALID_CLOSING_QUOTE: 'Trailing quote on quoted field is malformed',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'Trailing quote on quoted field is malformed',
};

// Plain arrays of strings, no casting, no per-record info: the fastest way csv-parse reads.
// Quotes inside an unquoted cell are kept as they are, and rows may differ in length (each row
// is checked later, with its line number).
const PARSE_OPTIONS = { delimiter: ',', relax_column_count: true, relax_quotes: true } as const;

/** The line each record starts on, counting the line breaks inside quoted cells. */
function startLines(body: string, records: readonly string[][]): number[] {
  const breakChar = body.includes('\n') ? '\n' : '\r';
  // Every record after the first starts after one line break. When the file holds no more line
  // breaks than that (plus a last one), no cell holds one, and record n starts on line n + 1:
  // one search through the text instead of one through every cell.
  let breaks = 0;
  for (let i = body.indexOf(breakChar); i >= 0; i = body.indexOf(breakChar, i + 1)) breaks++;
  const lines: number[] = [];
  if (breaks === records.length - 1 || (breaks === records.length && body.endsWith(breakChar))) {
    for (let n = 0; n < records.length; n++) lines.push(n + 1);
    return lines;
  }
  let line = 1;
  for (const cells of records) {
    lines.push(line);
    line += 1;
    for (const cell of cells) {
      if (!cell.includes(breakChar)) continue;
      for (let i = cell.indexOf(breakChar); i >= 0; i = cell.indexOf(breakChar, i + 1)) line++;
    }
  }
  return lines;
}

/** Where a record that could not be read starts, and why (from csv-parse's error). */
function problemOf(body: string, error: CsvError): { line: number; reason: string } {
  // The records before the bad one are read again (they are good), to find where it starts.
  const good = Number(error.records) || 0;
  const before = good > 0 ? (parse(body, { ...PARSE_OPTIONS, to: good }) as string[][]) : [];
  const lines = startLines(body, before);
  const last = before.at(-1);
  const line =
    last === undefined
      ? 1
      : (lines.at(-1) ?? 1) +
        1 +
        last.reduce((n, cell) => n + (cell.match(/\r\n|\n|\r/g)?.length ?? 0), 0);
  return {
    line,
    reason: `The file is not valid CSV here: ${QUOTE_PROBLEMS[error.code] ?? error.message}`,
  };
}

/**
 * Reads RFC 4180 CSV (any line ending, optional byte order mark) with csv-parse. Blank lines are
 * skipped. Line numbers count the line breaks inside quoted cells, so they match what a person
 * sees in a text editor.
 */
export function readCsv(text: string): ReadCsv {
  const body = text.replace(/^\uFEFF/, '');
  let parsed: string[][];
  try {
    parsed = parse(body, PARSE_OPTIONS) as string[][];
  } catch (error) {
    const problem = problemOf(body, error as CsvError);
    return { ok: false, ...problem };
  }
  const lines = startLines(body, parsed);
  const [header = [], ...rest] = parsed;
  const records: CsvRecord[] = [];
  rest.forEach((cells, n) => {
    if (cells.length === 1 && cells[0] === '') return;
    records.push({ line: lines[n + 1] ?? 0, cells });
  });
  return { ok: true, header, records };
}

/** The cell at a position (empty when there is none), with the export's formula guard taken off. */
export function cellAt(cells: readonly string[], at: number): string {
  const value = cells[at] ?? '';
  return value.charCodeAt(0) === 39 ? unneutralise(value) : value;
}

/**
 * A row keyed by column from a record's cells (`columnAt[i]` is where `EXPORT_COLUMNS[i]` is in the
 * file), with the export's formula guard taken off again. Written out column by column: building
 * the row in a loop over the names measured three times slower on large imports.
 */
export function rowFromCells(cells: readonly string[], columnAt: readonly number[]): CsvRow {
  const cell = (i: number): string => cellAt(cells, columnAt[i] ?? -1);
  return {
    RestrictiveIntIncID: cell(0),
    OrgIDProv: cell(1),
    UnitID: cell(2),
    PersonID: cell(3),
    NHSNumber: cell(4),
    StartDateTimeRestrictiveIntInc: cell(5),
    EndDateTimeRestrictiveIntInc: cell(6),
    RestrictiveIntReason: cell(7),
    Place: cell(8),
    ReasonNarrative: cell(9),
    HowForceUsed: cell(10),
    InCarePlan: cell(11),
    Outcome: cell(12),
    DeathOrSeriousInjury: cell(13),
    InjuryPerson: cell(14),
    InjuryStaff: cell(15),
    InjuryOther: cell(16),
    AvoidanceMethods: cell(17),
    AvoidanceNarrative: cell(18),
    Notification: cell(19),
    NonStaffInvolved: cell(20),
    NonStaffReason: cell(21),
    PoliceRequestedDateTime: cell(22),
    PoliceArrivedDateTime: cell(23),
    BodyWornCamera: cell(24),
    MentalDisorder: cell(25),
    LegalStatus: cell(26),
    EthnicCategories: cell(27),
    Sex: cell(28),
    AgeBand: cell(29),
    Disability: cell(30),
    LearningDisabilityOrAutism: cell(31),
    PlanID: cell(32),
    PlanVersion: cell(33),
    PlanKnown: cell(34),
    PlanFollowed: cell(35),
    PlanNotFollowedReason: cell(36),
    AccountOffered: cell(37),
    AccountStatus: cell(38),
    RestrictiveIntTypeID: cell(39),
    RestrictiveIntType: cell(40),
    StartDateTimeRestrictiveIntType: cell(41),
    EndDateTimeRestrictiveIntType: cell(42),
    DurationMinutes: cell(43),
    PositionNote: cell(44),
    Medication: cell(45),
    Staff: cell(46),
    CalmDownOffered: cell(47),
    CalmDownMethods: cell(48),
    OthersReassured: cell(49),
  } satisfies Record<CsvColumn, string>;
}
