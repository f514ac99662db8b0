/**
 * The register of incidents. Guarantees: every record meets section 6 of the Act before it is
 * saved (validate.ts); the person's characteristics and plan are read at the moment of
 * recording; every staff read and every change is audited in the same transaction; no record is
 * deleted before it has been kept three years (refusals are audited too).
 */
import type { Actor } from '../accounts/index.ts';
import type { AuditContext, AuditEventInput } from '../audit/index.ts';
import type { Db } from '../../db/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { newTimeOrderedId } from '../../lib/tokens.ts';
import { interventionTypes, labelOf } from './codes.ts';
import type { ForceDeps } from './deps.ts';
import type { AmendInTransaction } from './amend.ts';
import type { createEpisodes } from './episodes.ts';
import type { IncidentDetails } from './incident-details.ts';
import {
  isServiceUserRole,
  isStaff,
  mayForce,
  mayRecordIncidents,
  maySeeFigures,
  seesWholeOrganisation,
} from './policy.ts';
import { RETENTION_YEARS, incidentRow, inputOf, interventionRows, snapshotOf } from './records.ts';
import type { createReviews } from './reviews.ts';
import { reviewsFor } from './reviews.ts';
import { addIncident, emptyDeltas } from './rollups.ts';
import { evidenceKeysOf } from './store/evidence-month.ts';
import type { ForceIncidentsTable } from './tables.ts';
import { addYears } from './time.ts';
import type { IncidentInput } from './validate.ts';
import { checkIncident } from './validate.ts';

/** The other capabilities the register's front page draws on. */
interface RegisterParts {
  reviews: ReturnType<typeof createReviews>;
  episodes: ReturnType<typeof createEpisodes>;
}

/** Creates the incidents capability. */
export function createIncidents(
  deps: ForceDeps,
  details: IncidentDetails,
  amendInTransaction: AmendInTransaction,
  parts: RegisterParts,
) {
  const { db, store, audit, clock, directory } = deps;

  async function recordingUnits(actor: Actor) {
    const units = await directory.unitsOf(actor);
    return units.filter((u) =>
      mayForce(actor, { kind: 'record', organisationId: u.organisation_id, unitId: u.id }),
    );
  }

  /** Recent records for the actor's units (the whole organisation for an administrator). */
  async function list(actor: Actor, limit = 50) {
    if (!isStaff(actor)) throw AppError.notFound();
    const unitIds = seesWholeOrganisation(actor) ? null : actor.unitIds;
    const rows = await store.listIncidents(db, actor.organisationId, unitIds, limit);
    const names = await directory.describeAccounts(
      db,
      rows.map((r) => r.person_id),
      actor.organisationId,
    );
    const units = await directory.describeUnits(
      db,
      rows.map((r) => r.unit_id),
      actor.organisationId,
    );
    const interventions = await store.interventionsOf(
      db,
      actor.organisationId,
      rows.map((r) => r.id),
    );
    return rows.map((r) => {
      const typeCodes = interventions.filter((i) => i.incident_id === r.id).map((i) => i.type_code);
      return {
        ...r,
        personName: names.get(r.person_id)?.displayName ?? 'Unknown person',
        unitName: units.get(r.unit_id)?.name ?? '',
        typeCodes,
        types: typeCodes.map((c) => labelOf(interventionTypes, c)).join('; '),
      };
    });
  }

  /**
   * What the recording form shows about a person: who they are, their characteristics as
   * recorded, their plan choices if the plan is shared with the unit, and where one may record.
   */
  async function formContext(actor: Actor, personId: string, ctx: AuditContext) {
    const person = await directory.requirePersonVisibleTo(actor, personId);
    const c = await details.characteristicsOf(actor.organisationId, personId);
    const plan = await details.planFor(actor, personId, ctx);
    const personUnitIds = await directory.unitIdsOfPerson(personId, actor.organisationId);
    return {
      person: { id: person.id, displayName: person.display_name },
      characteristics: c ?? null,
      snapshot: snapshotOf(c, details.now()),
      plan,
      personUnitIds,
      units: await recordingUnits(actor),
    };
  }

  /** The record as it is now, turned back into form input (for amending). */
  async function asInput(actor: Actor, id: string) {
    const incident = await details.loadForStaff(actor, id, 'amend');
    const interventions = await details.detailsOf(incident);
    return { incident, input: inputOf(incident, interventions) };
  }

  return {
    recordingUnits,
    list,
    formContext,
    asInput,

    /** The register's front page: recent records, reviews to do, observations and searches. */
    async overview(actor: Actor) {
      return {
        incidents: await list(actor, 30),
        reviews: await parts.reviews.open(actor, 10),
        ...(await parts.episodes.recent(actor)),
        canRecord: mayRecordIncidents(actor),
        canSeeFigures: maySeeFigures(actor),
      };
    },

    /** The people the actor may record about (people in their units). */
    async recordablePeople(actor: Actor) {
      const people = await directory.peopleInMyUnits(actor);
      return people.filter((p) => isServiceUserRole(p.role));
    },

    /** The form to correct a record: the record as input, and the form's context. */
    async amendForm(actor: Actor, id: string, ctx: AuditContext) {
      const { incident, input } = await asInput(actor, id);
      return { incident, input, context: await formContext(actor, incident.person_id, ctx) };
    },

    /**
     * Records a use of force. Checks every s.6 field, reads the person's characteristics and
     * plan at this moment, creates the review tasks, and updates the dashboards, in one
     * transaction with its audit event. `alsoInTransaction` runs in that same transaction (a
     * draft's removal, which makes a repeated finish fail rather than record twice).
     */
    async record(
      actor: Actor,
      input: IncidentInput,
      ctx: AuditContext,
      alsoInTransaction?: (
        trx: Db,
        audit: (event: AuditEventInput) => Promise<void>,
      ) => Promise<void>,
    ): Promise<string> {
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
      const plan = await details.planFor(actor, input.personId, ctx);
      const problems = checkIncident(input, clock(), plan !== null);
      if (Object.keys(problems).length) throw AppError.invalidFields(problems);
      const c = await details.characteristicsOf(actor.organisationId, input.personId);
      const at = details.now();
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
      await audit.audited(db, ctx, async (trx, auditEvent) => {
        await store.insertIncidents(trx, [row]);
        await store.insertInterventions(trx, children.interventions);
        const reviews = reviewsFor(row, children.interventions);
        await store.insertReviews(trx, reviews);
        const deltas = emptyDeltas();
        addIncident(deltas, row, children.interventions, 1);
        await store.applyDeltas(trx, deltas);
        await store.recountEvidenceMonths(trx, row.organisation_id, evidenceKeysOf([row], reviews));
        await auditEvent({
          organisationId: actor.organisationId,
          action: 'force.record',
          recordType: 'force_incident',
          recordId: id,
          subjectPersonId: input.personId,
        });
        if (alsoInTransaction) await alsoInTransaction(trx, auditEvent);
      });
      return id;
    },

    /** A record as staff see it, with labels. The read is audited (the person sees it listed). */
    async view(actor: Actor, id: string, ctx: AuditContext) {
      const incident = await details.loadForStaff(actor, id, 'view-incident');
      return audit.audited(db, ctx, async (trx, auditEvent) => {
        await auditEvent({
          organisationId: incident.organisation_id,
          action: 'force.view',
          recordType: 'force_incident',
          recordId: incident.id,
          subjectPersonId: incident.person_id,
        });
        return {
          ...(await details.describeForPage(incident, trx)),
          canDelete: mayForce(actor, { kind: 'delete', organisationId: incident.organisation_id }),
        };
      });
    },

    /**
     * Amends a record: the version before is kept whole with the reason, and the dashboards
     * move from the old figures to the new in the same transaction.
     */
    async amend(actor: Actor, id: string, input: IncidentInput, reason: string, ctx: AuditContext) {
      const before = await details.loadForStaff(actor, id, 'amend');
      const fixed: IncidentInput = { ...input, personId: before.person_id, unitId: before.unit_id };
      const hasPlan = before.plan_id !== null;
      const problems = checkIncident(fixed, clock(), hasPlan);
      if (!reason.trim()) problems.amendReason = 'Say why you are changing this record';
      if (Object.keys(problems).length) throw AppError.invalidFields(problems);
      await amendInTransaction(db, actor.id, before, fixed, reason, ctx);
    },

    /** Deletes a record. Refused (and the refusal audited) until it has been kept three years. */
    async delete(actor: Actor, id: string, ctx: AuditContext): Promise<void> {
      const incident = await details.loadForStaff(actor, id, 'view-incident');
      const allowed = mayForce(actor, { kind: 'delete', organisationId: incident.organisation_id });
      const event = {
        organisationId: incident.organisation_id,
        action: 'force.delete',
        recordType: 'force_incident',
        recordId: incident.id,
        subjectPersonId: incident.person_id,
      };
      if (!allowed || details.now() < incident.retain_until) {
        await audit.audited(db, ctx, (_trx, auditEvent) =>
          auditEvent({
            ...event,
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
      await deleteNow(incident, ctx, event);
    },
  };

  async function deleteNow(
    incident: ForceIncidentsTable,
    ctx: AuditContext,
    event: { organisationId: string; action: string; recordType: string; recordId: string },
  ) {
    const org = incident.organisation_id;
    const interventions = await store.interventionsOf(db, org, [incident.id]);
    await audit.audited(db, ctx, async (trx, auditEvent) => {
      const deltas = emptyDeltas();
      addIncident(deltas, incident, interventions, -1);
      await store.applyDeltas(trx, deltas);
      const reviews = await store.reviewsOf(trx, org, incident.id);
      await store.deleteIncident(trx, org, incident.id);
      await store.recountEvidenceMonths(trx, org, evidenceKeysOf([incident], reviews));
      await auditEvent({ ...event, subjectPersonId: incident.person_id });
    });
  }
}
