/**
 * The use-of-force register's rules. Guarantees: every record meets section 6 of the Act before
 * it is saved (see validate.ts); every read of a record about a person by staff, and every change,
 * is audited in the same transaction; amendments keep the earlier version with a reason; no
 * record is deleted before it has been kept three years (refusals are audited too); the person's
 * own account is written only by them or by the helper they chose; dashboards read rollups kept
 * in step in the same transaction as each write, and never show counts from 1 to 4.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../accounts/index.ts';
import type { AuditContext, AuditLog } from '../audit/index.ts';
import { checkText } from '../language/index.ts';
import { AppError } from '../../lib/app-error.ts';
import type { FieldErrors } from '../../lib/app-error.ts';
import type { Clock } from '../../lib/clock.ts';
import { DAY, HOUR, addMs, toIso } from '../../lib/clock.ts';
import { newId, newTimeOrderedId } from '../../lib/tokens.ts';
import { ageBandAt } from './codes.ts';
import type { ReviewKind } from './codes.ts';
import type { DashboardScope } from './policy.ts';
import { mayForce } from './policy.ts';
import type { ForceStore } from './store.ts';
import type {
  ForceIncidentsTable,
  ForceStaffEntry,
  ForceInterventionsTable,
  ForceReviewsTable,
  PersonCharacteristicsTable,
} from './tables.ts';
import type { IncidentInput } from './validate.ts';
import { checkIncident } from './validate.ts';
import { addBedDays, addIncident, addPeople, emptyDeltas } from './rollups.ts';
import type { RollupDeltas } from './rollups.ts';
import { addYears, periodOf } from './time.ts';
import { createDashboards } from './dashboards.ts';
import { createTransfer } from './transfer.ts';
import type { CharacteristicsSnapshot } from './records.ts';
import { RETENTION_YEARS, incidentRow, interventionRows } from './records.ts';

export type { CharacteristicsSnapshot } from './records.ts';
export { RETENTION_YEARS, incidentRow, interventionRows } from './records.ts';

/**
 * The person's stated choices from their plan, as the plans module shares them with the unit.
 */
export interface PlanChoicesForForce {
  planId: string;
  version: number;
  updatedAt: string;
  restraintPositionsToAvoid: string[];
  staffGenderPreference: string | null;
  medicationChoices: string | null;
  seclusionChoices: string | null;
  searchChoices: string | null;
  observationChoices: string | null;
  whatHelps: string | null;
  whatMakesWorse: string | null;
}

/** Looks up a person's plan choices shared with the actor's unit (optional dependency). */
export type PlanChoicesLookup = (
  actor: Actor,
  personId: string,
  ctx: AuditContext,
) => Promise<PlanChoicesForForce | null>;

/** What the force module needs from accounts. */
export interface ForceDirectory {
  requirePersonVisibleTo(
    actor: Actor,
    personId: string,
  ): Promise<{ id: string; display_name: string; organisation_id: string }>;
  unitIdsOfPerson(personId: string): Promise<string[]>;
  unitsOf(
    actor: Actor,
  ): Promise<{ id: string; name: string; kind: string; organisation_id: string }[]>;
  peopleInMyUnits(
    actor: Actor,
  ): Promise<{ id: string; displayName: string; role: string; unitNames: string[] }[]>;
  describeAccounts(db: Db, ids: string[]): Promise<Map<string, { displayName: string }>>;
  describeUnits(db: Db, ids: string[]): Promise<Map<string, { name: string }>>;
  describeOrganisations?(db: Db, ids: string[]): Promise<Map<string, { name: string }>>;
  actorFor(accountId: string): Promise<Actor>;
}

/** What the service needs. */
export interface ForceDeps {
  db: Db;
  store: ForceStore;
  audit: AuditLog;
  clock: Clock;
  directory: ForceDirectory;
  planChoices?: PlanChoicesLookup;
}

/** Characteristics input from the person's page. */
export interface CharacteristicsInput {
  nhsNumber: string | null;
  ethnicCodes: string[];
  sex: string;
  dateOfBirth: string | null;
  disability: string;
  ldAutism: string;
  mentalDisorder: string | null;
  legalStatus: string | null;
}

/** A language suggestion on one saved field. */
export interface LanguageNote {
  field: string;
  fieldLabel: string;
  text: string;
  reason: string;
  alternatives: string[];
}

const FREE_TEXT_FIELDS: [keyof ForceIncidentsTable, string][] = [
  ['reason_narrative', 'Why force was used'],
  ['how_force_used', 'How force was used'],
  ['outcome', 'Outcome'],
  ['avoidance_narrative', 'What was tried first'],
  ['plan_not_followed_reason', 'Why their choices were not followed'],
];

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

/** The review tasks that follow an incident, with their due dates. */
export function reviewsFor(
  incident: Pick<ForceIncidentsTable, 'id' | 'organisation_id' | 'unit_id' | 'start_at' | 'end_at'>,
  interventions: readonly ForceInterventionsTable[],
): ForceReviewsTable[] {
  const base = new Date(incident.end_at ?? incident.start_at);
  const make = (
    kind: ReviewKind,
    due: Date,
    interventionId: string | null = null,
  ): ForceReviewsTable => ({
    id: newId(),
    organisation_id: incident.organisation_id,
    unit_id: incident.unit_id,
    incident_id: incident.id,
    intervention_id: interventionId,
    kind,
    due_at: toIso(due),
    completed_at: null,
    completed_by: null,
    notes: null,
    support_offered: null,
  });
  // NICE QS154: an immediate debrief; the formal review follows within 72 hours.
  const reviews = [
    make('immediate_debrief', addMs(base, 12 * HOUR)),
    make('staff_debrief', addMs(base, 24 * HOUR)),
    make('formal_review', addMs(new Date(incident.start_at), 72 * HOUR)),
  ];
  for (const iv of interventions) {
    // NICE NG10: after rapid tranquillisation, check pulse, blood pressure, breathing,
    // temperature, hydration and consciousness every 15 minutes for the first hour.
    if (iv.type_code === '14') {
      const given = new Date(iv.start_at);
      for (const minutes of [15, 30, 45, 60])
        reviews.push(make('rt_observations', addMs(given, minutes * 60_000), iv.id));
    }
    if (iv.end_at !== null) continue;
    // MHA Code of Practice ch.26: seclusion nursing review every 2 hours, medical every 4;
    // long-term segregation medical review daily, multidisciplinary review weekly.
    if (iv.type_code === '05') {
      reviews.push(make('seclusion_nursing_review', addMs(new Date(iv.start_at), 2 * HOUR), iv.id));
      reviews.push(make('seclusion_medical_review', addMs(new Date(iv.start_at), 4 * HOUR), iv.id));
    } else if (iv.type_code === '06') {
      reviews.push(make('segregation_medical_review', addMs(new Date(iv.start_at), DAY), iv.id));
      reviews.push(make('segregation_mdt_review', addMs(new Date(iv.start_at), 7 * DAY), iv.id));
    }
  }
  return reviews;
}

const REPEAT_MS: Partial<Record<ReviewKind, number>> = {
  seclusion_nursing_review: 2 * HOUR,
  seclusion_medical_review: 4 * HOUR,
  segregation_medical_review: DAY,
  segregation_mdt_review: 7 * DAY,
};

/** Creates the use-of-force service. */
export function createForceService(deps: ForceDeps) {
  const { db, store, audit, clock, directory } = deps;
  const now = () => toIso(clock());

  async function planFor(actor: Actor, personId: string, ctx: AuditContext) {
    if (!deps.planChoices) return null;
    return deps.planChoices(actor, personId, ctx);
  }

  async function loadIncidentForStaff(
    actor: Actor,
    id: string,
    kind: 'view-incident' | 'amend' | 'review',
  ) {
    const incident = await store.findIncident(db, actor.organisationId, id);
    if (
      !incident ||
      !mayForce(actor, { kind, organisationId: incident.organisation_id, unitId: incident.unit_id })
    ) {
      throw AppError.notFound();
    }
    return incident;
  }

  async function detailsOf(incident: ForceIncidentsTable, conn: Db = db) {
    const interventions = await store.interventionsOf(conn, [incident.id]);
    return interventions.map((iv) => ({ ...iv, staffList: staffOf(iv) }));
  }

  function latestAccounts(rows: Awaited<ReturnType<ForceStore['personAccountsOf']>>) {
    return {
      account: rows.find((r) => r.kind === 'account') ?? null,
      reply: rows.find((r) => r.kind === 'reply') ?? null,
      history: rows,
    };
  }

  function languageNotes(incident: ForceIncidentsTable): LanguageNote[] {
    const notes: LanguageNote[] = [];
    for (const [field, fieldLabel] of FREE_TEXT_FIELDS) {
      const text = incident[field];
      if (typeof text !== 'string' || !text) continue;
      for (const f of checkText(text)) {
        notes.push({
          field,
          fieldLabel,
          text: f.text,
          reason: f.reason,
          alternatives: f.alternatives,
        });
      }
    }
    return notes;
  }

  function auditActorOf(actor: Actor) {
    return {
      id: actor.id,
      role: actor.role,
      organisationId: actor.organisationId,
      unitId: actor.unitIds[0] ?? null,
    };
  }

  /** Loads characteristics (and the mental disorder and legal status) for a person. */
  async function characteristicsOf(organisationId: string, personId: string) {
    const [row] = await store.findCharacteristics(db, organisationId, [personId]);
    return row;
  }

  const service = {
    /** Units where the actor may record (wards and teams they belong to). */
    async recordingUnits(actor: Actor) {
      const units = await directory.unitsOf(actor);
      return units.filter((u) =>
        mayForce(actor, { kind: 'record', organisationId: u.organisation_id, unitId: u.id }),
      );
    },

    /** The people the actor may record about (people in their units). */
    async recordablePeople(actor: Actor) {
      const people = await directory.peopleInMyUnits(actor);
      return people.filter((p) => p.role === 'service_user');
    },

    /**
     * What the recording form shows about a person: who they are, their characteristics as
     * recorded, and their plan choices if the plan is shared with the unit.
     */
    async recordingContext(actor: Actor, personId: string, ctx: AuditContext) {
      const person = await directory.requirePersonVisibleTo(actor, personId);
      const c = await characteristicsOf(actor.organisationId, personId);
      const plan = await planFor(actor, personId, ctx);
      const personUnits = await directory.unitIdsOfPerson(personId);
      return {
        person: { id: person.id, displayName: person.display_name },
        characteristics: c ?? null,
        snapshot: snapshotOf(c, now()),
        plan,
        personUnitIds: personUnits,
      };
    },

    /**
     * Records a use of force. Checks every s.6 field, reads the person's characteristics and
     * plan at this moment, creates the review tasks, and updates the dashboards, in one
     * transaction with its audit event.
     */
    async recordIncident(actor: Actor, input: IncidentInput, ctx: AuditContext): Promise<string> {
      if (
        !mayForce(actor, {
          kind: 'record',
          organisationId: actor.organisationId,
          unitId: input.unitId,
        })
      ) {
        throw AppError.invalid('unitId', 'Choose one of your units');
      }
      await directory.requirePersonVisibleTo(actor, input.personId);
      const plan = await planFor(actor, input.personId, ctx);
      const problems = checkIncident(input, clock(), plan !== null);
      if (Object.keys(problems).length) throw AppError.invalidFields(problems);
      const c = await characteristicsOf(actor.organisationId, input.personId);
      const at = now();
      const id = newTimeOrderedId();
      const row = incidentRow(input, {
        id,
        organisationId: actor.organisationId,
        snapshot: snapshotOf(c, input.startAt),
        mentalDisorder: c?.mental_disorder ?? null,
        legalStatus: c?.legal_status ?? null,
        plan: plan ? { id: plan.planId, version: plan.version } : null,
        recordedBy: actor.id,
        recordedAt: at,
        updatedAt: at,
        version: 1,
        retainUntil: addYears(at > input.startAt ? at : input.startAt, RETENTION_YEARS),
        source: 'hearth',
        accountStatus: 'none',
        accountHelperId: null,
      });
      const children = interventionRows(
        actor.organisationId,
        id,
        input.reasonCode,
        input.interventions,
      );
      await db.transaction().execute(async (trx) => {
        await store.insertIncidents(trx, [row]);
        await store.insertInterventions(trx, children.interventions);
        await store.insertReviews(trx, reviewsFor(row, children.interventions));
        const deltas = emptyDeltas();
        addIncident(deltas, row, children.interventions, 1);
        await store.applyDeltas(trx, deltas);
        await audit.record(trx, ctx, {
          organisationId: actor.organisationId,
          action: 'force.record',
          recordType: 'force_incident',
          recordId: id,
          subjectPersonId: input.personId,
        });
      });
      return id;
    },

    /** A record as staff see it. The read is audited (it shows in the person's own list). */
    async viewIncident(actor: Actor, id: string, ctx: AuditContext) {
      const incident = await loadIncidentForStaff(actor, id, 'view-incident');
      return db.transaction().execute(async (trx) => {
        await audit.record(trx, ctx, {
          organisationId: incident.organisation_id,
          action: 'force.view',
          recordType: 'force_incident',
          recordId: incident.id,
          subjectPersonId: incident.person_id,
        });
        return service.describeIncident(incident, trx);
      });
    },

    /** Everything about an incident, for pages (no access check: callers check first). */
    async describeIncident(incident: ForceIncidentsTable, conn: Db = db) {
      const names = await directory.describeAccounts(conn, [
        incident.person_id,
        ...(incident.recorded_by ? [incident.recorded_by] : []),
        ...(incident.account_helper_id ? [incident.account_helper_id] : []),
      ]);
      const units = await directory.describeUnits(conn, [incident.unit_id]);
      const accounts = latestAccounts(await store.personAccountsOf(conn, incident.id));
      const writerNames = await directory.describeAccounts(
        conn,
        accounts.history.map((a) => a.written_by),
      );
      return {
        incident,
        snapshot: JSON.parse(incident.characteristics) as CharacteristicsSnapshot,
        avoidance: JSON.parse(incident.avoidance_codes) as string[],
        personName: names.get(incident.person_id)?.displayName ?? 'Unknown person',
        recordedByName: incident.recorded_by
          ? (names.get(incident.recorded_by)?.displayName ?? '')
          : 'Imported',
        helperName: incident.account_helper_id
          ? (names.get(incident.account_helper_id)?.displayName ?? null)
          : null,
        unitName: units.get(incident.unit_id)?.name ?? '',
        interventions: await detailsOf(incident, conn),
        reviews: await store.reviewsOf(conn, incident.id),
        amendments: await store.amendmentsOf(conn, incident.id),
        account: accounts.account,
        reply: accounts.reply,
        accountHistory: accounts.history.map((a) => ({
          ...a,
          writerName: writerNames.get(a.written_by)?.displayName ?? '',
        })),
        language: languageNotes(incident),
        retentionEnds: incident.retain_until,
      };
    },

    /** The record as it is now, turned back into form input (for amending). */
    async incidentAsInput(
      actor: Actor,
      id: string,
    ): Promise<{ input: IncidentInput; incident: ForceIncidentsTable }> {
      const incident = await loadIncidentForStaff(actor, id, 'amend');
      const details = await detailsOf(incident);
      return { incident, input: inputOf(incident, details) };
    },

    /**
     * Amends a record: the version before is kept whole with the reason, and the dashboards
     * move from the old figures to the new in the same transaction.
     */
    async amendIncident(
      actor: Actor,
      id: string,
      input: IncidentInput,
      reason: string,
      ctx: AuditContext,
    ) {
      const before = await loadIncidentForStaff(actor, id, 'amend');
      const fixed: IncidentInput = { ...input, personId: before.person_id, unitId: before.unit_id };
      const hasPlan = before.plan_id !== null;
      const problems = checkIncident(fixed, clock(), hasPlan);
      if (!reason.trim()) problems.amendReason = 'Say why you are changing this record';
      if (Object.keys(problems).length) throw AppError.invalidFields(problems);
      await amendInTransaction(db, actor.id, before, fixed, reason, ctx);
    },

    /**
     * Deletes a record. Refused (and the refusal audited) until it has been kept three years.
     */
    async deleteIncident(actor: Actor, id: string, ctx: AuditContext): Promise<void> {
      const incident = await store.findIncident(db, actor.organisationId, id);
      if (
        !incident ||
        !mayForce(actor, {
          kind: 'view-incident',
          organisationId: incident.organisation_id,
          unitId: incident.unit_id,
        })
      ) {
        throw AppError.notFound();
      }
      const allowed = mayForce(actor, { kind: 'delete', organisationId: incident.organisation_id });
      if (!allowed || now() < incident.retain_until) {
        await db.transaction().execute((trx) =>
          audit.record(trx, ctx, {
            organisationId: incident.organisation_id,
            action: 'force.delete',
            recordType: 'force_incident',
            recordId: incident.id,
            subjectPersonId: incident.person_id,
            outcome: 'denied',
            detail: { retainUntil: incident.retain_until },
          }),
        );
        throw AppError.forbidden(
          allowed
            ? `This record must be kept until ${incident.retain_until.slice(0, 10)} (at least three years, by law). It cannot be deleted before then.`
            : 'Only an organisation administrator can delete a record, and only after it has been kept for three years.',
        );
      }
      const interventions = await store.interventionsOf(db, [incident.id]);
      await db.transaction().execute(async (trx) => {
        const deltas = emptyDeltas();
        addIncident(deltas, incident, interventions, -1);
        await store.applyDeltas(trx, deltas);
        await store.deleteIncident(trx, incident.organisation_id, incident.id);
        await audit.record(trx, ctx, {
          organisationId: incident.organisation_id,
          action: 'force.delete',
          recordType: 'force_incident',
          recordId: incident.id,
          subjectPersonId: incident.person_id,
        });
      });
    },

    /** Recent records for the actor's units (the whole organisation for an administrator). */
    async listRegister(actor: Actor, limit = 50) {
      if (!['practitioner', 'unit_manager', 'org_admin'].includes(actor.role))
        throw AppError.notFound();
      const unitIds = actor.role === 'org_admin' ? null : actor.unitIds;
      const rows = await store.listIncidents(db, actor.organisationId, unitIds, limit);
      const names = await directory.describeAccounts(
        db,
        rows.map((r) => r.person_id),
      );
      const units = await directory.describeUnits(
        db,
        rows.map((r) => r.unit_id),
      );
      const interventions = await store.interventionsOf(
        db,
        rows.map((r) => r.id),
      );
      return rows.map((r) => ({
        ...r,
        personName: names.get(r.person_id)?.displayName ?? 'Unknown person',
        unitName: units.get(r.unit_id)?.name ?? '',
        typeCodes: interventions.filter((i) => i.incident_id === r.id).map((i) => i.type_code),
      }));
    },

    /** Review tasks not yet done, overdue first, for the actor's units. */
    async openReviews(actor: Actor, limit = 100) {
      if (!['practitioner', 'unit_manager', 'org_admin'].includes(actor.role)) return [];
      const unitIds = actor.role === 'org_admin' ? null : actor.unitIds;
      const rows = await store.openReviews(db, actor.organisationId, unitIds, limit);
      const units = await directory.describeUnits(
        db,
        rows.map((r) => r.unit_id),
      );
      const at = now();
      return rows.map((r) => ({
        ...r,
        overdue: r.due_at < at,
        unitName: units.get(r.unit_id)?.name ?? '',
      }));
    },

    /**
     * Completes a review. While seclusion or segregation is still going on, the next review of
     * the same kind is scheduled.
     */
    async completeReview(
      actor: Actor,
      incidentId: string,
      reviewId: string,
      input: { notes: string; supportOffered: boolean | null },
      ctx: AuditContext,
    ) {
      const incident = await loadIncidentForStaff(actor, incidentId, 'review');
      const review = await store.findReview(db, incident.organisation_id, incident.id, reviewId);
      if (!review) throw AppError.notFound();
      if (review.completed_at)
        throw AppError.conflict('This review has already been recorded as done.');
      if (!input.notes.trim())
        throw AppError.invalid('notes', 'Write a short note of what was discussed or decided');
      if (review.kind === 'staff_debrief' && input.supportOffered === null)
        throw AppError.invalid(
          'supportOffered',
          'Say whether support was offered to the staff involved',
        );
      const at = clock();
      await db.transaction().execute(async (trx) => {
        await store.completeReview(trx, review.id, {
          completed_at: toIso(at),
          completed_by: actor.id,
          notes: input.notes,
          support_offered: input.supportOffered === null ? null : input.supportOffered ? 1 : 0,
        });
        const repeat = REPEAT_MS[review.kind as ReviewKind];
        if (repeat && review.intervention_id) {
          const [iv] = (await store.interventionsOf(trx, [incident.id])).filter(
            (i) => i.id === review.intervention_id,
          );
          if (iv && iv.end_at === null) {
            await store.insertReviews(trx, [
              {
                ...review,
                id: newId(),
                due_at: toIso(addMs(at, repeat)),
                completed_at: null,
                completed_by: null,
                notes: null,
              },
            ]);
          }
        }
        await audit.record(trx, ctx, {
          organisationId: incident.organisation_id,
          action: 'force.review.complete',
          recordType: 'force_review',
          recordId: review.id,
          subjectPersonId: incident.person_id,
          detail: { kind: review.kind },
        });
      });
    },

    /** The person's own incidents (only for the person). */
    async myIncidents(actor: Actor) {
      if (actor.role !== 'service_user') return [];
      const rows = await store.incidentsOfPerson(db, actor.organisationId, actor.id);
      const units = await directory.describeUnits(
        db,
        rows.map((r) => r.unit_id),
      );
      return rows.map((r) => ({ ...r, unitName: units.get(r.unit_id)?.name ?? '' }));
    },

    /** One of the person's own incidents, with the staff account and theirs side by side. */
    async myIncident(actor: Actor, id: string) {
      const incident = await store.findIncident(db, actor.organisationId, id);
      if (
        !incident ||
        !mayForce(actor, {
          kind: 'view-own',
          organisationId: incident.organisation_id,
          personId: incident.person_id,
        })
      ) {
        throw AppError.notFound();
      }
      const helpers = (await directory.peopleInMyUnits(actor)).filter((p) =>
        ['practitioner', 'unit_manager'].includes(p.role),
      );
      return { ...(await service.describeIncident(incident)), helpers };
    },

    /** An incident as the helper the person chose sees it (to write the account with them). */
    async helperIncident(actor: Actor, id: string, ctx: AuditContext) {
      const incident = await store.findIncident(db, actor.organisationId, id);
      if (!incident) throw AppError.notFound();
      const maySee =
        mayForce(actor, {
          kind: 'view-incident',
          organisationId: incident.organisation_id,
          unitId: incident.unit_id,
        }) || incident.account_helper_id === actor.id;
      if (!maySee) throw AppError.notFound();
      const mayWrite = mayForce(actor, {
        kind: 'write-account',
        organisationId: incident.organisation_id,
        personId: incident.person_id,
        helperId: incident.account_helper_id,
      });
      const details = await db.transaction().execute(async (trx) => {
        await audit.record(trx, ctx, {
          organisationId: incident.organisation_id,
          action: 'force.view',
          recordType: 'force_incident',
          recordId: incident.id,
          subjectPersonId: incident.person_id,
        });
        return service.describeIncident(incident, trx);
      });
      return { ...details, mayWrite };
    },

    /**
     * Saves the person's account (kind 'account') or their reply to the staff account
     * (kind 'reply'). Only the person, or the helper they chose, may write it; anyone else is
     * refused and the attempt is audited.
     */
    async writeAccount(
      actor: Actor,
      incidentId: string,
      input: {
        kind: 'account' | 'reply';
        status: 'given' | 'declined' | 'not_yet_able';
        body: string;
      },
      ctx: AuditContext,
    ) {
      const incident = await store.findIncident(db, actor.organisationId, incidentId);
      if (!incident) throw AppError.notFound();
      const isPerson = actor.id === incident.person_id;
      const staffMaySee =
        isPerson ||
        incident.account_helper_id === actor.id ||
        mayForce(actor, {
          kind: 'view-incident',
          organisationId: incident.organisation_id,
          unitId: incident.unit_id,
        });
      if (!staffMaySee) throw AppError.notFound();
      if (
        !mayForce(actor, {
          kind: 'write-account',
          organisationId: incident.organisation_id,
          personId: incident.person_id,
          helperId: incident.account_helper_id,
        })
      ) {
        await db.transaction().execute((trx) =>
          audit.record(trx, ctx, {
            organisationId: incident.organisation_id,
            action: 'force.account.write',
            recordType: 'force_incident',
            recordId: incident.id,
            subjectPersonId: incident.person_id,
            outcome: 'denied',
          }),
        );
        throw AppError.forbidden(
          "Only the person, or someone they have chosen to help them, can write their account. Staff can add to the record itself, but never change the person's own words.",
        );
      }
      if (input.status === 'given' && !input.body.trim())
        throw AppError.invalid(
          'body',
          input.kind === 'account'
            ? 'Write your account, or choose another option'
            : 'Write your reply, or choose another option',
        );
      if (input.body.length > 20000)
        throw AppError.invalid('body', 'Write 20,000 characters or fewer');
      await db.transaction().execute(async (trx) => {
        const [latest] = await store.personAccountsOf(trx, incident.id);
        await store.insertPersonAccount(trx, {
          version: (latest?.version ?? 0) + 1,
          id: newId(),
          organisation_id: incident.organisation_id,
          incident_id: incident.id,
          person_id: incident.person_id,
          kind: input.kind,
          status: input.status,
          body: input.status === 'given' ? input.body : null,
          written_by: actor.id,
          written_by_helper: isPerson ? 0 : 1,
          created_at: now(),
        });
        if (input.kind === 'account' && incident.account_status !== input.status) {
          const deltas = emptyDeltas();
          addIncident(deltas, incident, [], -1);
          const after = { ...incident, account_status: input.status, account_offered: 1 };
          addIncident(deltas, after, [], 1);
          // The intervention counts are unchanged; only incident-level measures move.
          await store.applyDeltas(trx, deltas);
          await store.setAccountState(trx, incident.organisation_id, incident.id, {
            account_status: input.status,
            account_offered: 1,
          });
        }
        await audit.record(trx, ctx, {
          organisationId: incident.organisation_id,
          action: isPerson ? 'force.account.own' : 'force.account.write',
          recordType: 'force_incident',
          recordId: incident.id,
          subjectPersonId: incident.person_id,
          detail: { kind: input.kind, status: input.status },
        });
      });
    },

    /** The person chooses someone to write their account with them (or nobody). */
    async chooseHelper(
      actor: Actor,
      incidentId: string,
      helperId: string | null,
      ctx: AuditContext,
    ) {
      const incident = await store.findIncident(db, actor.organisationId, incidentId);
      if (
        !incident ||
        !mayForce(actor, {
          kind: 'choose-helper',
          organisationId: incident.organisation_id,
          personId: incident.person_id,
        })
      ) {
        throw AppError.notFound();
      }
      if (helperId !== null) {
        const helpers = (await directory.peopleInMyUnits(actor)).filter((p) =>
          ['practitioner', 'unit_manager'].includes(p.role),
        );
        if (!helpers.some((h) => h.id === helperId))
          throw AppError.invalid('helperId', 'Choose someone from the list');
      }
      await db.transaction().execute(async (trx) => {
        await store.setAccountState(trx, incident.organisation_id, incident.id, {
          account_helper_id: helperId,
        });
        await audit.record(trx, ctx, {
          organisationId: incident.organisation_id,
          action: 'force.account.helper',
          recordType: 'force_incident',
          recordId: incident.id,
          subjectPersonId: incident.person_id,
          detail: { chosen: helperId !== null },
        });
      });
    },

    /** A person's recorded characteristics, for staff who can see the person (audited). */
    async viewCharacteristics(actor: Actor, personId: string, ctx: AuditContext) {
      if (!['practitioner', 'unit_manager', 'org_admin'].includes(actor.role))
        throw AppError.notFound();
      const person = await directory.requirePersonVisibleTo(actor, personId);
      const row = await db.transaction().execute(async (trx) => {
        await audit.record(trx, ctx, {
          organisationId: actor.organisationId,
          action: 'force.characteristics.view',
          recordType: 'person_characteristics',
          recordId: personId,
          subjectPersonId: personId,
        });
        const [found] = await store.findCharacteristics(trx, actor.organisationId, [personId]);
        return found;
      });
      return {
        person: { id: person.id, displayName: person.display_name },
        characteristics: row ?? null,
      };
    },

    /** Saves a person's characteristics as they gave them (each may be "prefer not to say"). */
    async saveCharacteristics(
      actor: Actor,
      personId: string,
      input: CharacteristicsInput,
      ctx: AuditContext,
    ) {
      if (!['practitioner', 'unit_manager', 'org_admin'].includes(actor.role))
        throw AppError.notFound();
      await directory.requirePersonVisibleTo(actor, personId);
      await db.transaction().execute(async (trx) => {
        await store.saveCharacteristics(trx, [
          {
            person_id: personId,
            organisation_id: actor.organisationId,
            nhs_number: input.nhsNumber,
            ethnic_codes: JSON.stringify(input.ethnicCodes),
            sex: input.sex,
            date_of_birth: input.dateOfBirth,
            disability: input.disability,
            ld_autism: input.ldAutism,
            mental_disorder: input.mentalDisorder,
            legal_status: input.legalStatus,
            updated_at: now(),
            updated_by: actor.id,
          },
        ]);
        await audit.record(trx, ctx, {
          organisationId: actor.organisationId,
          action: 'force.characteristics.save',
          recordType: 'person_characteristics',
          recordId: personId,
          subjectPersonId: personId,
        });
      });
    },

    /** Records an observation episode. */
    async recordObservation(
      actor: Actor,
      input: {
        personId: string;
        unitId: string;
        level: string;
        startAt: string;
        endAt: string | null;
        reason: string;
      },
      ctx: AuditContext,
    ): Promise<string> {
      if (
        !mayForce(actor, {
          kind: 'record',
          organisationId: actor.organisationId,
          unitId: input.unitId,
        })
      )
        throw AppError.invalid('unitId', 'Choose one of your units');
      await directory.requirePersonVisibleTo(actor, input.personId);
      const problems: FieldErrors = {};
      if (new Date(input.startAt).getTime() > clock().getTime() + 5 * 60_000)
        problems.startAt = 'The start cannot be in the future';
      if (input.endAt && input.endAt < input.startAt)
        problems.endAt = 'The end must be after the start';
      if (Object.keys(problems).length) throw AppError.invalidFields(problems);
      const id = newId();
      const at = now();
      await db.transaction().execute(async (trx) => {
        await store.insertObservation(trx, {
          id,
          organisation_id: actor.organisationId,
          unit_id: input.unitId,
          person_id: input.personId,
          level: input.level,
          start_at: input.startAt,
          end_at: input.endAt,
          reason: input.reason,
          period: periodOf(input.startAt),
          recorded_by: actor.id,
          recorded_at: at,
          retain_until: addYears(at, RETENTION_YEARS),
        });
        await audit.record(trx, ctx, {
          organisationId: actor.organisationId,
          action: 'force.observation.record',
          recordType: 'force_observation',
          recordId: id,
          subjectPersonId: input.personId,
        });
      });
      return id;
    },

    /** Records a search of a person, their room or belongings. */
    async recordSearch(
      actor: Actor,
      input: {
        personId: string;
        unitId: string;
        kind: string;
        consent: string;
        reason: string;
        finding: string;
        forceUsed: boolean;
        occurredAt: string;
      },
      ctx: AuditContext,
    ): Promise<string> {
      if (
        !mayForce(actor, {
          kind: 'record',
          organisationId: actor.organisationId,
          unitId: input.unitId,
        })
      )
        throw AppError.invalid('unitId', 'Choose one of your units');
      await directory.requirePersonVisibleTo(actor, input.personId);
      if (new Date(input.occurredAt).getTime() > clock().getTime() + 5 * 60_000)
        throw AppError.invalid('occurredAt', 'The time cannot be in the future');
      const id = newId();
      const at = now();
      await db.transaction().execute(async (trx) => {
        await store.insertSearch(trx, {
          id,
          organisation_id: actor.organisationId,
          unit_id: input.unitId,
          person_id: input.personId,
          kind: input.kind,
          consent: input.consent,
          reason: input.reason,
          finding: input.finding || null,
          force_used: input.forceUsed ? 1 : 0,
          occurred_at: input.occurredAt,
          period: periodOf(input.occurredAt),
          recorded_by: actor.id,
          recorded_at: at,
          retain_until: addYears(at, RETENTION_YEARS),
        });
        await audit.record(trx, ctx, {
          organisationId: actor.organisationId,
          action: 'force.search.record',
          recordType: 'force_search',
          recordId: id,
          subjectPersonId: input.personId,
        });
      });
      return id;
    },

    /** Recent observation episodes and searches in the actor's units. */
    async listObservationsAndSearches(actor: Actor) {
      const unitIds = actor.unitIds;
      const observations = await store.listObservations(db, actor.organisationId, unitIds, 20);
      const searches = await store.listSearches(db, actor.organisationId, unitIds, 20);
      const names = await directory.describeAccounts(
        db,
        [...observations, ...searches].map((r) => r.person_id),
      );
      const name = (id: string) => names.get(id)?.displayName ?? 'Unknown person';
      return {
        observations: observations.map((o) => ({ ...o, personName: name(o.person_id) })),
        searches: searches.map((s) => ({ ...s, personName: name(s.person_id) })),
      };
    },

    /** Saves occupied bed days for a unit's months (entered by the unit manager or admin). */
    async saveBedDays(
      actor: Actor,
      organisationId: string,
      rows: readonly { unitId: string; period: string; occupiedBedDays: number }[],
      ctx: AuditContext,
    ) {
      requireDenominatorAccess(actor, organisationId, rows);
      await saveBedDaysIn(db, organisationId, rows, (trx) =>
        recordDenominatorSave(trx, ctx, organisationId, 'force_bed_days', rows.length),
      );
    },

    /** Saves the number of people on a unit in a year by characteristic group. */
    async savePopulation(
      actor: Actor,
      organisationId: string,
      rows: readonly {
        unitId: string;
        year: string;
        dimension: string;
        groupCode: string;
        people: number;
      }[],
      ctx: AuditContext,
    ) {
      requireDenominatorAccess(actor, organisationId, rows);
      await savePopulationIn(db, organisationId, rows, (trx) =>
        recordDenominatorSave(trx, ctx, organisationId, 'force_population', rows.length),
      );
    },

    /** The denominators already entered for a unit (for the form). */
    async denominatorsFor(actor: Actor, unitId: string, year: string) {
      if (!mayForce(actor, { kind: 'denominators', organisationId: actor.organisationId, unitId }))
        throw AppError.notFound();
      const periods = Array.from(
        { length: 12 },
        (_, m) => `${year}-${String(m + 1).padStart(2, '0')}`,
      );
      return {
        bedDays: await store.findBedDays(db, actor.organisationId, unitId, periods),
        population: await store.findPopulation(db, actor.organisationId, unitId, year),
      };
    },

    /** Units whose denominators the actor may enter. */
    async denominatorUnits(actor: Actor) {
      const units = await directory.unitsOf(actor);
      return units.filter((u) =>
        mayForce(actor, {
          kind: 'denominators',
          organisationId: actor.organisationId,
          unitId: u.id,
        }),
      );
    },

    /** Throws 404 unless staff may see the incident (or are the person's chosen helper). */
    async viewIncidentAccess(actor: Actor, id: string, allowHelper = false): Promise<void> {
      const incident = await store.findIncident(db, actor.organisationId, id);
      const ok =
        incident !== undefined &&
        (mayForce(actor, {
          kind: 'view-incident',
          organisationId: incident.organisation_id,
          unitId: incident.unit_id,
        }) ||
          (allowHelper && incident.account_helper_id === actor.id));
      if (!ok) throw AppError.notFound();
    },

    /** Throws 404 unless staff may see the person. */
    async viewCharacteristicsAccess(actor: Actor, personId: string): Promise<void> {
      if (!['practitioner', 'unit_manager', 'org_admin'].includes(actor.role))
        throw AppError.notFound();
      await directory.requirePersonVisibleTo(actor, personId);
    },

    /** True when the actor may see this dashboard scope. */
    mayDashboard(actor: Actor, scope: DashboardScope): boolean {
      return mayForce(actor, { kind: 'dashboard', scope });
    },

    auditActorOf,
  };

  function requireDenominatorAccess(
    actor: Actor,
    organisationId: string,
    rows: readonly { unitId: string }[],
  ): void {
    for (const r of rows) {
      if (!mayForce(actor, { kind: 'denominators', organisationId, unitId: r.unitId }))
        throw AppError.notFound();
    }
  }

  // Denominators and their audit event commit together, as every change in Hearth does.
  function recordDenominatorSave(
    trx: Db,
    ctx: AuditContext,
    organisationId: string,
    recordType: 'force_bed_days' | 'force_population',
    count: number,
  ): Promise<void> {
    return audit.record(trx, ctx, {
      organisationId,
      action: 'force.denominators.save',
      recordType,
      detail: { rows: count },
    });
  }

  async function saveBedDaysIn(
    conn: Db,
    organisationId: string,
    rows: readonly { unitId: string; period: string; occupiedBedDays: number }[],
    alsoInTransaction?: (trx: Db) => Promise<void>,
  ) {
    await conn.transaction().execute(async (trx) => {
      const deltas = emptyDeltas();
      const byUnit = new Map<string, string[]>();
      for (const r of rows) byUnit.set(r.unitId, [...(byUnit.get(r.unitId) ?? []), r.period]);
      for (const [unitId, periods] of byUnit) {
        const old = await store.findBedDays(trx, organisationId, unitId, periods);
        for (const r of rows.filter((x) => x.unitId === unitId)) {
          addBedDays(
            deltas,
            organisationId,
            unitId,
            r.period,
            r.occupiedBedDays - (old.get(r.period) ?? 0),
          );
        }
      }
      await store.saveBedDays(
        trx,
        rows.map((r) => ({
          organisation_id: organisationId,
          unit_id: r.unitId,
          period: r.period,
          occupied_bed_days: r.occupiedBedDays,
          updated_at: now(),
        })),
      );
      await store.applyDeltas(trx, deltas);
      await alsoInTransaction?.(trx);
    });
  }

  async function savePopulationIn(
    conn: Db,
    organisationId: string,
    rows: readonly {
      unitId: string;
      year: string;
      dimension: string;
      groupCode: string;
      people: number;
    }[],
    alsoInTransaction?: (trx: Db) => Promise<void>,
  ) {
    await conn.transaction().execute(async (trx) => {
      const deltas = emptyDeltas();
      const seen = new Map<string, Awaited<ReturnType<ForceStore['findPopulation']>>>();
      for (const r of rows) {
        const k = `${r.unitId}|${r.year}`;
        if (!seen.has(k))
          seen.set(k, await store.findPopulation(trx, organisationId, r.unitId, r.year));
        const old =
          (seen.get(k) ?? []).find(
            (p) => p.dimension === r.dimension && p.group_code === r.groupCode,
          )?.people ?? 0;
        addPeople(
          deltas,
          organisationId,
          r.unitId,
          r.year,
          r.dimension,
          r.groupCode,
          r.people - Number(old),
        );
      }
      await store.savePopulation(
        trx,
        rows.map((r) => ({
          organisation_id: organisationId,
          unit_id: r.unitId,
          year: r.year,
          dimension: r.dimension,
          group_code: r.groupCode,
          people: r.people,
        })),
      );
      await store.applyDeltas(trx, deltas);
      await alsoInTransaction?.(trx);
    });
  }

  async function amendInTransaction(
    conn: Db,
    actorId: string | null,
    before: ForceIncidentsTable,
    input: IncidentInput,
    reason: string,
    ctx: AuditContext,
    deltas?: RollupDeltas,
  ) {
    const oldInterventions = await store.interventionsOf(conn, [before.id]);
    const at = now();
    const after = incidentRow(input, {
      id: before.id,
      organisationId: before.organisation_id,
      localId: before.local_id,
      snapshot: JSON.parse(before.characteristics) as CharacteristicsSnapshot,
      mentalDisorder: before.mental_disorder,
      legalStatus: before.legal_status,
      plan: before.plan_id ? { id: before.plan_id, version: before.plan_version ?? 0 } : null,
      recordedBy: before.recorded_by,
      recordedAt: before.recorded_at,
      updatedAt: at,
      version: before.version + 1,
      retainUntil:
        before.retain_until > addYears(at, RETENTION_YEARS)
          ? before.retain_until
          : addYears(at, RETENTION_YEARS),
      source: before.source,
      accountStatus: before.account_status,
      accountHelperId: before.account_helper_id,
    });
    const children = interventionRows(
      before.organisation_id,
      before.id,
      input.reasonCode,
      input.interventions,
      oldInterventions,
    );
    const run = async (trx: Db) => {
      await store.insertAmendment(trx, {
        id: newId(),
        organisation_id: before.organisation_id,
        incident_id: before.id,
        version: before.version,
        amended_at: at,
        amended_by: actorId,
        reason,
        previous: JSON.stringify({
          incident: before,
          interventions: oldInterventions,
        }),
      });
      await store.deleteChildrenOf(trx, before.organisation_id, before.id);
      await store.updateIncident(trx, after);
      await store.insertInterventions(trx, children.interventions);
      const d = deltas ?? emptyDeltas();
      addIncident(d, before, oldInterventions, -1);
      addIncident(d, after, children.interventions, 1);
      if (!deltas) await store.applyDeltas(trx, d);
      if (!deltas) {
        await audit.record(trx, ctx, {
          organisationId: before.organisation_id,
          action: 'force.amend',
          recordType: 'force_incident',
          recordId: before.id,
          subjectPersonId: before.person_id,
          detail: { version: after.version },
        });
      }
    };
    if (deltas) await run(conn);
    else await conn.transaction().execute(run);
  }

  const dashboards = createDashboards({ db, store, directory });
  const transfer = createTransfer({
    db,
    store,
    audit,
    clock,
    directory,
    amendInTransaction,
    saveBedDaysIn,
    savePopulationIn,
  });
  return { ...service, ...dashboards, ...transfer };
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

/** The force service's functions. */
export type ForceService = ReturnType<typeof createForceService>;
/** The amend helper the transfer module reuses. */
export type AmendInTransaction = (
  conn: Db,
  actorId: string | null,
  before: ForceIncidentsTable,
  input: IncidentInput,
  reason: string,
  ctx: AuditContext,
  deltas?: RollupDeltas,
) => Promise<void>;
