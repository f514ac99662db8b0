/** Input schemas for organisation rules, allowed terms and "Check my writing". */
import { z } from 'zod';
import { CATEGORIES, SEVERITIES } from './types.ts';

/** The most writing "Check my writing" takes at once (about ten pages). */
export const MAX_CHECK_LENGTH = 50_000;

/** Reasons are shown to staff as they write: they explain, and never scold or forbid. */
const SCOLDING =
  /^\s*(do not|don't|never|stop|avoid)\b|\b(unacceptable|inappropriate|not allowed|banned|forbidden|unprofessional)\b/i;

/** Splits a textarea into its non-empty lines. */
function lines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((line) => line.trim().replace(/\s+/g, ' '))
    .filter((line) => line !== '');
}

const oneLine = (what: string, max: number) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(max, `Enter ${what} of ${max} characters or fewer`)
    .refine((v) => !/[\r\n]/.test(v), `Write ${what} on one line`);

/** The "Add a rule" form. */
export const ruleSchema = z.object({
  phrases: z
    .string({ error: 'Enter the words to look for' })
    .max(2000, 'Enter 2000 characters or fewer')
    .transform(lines)
    .refine((l) => l.length > 0, 'Enter the words to look for, one phrase on each line')
    .refine((l) => l.length <= 20, 'Enter 20 phrases or fewer; you can add another rule for more')
    .refine((l) => l.every((p) => p.length <= 100), 'Keep each phrase to 100 characters or fewer'),
  category: z.enum(CATEGORIES, { error: 'Choose what kind of wording this is' }),
  severity: z.enum(SEVERITIES, { error: 'Choose how strongly to put the suggestion' }),
  reason: oneLine('a short reason', 200).refine(
    (v) => !SCOLDING.test(v),
    'Explain how the words might land with the person, rather than telling staff off. For example: Puts the difficulty on the person, when it may be what we offer that does not fit.',
  ),
  alternatives: z
    .string({ error: 'Enter at least one thing to try instead' })
    .max(2000, 'Enter 2000 characters or fewer')
    .transform(lines)
    .refine((l) => l.length > 0, 'Enter at least one thing to try instead, one on each line')
    .refine((l) => l.length <= 10, 'Enter 10 alternatives or fewer')
    .refine(
      (l) => l.every((a) => a.length <= 200),
      'Keep each alternative to 200 characters or fewer',
    ),
});

/** The "Allow a term" form. */
export const allowedTermSchema = z.object({
  term: oneLine('a word or phrase', 100),
});

/** The "Check my writing" form. */
export const checkWritingSchema = z.object({
  text: z
    .string({ error: 'Enter the writing you would like to check' })
    .max(
      MAX_CHECK_LENGTH,
      `Enter ${MAX_CHECK_LENGTH.toLocaleString('en-GB')} characters or fewer, or check it in parts`,
    )
    .refine((v) => v.trim() !== '', 'Enter the writing you would like to check'),
});

/** Parsed rule input. */
export type RuleFormInput = z.infer<typeof ruleSchema>;
/** Parsed allowed-term input. */
export type AllowedTermInput = z.infer<typeof allowedTermSchema>;
