/** Input schemas for Safewards forms: interventions in place, the fidelity check, meetings, "about me". */
import { z } from 'zod';
import { fidelityAnswers, fidelityItemIds, interventions } from './interventions.ts';

/** The most characters an "about me" may have. */
export const ABOUT_ME_MAX = 400;
/** The most characters each part of a meeting's log may have. */
export const MEETING_PART_MAX = 1000;
/** The most characters a fidelity check's note may have. */
export const NOTE_MAX = 1000;

const isRealDate = (v: string) =>
  !Number.isNaN(Date.parse(`${v}T12:00:00Z`)) &&
  new Date(`${v}T12:00:00Z`).toISOString().startsWith(v);

const realDate = (empty: string) =>
  z
    .string({ error: empty })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date like 2026-12-04')
    .refine(isRealDate, 'Enter a real date, like 2026-12-04');

// Empty is allowed everywhere it can be: every question may be skipped.
const optionalText = (max: number, what: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z
      .string({ error: `Enter ${what} as text` })
      .trim()
      .max(max, `Keep ${what} to ${max} characters or fewer`)
      .optional(),
  );

const answerValues = fidelityAnswers.map((a) => a.value) as [string, ...string[]];
const answer = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z
    .enum(answerValues, { error: 'Choose seen in practice, partly or not yet, or skip it' })
    .optional(),
);

/** Which interventions are in place: a "since" date per intervention, empty for not in place. */
export const inPlaceSchema = z.object(
  Object.fromEntries(
    interventions.map((i) => [
      `since_${i.id}`,
      z.preprocess(
        (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
        realDate('Enter the date it started as text').optional(),
      ),
    ]),
  ),
);

/** Parses the in-place form into { interventionId: since } for the interventions in place. */
export function toInPlace(parsed: z.infer<typeof inPlaceSchema>): Record<string, string> {
  const fields = parsed as Record<string, string | undefined>;
  return Object.fromEntries(
    interventions.flatMap((i) => {
      const since = fields[`since_${i.id}`];
      return since ? [[i.id, since]] : [];
    }),
  );
}

/** The monthly fidelity check: the month, an answer per checklist item (each skippable), a note. */
export const fidelityCheckSchema = z.object({
  month: z
    .string({ error: 'Choose the month this check is for' })
    .trim()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Enter the month like 2026-12'),
  note: optionalText(NOTE_MAX, 'the note'),
  ...Object.fromEntries(fidelityItemIds.map((id) => [id, answer])),
});

/** A fidelity check as typed. */
export interface FidelityCheckInput {
  month: string;
  answers: Record<string, string>;
  note: string | null;
}

/** Parses the check form into its month, answers (skipped items left out) and note. */
export function toFidelityCheck(parsed: z.infer<typeof fidelityCheckSchema>): FidelityCheckInput {
  const fields = parsed as Record<string, string | undefined>;
  return {
    month: parsed.month,
    note: parsed.note ?? null,
    answers: Object.fromEntries(
      fidelityItemIds.flatMap((id) => (fields[id] ? [[id, fields[id] as string]] : [])),
    ),
  };
}

/** A mutual help meeting: the date and four optional parts. */
export const meetingSchema = z.object({
  heldOn: realDate('Enter the date of the meeting'),
  thanks: optionalText(MEETING_PART_MAX, 'the thanks'),
  news: optionalText(MEETING_PART_MAX, 'the news'),
  requests: optionalText(MEETING_PART_MAX, 'the requests'),
  offers: optionalText(MEETING_PART_MAX, 'the offers'),
});

/** A meeting as typed. */
export type MeetingInput = z.infer<typeof meetingSchema>;

/** An "about me": the text, and for a person whether to share it with the ward's staff. */
export const aboutMeSchema = z.object({
  about: z
    .string({ error: 'Write a few words about yourself, or remove your "about me" instead' })
    .trim()
    .min(1, 'Write a few words about yourself, or remove your "about me" instead')
    .max(ABOUT_ME_MAX, `Keep it to ${ABOUT_ME_MAX} characters or fewer`),
});
