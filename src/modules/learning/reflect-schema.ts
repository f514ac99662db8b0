/** Input schemas for the journal, supervision, staff support and the wellbeing check-in. */
import { z } from 'zod';
import { readDay } from './grid.ts';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Write ${max.toLocaleString('en-GB')} characters or fewer`)
    .optional()
    .transform((v) => v ?? '');

/** The prompts a journal entry can start from. */
export const journalPrompts = ['any', 'force', 'disclosure'] as const;
/** Which prompts an entry was written with. */
export type JournalPrompt = (typeof journalPrompts)[number];

/** The four parts of a journal entry, each one optional. */
export const journalParts = ['happened', 'felt', 'noticed', 'keep'] as const;

/** A journal entry as written. */
export const journalSchema = z
  .object({
    prompt: z.enum(journalPrompts).catch('any'),
    happened: optionalText(5000),
    felt: optionalText(5000),
    noticed: optionalText(5000),
    keep: optionalText(5000),
  })
  .refine((v) => journalParts.some((p) => v[p] !== ''), {
    path: ['happened'],
    message: 'There is nothing to save yet. Write something in any of the boxes',
  });

/** A journal entry as typed. */
export type JournalInput = z.infer<typeof journalSchema>;

/** Sharing an entry with a supervisor, or stopping. */
export const shareSchema = z.object({
  supervisorId: z
    .string({ error: 'Choose who to share it with' })
    .trim()
    .min(1, 'Choose who to share it with'),
});

const day = (missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .transform((v, ctx) => {
      const read = readDay(v);
      if (read === null) {
        ctx.addIssue({ code: 'custom', message: 'Enter a real date, like 14/03/2026' });
        return z.NEVER;
      }
      return read;
    });

/** A supervision session as recorded by the staff member. */
export const supervisionSchema = z.object({
  heldOn: day('Enter the day of the supervision'),
  supervisorId: z
    .string({ error: 'Choose your supervisor' })
    .trim()
    .min(1, 'Choose your supervisor'),
  attended: z.enum(['yes', 'no'], { error: 'Say whether it went ahead' }),
  note: optionalText(2000),
});

/** A supervision session as typed. */
export type SupervisionInput = z.infer<typeof supervisionSchema>;

/** An entry in the staff support directory. */
export const staffServiceSchema = z.object({
  name: z
    .string({ error: 'Enter the name of the service' })
    .trim()
    .min(1, 'Enter the name of the service')
    .max(120, 'Write 120 characters or fewer'),
  offer: z
    .string({ error: 'Say what the service offers' })
    .trim()
    .min(1, 'Say what the service offers')
    .max(500, 'Write 500 characters or fewer'),
  contact: z
    .string({ error: 'Say how staff can reach it' })
    .trim()
    .min(1, 'Say how staff can reach it')
    .max(200, 'Write 200 characters or fewer'),
});

/** A directory entry as typed. */
export type StaffServiceInput = z.infer<typeof staffServiceSchema>;

/** The kinds of support offered after a hard event. */
export const supportKinds = ['debrief', 'time-out', 'reflective-space', 'support-service'] as const;

/** An answer to a support offer. */
export const supportAnswerSchema = z.object({
  kind: z.enum(['force', 'disclosure'], { error: 'That offer was not found' }),
  event: z.string({ error: 'That offer was not found' }).min(1, 'That offer was not found'),
  answer: z.enum(['accepted', 'declined'], { error: 'Choose yes or no thanks' }),
  choices: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(supportKinds, { error: 'Choose from the list' })),
  ),
});

/** An answer to a support offer as sent. */
export type SupportAnswerInput = z.infer<typeof supportAnswerSchema>;
