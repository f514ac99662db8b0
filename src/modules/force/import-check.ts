/**
 * The import's checking, which runs on its own thread (see import-worker.ts): reading the CSV,
 * grouping rows by incident, checking every row, and building the rows and rollup totals to
 * write, batch by batch. Nothing here touches the database; what it needs to know about the
 * register arrives as `Known`.
 */
import type { Engine, PackedRows } from '../../db/pack.ts';
import { packRows } from '../../db/pack.ts';
import { newTimeOrderedId } from '../../lib/tokens.ts';
import { ageBands, ethnicCodes, sexOptions, yesNoNotStated } from './codes.ts';
import type { CsvRecord, CsvRow } from './csv.ts';
import {
  CALM_DOWN_COLUMNS,
  EXPORT_COLUMNS,
  INCIDENT_COLUMNS,
  cellAt,
  rowFromCells,
} from './csv.ts';
import type { CalmDownInput } from './learning-codes.ts';
import {
  calmDownMethods,
  calmDownOfferedOptions,
  isCodeIn,
  othersReassuredOptions,
} from './learning-codes.ts';
import { must } from './must.ts';
import type { RollupDeltas } from './rollups.ts';
import { addIncident } from './rollups.ts';
import type { CharacteristicsSnapshot } from './records.ts';
import { incidentRow, interventionRows } from './records.ts';
import type { ForceIncidentsTable, ForceInterventionsTable } from './tables.ts';
import { EARLIEST_YEAR, MAX_INTEGER, parseUtc } from './time.ts';
import type { IncidentInput } from './validate.ts';
import { checkIncident } from './validate.ts';

/** One bad row in an import. */
export interface ImportProblem {
  line: number;
  reason: string;
}

/** Incidents checked and written per batch. */
const BATCH = 2000;
/**
 * The n-th batch's size: small at first (250, 500, 1,000), so that the database starts writing
 * while the first batches are still being checked, then `BATCH`.
 */
function batchSize(n: number): number {
  return Math.min(BATCH, 250 * 2 ** n);
}
const ID = /^[\w.:-]{1,100}$/;

/** Checks an NHS number's modulus-11 check digit. */
export function isValidNhsNumber(value: string): boolean {
  if (!/^\d{10}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(value[i]) * (10 - i);
  const check = 11 - (sum % 11);
  const expected = check === 11 ? 0 : check;
  return expected !== 10 && expected === Number(value[9]);
}

/** The rows of one incident, with the line each came from. */
export interface Group {
  id: string;
  lines: number[];
  rows: CsvRow[];
}

/**
 * Groups rows by incident, reporting rows that cannot be read: a wrong number of cells, a
 * missing or odd id, a repeated intervention id, or incident columns that differ between rows
 * of the same incident. `typeIds` (intervention id → line) carries over between calls when a
 * file is grouped a slice at a time.
 */
export function groupRows(
  header: readonly string[],
  records: readonly CsvRecord[],
  problems: ImportProblem[],
  typeIds = new Map<string, number>(),
): { groups: Map<string, Group>; typeIds: Map<string, number> } {
  const columnAt = EXPORT_COLUMNS.map((c) => header.indexOf(c));
  const groups = new Map<string, Group>();
  for (const { line, cells } of records) {
    const bad = (reason: string) => problems.push({ line, reason });
    if (cells.length !== header.length) {
      bad(`This row has ${cells.length} cells but the header has ${header.length}`);
      continue;
    }
    const row = rowFromCells(cells, columnAt);
    const id = row.RestrictiveIntIncID;
    if (!ID.test(id)) {
      bad('RestrictiveIntIncID is missing or has characters other than letters, digits, - . : _');
      continue;
    }
    if (!ID.test(row.RestrictiveIntTypeID)) {
      bad('RestrictiveIntTypeID is missing or has characters other than letters, digits, - . : _');
      continue;
    }
    const dup = typeIds.get(row.RestrictiveIntTypeID);
    if (dup !== undefined) {
      bad(`RestrictiveIntTypeID ${row.RestrictiveIntTypeID} is also on line ${dup}`);
      continue;
    }
    typeIds.set(row.RestrictiveIntTypeID, line);
    const g = groups.get(id);
    if (!g) {
      groups.set(id, { id, lines: [line], rows: [row] });
      continue;
    }
    const first = must(g.rows[0]);
    const differs = INCIDENT_COLUMNS.find((c) => first[c] !== row[c]);
    if (differs) {
      bad(`${differs} differs from line ${g.lines[0]} for the same incident`);
      continue;
    }
    g.lines.push(line);
    g.rows.push(row);
  }
  return { groups, typeIds };
}

/** The ids a file names, for the lookups, and whether each incident's rows are together. */
export interface FileIds {
  incidents: string[];
  types: string[];
  people: string[];
  /** No incident's rows are split by another incident's (true of every export). */
  together: boolean;
}

/** Reads the ids from each record's cells, without building rows (a few milliseconds). */
export function idsOf(header: readonly string[], records: readonly CsvRecord[]): FileIds {
  const incidentAt = header.indexOf('RestrictiveIntIncID');
  const typeAt = header.indexOf('RestrictiveIntTypeID');
  const personAt = header.indexOf('PersonID');
  const incidents = new Set<string>();
  const types = new Set<string>();
  const people = new Set<string>();
  let together = true;
  let previous: string | undefined;
  for (const { cells } of records) {
    const id = cellAt(cells, incidentAt);
    if (id !== previous) {
      if (incidents.has(id)) together = false;
      incidents.add(id);
      previous = id;
    }
    types.add(cellAt(cells, typeAt));
    people.add(cellAt(cells, personAt));
  }
  return { incidents: [...incidents], types: [...types], people: [...people], together };
}

/**
 * Splits records whose incidents are together into runs of `batchSize` incidents, never splitting an
 * incident, so each run can be grouped, checked and written while the next is read.
 */
function* runsOf(
  header: readonly string[],
  records: readonly CsvRecord[],
): Generator<readonly CsvRecord[]> {
  const incidentAt = header.indexOf('RestrictiveIntIncID');
  let start = 0;
  let count = 0;
  let batches = 0;
  let previous: string | undefined;
  for (let i = 0; i < records.length; i++) {
    const id = cellAt(must(records[i]).cells, incidentAt);
    if (id === previous) continue;
    previous = id;
    if (count === batchSize(batches)) {
      yield records.slice(start, i);
      start = i;
      count = 0;
      batches++;
    }
    count++;
  }
  if (start < records.length) yield records.slice(start);
}

/**
 * The file's incidents, grouped, in batches. When each incident's rows are together (as in every
 * export), each batch is grouped just before it is checked, so writing starts at once instead of
 * after the whole file is grouped; otherwise the whole file is grouped first.
 */
function* batchesOf(
  header: readonly string[],
  records: readonly CsvRecord[],
  together: boolean,
  problems: ImportProblem[],
): Generator<Group[]> {
  const typeIds = new Map<string, number>();
  if (together) {
    for (const run of runsOf(header, records))
      yield [...groupRows(header, run, problems, typeIds).groups.values()];
    return;
  }
  const all = [...groupRows(header, records, problems, typeIds).groups.values()];
  for (let i = 0, n = 0; i < all.length; n++) {
    const size = batchSize(n);
    yield all.slice(i, i + size);
    i += size;
  }
}

/** What the checks need to know about the database. */
interface Known {
  organisationId: string;
  units: ReadonlySet<string>;
  people: ReadonlySet<string>;
  /** The organisation's incidents already in the register: local id → record id. */
  incidents: ReadonlyMap<string, string>;
  /** The organisation's interventions already in the register: local id → incident record id. */
  typeOwners: ReadonlyMap<string, string>;
  now: Date;
}

/** One incident, checked and turned into input, ready to write. */
interface Checked {
  group: Group;
  input: IncidentInput;
  snapshot: CharacteristicsSnapshot;
}

/** True when a file's header has the calm-down columns (a file made before them has none). */
export function asksCalmDown(header: readonly string[]): boolean {
  return CALM_DOWN_COLUMNS.every((c) => header.includes(c));
}

const codesOf = (list: readonly { code: string }[]) => list.map((c) => c.code).join(', ');

/**
 * The calm-down answers of an incident's row, with the form's rules: each may be empty
 * (skipped), and anything else must be a code from its list. Reports each bad column.
 */
function calmDownOf(row: CsvRow, bad: (reason: string) => void): CalmDownInput {
  const methods = row.CalmDownMethods === '' ? [] : row.CalmDownMethods.split(';');
  if (row.CalmDownOffered !== '' && !isCodeIn(calmDownOfferedOptions, row.CalmDownOffered))
    bad(`CalmDownOffered must be empty or one of: ${codesOf(calmDownOfferedOptions)}`);
  if (methods.some((m) => !isCodeIn(calmDownMethods, m)))
    bad(`CalmDownMethods must be empty or codes separated by ;, from: ${codesOf(calmDownMethods)}`);
  if (row.OthersReassured !== '' && !isCodeIn(othersReassuredOptions, row.OthersReassured))
    bad(`OthersReassured must be empty or one of: ${codesOf(othersReassuredOptions)}`);
  return {
    offered: row.CalmDownOffered || null,
    methods,
    othersReassured: row.OthersReassured || null,
  };
}

/**
 * Checks one incident's rows, reporting each problem against its line. `calmAsked`: the file
 * has the calm-down columns (otherwise the input leaves the answers as they are kept).
 */
function checkGroup(
  g: Group,
  known: Known,
  problems: ImportProblem[],
  calmAsked: boolean,
): Checked {
  const row = must(g.rows[0]);
  const line = must(g.lines[0]);
  const before = problems.length;
  const bad = (reason: string, at = line) => problems.push({ line: at, reason });
  if (row.OrgIDProv !== known.organisationId) bad('OrgIDProv is not your organisation');
  const incidentId = known.incidents.get(g.id);
  g.rows.forEach((r, n) => {
    const ownerIncident = known.typeOwners.get(r.RestrictiveIntTypeID);
    if (ownerIncident !== undefined && ownerIncident !== incidentId)
      bad('RestrictiveIntTypeID already belongs to a different incident', g.lines[n]);
  });
  if (!known.units.has(row.UnitID)) bad('UnitID is not a unit of your organisation');
  if (!known.people.has(row.PersonID)) bad('PersonID is not a person in your organisation');
  const time = (value: string, column: string, at = line): string | null => {
    if (value === '') return null;
    const iso = parseUtc(value);
    if (iso === null)
      bad(
        `${column} must be a real UTC date and time from the year ${EARLIEST_YEAR} on, like 2026-05-03T14:30:00.000Z`,
        at,
      );
    return iso;
  };
  const flag = (value: string, column: string): boolean => {
    if (value !== 'Y' && value !== 'N') bad(`${column} must be Y or N`);
    return value === 'Y';
  };
  const codes = row.EthnicCategories === '' ? [] : row.EthnicCategories.split(';');
  if (codes.some((c) => !ethnicCodes.includes(c)))
    bad('EthnicCategories has a code outside the NHS ethnic categories');
  if (!sexOptions.some((o) => o.code === row.Sex))
    bad('Sex is not one of: female, male, other, not_stated');
  if (!ageBands.some((o) => o.code === row.AgeBand)) bad('AgeBand is not one of the age bands');
  if (!yesNoNotStated.some((o) => o.code === row.Disability))
    bad('Disability must be yes, no or not_stated');
  if (!yesNoNotStated.some((o) => o.code === row.LearningDisabilityOrAutism))
    bad('LearningDisabilityOrAutism must be yes, no or not_stated');
  if (row.NHSNumber !== '' && !isValidNhsNumber(row.NHSNumber))
    bad('NHSNumber is not a valid NHS number');
  if (!['none', 'given', 'declined', 'not_yet_able'].includes(row.AccountStatus))
    bad('AccountStatus must be none, given, declined or not_yet_able');
  const hasPlan = row.PlanID !== '';
  // Whole numbers that fit the integer column only: a huge value must be a named bad line, never
  // a database error (PostgreSQL) or an Infinity stored (SQLite) that breaks the next export.
  if (hasPlan && (!/^\d{1,10}$/.test(row.PlanVersion) || Number(row.PlanVersion) > MAX_INTEGER))
    bad('PlanVersion must be a whole number from 0 to 2147483647 when PlanID is given');
  const calmDown = calmAsked ? calmDownOf(row, bad) : undefined;
  const input: IncidentInput = {
    personId: row.PersonID,
    unitId: row.UnitID,
    startAt: time(row.StartDateTimeRestrictiveIntInc, 'StartDateTimeRestrictiveIntInc') ?? '',
    endAt: time(row.EndDateTimeRestrictiveIntInc, 'EndDateTimeRestrictiveIntInc'),
    place: row.Place,
    reasonCode: row.RestrictiveIntReason,
    reasonNarrative: row.ReasonNarrative,
    howForceUsed: row.HowForceUsed,
    inCarePlan: flag(row.InCarePlan, 'InCarePlan'),
    outcome: row.Outcome,
    harm: row.DeathOrSeriousInjury,
    injuryPerson: flag(row.InjuryPerson, 'InjuryPerson'),
    injuryStaff: flag(row.InjuryStaff, 'InjuryStaff'),
    injuryOther: flag(row.InjuryOther, 'InjuryOther'),
    avoidanceCodes: row.AvoidanceMethods === '' ? [] : row.AvoidanceMethods.split(';'),
    avoidanceNarrative: row.AvoidanceNarrative,
    notification: row.Notification,
    nonStaff: row.NonStaffInvolved,
    nonStaffReason: row.NonStaffReason,
    policeRequestedAt: time(row.PoliceRequestedDateTime, 'PoliceRequestedDateTime'),
    policeArrivedAt: time(row.PoliceArrivedDateTime, 'PoliceArrivedDateTime'),
    bodyWornCamera: row.BodyWornCamera,
    planKnown: hasPlan ? row.PlanKnown : 'no_plan',
    planFollowed: hasPlan ? row.PlanFollowed || null : null,
    planNotFollowedReason: row.PlanNotFollowedReason,
    accountOffered: flag(row.AccountOffered, 'AccountOffered'),
    interventions: g.rows.map((r, n) => ({
      localId: r.RestrictiveIntTypeID,
      typeCode: r.RestrictiveIntType,
      startAt:
        time(r.StartDateTimeRestrictiveIntType, 'StartDateTimeRestrictiveIntType', g.lines[n]) ??
        '',
      endAt: time(r.EndDateTimeRestrictiveIntType, 'EndDateTimeRestrictiveIntType', g.lines[n]),
      positionNote: r.PositionNote,
      medication: r.Medication,
      staff:
        r.Staff === ''
          ? []
          : r.Staff.split(';').map((s) => {
              const [name = '', jobTitle = '', roleCode = ''] = s.split('|');
              return { name, jobTitle, roleCode };
            }),
    })),
  };
  if (calmDown) input.calmDown = calmDown;
  // Field checks only make sense once the row's own format is right.
  if (problems.length === before) {
    for (const [field, message] of Object.entries(checkIncident(input, known.now, hasPlan))) {
      const m = /^i(\d+)_/.exec(field);
      bad(message, m ? g.lines[Number(m[1])] : line);
    }
  }
  return {
    group: g,
    input,
    snapshot: {
      recorded: true,
      nhsNumber: row.NHSNumber || null,
      ethnicCodes: codes,
      sex: row.Sex,
      ageBand: row.AgeBand,
      disability: row.Disability,
      ldAutism: row.LearningDisabilityOrAutism,
    },
  };
}

/** What building a batch needs besides the checks' knowledge. */
export interface BuildContext {
  engine: Engine;
  organisationId: string;
  /** When the import runs (ISO), and the date its records may be deleted from. */
  at: string;
  retainUntil: string;
  /** Local ids of the file's incidents already in the register (corrected on the main thread). */
  existing: ReadonlySet<string>;
}

/** A checked batch, ready to write. */
export interface BuiltBatch {
  /** Problems found in this batch; once there are any, nothing more is built. */
  problems: ImportProblem[];
  /** Rows this batch covers. */
  lines: number;
  incidents: PackedRows;
  interventions: PackedRows;
  /** Corrections of incidents already in the register, with their rows, for the main thread. */
  corrections: { id: string; rows: CsvRow[]; input: IncidentInput }[];
}

/**
 * Checks the file batch by batch and builds what each batch writes. `unitDeltas` collects the
 * new incidents' unit-level totals not yet handed out; the caller adds what is left at the end.
 */
export function* buildBatches(
  header: readonly string[],
  records: readonly CsvRecord[],
  together: boolean,
  known: Known,
  context: BuildContext,
  unitDeltas: RollupDeltas,
): Generator<BuiltBatch> {
  const problems: ImportProblem[] = [];
  let reported = 0;
  const calmAsked = asksCalmDown(header);
  for (const groups of batchesOf(header, records, together, problems)) {
    const checked = groups.map((g) => checkGroup(g, known, problems, calmAsked));
    const lines = checked.reduce((n, c) => n + c.group.lines.length, 0);
    const fresh = problems.slice(reported);
    reported = problems.length;
    const incidents: ForceIncidentsTable[] = [];
    const interventions: ForceInterventionsTable[] = [];
    const corrections: BuiltBatch['corrections'] = [];
    // After the first bad row nothing is built: the checking goes on only to name every bad row.
    if (problems.length === 0) {
      for (const { group, input, snapshot } of checked) {
        if (context.existing.has(group.id)) {
          corrections.push({ id: group.id, rows: group.rows, input });
          continue;
        }
        const row = must(group.rows[0]);
        const incident = incidentRow(input, {
          id: newTimeOrderedId(),
          organisationId: context.organisationId,
          localId: group.id,
          snapshot,
          mentalDisorder: row.MentalDisorder || null,
          legalStatus: row.LegalStatus || null,
          plan: row.PlanID ? { id: row.PlanID, version: Number(row.PlanVersion) } : null,
          recordedBy: null,
          recordedAt: context.at,
          updatedAt: context.at,
          version: 1,
          retainUntil: context.retainUntil,
          source: 'import',
          accountStatus: row.AccountStatus,
          accountHelperId: null,
        });
        const built = interventionRows(
          context.organisationId,
          incident.id,
          incident.reason_code,
          input.interventions,
        ).interventions;
        incidents.push(incident);
        for (const iv of built) interventions.push(iv);
        addIncident(unitDeltas, incident, built, 1, true);
      }
    }
    yield {
      problems: fresh,
      lines,
      incidents: packRows(context.engine, incidents),
      interventions: packRows(context.engine, interventions),
      corrections,
    };
  }
}
