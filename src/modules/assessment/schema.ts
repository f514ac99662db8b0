/** Input schemas for the self-assessment's forms. */
import { z } from 'zod';
import { AppError } from '../../lib/app-error.ts';
import type { FieldErrors } from '../../lib/app-error.ts';
import type { Instrument, Rating } from './instrument.ts';
import { barrierIdsOf, ratingValues, statementsOf } from './instrument.ts';
import { respondentGroups } from './policy.ts';

const day = z
  .string({ error: 'Enter the closing date' })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the closing date like 2026-07-31')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T12:00:00Z`)), 'Enter a real date');

/** Opening a round. */
export const openRoundSchema = z.object({
  // Empty: the whole organisation.
  unitId: z.string({ error: 'Choose who is asked' }).trim().max(64),
  title: z.string().trim().max(80, 'Enter 80 characters or fewer').optional().default(''),
  closesOn: day,
});
/** A round as typed. */
export type OpenRoundInput = z.infer<typeof openRoundSchema>;

/** Moving a round's closing date later. */
export const extendRoundSchema = z.object({ closesOn: day });

/** Making one-time codes. */
export const makeCodesSchema = z.object({
  count: z.coerce
    .number({ error: 'Enter how many codes to make' })
    .int('Enter a whole number')
    .min(1, 'Enter a number from 1 to 200')
    .max(200, 'Enter a number from 1 to 200'),
  group: z.enum(respondentGroups, { error: 'Choose who the codes are for' }).default('people'),
});

/** Typing a one-time code. */
export const codeSchema = z.object({
  code: z
    .string({ error: 'Enter the code on your card' })
    .transform((v) => v.toUpperCase().replace(/[\s-]/g, ''))
    .refine((v) => /^[A-Z0-9]{10}$/.test(v), 'Enter the 10 letters and numbers on your card'),
});

/** A whole response as sent: ratings by item id, ticked barriers and the optional comment. */
export interface ResponseInput {
  answers: Record<string, Rating>;
  barriers: string[];
  comment: string | null;
}

/** The most characters a comment keeps. */
export const MAX_COMMENT = 2000;

/**
 * Reads an answer form. Fields with a dot in their name are statements; a statement this person
 * is not asked, or one the instrument does not have, is refused, as is any answer outside the
 * scale. Empty answers are skipped questions.
 * @throws AppError invalid, with a message per field, and nothing is saved
 */
export function parseResponse(
  instrument: Instrument,
  body: unknown,
  options: { staff: boolean },
): ResponseInput {
  const raw = (body ?? {}) as Record<string, unknown>;
  const asked = new Set(
    statementsOf(instrument)
      .filter(({ item }) => options.staff || !item.staffOnly)
      .map(({ item }) => item.id),
  );
  const errors: FieldErrors = {};
  const answers: Record<string, Rating> = {};
  for (const [field, value] of Object.entries(raw)) {
    if (!field.includes('.') || field.startsWith('barrier.')) continue;
    if (!asked.has(field)) {
      errors.form = 'This form has a question we do not know. Please start the form again.';
      continue;
    }
    if (value === '' || value === undefined) continue;
    if (typeof value !== 'string' || !(ratingValues as readonly string[]).includes(value)) {
      errors[field] = 'Choose one of the answers, or leave this question out';
      continue;
    }
    answers[field] = value as Rating;
  }
  const known = new Set(barrierIdsOf(instrument));
  const ticked = raw.barriers === undefined ? [] : [raw.barriers].flat();
  const barriers: string[] = [];
  for (const b of ticked) {
    if (typeof b !== 'string' || !known.has(b))
      errors.barriers = 'Choose from the list, or leave it';
    else if (!barriers.includes(b)) barriers.push(b);
  }
  const comment = typeof raw.comment === 'string' ? raw.comment.trim() : '';
  if (raw.comment !== undefined && typeof raw.comment !== 'string') {
    errors.comment = 'Write your comment in the box';
  } else if (comment.length > MAX_COMMENT) {
    errors.comment = `Write ${MAX_COMMENT} characters or fewer`;
  }
  if (Object.keys(errors).length > 0) throw AppError.invalidFields(errors);
  return { answers, barriers, comment: comment === '' ? null : comment };
}

/** Turning sharing with the national comparison on or off. */
export const sharingSchema = z.object({
  shared: z.enum(['yes', 'no'], { error: 'Choose whether to share' }),
});

// --- Local statements (issue 12 item 1) ---

/** The form that adds a local statement under a principle. */
export const localItemSchema = z.object({
  sectionId: z
    .string({ error: 'Choose a principle from the list' })
    .min(1, 'Choose a principle from the list'),
  text: z
    .string({ error: 'Write the statement' })
    .trim()
    .min(3, 'Write the statement')
    .max(160, 'Write 160 characters or fewer')
    .refine((v) => !/[\r\n]/.test(v), 'Write the statement on one line'),
  staffOnly: z
    .enum(['yes'], { error: 'Tick the box or leave it' })
    .optional()
    .transform((v) => v === 'yes'),
});
