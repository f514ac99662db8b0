/** Plain-words labels for a described incident, so every page shows the same words for codes. */
import {
  ageBands,
  avoidanceMethods,
  ethnicCategories,
  harmOutcomes,
  interventionTypes,
  labelOf,
  nonStaffOptions,
  notificationOptions,
  planFollowedOptions,
  reasonCodes,
  reviewKinds,
  sexOptions,
  staffRolesInForce,
  yesNoNotStated,
} from './codes.ts';
import type { CharacteristicsSnapshot } from './records.ts';
import type {
  ForceIncidentsTable,
  ForceInterventionsTable,
  ForceReviewsTable,
  ForceStaffEntry,
} from './tables.ts';

/** What the labels are made from (an incident as incident-details.ts describes it). */
interface Described {
  incident: ForceIncidentsTable;
  snapshot: CharacteristicsSnapshot;
  avoidance: string[];
  interventions: (ForceInterventionsTable & { staffList: ForceStaffEntry[] })[];
  reviews: ForceReviewsTable[];
}

/** The incident with a label beside each code; reviews not done by `now` are marked overdue. */
export function labelIncident<D extends Described>(d: D, now: string) {
  return {
    ...d,
    reasonLabel: labelOf(reasonCodes, d.incident.reason_code),
    harmLabel: labelOf(harmOutcomes, d.incident.harm),
    notificationLabel: labelOf(notificationOptions, d.incident.notification),
    nonStaffLabel: labelOf(nonStaffOptions, d.incident.non_staff),
    avoidanceLabels: d.avoidance.map((c) => labelOf(avoidanceMethods, c)),
    planFollowedLabel: labelOf(planFollowedOptions, d.incident.plan_followed),
    interventions: d.interventions.map((iv) => ({
      ...iv,
      typeLabel: labelOf(interventionTypes, iv.type_code),
      staff: iv.staffList.map((s) => ({
        ...s,
        roleLabel: labelOf(staffRolesInForce, s.role_code),
      })),
    })),
    reviews: d.reviews.map((r) => ({
      ...r,
      kindLabel: labelOf(reviewKinds, r.kind),
      overdue: !r.completed_at && r.due_at < now,
    })),
    characteristicsLabels: {
      ethnicity:
        d.snapshot.ethnicCodes.map((c) => labelOf(ethnicCategories, c)).join('; ') ||
        'Not recorded',
      sex: labelOf(sexOptions, d.snapshot.sex),
      ageBand: labelOf(ageBands, d.snapshot.ageBand),
      disability: labelOf(yesNoNotStated, d.snapshot.disability),
      ldAutism: labelOf(yesNoNotStated, d.snapshot.ldAutism),
    },
  };
}
