/**
 * Bulk import of the MHSDS-shaped CSV (the same shape as the export).
 *
 * Guarantees: all rows or none. Every row is checked and every bad row is reported with its line
 * and reason. Checked incidents are written in batches inside one transaction as the checking
 * goes on (so PostgreSQL stores one batch while the next is checked); the first bad row stops
 * the writing, and any bad row rolls the whole transaction back, so nothing is half-written.
 * Rows with known ids correct the existing record (kept as an amendment); unchanged rows are
 * left alone. Rollups are updated in the same transaction, and the import is audited either way.
 */
import type { Db } from '../../db/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { newTimeOrderedId } from '../../lib/tokens.ts';
import type { Clock } from '../../lib/clock.ts';
import { toIso } from '../../lib/clock.ts';
import type { Actor } from '../accounts/index.ts';
import type { AuditContext, AuditLog } from '../audit/index.ts';
import { ageBands, ethnicCodes, sexOptions, yesNoNotStated } from './codes.ts';
import type { CsvRecord, CsvRow } from './csv.ts';
import { CSV_COLUMNS, INCIDENT_COLUMNS, readCsv, rowFromCells } from './csv.ts';
import { must } from './must.ts';
import { mayForce } from './policy.ts';
import { addIncident, emptyDeltas, widenUnitDeltas } from './rollups.ts';
import type { AmendInTransaction, CharacteristicsSnapshot, ForceDirectory } from './service.ts';
import { RETENTION_YEARS, incidentRow, interventionRows } from './service.ts';
import type { ForceStore } from './store.ts';
import type { ForceIncidentsTable, ForceInterventionsTable } from './tables.ts';
import { addYears, parseUtc } from './time.ts';
import type { IncidentInput } from './validate.ts';
import { checkIncident } from './validate.ts';

/** One bad row in an import. */
export interface ImportProblem {
  line: number;
  reason: string;
}

/** The outcome of an import. */
export type ImportResult =
  | { ok: true; rows: number; created: number; updated: number; unchanged: number }
  | { ok: false; rows: number; problems: ImportProblem[] };

/** Reports progress: rows done of the total, and the stage. */
export type ImportProgress = (done: number, total: number, stage: 'checking' | 'saving') => void;

/** Incidents checked and written per batch. */
const BATCH = 2000;
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

/** Whether the text has more than `n` line breaks (stops counting there). */
function hasMoreLinesThan(text: string, n: number): boolean {
  let at = -1;
  for (let count = 0; count <= n; count++) {
    at = text.indexOf('\n', at + 1);
    if (at < 0) return false;
  }
  return true;
}

/** The rows of one incident, with the line each came from. */
interface Group {
  id: string;
  lines: number[];
  rows: CsvRow[];
}

/**
 * Groups rows by incident, reporting rows that cannot be read: a wrong number of cells, a
 * missing or odd id, a repeated intervention id, or incident columns that differ between rows
 * of the same incident.
 */
export function groupRows(
  header: readonly string[],
  records: readonly CsvRecord[],
  problems: ImportProblem[],
): { groups: Map<string, Group>; typeIds: Map<string, number> } {
  const columnAt = CSV_COLUMNS.map((c) => header.indexOf(c));
  const groups = new Map<string, Group>();
  const typeIds = new Map<string, number>();
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

/** Checks one incident's rows, reporting each problem against its line. */
export function checkGroup(g: Group, known: Known, problems: ImportProblem[]): Checked {
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
      bad(`${column} must be a real UTC date and time like 2026-05-03T14:30:00.000Z`, at);
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
  if (hasPlan && !/^\d+$/.test(row.PlanVersion))
    bad('PlanVersion must be a whole number when PlanID is given');
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

/** Thrown inside the import's transaction to roll it back when any row is bad. */
class RollBack extends Error {}

/** What the import (and the rest of the transfer module) is built from. */
export interface TransferDeps {
  db: Db;
  store: ForceStore;
  audit: AuditLog;
  clock: Clock;
  directory: ForceDirectory;
  amendInTransaction: AmendInTransaction;
}

/** Creates the import. */
export function createCsvImport(
  deps: TransferDeps & {
    /** The export's rows for these incidents, to tell unchanged re-sent rows from corrections. */
    rowsForIncidents: (incidents: readonly ForceIncidentsTable[]) => Promise<CsvRow[]>;
  },
) {
  const { db, store, audit, clock, directory } = deps;

  /** Everything the checks need to know about the database, for the whole file at once. */
  async function lookUp(
    actor: Actor,
    groups: ReadonlyMap<string, Group>,
    typeIds: string[],
    keys: ReturnType<ForceStore['organisationKeys']> | null,
  ) {
    const org = actor.organisationId;
    const ids = [...groups.keys()];
    const personIds = [...new Set([...groups.values()].map((g) => must(g.rows[0]).PersonID))];
    // For a large file, look up only the ids the organisation already has.
    const already = await keys;
    // Ids in the file are the organisation's own (local) ids, so every lookup stays within it.
    // Independent reads: on PostgreSQL each runs on its own connection, at the same time.
    const [incidents, typeOwners, people] = await Promise.all([
      store.incidentIdsByLocalId(
        db,
        org,
        already ? ids.filter((id) => already.incidents.has(id)) : ids,
      ),
      store.incidentsOfInterventions(
        db,
        org,
        already ? typeIds.filter((id) => already.interventions.has(id)) : typeIds,
      ),
      already ? already.people : store.peopleWithCharacteristics(db, org, personIds),
    ]);
    for (const p of personIds) {
      if (people.has(p) || !p) continue;
      try {
        await directory.requirePersonVisibleTo(actor, p);
        people.add(p);
      } catch {
        // not a person in this organisation: reported per row
      }
    }
    const units = new Set((await directory.unitsOf(actor)).map((u) => u.id));
    // The file's incidents already in the register, by local id (the file's id).
    const recordIds = ids.flatMap((id) => incidents.get(id) ?? []);
    const existing = new Map(
      (await store.findIncidentsByIds(db, org, recordIds)).map((r) => [r.local_id, r]),
    );
    const existingRows = Map.groupBy(
      await deps.rowsForIncidents([...existing.values()]),
      (r) => r.RestrictiveIntIncID,
    );
    const known: Known = {
      organisationId: org,
      units,
      people,
      incidents,
      typeOwners,
      now: clock(),
    };
    return { known, existing, existingRows };
  }

  async function recordFailure(actor: Actor, ctx: AuditContext, rows: number, badRows: number) {
    await db.transaction().execute((trx) =>
      audit.record(trx, ctx, {
        organisationId: actor.organisationId,
        action: 'force.import',
        recordType: 'force_import',
        outcome: 'failure',
        detail: { rows, badRows },
      }),
    );
  }

  /** Imports the combined CSV into the actor's organisation: all rows or none. */
  return async function importCsv(
    actor: Actor,
    text: string,
    ctx: AuditContext,
    onProgress?: ImportProgress,
  ): Promise<ImportResult> {
    if (!mayForce(actor, { kind: 'export', organisationId: actor.organisationId }))
      throw AppError.notFound();
    // A large file is checked against all of the organisation's keys, read in one pass each
    // (far quicker than probing for tens of thousands of ids); on PostgreSQL the server reads
    // them while this process parses the file.
    const keys = hasMoreLinesThan(text, 1000)
      ? store.organisationKeys(db, actor.organisationId)
      : null;
    keys?.catch(() => undefined); // awaited below unless the file cannot be read at all
    const read = readCsv(text);
    if (!read.ok)
      return { ok: false, rows: 0, problems: [{ line: read.line, reason: read.reason }] };
    const missing = CSV_COLUMNS.filter((c) => !read.header.includes(c));
    if (missing.length)
      return {
        ok: false,
        rows: 0,
        problems: [{ line: 1, reason: `Columns missing: ${missing.join(', ')}` }],
      };
    const total = read.records.length;
    const problems: ImportProblem[] = [];
    const { groups, typeIds } = groupRows(read.header, read.records, problems);
    onProgress?.(0, total, 'checking');
    const { known, existing, existingRows } = await lookUp(
      actor,
      groups,
      [...typeIds.keys()],
      keys,
    );

    const at = toIso(known.now);
    const retainUntil = addYears(at, RETENTION_YEARS);
    const counts = { created: 0, updated: 0, unchanged: 0 };
    const all = [...groups.values()];
    try {
      await db.transaction().execute(async (trx) => {
        const deltas = emptyDeltas();
        const unitDeltas = emptyDeltas();
        // A batch is sent without waiting, so PostgreSQL stores it while the next batch is
        // checked (SQLite writes it at once); it is awaited before anything else is written.
        let writing: Promise<void> = Promise.resolve();
        const write = async (incidents: ForceIncidentsTable[], ivs: ForceInterventionsTable[]) => {
          await writing;
          writing = (async () => {
            await store.insertIncidents(trx, incidents);
            await store.insertInterventions(trx, ivs);
          })();
          writing.catch(() => undefined); // reported by the next await, not as unhandled
        };
        let done = 0;
        for (let start = 0; start < all.length; start += BATCH) {
          const batch: Checked[] = [];
          for (let i = start; i < Math.min(all.length, start + BATCH); i++) {
            // Let the event loop run now and then: the batch already handed to PostgreSQL is
            // streamed from this process, and stalls while checking holds the thread (measured
            // 0.3–0.4 s slower over 50,000 rows without this).
            if (i % 250 === 0) await new Promise((resolve) => setImmediate(resolve));
            batch.push(checkGroup(must(all[i]), known, problems));
          }
          done += batch.reduce((n, c) => n + c.group.lines.length, 0);
          if (problems.length) {
            onProgress?.(done, total, 'checking');
            continue; // keep checking, so every bad row is named; nothing more is written
          }
          const incidents: ForceIncidentsTable[] = [];
          const ivs: ForceInterventionsTable[] = [];
          for (const { group, input, snapshot } of batch) {
            const row = must(group.rows[0]);
            const before = existing.get(group.id);
            if (before) {
              const old = existingRows.get(group.id) ?? [];
              const same =
                old.length === group.rows.length &&
                old.every((o, n) =>
                  CSV_COLUMNS.every((c) => c === 'DurationMinutes' || o[c] === group.rows[n]?.[c]),
                );
              if (same) counts.unchanged++;
              else {
                await writing;
                await deps.amendInTransaction(
                  trx,
                  actor.id,
                  before,
                  input,
                  'Corrected by import',
                  ctx,
                  deltas,
                );
                counts.updated++;
              }
              continue;
            }
            const incident = incidentRow(input, {
              id: newTimeOrderedId(),
              organisationId: actor.organisationId,
              localId: group.id,
              snapshot,
              mentalDisorder: row.MentalDisorder || null,
              legalStatus: row.LegalStatus || null,
              plan: row.PlanID ? { id: row.PlanID, version: Number(row.PlanVersion) } : null,
              recordedBy: null,
              recordedAt: at,
              updatedAt: at,
              version: 1,
              retainUntil,
              source: 'import',
              accountStatus: row.AccountStatus,
              accountHelperId: null,
            });
            const { interventions } = interventionRows(
              actor.organisationId,
              incident.id,
              incident.reason_code,
              input.interventions,
            );
            incidents.push(incident);
            for (const iv of interventions) ivs.push(iv);
            addIncident(unitDeltas, incident, interventions, 1, true);
            counts.created++;
          }
          await write(incidents, ivs);

          onProgress?.(done, total, 'saving');
        }
        await writing;
        if (problems.length) throw new RollBack();
        await store.applyDeltas(trx, widenUnitDeltas(unitDeltas, deltas));
        await audit.record(trx, ctx, {
          organisationId: actor.organisationId,
          action: 'force.import',
          recordType: 'force_import',
          detail: { rows: total, ...counts },
        });
      });
    } catch (error) {
      if (!(error instanceof RollBack)) throw error;
    }
    if (problems.length) {
      problems.sort((a, b) => a.line - b.line);
      await recordFailure(actor, ctx, total, problems.length);
      return { ok: false, rows: total, problems };
    }
    onProgress?.(total, total, 'saving');
    return { ok: true, rows: total, ...counts };
  };
}
