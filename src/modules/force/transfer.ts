/**
 * Statutory returns and the MHSDS-shaped export (bulk import is in import-csv.ts). Guarantees:
 * exports are audited and every cell is safe to open in a spreadsheet; stable ids let
 * corrections be re-sent through the import.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../accounts/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { dimensions, interventionTypes, reasonCodes } from './codes.ts';
import type { CsvRow } from './csv.ts';
import { CSV_COLUMNS, INCIDENT_COLUMNS, TYPE_COLUMNS, toCsv } from './csv.ts';
import { createCsvImport } from './import-csv.ts';
import type { TransferDeps } from './import-csv.ts';
import { mayForce } from './policy.ts';
import type { CharacteristicsSnapshot } from './service.ts';
import { staffOf } from './service.ts';
import { isSuppressed, showCount } from './stats.ts';
import type { ForceIncidentsTable, ForceInterventionsTable } from './tables.ts';

const yn = (b: boolean | number) => (b === true || b === 1 ? 'Y' : 'N');

/** The CSV rows for one incident (one per intervention). */
export function csvRowsOf(
  incident: ForceIncidentsTable,
  interventions: readonly ForceInterventionsTable[],
): CsvRow[] {
  const s = JSON.parse(incident.characteristics) as CharacteristicsSnapshot;
  const base = {
    RestrictiveIntIncID: incident.local_id,
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
    RestrictiveIntTypeID: iv.local_id,
    RestrictiveIntType: iv.type_code,
    StartDateTimeRestrictiveIntType: iv.start_at,
    EndDateTimeRestrictiveIntType: iv.end_at ?? '',
    DurationMinutes: iv.duration_minutes === null ? '' : String(iv.duration_minutes),
    PositionNote: iv.position_note ?? '',
    Medication: iv.medication ?? '',
    Staff: staffOf(iv)
      .map((x) => `${x.name}|${x.job_title}|${x.role_code}`)
      .join(';'),
  }));
}

/** Creates returns, export and import. */
export function createTransfer(
  deps: TransferDeps & {
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
  },
) {
  const { db, store, audit, directory } = deps;

  async function rowsForIncidents(incidents: readonly ForceIncidentsTable[]): Promise<CsvRow[]> {
    const out: CsvRow[] = [];
    for (let i = 0; i < incidents.length; i += 2000) {
      const part = incidents.slice(i, i + 2000);
      const ids = part.map((p) => p.id);
      const ivs = await store.interventionsOf(db, ids);
      const ivBy = Map.groupBy(ivs, (iv) => iv.incident_id);
      for (const inc of part) out.push(...csvRowsOf(inc, ivBy.get(inc.id) ?? []));
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

    /** Imports the combined CSV into the actor's organisation: all rows or none. */
    importCsv: createCsvImport({ ...deps, rowsForIncidents }),

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
