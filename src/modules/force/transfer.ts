/**
 * The MHSDS-shaped export and import (the import's work is in import-csv.ts). Guarantees:
 * exports are audited with the read and every cell is safe to open in a spreadsheet; stable ids
 * let corrections be re-sent through the import.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../accounts/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { AppError } from '../../lib/app-error.ts';
import type { CsvRow } from './csv.ts';
import { EXPORT_COLUMNS, INCIDENT_COLUMNS, TYPE_COLUMNS, toCsv } from './csv.ts';
import { createCsvImport } from './import-csv.ts';
import type { TransferDeps } from './import-csv.ts';
import { mayForce } from './policy.ts';
import type { CharacteristicsSnapshot } from './records.ts';
import { staffOf } from './records.ts';
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
    CalmDownOffered: incident.calm_down_offered ?? '',
    CalmDownMethods: incident.calm_down_methods
      ? (JSON.parse(incident.calm_down_methods) as string[]).join(';')
      : '',
    OthersReassured: incident.others_reassured ?? '',
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

/** Creates the export and import. */
export function createTransfer(deps: TransferDeps) {
  const { db, store, audit } = deps;

  async function rowsForIncidents(
    conn: Db,
    organisationId: string,
    incidents: readonly ForceIncidentsTable[],
  ): Promise<CsvRow[]> {
    const out: CsvRow[] = [];
    for (let i = 0; i < incidents.length; i += 2000) {
      const part = incidents.slice(i, i + 2000);
      const ids = part.map((p) => p.id);
      const ivs = await store.interventionsOf(conn, organisationId, ids);
      const ivBy = Map.groupBy(ivs, (iv) => iv.incident_id);
      for (const inc of part) out.push(...csvRowsOf(inc, ivBy.get(inc.id) ?? []));
    }
    return out;
  }

  return {
    /**
     * The MHSDS-shaped export for the actor's organisation: `combined` (one row per intervention
     * carrying its incident), `incidents` (MHS505) or `types` (MHS515). Audited with the read.
     */
    async exportCsv(
      actor: Actor,
      range: { from: string; to: string },
      shape: 'combined' | 'incidents' | 'types',
      ctx: AuditContext,
    ): Promise<string> {
      const org = actor.organisationId;
      if (!mayForce(actor, { kind: 'export', organisationId: org })) throw AppError.notFound();
      const rows = await audit.audited(db, ctx, async (trx, record) => {
        const incidents = await store.incidentsForExport(trx, org, range.from, range.to);
        await record({
          organisationId: org,
          action: 'force.export',
          recordType: 'force_export',
          detail: { from: range.from, to: range.to, shape, incidents: incidents.length },
        });
        return rowsForIncidents(trx, org, incidents);
      });
      if (shape === 'incidents') {
        const seen = new Set<string>();
        const incidentRows = rows.filter(
          (r) => !seen.has(r.RestrictiveIntIncID) && seen.add(r.RestrictiveIntIncID),
        );
        return toCsv(INCIDENT_COLUMNS, incidentRows);
      }
      if (shape === 'types') return toCsv(TYPE_COLUMNS, rows);
      return toCsv(EXPORT_COLUMNS, rows);
    },

    /** Imports the combined CSV into the actor's organisation: all rows or none. */
    importCsv: createCsvImport({
      ...deps,
      rowsForIncidents: (organisationId, incidents) =>
        rowsForIncidents(db, organisationId, incidents),
    }),
  };
}
