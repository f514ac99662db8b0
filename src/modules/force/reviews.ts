/**
 * Debriefs and reviews after force is used. Guarantees: the tasks and their due dates follow NICE
 * QS154, NICE NG10 and the MHA Code of Practice ch.26; while seclusion or segregation goes on,
 * completing a review schedules the next; every completion is audited with the change.
 */
import type { Actor } from '../accounts/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { DAY, HOUR, addMs, toIso } from '../../lib/clock.ts';
import { newId } from '../../lib/tokens.ts';
import { labelOf, reviewKinds } from './codes.ts';
import type { ReviewKind } from './codes.ts';
import type { ForceDeps } from './deps.ts';
import { evidenceKeysOf } from './store/evidence-month.ts';
import type { IncidentDetails } from './incident-details.ts';
import { isStaff, seesWholeOrganisation } from './policy.ts';
import type { ForceIncidentsTable, ForceInterventionsTable, ForceReviewsTable } from './tables.ts';

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
    // temperature, hydration and consciousness every 15 minutes for the first hour; after that
    // at least hourly until the person is alert and stable (completing a check schedules the next).
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

/** What a completed review says. */
export interface ReviewInput {
  notes: string;
  supportOffered: boolean | null;
  /** After rapid tranquillisation: the person is alert and their observations are stable. */
  settled?: boolean | null;
}

/** How long after a check, past the first hour, the next check after rapid tranquillisation falls due. */
export const RT_FOLLOW_UP_MS = HOUR;

/** Creates the reviews capability. */
export function createReviews(deps: ForceDeps, details: IncidentDetails) {
  const { db, store, audit, clock, directory } = deps;

  return {
    /** Review tasks not yet done, overdue first, for the actor's units (with their labels). */
    async open(actor: Actor, limit = 100) {
      if (!isStaff(actor)) return [];
      const unitIds = seesWholeOrganisation(actor) ? null : actor.unitIds;
      const rows = await store.openReviews(db, actor.organisationId, unitIds, limit);
      const units = await directory.describeUnits(
        db,
        rows.map((r) => r.unit_id),
        actor.organisationId,
      );
      // Whose item each is: the person the record is about, and who recorded it.
      const owners = new Map(
        (
          await store.incidentOwners(
            db,
            actor.organisationId,
            rows.map((r) => r.incident_id),
          )
        ).map((o) => [o.id, o]),
      );
      const names = await directory.describeAccounts(
        db,
        [...owners.values()].flatMap((o) => [
          o.person_id,
          ...(o.recorded_by ? [o.recorded_by] : []),
        ]),
        actor.organisationId,
      );
      const at = details.now();
      return rows.map((r) => {
        const owner = owners.get(r.incident_id);
        return {
          ...r,
          overdue: r.due_at < at,
          unitName: units.get(r.unit_id)?.name ?? '',
          kindLabel: labelOf(reviewKinds, r.kind),
          personName: owner ? (names.get(owner.person_id)?.displayName ?? '') : '',
          recordedByName: owner?.recorded_by
            ? (names.get(owner.recorded_by)?.displayName ?? '')
            : 'an import',
        };
      });
    },

    /**
     * Completes a review. While seclusion or segregation is still going on, the next review of
     * the same kind is scheduled.
     */
    async complete(
      actor: Actor,
      incidentId: string,
      reviewId: string,
      input: ReviewInput,
      ctx: AuditContext,
    ) {
      const incident = await details.loadForStaff(actor, incidentId, 'review');
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
      await audit.audited(db, ctx, async (trx, record) => {
        await store.completeReview(trx, incident.organisation_id, review.id, {
          completed_at: toIso(at),
          completed_by: actor.id,
          notes: input.notes,
          support_offered: input.supportOffered === null ? null : input.supportOffered ? 1 : 0,
        });
        await scheduleNext(trx, incident, review, at);
        if (review.kind === 'rt_observations' && input.settled !== true)
          await scheduleNextCheck(trx, incident, review, at);
        // The completed review and any scheduled next change the on-time counts of their months.
        const reviews = await store.reviewsOf(trx, incident.organisation_id, incident.id);
        await store.recountEvidenceMonths(
          trx,
          incident.organisation_id,
          evidenceKeysOf([], reviews),
        );
        await record({
          organisationId: incident.organisation_id,
          action: 'force.review.complete',
          recordType: 'force_review',
          recordId: review.id,
          subjectPersonId: incident.person_id,
          detail: {
            kind: review.kind,
            ...(review.kind === 'rt_observations' ? { settled: input.settled === true } : {}),
          },
        });
      });
    },
  };

  // NICE NG10: checks go on at least hourly until the person is alert and their observations
  // are stable. Unless the checker says so, the next check falls due an hour later, once the
  // first hour's checks are all done (an answer left blank keeps the checks going: the safe side).
  async function scheduleNextCheck(
    trx: typeof db,
    incident: ForceIncidentsTable,
    review: ForceReviewsTable,
    at: Date,
  ) {
    const open = (await store.reviewsOf(trx, incident.organisation_id, incident.id)).filter(
      (r) =>
        r.kind === 'rt_observations' &&
        r.intervention_id === review.intervention_id &&
        r.id !== review.id &&
        r.completed_at === null,
    );
    if (open.length > 0) return;
    await store.insertReviews(trx, [
      {
        ...review,
        id: newId(),
        due_at: toIso(addMs(at, RT_FOLLOW_UP_MS)),
        completed_at: null,
        completed_by: null,
        notes: null,
        support_offered: null,
      },
    ]);
  }

  // While the intervention is still going on, the next review of the same kind falls due.
  async function scheduleNext(
    trx: typeof db,
    incident: ForceIncidentsTable,
    review: ForceReviewsTable,
    at: Date,
  ) {
    const repeat = REPEAT_MS[review.kind as ReviewKind];
    if (!repeat || !review.intervention_id) return;
    const [iv] = (await store.interventionsOf(trx, incident.organisation_id, [incident.id])).filter(
      (i: ForceInterventionsTable) => i.id === review.intervention_id,
    );
    if (!iv || iv.end_at !== null) return;
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
