/**
 * Turning the force module's forms into typed input. Times are typed as London wall-clock
 * times and stored as UTC; a time that cannot be read is reported at its field, never guessed.
 */
import { z } from 'zod';
import type { FieldErrors } from '../../lib/app-error.ts';
import { AppError } from '../../lib/app-error.ts';
import {
  dimensions,
  ethnicCodes,
  observationLevels,
  searchConsent,
  searchKinds,
  sexOptions,
  yesNoNotStated,
} from './codes.ts';
import type { DenominatorsForm } from './denominators.ts';
import { fromLondonLocal } from './time.ts';
import type { IncidentInput, InterventionInput } from './validate.ts';
import { parseStaffLines } from './validate.ts';
import { isValidNhsNumber } from './import-csv.ts';

type Body = Record<string, string | string[] | undefined>;

/** One text value from a form (the first, when a field repeats). */
function text(body: Body, key: string): string {
  const v = body[key];
  return (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
}

/** Every value of a repeated field (checkboxes). */
function list(body: Body, key: string): string[] {
  const v = body[key];
  return (Array.isArray(v) ? v : v ? [v] : []).filter((x) => x !== '');
}

/** The most intervention rows a form may carry. */
export const MAX_ROWS = 10;

/** A member of staff as accounts give them, for the staff rows of the recording form. */
export interface StaffMember {
  id: string;
  displayName: string;
  jobTitle: string;
}

/** The most staff rows one intervention may carry on the recording form. */
export const MAX_STAFF_ROWS = 12;

/** How many staff rows intervention `n` shows (three to start with: most holds need three). */
export function staffRowsOf(body: Body, n: number): number {
  return Math.min(MAX_STAFF_ROWS, Math.max(1, Number(text(body, `i${n}_staffRows`)) || 3));
}

/**
 * The staff of intervention `n`: rows chosen from accounts (name and job title come from the
 * account, never from what was sent, so they cannot fail validation), then any typed lines.
 */
function staffOf(body: Body, n: number, staff: ReadonlyMap<string, StaffMember>) {
  const chosen = [];
  let problem: string | null = null;
  for (let m = 0; m < staffRowsOf(body, n); m++) {
    const accountId = text(body, `i${n}_s${m}_account`);
    const role = text(body, `i${n}_s${m}_role`);
    if (!accountId && !role) continue;
    const member = staff.get(accountId);
    if (!member) problem = 'Choose each member of staff from the list';
    else if (!role) problem = `Choose ${member.displayName}'s role`;
    else chosen.push({ name: member.displayName, jobTitle: member.jobTitle, roleCode: role });
  }
  const typed = [text(body, `i${n}_staff`), text(body, `i${n}_staffOther`)].join('\n');
  return { people: [...chosen, ...parseStaffLines(typed)], problem };
}

/**
 * Reads the recording (or amending) form. Times that cannot be read become field errors.
 * `staff` is the unit's staff, for the rows chosen from a list (the amend form types lines).
 */
export function parseIncidentForm(
  body: Body,
  staff: ReadonlyMap<string, StaffMember> = new Map(),
): {
  input: IncidentInput;
  errors: FieldErrors;
  rows: number;
} {
  const errors: FieldErrors = {};
  const time = (key: string, required: boolean): string | null => {
    const raw = text(body, key);
    if (!raw) return null;
    const iso = fromLondonLocal(raw);
    if (!iso)
      errors[key] =
        'Enter a real date and time, like 14:30 on 3 May 2026 (clocks-change hours that did not happen cannot be used)';
    void required;
    return iso;
  };
  const startAt = time('startAt', true) ?? '';
  const rows = Math.min(MAX_ROWS, Math.max(1, Number(text(body, 'rows')) || 1));
  const interventions: InterventionInput[] = [];
  for (let n = 0; n < rows; n++) {
    const type = text(body, `i${n}_type`);
    const startRaw = text(body, `i${n}_start`);
    const endRaw = text(body, `i${n}_end`);
    const index = interventions.length;
    const { people, problem } = staffOf(body, n, staff);
    if (n > 0 && !type && people.length === 0 && !problem && !startRaw && !endRaw) continue;
    if (problem) errors[`i${index}_staff`] = problem;
    const ivStart = startRaw ? fromLondonLocal(startRaw) : startAt || null;
    if (startRaw && !ivStart) errors[`i${index}_start`] = 'Enter a real date and time';
    const ivEnd = endRaw ? fromLondonLocal(endRaw) : null;
    if (endRaw && !ivEnd) errors[`i${index}_end`] = 'Enter a real date and time';
    interventions.push({
      id: text(body, `i${n}_id`) || undefined,
      typeCode: type,
      startAt: ivStart ?? '',
      endAt: ivEnd,
      positionNote: text(body, `i${n}_position`),
      medication: text(body, `i${n}_medication`),
      staff: people,
    });
  }
  const injuries = list(body, 'injuries');
  const inCarePlan = text(body, 'inCarePlan');
  const input: IncidentInput = {
    personId: text(body, 'personId'),
    unitId: text(body, 'unitId'),
    startAt,
    endAt: time('endAt', false),
    place: text(body, 'place'),
    reasonCode: text(body, 'reasonCode'),
    reasonNarrative: text(body, 'reasonNarrative'),
    howForceUsed: text(body, 'howForceUsed'),
    inCarePlan: inCarePlan === 'yes' ? true : inCarePlan === 'no' ? false : null,
    outcome: text(body, 'outcome'),
    harm: text(body, 'harm'),
    injuryPerson: injuries.includes('person'),
    injuryStaff: injuries.includes('staff'),
    injuryOther: injuries.includes('other'),
    avoidanceCodes: list(body, 'avoidanceCodes'),
    avoidanceNarrative: text(body, 'avoidanceNarrative'),
    notification: text(body, 'notification'),
    nonStaff: text(body, 'nonStaff') || 'none',
    nonStaffReason: text(body, 'nonStaffReason'),
    policeRequestedAt: time('policeRequestedAt', false),
    policeArrivedAt: time('policeArrivedAt', false),
    bodyWornCamera: text(body, 'bodyWornCamera'),
    planKnown: text(body, 'planKnown'),
    planFollowed: text(body, 'planFollowed') || null,
    planNotFollowedReason: text(body, 'planNotFollowedReason'),
    accountOffered: text(body, 'accountOffered') !== 'not_yet',
    interventions,
    calmDown: {
      offered: text(body, 'calmDownOffered') || null,
      methods: list(body, 'calmDownMethods'),
      othersReassured: text(body, 'othersReassured') || null,
    },
  };
  if (!startAt && !errors.startAt)
    errors.startAt = 'Enter when it started, like 14:30 on 3 May 2026';
  return { input, errors, rows };
}

const optionalText = z
  .string()
  .trim()
  .max(500)
  .optional()
  .transform((v) => (v ? v : null));

/** The characteristics form. */
export const characteristicsSchema = z
  .object({
    nhsNumber: z
      .string()
      .trim()
      .transform((v) => v.replace(/\s/g, ''))
      .refine(
        (v) => v === '' || isValidNhsNumber(v),
        'Enter a 10-digit NHS number, or leave it blank',
      )
      .optional(),
    ethnicCodes: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((v) => (Array.isArray(v) ? v : v ? [v] : []))
      .refine((v) => v.every((c) => ethnicCodes.includes(c)), 'Choose from the list'),
    sex: z.enum(sexOptions.map((o) => o.code) as [string, ...string[]], {
      error: 'Choose one, or "prefer not to say"',
    }),
    dateOfBirth: z
      .string()
      .trim()
      .optional()
      .refine(
        (v) => !v || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))),
        'Enter a date like 1990-04-21, or leave it blank',
      ),
    disability: z.enum(yesNoNotStated.map((o) => o.code) as [string, ...string[]], {
      error: 'Choose one, or "prefer not to say"',
    }),
    ldAutism: z.enum(yesNoNotStated.map((o) => o.code) as [string, ...string[]], {
      error: 'Choose one, or "prefer not to say"',
    }),
    mentalDisorder: optionalText,
    legalStatus: optionalText,
  })
  .transform((v) => ({
    nhsNumber: v.nhsNumber ? v.nhsNumber : null,
    // Nothing chosen is kept as nothing chosen: "not known" (99), never a guess.
    ethnicCodes: v.ethnicCodes.length ? v.ethnicCodes : ['99'],
    sex: v.sex,
    dateOfBirth: v.dateOfBirth ? v.dateOfBirth : null,
    disability: v.disability,
    ldAutism: v.ldAutism,
    mentalDisorder: v.mentalDisorder,
    legalStatus: v.legalStatus,
  }));

/** The person's account or reply. */
export const accountSchema = z.object({
  kind: z.enum(['account', 'reply']),
  status: z.enum(['given', 'declined', 'not_yet_able'], {
    error: 'Choose what you would like to do',
  }),
  body: z.string().max(20000, 'Write 20,000 characters or fewer').optional().default(''),
});

/** The person's one form: their account, their reply and who helps them. */
export const personFormSchema = z.object({
  status: z
    .enum(['given', 'declined', 'not_yet_able'], { error: 'Choose one of the options' })
    .optional()
    .transform((v) => v ?? null),
  body: z.string().max(20000, 'Write 20,000 characters or fewer').optional().default(''),
  replyBody: z.string().max(20000, 'Write 20,000 characters or fewer').optional().default(''),
  helperId: z
    .string()
    .max(100)
    .optional()
    .transform((v) => (v ? v : null)),
});

const contactText = z
  .string()
  .trim()
  .max(300, 'Write 300 characters or fewer')
  .optional()
  .default('');

/** The organisation's advocacy contacts. */
export const advocacySchema = z.object({
  advocacyName: contactText,
  advocacyContact: contactText,
  imhaName: contactText,
  imhaContact: contactText,
});

/** Completing a review. */
export const reviewSchema = z.object({
  notes: z.string().trim().max(5000).optional().default(''),
  supportOffered: z.enum(['yes', 'no']).optional(),
  settled: z.enum(['yes', 'no']).optional(),
});

/** Reads a London time field into UTC, or throws a field error. */
export function requiredTime(body: Body, key: string, message: string): string {
  const iso = fromLondonLocal(text(body, key));
  if (!iso) throw AppError.invalid(key, message);
  return iso;
}

/** The observation form. */
export function parseObservationForm(body: Body) {
  const errors: FieldErrors = {};
  const level = text(body, 'level');
  if (!observationLevels.some((o) => o.code === level))
    errors.level = 'Choose the level of observation';
  const startAt = fromLondonLocal(text(body, 'startAt'));
  if (!startAt) errors.startAt = 'Enter when it started, like 14:30 on 3 May 2026';
  const endRaw = text(body, 'endAt');
  const endAt = endRaw ? fromLondonLocal(endRaw) : null;
  if (endRaw && !endAt) errors.endAt = 'Enter a real date and time';
  const reason = text(body, 'reason');
  if (!reason) errors.reason = 'Say why observation was needed';
  if (Object.keys(errors).length) throw AppError.invalidFields(errors);
  return {
    personId: text(body, 'personId'),
    unitId: text(body, 'unitId'),
    level,
    startAt: startAt ?? '',
    endAt,
    reason,
  };
}

/** The search form. */
export function parseSearchForm(body: Body) {
  const errors: FieldErrors = {};
  const kind = text(body, 'kind');
  if (!searchKinds.some((o) => o.code === kind)) errors.kind = 'Choose what was searched';
  const consent = text(body, 'consent');
  if (!searchConsent.some((o) => o.code === consent))
    errors.consent = 'Say whether the person agreed';
  const occurredAt = fromLondonLocal(text(body, 'occurredAt'));
  if (!occurredAt) errors.occurredAt = 'Enter when it happened, like 14:30 on 3 May 2026';
  const reason = text(body, 'reason');
  if (!reason) errors.reason = 'Say why the search was needed';
  if (Object.keys(errors).length) throw AppError.invalidFields(errors);
  return {
    personId: text(body, 'personId'),
    unitId: text(body, 'unitId'),
    kind,
    consent,
    reason,
    finding: text(body, 'finding'),
    forceUsed: text(body, 'forceUsed') === 'yes',
    occurredAt: occurredAt ?? '',
  };
}

/** The denominators form: bed days per month and people per group, each blank or a whole number. */
export function parseDenominatorsForm(body: Body): DenominatorsForm {
  const unitId = text(body, 'unitId');
  const year = text(body, 'year');
  const errors: FieldErrors = {};
  if (!/^\d{4}$/.test(year)) errors.year = 'Enter a year like 2026';
  const whole = (key: string): number | null => {
    const raw = text(body, key);
    if (raw === '') return null;
    if (!/^\d{1,7}$/.test(raw)) {
      errors[key] = 'Enter a whole number, or leave it blank';
      return null;
    }
    return Number(raw);
  };
  const form: DenominatorsForm = { unitId, year, bedDays: [], population: [] };
  for (let m = 1; m <= 12; m++) {
    const period = `${year}-${String(m).padStart(2, '0')}`;
    const n = whole(`bd_${period}`);
    if (n !== null) form.bedDays.push({ unitId, period, occupiedBedDays: n });
  }
  for (const d of dimensions) {
    for (const g of d.groups) {
      const n = whole(`pop_${d.code}_${g.code}`);
      if (n !== null)
        form.population.push({ unitId, year, dimension: d.code, groupCode: g.code, people: n });
    }
  }
  if (Object.keys(errors).length) throw AppError.invalidFields(errors);
  return form;
}

/** The learning form: the person's words (checked for length by the service) and the themes. */
export const learningSchema = z.object({
  words: z.string().optional().default(''),
  recorderRole: z.string().trim().optional().default(''),
  themes: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (Array.isArray(v) ? v : v ? [v] : [])),
});
