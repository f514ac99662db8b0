/**
 * Raw rows for the evidence figures (issue 12 item 5): the tests insert a small known dataset
 * and the benchmark a large one, both straight into each module's tables so the counts are
 * known exactly. Every row carries its organisation.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../src/db/index.ts';

const at = (day: string) => `${day}T10:00:00.000Z`;

/** A finished enquiry conversation. */
export function enquiryRow(o: {
  organisationId: string;
  unitId: string | null;
  personId: string;
  practitionerId: string;
  day: string;
  outcome: 'asked' | 'declined' | 'not_now' | 'not_asked';
  disclosed?: boolean;
  returned?: boolean;
}) {
  return {
    id: randomUUID(),
    organisation_id: o.organisationId,
    person_id: o.personId,
    practitioner_id: o.practitionerId,
    unit_id: o.unitId,
    period: o.day.slice(0, 7),
    state: 'done' as const,
    stage: 'done' as const,
    mode: 'together' as const,
    outcome: o.outcome,
    not_asked_reason: null,
    stopped: 0,
    disclosed: o.disclosed ? 1 : 0,
    preparation_json: null,
    answers_enc: null,
    response_enc: null,
    close_enc: null,
    note_enc: null,
    return_on: o.outcome === 'not_now' ? o.day : null,
    returned_at: o.returned ? at(o.day) : null,
    follow_up_on: null,
    followed_up_at: null,
    version: 1,
    created_at: at(o.day),
    updated_at: at(o.day),
    completed_at: at(o.day),
  };
}

/** An entry in the support directory. */
export function serviceRow(organisationId: string) {
  return {
    id: randomUUID(),
    organisation_id: organisationId,
    name: 'Rape Crisis',
    kind: 'trauma_specific' as const,
    offer: 'Support',
    for_whom: 'Anyone',
    how_to_refer: 'Phone',
    self_referral: 1,
    languages: 'English',
    contact: '0000',
    active: 1,
    created_at: at('2025-01-01'),
    updated_at: at('2025-01-01'),
  };
}

/** Support offered or a referral made after a conversation. */
export function referralRow(o: {
  organisationId: string;
  unitId: string | null;
  personId: string;
  practitionerId: string;
  enquiryId: string;
  serviceId: string;
  day: string;
  kind: 'offered' | 'referred';
  closedDay?: string;
}) {
  return {
    id: randomUUID(),
    organisation_id: o.organisationId,
    person_id: o.personId,
    enquiry_id: o.enquiryId,
    service_id: o.serviceId,
    practitioner_id: o.practitionerId,
    unit_id: o.unitId,
    kind: o.kind,
    status: o.closedDay ? ('seen' as const) : ('waiting' as const),
    note_enc: null,
    created_at: at(o.day),
    updated_at: at(o.closedDay ?? o.day),
    closed_at: o.closedDay ? at(o.closedDay) : null,
  };
}

/** A use-of-force incident (only the columns the figures read carry meaning). */
export function incidentRow(o: {
  organisationId: string;
  unitId: string;
  personId: string;
  day: string;
  planKnown: 'yes' | 'no' | 'no_plan';
}) {
  return {
    id: randomUUID(),
    organisation_id: o.organisationId,
    local_id: randomUUID(),
    unit_id: o.unitId,
    person_id: o.personId,
    period: o.day.slice(0, 7),
    start_at: at(o.day),
    end_at: null,
    place: 'ward',
    reason_code: '01',
    reason_narrative: '',
    how_force_used: '',
    in_care_plan: 0,
    outcome: '',
    harm: 'none',
    injury_person: 0,
    injury_staff: 0,
    injury_other: 0,
    avoidance_codes: '[]',
    avoidance_narrative: '',
    notification: '',
    non_staff: 'none',
    non_staff_reason: null,
    police_requested_at: null,
    police_arrived_at: null,
    body_worn_camera: null,
    mental_disorder: null,
    legal_status: null,
    characteristics: '{}',
    grp_ethnicity: 'not_stated',
    grp_sex: 'not_stated',
    grp_age_band: 'not_stated',
    grp_disability: 'not_stated',
    grp_ld_autism: 'not_stated',
    plan_id: null,
    plan_version: null,
    plan_known: o.planKnown,
    plan_followed: null,
    plan_not_followed_reason: null,
    account_offered: 0,
    account_status: 'not_offered',
    account_helper_id: null,
    prone: 0,
    recorded_by: null,
    recorded_at: at(o.day),
    updated_at: at(o.day),
    version: 1,
    retain_until: '2100-01-01',
    source: 'test',
    person_view_released_at: null,
    person_view_released_by: null,
  };
}

/** A review or debrief after an incident. */
export function reviewRow(o: {
  organisationId: string;
  unitId: string;
  incidentId: string;
  kind: string;
  dueDay: string;
  doneDay?: string;
}) {
  return {
    id: randomUUID(),
    organisation_id: o.organisationId,
    unit_id: o.unitId,
    incident_id: o.incidentId,
    intervention_id: null,
    kind: o.kind,
    due_at: at(o.dueDay),
    completed_at: o.doneDay ? at(o.doneDay) : null,
    completed_by: null,
    notes: null,
    support_offered: null,
  };
}

/** A month of the register's rollup for one scope (unit '' is the whole organisation). */
export function monthRollupRow(o: {
  organisationId: string;
  unitId: string;
  period: string;
  interventions: number;
  prone: number;
  incidents: number;
  accountOffered: number;
  bedDays: number;
}) {
  return {
    organisation_id: o.organisationId,
    unit_id: o.unitId,
    period: o.period,
    incidents: o.incidents,
    interventions: o.interventions,
    prone_interventions: o.prone,
    injuries_person: 0,
    account_offered: o.accountOffered,
    account_given: 0,
    plan_applicable: 0,
    plan_followed: 0,
    bed_days: o.bedDays,
  };
}

/** A person's plan with one version; `advance` fills one advance choice. */
export async function insertPlan(
  db: Db,
  o: { organisationId: string; personId: string; day: string; advance: boolean },
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('plans')
    .values({
      id,
      organisation_id: o.organisationId,
      person_id: o.personId,
      current_version: 1,
      review_by: null,
      private_sections: '[]',
      created_at: at(o.day),
      updated_at: at(o.day),
    })
    .execute();
  const fields: Record<string, unknown> = { helpsText: 'A quiet room.' };
  if (o.advance) fields.restraintPositionsToAvoid = ['face_down'];
  await db
    .insertInto('plan_versions')
    .values({
      id: randomUUID(),
      organisation_id: o.organisationId,
      plan_id: id,
      version: 1,
      content: JSON.stringify({ fields, declined: [] }),
      author_id: o.personId,
      note: null,
      created_at: at(o.day),
    })
    .execute();
  return id;
}

/** An audit event about a person (outside the hash chain: the figures only count rows). */
export function auditRow(o: {
  organisationId: string;
  actorId: string | null;
  actorUnitId: string | null;
  subjectId: string;
  day: string;
  outcome?: 'success' | 'denied';
}) {
  return {
    id: randomUUID(),
    chain: `test-${randomUUID()}`,
    seq: 1,
    organisation_id: o.organisationId,
    occurred_at: at(o.day),
    actor_id: o.actorId,
    actor_role: null,
    actor_unit_id: o.actorUnitId,
    action: 'plan.read',
    record_type: 'plan',
    record_id: null,
    subject_person_id: o.subjectId,
    ip: null,
    outcome: o.outcome ?? ('success' as const),
    detail: null,
    prev_hash: '',
    hash: '',
  };
}
