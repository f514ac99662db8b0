/**
 * Stored rows from checked input: the one place an incident and its interventions are turned
 * into register rows, for the form, amendments and imports alike. Kept apart from the service so
 * that the import's checking thread can load it without the rest of the module.
 */
import { newTimeOrderedId } from '../../lib/tokens.ts';
import { ageBandAt, ethnicGroupOf } from './codes.ts';
import type {
  ForceIncidentsTable,
  ForceInterventionsTable,
  ForceStaffEntry,
  PersonCharacteristicsTable,
} from './tables.ts';
import { periodOf } from './time.ts';
import type { IncidentInput, InterventionInput } from './validate.ts';
import { incidentEnd, minutesBetween } from './validate.ts';

/** How long a record must be kept (Mental Health Units (Use of Force) Act 2018, s.6). */
export const RETENTION_YEARS = 3;

/** The characteristics snapshot kept on each record. */
export interface CharacteristicsSnapshot {
  recorded: boolean;
  nhsNumber: string | null;
  ethnicCodes: string[];
  sex: string;
  ageBand: string;
  disability: string;
  ldAutism: string;
}

/** Builds the stored incident row from validated input. */
export function incidentRow(
  input: IncidentInput,
  extra: {
    id: string;
    organisationId: string;
    /** The provider's own id; records made in Hearth use their record id. */
    localId?: string;
    snapshot: CharacteristicsSnapshot;
    mentalDisorder: string | null;
    legalStatus: string | null;
    plan: { id: string; version: number } | null;
    recordedBy: string | null;
    recordedAt: string;
    updatedAt: string;
    version: number;
    retainUntil: string;
    source: string;
    accountStatus: string;
    accountHelperId: string | null;
  },
): ForceIncidentsTable {
  const s = extra.snapshot;
  return {
    id: extra.id,
    organisation_id: extra.organisationId,
    local_id: extra.localId ?? extra.id,
    unit_id: input.unitId,
    person_id: input.personId,
    period: periodOf(input.startAt),
    start_at: input.startAt,
    end_at: incidentEnd(input),
    place: input.place,
    reason_code: input.reasonCode,
    reason_narrative: input.reasonNarrative,
    how_force_used: input.howForceUsed,
    in_care_plan: input.inCarePlan ? 1 : 0,
    outcome: input.outcome,
    harm: input.harm,
    injury_person: input.injuryPerson ? 1 : 0,
    injury_staff: input.injuryStaff ? 1 : 0,
    injury_other: input.injuryOther ? 1 : 0,
    avoidance_codes: JSON.stringify(input.avoidanceCodes),
    avoidance_narrative: input.avoidanceNarrative,
    notification: input.notification,
    non_staff: input.nonStaff,
    non_staff_reason: input.nonStaff === 'none' ? null : input.nonStaffReason,
    police_requested_at: input.nonStaff === 'police' ? input.policeRequestedAt : null,
    police_arrived_at: input.nonStaff === 'police' ? input.policeArrivedAt : null,
    body_worn_camera: input.nonStaff === 'police' ? input.bodyWornCamera : null,
    mental_disorder: extra.mentalDisorder,
    legal_status: extra.legalStatus,
    characteristics: JSON.stringify(s),
    grp_ethnicity: ethnicGroupOf(s.ethnicCodes),
    grp_sex: s.sex,
    grp_age_band: s.ageBand,
    grp_disability: s.disability,
    grp_ld_autism: s.ldAutism,
    plan_id: extra.plan?.id ?? null,
    plan_version: extra.plan?.version ?? null,
    plan_known: extra.plan ? input.planKnown : 'no_plan',
    plan_followed: extra.plan ? input.planFollowed : null,
    plan_not_followed_reason:
      extra.plan && input.planFollowed !== 'yes' ? input.planNotFollowedReason || null : null,
    account_offered: input.accountOffered ? 1 : 0,
    account_status: extra.accountStatus,
    account_helper_id: extra.accountHelperId,
    prone: input.interventions.some((i) => i.typeCode === '01') ? 1 : 0,
    recorded_by: extra.recordedBy,
    recorded_at: extra.recordedAt,
    updated_at: extra.updatedAt,
    version: extra.version,
    retain_until: extra.retainUntil,
    source: extra.source,
    person_view_released_at: null,
    person_view_released_by: null,
    calm_down_offered: input.calmDown?.offered ?? null,
    calm_down_methods: input.calmDown?.methods.length
      ? JSON.stringify(input.calmDown.methods)
      : null,
    others_reassured: input.calmDown?.othersReassured ?? null,
  };
}

/**
 * Builds the intervention rows (each with its staff) for an incident. An intervention already
 * in `existing` (the incident's current interventions) keeps its record id and local id, found by
 * record id (a form) or by local id (an import); any other gets a new time-ordered id, and its
 * local id is the imported one or else its record id.
 */
export function interventionRows(
  organisationId: string,
  incidentId: string,
  reasonCode: string,
  list: readonly InterventionInput[],
  existing: readonly Pick<ForceInterventionsTable, 'id' | 'local_id'>[] = [],
): { interventions: ForceInterventionsTable[] } {
  const interventions: ForceInterventionsTable[] = [];
  const taken = new Set<string>(); // an existing intervention is kept once, even if named twice
  list.forEach((iv, seq) => {
    const staff: ForceStaffEntry[] = iv.staff.map((s) => ({
      name: s.name,
      job_title: s.jobTitle,
      role_code: s.roleCode,
    }));
    const kept = existing.length
      ? existing.find(
          (e) =>
            !taken.has(e.id) && (iv.id ? e.id === iv.id : iv.localId && e.local_id === iv.localId),
        )
      : undefined;
    if (kept) taken.add(kept.id);
    const id = kept?.id ?? newTimeOrderedId();
    interventions.push({
      id,
      organisation_id: organisationId,
      local_id: kept?.local_id ?? (iv.localId || id),
      incident_id: incidentId,
      seq,
      type_code: iv.typeCode,
      reason_code: reasonCode,
      start_at: iv.startAt,
      end_at: iv.endAt,
      duration_minutes: minutesBetween(iv.startAt, iv.endAt),
      position_note: iv.positionNote || null,
      medication: iv.medication || null,
      staff: JSON.stringify(staff),
    });
  });
  return { interventions };
}

/** Builds the snapshot from the person's record at the time of the incident. */
export function snapshotOf(
  c: PersonCharacteristicsTable | undefined,
  at: string,
): CharacteristicsSnapshot {
  if (!c) {
    return {
      recorded: false,
      nhsNumber: null,
      ethnicCodes: [],
      sex: 'not_stated',
      ageBand: 'not_stated',
      disability: 'not_stated',
      ldAutism: 'not_stated',
    };
  }
  return {
    recorded: true,
    nhsNumber: c.nhs_number,
    ethnicCodes: JSON.parse(c.ethnic_codes) as string[],
    sex: c.sex,
    ageBand: ageBandAt(c.date_of_birth, at),
    disability: c.disability,
    ldAutism: c.ld_autism,
  };
}

/** The staff involved in an intervention, in the order they were recorded. */
export function staffOf(intervention: Pick<ForceInterventionsTable, 'staff'>): ForceStaffEntry[] {
  return JSON.parse(intervention.staff) as ForceStaffEntry[];
}

/** Turns a stored record back into input (for amending, and for comparing on re-import). */
export function inputOf(
  incident: ForceIncidentsTable,
  interventions: readonly ForceInterventionsTable[],
): IncidentInput {
  return {
    id: incident.id,
    personId: incident.person_id,
    unitId: incident.unit_id,
    startAt: incident.start_at,
    endAt: incident.end_at,
    place: incident.place,
    reasonCode: incident.reason_code,
    reasonNarrative: incident.reason_narrative,
    howForceUsed: incident.how_force_used,
    inCarePlan: incident.in_care_plan === 1,
    outcome: incident.outcome,
    harm: incident.harm,
    injuryPerson: incident.injury_person === 1,
    injuryStaff: incident.injury_staff === 1,
    injuryOther: incident.injury_other === 1,
    avoidanceCodes: JSON.parse(incident.avoidance_codes) as string[],
    avoidanceNarrative: incident.avoidance_narrative,
    notification: incident.notification,
    nonStaff: incident.non_staff,
    nonStaffReason: incident.non_staff_reason ?? '',
    policeRequestedAt: incident.police_requested_at,
    policeArrivedAt: incident.police_arrived_at,
    bodyWornCamera: incident.body_worn_camera ?? '',
    planKnown: incident.plan_known,
    planFollowed: incident.plan_followed,
    planNotFollowedReason: incident.plan_not_followed_reason ?? '',
    accountOffered: incident.account_offered === 1,
    calmDown: {
      offered: incident.calm_down_offered,
      methods: incident.calm_down_methods
        ? (JSON.parse(incident.calm_down_methods) as string[])
        : [],
      othersReassured: incident.others_reassured,
    },
    interventions: interventions.map((iv) => ({
      id: iv.id,
      typeCode: iv.type_code,
      startAt: iv.start_at,
      endAt: iv.end_at,
      positionNote: iv.position_note ?? '',
      medication: iv.medication ?? '',
      staff: staffOf(iv).map((s) => ({
        name: s.name,
        jobTitle: s.job_title,
        roleCode: s.role_code,
      })),
    })),
  };
}
