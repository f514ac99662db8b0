/**
 * The rules every use-of-force record must meet, whichever door it comes through (the form,
 * an amendment, the CSV import). Guarantees: every field of the Act's section 6 is present; codes
 * come from the national sets; no end before its start; no time in the future; only seclusion or
 * segregation may be left open; two periods of the same intervention type may not overlap.
 */
import type { FieldErrors } from '../../lib/app-error.ts';
import {
  avoidanceCodes,
  harmOutcomes,
  interventionTypeByCode,
  isIsolation,
  nonStaffOptions,
  notificationOptions,
  planFollowedOptions,
  reasonCodeList,
  staffRoleCodes,
} from './codes.ts';
import type { CalmDownInput } from './learning-codes.ts';
import {
  calmDownMethods,
  calmDownOfferedOptions,
  isCodeIn,
  othersReassuredOptions,
} from './learning-codes.ts';

/** A member of staff in an intervention (Act s.6(2)(h)). */
export interface StaffInput {
  name: string;
  jobTitle: string;
  roleCode: string;
}

/** One intervention (MHSDS type segment). */
export interface InterventionInput {
  /** Hearth's id of an intervention already recorded (kept when amending in a form). */
  id?: string;
  /** The provider's own id, from an import; an existing intervention with it is corrected. */
  localId?: string;
  typeCode: string;
  startAt: string;
  endAt: string | null;
  positionNote: string;
  medication: string;
  staff: StaffInput[];
}

/** A use-of-force record as the service receives it (instants in UTC ISO). */
export interface IncidentInput {
  id?: string;
  personId: string;
  unitId: string;
  startAt: string;
  endAt: string | null;
  place: string;
  reasonCode: string;
  reasonNarrative: string;
  howForceUsed: string;
  inCarePlan: boolean | null;
  outcome: string;
  harm: string;
  injuryPerson: boolean;
  injuryStaff: boolean;
  injuryOther: boolean;
  avoidanceCodes: string[];
  avoidanceNarrative: string;
  notification: string;
  nonStaff: string;
  nonStaffReason: string;
  policeRequestedAt: string | null;
  policeArrivedAt: string | null;
  bodyWornCamera: string;
  /** 'yes' | 'no' when the person has a plan; 'no_plan' otherwise. */
  planKnown: string;
  planFollowed: string | null;
  planNotFollowedReason: string;
  accountOffered: boolean;
  interventions: InterventionInput[];
  /** Calm-down methods and reassurance; undefined when the source does not ask (kept as it was). */
  calmDown?: CalmDownInput;
}

const TEXT_MAX = 5000;
const FIVE_MINUTES = 5 * 60_000;

function has(list: readonly { code: string }[], code: string): boolean {
  return list.some((i) => i.code === code);
}

/**
 * Checks a record and returns a message for each problem, keyed by form field (empty when the
 * record can be saved). `now` stops times in the future.
 */
export function checkIncident(input: IncidentInput, now: Date, hasPlan: boolean): FieldErrors {
  const e: FieldErrors = {};
  const set = (field: string, message: string) => {
    if (!e[field]) e[field] = message;
  };
  // Stored times are always the full ISO form, which sorts as text in time order.
  const latest = new Date(now.getTime() + FIVE_MINUTES).toISOString();
  const future = (iso: string | null) => iso !== null && iso > latest;
  const long = (field: string, value: string) => {
    if (value.length > TEXT_MAX) set(field, `Write ${TEXT_MAX} characters or fewer`);
  };

  if (!input.personId) set('personId', 'Choose the person this is about');
  if (!input.unitId) set('unitId', 'Choose the unit where it happened');
  if (!input.startAt) set('startAt', 'Enter when it started, like 14:30 on 3 May 2026');
  else if (future(input.startAt)) set('startAt', 'The start cannot be in the future');
  if (input.endAt !== null && input.startAt && input.endAt < input.startAt)
    set('endAt', 'The end must be after the start');
  if (future(input.endAt)) set('endAt', 'The end cannot be in the future');
  if (!(reasonCodeList as readonly string[]).includes(input.reasonCode))
    set('reasonCode', 'Choose the main reason force was used');
  if (!input.reasonNarrative.trim()) set('reasonNarrative', 'Describe why force was used');
  long('reasonNarrative', input.reasonNarrative);
  if (!input.howForceUsed.trim()) set('howForceUsed', 'Describe how force was used');
  long('howForceUsed', input.howForceUsed);
  if (input.inCarePlan === null)
    set('inCarePlan', 'Say whether this use of force was in the care plan');
  if (!input.outcome.trim()) set('outcome', 'Describe the outcome for the person');
  long('outcome', input.outcome);
  if (!has(harmOutcomes, input.harm))
    set('harm', 'Say whether the person died or was seriously injured');
  for (const code of input.avoidanceCodes) {
    if (!avoidanceCodes.includes(code))
      set('avoidanceCodes', 'Choose from the list of ways to avoid force');
  }
  if (input.avoidanceCodes.length === 0 && !input.avoidanceNarrative.trim())
    set(
      'avoidanceCodes',
      'Say what was tried to avoid using force, or describe why nothing could be tried',
    );
  if (input.avoidanceCodes.includes('other') && !input.avoidanceNarrative.trim())
    set('avoidanceNarrative', 'Describe what else was tried');
  long('avoidanceNarrative', input.avoidanceNarrative);
  if (!has(notificationOptions, input.notification))
    set('notification', 'Say whether the people named in the care plan were told');
  if (!has(nonStaffOptions, input.nonStaff))
    set('nonStaff', 'Say whether anyone who is not unit staff was involved');
  if (input.nonStaff !== 'none' && !input.nonStaffReason.trim())
    set('nonStaffReason', 'Say why they were involved');
  if (input.nonStaff === 'police') {
    if (!['yes', 'no'].includes(input.bodyWornCamera))
      set('bodyWornCamera', 'Say whether the police wore and used body-worn cameras');
    if (
      input.policeArrivedAt &&
      input.policeRequestedAt &&
      input.policeArrivedAt < input.policeRequestedAt
    )
      set('policeArrivedAt', 'The police cannot arrive before they were asked to come');
  }
  if (hasPlan) {
    if (!['yes', 'no'].includes(input.planKnown))
      set('planKnown', "Say whether staff knew the person's stated choices");
    if (input.planFollowed === null || !has(planFollowedOptions, input.planFollowed))
      set('planFollowed', "Say whether the person's stated choices were followed");
    else if (input.planFollowed !== 'yes' && !input.planNotFollowedReason.trim())
      set('planNotFollowedReason', 'Say why their choices were not followed');
    long('planNotFollowedReason', input.planNotFollowedReason);
  }
  // Every calm-down answer may be skipped; only an answer outside the lists is a problem.
  const calm = input.calmDown;
  if (calm) {
    if (calm.offered !== null && !isCodeIn(calmDownOfferedOptions, calm.offered))
      set('calmDownOffered', 'Choose an answer from the list, or leave it blank');
    if (calm.methods.some((m) => !isCodeIn(calmDownMethods, m)))
      set('calmDownMethods', 'Choose calm-down methods from the list');
    if (calm.othersReassured !== null && !isCodeIn(othersReassuredOptions, calm.othersReassured))
      set('othersReassured', 'Choose an answer from the list, or leave it blank');
  }

  if (input.interventions.length === 0) set('i0_type', 'Add at least one type of force used');
  input.interventions.forEach((iv, n) => {
    const f = (name: string) => `i${n}_${name}`;
    const type = interventionTypeByCode.get(iv.typeCode);
    if (!type) {
      set(f('type'), `Choose the type of force for intervention ${n + 1} from the list`);
      return;
    }
    if (!iv.startAt) set(f('start'), `Enter when intervention ${n + 1} started`);
    else {
      if (input.startAt && iv.startAt < input.startAt)
        set(f('start'), `Intervention ${n + 1} cannot start before the incident started`);
      if (future(iv.startAt)) set(f('start'), `Intervention ${n + 1} cannot start in the future`);
    }
    if (iv.endAt === null) {
      if (!isIsolation(iv.typeCode)) set(f('end'), `Enter when intervention ${n + 1} ended`);
    } else if (iv.startAt && iv.endAt < iv.startAt) {
      set(f('end'), `Intervention ${n + 1} must end after it started`);
    } else if (future(iv.endAt)) {
      set(f('end'), `Intervention ${n + 1} cannot end in the future`);
    } else if (input.endAt !== null && iv.endAt > input.endAt) {
      set(f('end'), `Intervention ${n + 1} cannot end after the incident ended`);
    }
    if (iv.staff.length === 0) set(f('staff'), `Name the staff involved in intervention ${n + 1}`);
    for (const s of iv.staff) {
      if (!s.name.trim() || !s.jobTitle.trim())
        set(f('staff'), 'Give each member of staff as: name, job title, role');
      else if (!staffRoleCodes.includes(s.roleCode))
        set(f('staff'), `Give each role as one of: ${staffRoleCodes.join(', ')}`);
    }
    long(f('position'), iv.positionNote);
    long(f('medication'), iv.medication);
    // The same kind of force cannot be happening twice at once: that would double count it.
    for (let m = 0; m < n; m++) {
      const other = input.interventions[m];
      if (!other) continue;
      if (other.typeCode !== iv.typeCode || !iv.startAt || !other.startAt) continue;
      const aEnd = other.endAt ?? '9999';
      const bEnd = iv.endAt ?? '9999';
      if (iv.startAt < aEnd && other.startAt < bEnd)
        set(
          f('start'),
          `Interventions ${m + 1} and ${n + 1} are the same type and their times overlap`,
        );
    }
  });
  const openIsolation = input.interventions.some((iv) => iv.endAt === null);
  if (openIsolation && input.endAt !== null)
    set('endAt', 'Leave the incident end blank while seclusion or segregation is still going on');
  return e;
}

/** Whole minutes between two instants (null while open). */
export function minutesBetween(startAt: string, endAt: string | null): number | null {
  if (endAt === null) return null;
  return Math.round((new Date(endAt).getTime() - new Date(startAt).getTime()) / 60_000);
}

/** The incident's end: as given, else the last intervention end (null while any is open). */
export function incidentEnd(input: IncidentInput): string | null {
  if (input.endAt) return input.endAt;
  if (input.interventions.some((i) => i.endAt === null)) return null;
  return (
    input.interventions
      .map((i) => i.endAt ?? '')
      .sort()
      .at(-1) ?? null
  );
}

/** Parses staff lines typed as "name, job title, role". */
export function parseStaffLines(text: string): StaffInput[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const [name = '', jobTitle = '', role = ''] = line.split(',').map((p) => p.trim());
      return { name, jobTitle, roleCode: role.toLowerCase() };
    });
}

/** Staff rows back to the lines typed in the form. */
export function staffLines(staff: readonly StaffInput[]): string {
  return staff.map((s) => `${s.name}, ${s.jobTitle}, ${s.roleCode}`).join('\n');
}
