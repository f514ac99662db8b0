/**
 * Statutory returns, the MHSDS-shaped export, and bulk import. Guarantees: an import checks
 * every row before writing anything, and either imports all of it in one transaction or writes
 * nothing and names every bad row with its line and reason; rows with known ids correct the
 * existing record (kept as an amendment), so corrections can be re-sent; exports are audited
 * and every cell is safe to open in a spreadsheet.
 */
import { parse } from 'csv-parse/sync';
import type { Db } from '../../db/index.ts';
import type { Actor } from '../accounts/index.ts';
import type { AuditContext, AuditLog } from '../audit/index.ts';
import { AppError } from '../../lib/app-error.ts';
import type { Clock } from '../../lib/clock.ts';
import { toIso } from '../../lib/clock.ts';
import {
  ageBands,
  dimensions,
  ethnicCodes,
  interventionTypes,
  reasonCodes,
  sexOptions,
  yesNoNotStated,
} from './codes.ts';
import type { CsvRow } from './csv.ts';
import { CSV_COLUMNS, INCIDENT_COLUMNS, TYPE_COLUMNS, toCsv, unneutralise } from './csv.ts';
import { mayForce } from './policy.ts';
import { addIncident, emptyDeltas } from './rollups.ts';
import type { AmendInTransaction, CharacteristicsSnapshot, ForceDirectory } from './service.ts';
import { RETENTION_YEARS, incidentRow, interventionRows } from './service.ts';
import { isSuppressed, showCount } from './stats.ts';
import type { ForceStore } from './store.ts';
import type {
  ForceIncidentsTable,
  ForceInterventionStaffTable,
  ForceInterventionsTable,
} from './tables.ts';
import { addYears } from './time.ts';
import type { IncidentInput } from './validate.ts';
import { checkIncident } from './validate.ts';
import { must } from './must.ts';

/** One bad row in an import. */
export interface ImportProblem {
  line: number;
  reason: string;
}

/** The outcome of an import. */
export type ImportResult =
  | { ok: true; rows: number; created: number; updated: number; unchanged: number }
  | { ok: false; rows: number; problems: ImportProblem[] };

const yn = (b: boolean | number) => (b === true || b === 1 ? 'Y' : 'N');
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/;
const ID = /^[\w.:-]{1,100}$/;

/** Checks an NHS number's modulus-11 check digit. */
export function isValidNhsNumber(value: string): boolean {
  if (!/^\d{10}$/.test(value)) return false;
  const digits = value.split('').map(Number);
  const sum = digits.slice(0, 9).reduce((s, d, i) => s + d * (10 - i), 0);
  const check = 11 - (sum % 11);
  const expected = check === 11 ? 0 : check;
  return expected !== 10 && expected === digits[9];
}

/** The CSV rows for one incident (one per intervention). */
export function csvRowsOf(
  incident: ForceIncidentsTable,
  interventions: readonly ForceInterventionsTable[],
  staff: readonly ForceInterventionStaffTable[],
): CsvRow[] {
  const s = JSON.parse(incident.characteristics) as CharacteristicsSnapshot;
  const base = {
    RestrictiveIntIncID: incident.id,
    OrgIDProv: incident.organisation_id,
    UnitID: incident.unit_id,
    PersonID: incident.person_id,
    NHSNumber: s.nhsNumber ?? '',
    StartDateTimeRestrictiveIntInc: incident.start_at,
    EndDateTimeRestrictiveIntInc: incident.end_at ?? '',
    RestrictiveIntReason: incident.reason_code,
    Place: incident.place,
    ReasonNarrative: incident.reason_narrative,
    HowForceUsed: incident.how_force_used,
    InCarePlan: yn(incident.in_care_plan),
    Outcome: incident.outcome,
    DeathOrSeriousInjury: incident.harm,
    InjuryPerson: yn(incident.injury_person),
    InjuryStaff: yn(incident.injury_staff),
    InjuryOther: yn(incident.injury_other),
    AvoidanceMethods: (JSON.parse(incident.avoidance_codes) as string[]).join(';'),
    AvoidanceNarrative: incident.avoidance_narrative,
    Notification: incident.notification,
    NonStaffInvolved: incident.non_staff,
    NonStaffReason: incident.non_staff_reason ?? '',
    PoliceRequestedDateTime: incident.police_requested_at ?? '',
    PoliceArrivedDateTime: incident.police_arrived_at ?? '',
    BodyWornCamera: incident.body_worn_camera ?? '',
    MentalDisorder: incident.mental_disorder ?? '',
    LegalStatus: incident.legal_status ?? '',
    EthnicCategories: s.ethnicCodes.join(';'),
    Sex: s.sex,
    AgeBand: s.ageBand,
    Disability: s.disability,
    LearningDisabilityOrAutism: s.ldAutism,
    PlanID: incident.plan_id ?? '',
    PlanVersion: incident.plan_version === null ? '' : String(incident.plan_version),
    PlanKnown: incident.plan_known,
    PlanFollowed: incident.plan_followed ?? '',
    PlanNotFollowedReason: incident.plan_not_followed_reason ?? '',
    AccountOffered: yn(incident.account_offered),
    AccountStatus: incident.account_status,
  };
  return interventions.map((iv) => ({
    ...base,
    RestrictiveIntTypeID: iv.id,
    RestrictiveIntType: iv.type_code,
    StartDateTimeRestrictiveIntType: iv.start_at,
    EndDateTimeRestrictiveIntType: iv.end_at ?? '',
    DurationMinutes: iv.duration_minutes === null ? '' : String(iv.duration_minutes),
    PositionNote: iv.position_note ?? '',
    Medication: iv.medication ?? '',
    Staff: staff
      .filter((x) => x.intervention_id === iv.id)
      .map((x) => `${x.name}|${x.job_title}|${x.role_code}`)
      .join(';'),
  }));
}

/** Creates returns, export and import. */
export function createTransfer(deps: {
  db: Db;
  store: ForceStore;
  audit: AuditLog;
  clock: Clock;
  directory: ForceDirectory;
  amendInTransaction: AmendInTransaction;
  saveBedDaysIn: (
    db: Db,
    organisationId: string,
    rows: readonly { unitId: string; period: string; occupiedBedDays: number }[],
  ) => Promise<void>;
  savePopulationIn: (
    db: Db,
    organisationId: string,
    rows: readonly {
      unitId: string;
      year: string;
      dimension: string;
      groupCode: string;
      people: number;
    }[],
  ) => Promise<void>;
}) {
  const { db, store, audit, clock, directory } = deps;

  async function rowsForIncidents(incidents: readonly ForceIncidentsTable[]): Promise<CsvRow[]> {
    const out: CsvRow[] = [];
    for (let i = 0; i < incidents.length; i += 2000) {
      const part = incidents.slice(i, i + 2000);
      const ids = part.map((p) => p.id);
      const ivs = await store.interventionsOf(db, ids);
      const staff = await store.staffOf(db, ids);
      const ivBy = Map.groupBy(ivs, (iv) => iv.incident_id);
      const staffBy = Map.groupBy(staff, (s) => s.incident_id);
      for (const inc of part)
        out.push(...csvRowsOf(inc, ivBy.get(inc.id) ?? [], staffBy.get(inc.id) ?? []));
    }
    return out;
  }

  return {
    /**
     * The MHSDS-shaped export for the actor's organisation: `combined` (one row per intervention
     * carrying its incident), `incidents` (MHS505) or `types` (MHS515). Audited.
     */
    async exportCsv(
      actor: Actor,
      range: { from: string; to: string },
      shape: 'combined' | 'incidents' | 'types',
      ctx: AuditContext,
    ): Promise<string> {
      if (!mayForce(actor, { kind: 'export', organisationId: actor.organisationId }))
        throw AppError.notFound();
      const incidents = await store.incidentsForExport(
        db,
        actor.organisationId,
        range.from,
        range.to,
      );
      const rows = await rowsForIncidents(incidents);
      await db.transaction().execute((trx) =>
        audit.record(trx, ctx, {
          organisationId: actor.organisationId,
          action: 'force.export',
          recordType: 'force_export',
          detail: { from: range.from, to: range.to, shape, incidents: incidents.length },
        }),
      );
      if (shape === 'incidents') {
        const seen = new Set<string>();
        const incidentRows = rows.filter(
          (r) => !seen.has(r.RestrictiveIntIncID) && seen.add(r.RestrictiveIntIncID),
        );
        return toCsv(INCIDENT_COLUMNS, incidentRows);
      }
      if (shape === 'types') return toCsv(TYPE_COLUMNS, rows);
      return toCsv(CSV_COLUMNS, rows);
    },

    /**
     * Imports the combined CSV into the actor's organisation: all rows or none. Known ids
     * correct the existing record (an amendment); unchanged rows are left alone.
     */
    async importCsv(
      actor: Actor,
      text: string,
      ctx: AuditContext,
      onProgress?: (done: number, total: number, stage: 'checking' | 'saving') => void,
    ): Promise<ImportResult> {
      if (!mayForce(actor, { kind: 'export', organisationId: actor.organisationId }))
        throw AppError.notFound();
      const problems: ImportProblem[] = [];
      let records: { record: Record<string, string>; info: { lines: number } }[];
      try {
        records = parse(text, {
          columns: true,
          info: true,
          skip_empty_lines: true,
          bom: true,
        }) as typeof records;
      } catch (error) {
        const line = (error as { lines?: number }).lines ?? 1;
        return {
          ok: false,
          rows: 0,
          problems: [
            {
              line,
              reason: `The file is not valid CSV here: ${(error as Error).message.split('\n')[0]}`,
            },
          ],
        };
      }
      const header =
        text
          .replace(/^\uFEFF/, '')
          .split(/\r?\n/, 1)[0]
          ?.split(',') ?? [];
      const missing = CSV_COLUMNS.filter((c) => !header.includes(c));
      if (missing.length)
        return {
          ok: false,
          rows: 0,
          problems: [{ line: 1, reason: `Columns missing: ${missing.join(', ')}` }],
        };
      const total = records.length;
      const units = new Set((await directory.unitsOf(actor)).map((u) => u.id));

      // Group rows by incident, checking that repeated incident columns agree.
      const groups = new Map<string, { lines: number[]; rows: CsvRow[] }>();
      const typeIds = new Map<string, number>();
      records.forEach(({ record, info }, n) => {
        const line = info.lines;
        const row = Object.fromEntries(
          CSV_COLUMNS.map((c) => [c, unneutralise(record[c] ?? '')]),
        ) as CsvRow;
        const id = row.RestrictiveIntIncID;
        if (!ID.test(id)) {
          problems.push({
            line,
            reason:
              'RestrictiveIntIncID is missing or has characters other than letters, digits, - . : _',
          });
          return;
        }
        if (!ID.test(row.RestrictiveIntTypeID)) {
          problems.push({
            line,
            reason:
              'RestrictiveIntTypeID is missing or has characters other than letters, digits, - . : _',
          });
          return;
        }
        const dup = typeIds.get(row.RestrictiveIntTypeID);
        if (dup !== undefined) {
          problems.push({
            line,
            reason: `RestrictiveIntTypeID ${row.RestrictiveIntTypeID} is also on line ${dup}`,
          });
          return;
        }
        typeIds.set(row.RestrictiveIntTypeID, line);
        const g = groups.get(id);
        if (g) {
          const first = must(g.rows[0]);
          const differs = INCIDENT_COLUMNS.find((c) => first[c] !== row[c]);
          if (differs) {
            problems.push({
              line,
              reason: `${differs} differs from line ${g.lines[0]} for the same incident`,
            });
            return;
          }
          g.lines.push(line);
          g.rows.push(row);
        } else groups.set(id, { lines: [line], rows: [row] });
        if (onProgress && n % 5000 === 0) onProgress(n, total, 'checking');
      });

      const ids = [...groups.keys()];
      const owners = await store.ownersOfIncidents(db, ids);
      const typeOwners = await store.incidentsOfInterventions(db, [...typeIds.keys()]);
      const personIds = [...new Set([...groups.values()].map((g) => must(g.rows[0]).PersonID))];
      const knownPeople = new Set<string>();
      for (let i = 0; i < personIds.length; i += 500) {
        for (const c of await store.findCharacteristics(
          db,
          actor.organisationId,
          personIds.slice(i, i + 500),
        ))
          knownPeople.add(c.person_id);
      }
      for (const p of personIds) {
        if (knownPeople.has(p) || !p) continue;
        try {
          await directory.requirePersonVisibleTo(actor, p);
          knownPeople.add(p);
        } catch {
          // not a person in this organisation: reported per row below
        }
      }
      const now = clock();
      const prepared: {
        input: IncidentInput;
        row: CsvRow;
        lines: number[];
        snapshot: CharacteristicsSnapshot;
        groupRows: CsvRow[];
      }[] = [];
      for (const [id, g] of groups) {
        const row = must(g.rows[0]);
        const line = must(g.lines[0]);
        const bad = (reason: string, at = line) => problems.push({ line: at, reason });
        const before = problems.length;
        if (row.OrgIDProv !== actor.organisationId) bad('OrgIDProv is not your organisation');
        const owner = owners.get(id);
        if (owner !== undefined && owner !== actor.organisationId)
          bad('RestrictiveIntIncID is already used by another organisation');
        g.rows.forEach((r, n) => {
          const ownerIncident = typeOwners.get(r.RestrictiveIntTypeID);
          if (ownerIncident !== undefined && ownerIncident !== id)
            bad('RestrictiveIntTypeID already belongs to a different incident', g.lines[n]);
        });
        if (!units.has(row.UnitID)) bad('UnitID is not a unit of your organisation');
        if (!knownPeople.has(row.PersonID)) bad('PersonID is not a person in your organisation');
        const times = (value: string, column: string, at = line): string | null => {
          if (value === '') return null;
          if (!ISO.test(value) || Number.isNaN(Date.parse(value))) {
            bad(`${column} must be a UTC date and time like 2026-05-03T14:30:00.000Z`, at);
            return null;
          }
          return new Date(value).toISOString();
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
        if (!ageBands.some((o) => o.code === row.AgeBand))
          bad('AgeBand is not one of the age bands');
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
          id,
          personId: row.PersonID,
          unitId: row.UnitID,
          startAt:
            times(row.StartDateTimeRestrictiveIntInc, 'StartDateTimeRestrictiveIntInc') ?? '',
          endAt: times(row.EndDateTimeRestrictiveIntInc, 'EndDateTimeRestrictiveIntInc'),
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
          policeRequestedAt: times(row.PoliceRequestedDateTime, 'PoliceRequestedDateTime'),
          policeArrivedAt: times(row.PoliceArrivedDateTime, 'PoliceArrivedDateTime'),
          bodyWornCamera: row.BodyWornCamera,
          planKnown: hasPlan ? row.PlanKnown : 'no_plan',
          planFollowed: hasPlan ? row.PlanFollowed || null : null,
          planNotFollowedReason: row.PlanNotFollowedReason,
          accountOffered: flag(row.AccountOffered, 'AccountOffered'),
          interventions: g.rows.map((r, n) => ({
            id: r.RestrictiveIntTypeID,
            typeCode: r.RestrictiveIntType,
            startAt:
              times(
                r.StartDateTimeRestrictiveIntType,
                'StartDateTimeRestrictiveIntType',
                g.lines[n],
              ) ?? '',
            endAt: times(
              r.EndDateTimeRestrictiveIntType,
              'EndDateTimeRestrictiveIntType',
              g.lines[n],
            ),
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
        if (problems.length === before) {
          const fieldProblems = checkIncident(input, now, hasPlan);
          for (const [field, message] of Object.entries(fieldProblems)) {
            const m = /^i(\d+)_/.exec(field);
            bad(message, m ? g.lines[Number(m[1])] : line);
          }
        }
        prepared.push({
          input,
          row,
          lines: g.lines,
          groupRows: g.rows,
          snapshot: {
            recorded: true,
            nhsNumber: row.NHSNumber || null,
            ethnicCodes: codes,
            sex: row.Sex,
            ageBand: row.AgeBand,
            disability: row.Disability,
            ldAutism: row.LearningDisabilityOrAutism,
          },
        });
      }
      if (problems.length) {
        problems.sort((a, b) => a.line - b.line);
        await db.transaction().execute((trx) =>
          audit.record(trx, ctx, {
            organisationId: actor.organisationId,
            action: 'force.import',
            recordType: 'force_import',
            outcome: 'failure',
            detail: { rows: total, badRows: problems.length },
          }),
        );
        return { ok: false, rows: total, problems };
      }

      const existing = new Map(
        (
          await store.findIncidentsByIds(
            db,
            actor.organisationId,
            ids.filter((id) => owners.has(id)),
          )
        ).map((r) => [r.id, r]),
      );
      const existingRows = new Map<string, CsvRow[]>();
      for (const r of await rowsForIncidents([...existing.values()])) {
        existingRows.set(r.RestrictiveIntIncID, [
          ...(existingRows.get(r.RestrictiveIntIncID) ?? []),
          r,
        ]);
      }
      let created = 0;
      let updated = 0;
      let unchanged = 0;
      const at = toIso(now);
      await db.transaction().execute(async (trx) => {
        const deltas = emptyDeltas();
        const newIncidents: ForceIncidentsTable[] = [];
        const newInterventions: ForceInterventionsTable[] = [];
        const newStaff: ForceInterventionStaffTable[] = [];
        let done = 0;
        for (const p of prepared) {
          const before = existing.get(must(p.input.id));
          if (before) {
            const old = existingRows.get(before.id) ?? [];
            const same =
              old.length === p.groupRows.length &&
              old.every((o, n) =>
                CSV_COLUMNS.every((c) => c === 'DurationMinutes' || o[c] === p.groupRows[n]?.[c]),
              );
            if (same) unchanged++;
            else {
              await deps.amendInTransaction(
                trx,
                actor.id,
                before,
                p.input,
                'Corrected by import',
                ctx,
                deltas,
              );
              updated++;
            }
          } else {
            const row = incidentRow(p.input, {
              id: must(p.input.id),
              organisationId: actor.organisationId,
              snapshot: p.snapshot,
              mentalDisorder: p.row.MentalDisorder || null,
              legalStatus: p.row.LegalStatus || null,
              plan: p.row.PlanID ? { id: p.row.PlanID, version: Number(p.row.PlanVersion) } : null,
              recordedBy: null,
              recordedAt: at,
              updatedAt: at,
              version: 1,
              retainUntil: addYears(at, RETENTION_YEARS),
              source: 'import',
              accountStatus: p.row.AccountStatus,
              accountHelperId: null,
            });
            const children = interventionRows(
              actor.organisationId,
              row.id,
              row.reason_code,
              p.input.interventions,
            );
            newIncidents.push(row);
            newInterventions.push(...children.interventions);
            newStaff.push(...children.staff);
            addIncident(deltas, row, children.interventions, 1);
            created++;
          }
          done += p.lines.length;
          if (onProgress && newIncidents.length >= 2000) {
            await store.insertIncidents(trx, newIncidents.splice(0));
            await store.insertInterventions(trx, newInterventions.splice(0));
            await store.insertStaff(trx, newStaff.splice(0));
            onProgress(done, total, 'saving');
          }
        }
        await store.insertIncidents(trx, newIncidents);
        await store.insertInterventions(trx, newInterventions);
        await store.insertStaff(trx, newStaff);
        await store.applyDeltas(trx, deltas);
        await audit.record(trx, ctx, {
          organisationId: actor.organisationId,
          action: 'force.import',
          recordType: 'force_import',
          detail: { rows: total, created, updated, unchanged },
        });
        onProgress?.(total, total, 'saving');
      });
      return { ok: true, rows: total, created, updated, unchanged };
    },

    /**
     * The annual statistics under the Act for one organisation: counts by type, reason, outcome
     * and characteristic group (small numbers suppressed).
     */
    async annualReturn(actor: Actor, organisationId: string, year: string) {
      if (!mayForce(actor, { kind: 'returns', organisationId })) throw AppError.notFound();
      const from = `${year}-01`;
      const to = `${year}-12`;
      const months = await store.monthRows(db, organisationId, '', from, to);
      const types = await store.typeRows(db, organisationId, '', from, to);
      const groups = await store.groupRows(db, organisationId, '', year);
      const facts = await store.returnFacts(db, organisationId, from, to);
      const sum = (k: keyof (typeof months)[number]) =>
        months.reduce((s, m) => s + Number(m[k]), 0);
      const lines: { measure: string; breakdown: string; value: number }[] = [
        { measure: 'Incidents', breakdown: 'All', value: sum('incidents') },
        { measure: 'People subject to force', breakdown: 'All', value: facts.people },
        { measure: 'Interventions', breakdown: 'All', value: sum('interventions') },
        { measure: 'Prone restraint', breakdown: 'All', value: sum('prone_interventions') },
        {
          measure: 'Incidents where the person was injured',
          breakdown: 'All',
          value: sum('injuries_person'),
        },
        {
          measure: "Incidents where the person's account was offered",
          breakdown: 'All',
          value: sum('account_offered'),
        },
        {
          measure: "Incidents where the person's account was given",
          breakdown: 'All',
          value: sum('account_given'),
        },
      ];
      for (const t of interventionTypes) {
        const n = types
          .filter((r) => r.type_code === t.code)
          .reduce((s, r) => s + r.interventions, 0);
        if (n)
          lines.push({
            measure: 'Interventions by type',
            breakdown: `${t.code} ${t.label}`,
            value: n,
          });
      }
      for (const r of reasonCodes) {
        const n = facts.rows.filter((f) => f.reason_code === r.code).reduce((s, f) => s + f.n, 0);
        if (n)
          lines.push({
            measure: 'Incidents by reason',
            breakdown: `${r.code} ${r.label}`,
            value: n,
          });
      }
      for (const [code, label] of [
        ['serious_injury', 'Serious injury'],
        ['death', 'Death'],
      ] as const) {
        lines.push({
          measure: 'Death or serious injury',
          breakdown: label,
          value: facts.rows.filter((f) => f.harm === code).reduce((s, f) => s + f.n, 0),
        });
      }
      for (const code of ['police', 'security', 'other'] as const) {
        const n = facts.rows.filter((f) => f.non_staff === code).reduce((s, f) => s + f.n, 0);
        lines.push({
          measure: 'Incidents involving people who are not unit staff',
          breakdown: code,
          value: n,
        });
      }
      for (const d of dimensions) {
        for (const g of d.groups) {
          const n =
            groups.find((x) => x.dimension === d.code && x.group_code === g.code)?.incidents ?? 0;
          lines.push({
            measure: `Incidents by ${d.label.toLowerCase()}`,
            breakdown: g.label,
            value: n,
          });
        }
      }
      const names = directory.describeOrganisations
        ? await directory.describeOrganisations(db, [organisationId])
        : new Map<string, { name: string }>();
      return {
        organisationName: names.get(organisationId)?.name ?? '',
        year,
        lines: lines.map((l) => ({
          ...l,
          shown: showCount(l.value),
          suppressed: isSuppressed(l.value),
        })),
      };
    },

    /** The annual return as CSV. */
    returnCsv(ret: {
      organisationName: string;
      year: string;
      lines: { measure: string; breakdown: string; shown: string }[];
    }): string {
      return toCsv(
        ['Organisation', 'Year', 'Measure', 'Breakdown', 'Value'],
        ret.lines.map((l) => ({
          Organisation: ret.organisationName,
          Year: ret.year,
          Measure: l.measure,
          Breakdown: l.breakdown,
          Value: l.shown,
        })),
      );
    },

    /** Saves denominators in bulk (generator and import). No access check: trusted callers only. */
    saveBedDaysTrusted: deps.saveBedDaysIn,
    savePopulationTrusted: deps.savePopulationIn,
  };
}
