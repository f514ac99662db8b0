/** Input schemas for the ward screen's forms: expectations, discharge messages and tokens. */
import { z } from 'zod';

/** Longer discharge messages than this are held for a closer staff check (issue 14). */
export const MESSAGE_LIMIT = 500;

/** The longest discharge message kept at all, in characters; longer is refused. */
export const MESSAGE_MAX = 2000;

/** A new version of a ward's clear mutual expectations. */
export const expectationsSchema = z.object({
  body: z
    .string()
    .trim()
    .min(1, 'Write the expectations agreed with the ward')
    .max(5000, 'Keep the expectations to 5,000 characters or fewer, so they fit on one poster'),
  /** The version the writer started from (0 when there was none), so two edits cannot cross. */
  basedOn: z.coerce.number().int().min(0).default(0),
});

/** A discharge message. */
export const dischargeMessageSchema = z.object({
  body: z
    .string()
    .trim()
    .min(1, 'Write your message, or go back if you would rather not')
    .max(
      MESSAGE_MAX,
      `Your message is longer than ${MESSAGE_MAX.toLocaleString('en-GB')} characters. Please make it shorter.`,
    ),
  firstName: z
    .string()
    .trim()
    .max(40, 'Use 40 characters or fewer for your first name')
    .optional()
    .transform((v) => (v ? v : null)),
});

/** A staff member's decision on a discharge message. */
export const messageDecisionSchema = z
  .object({
    decision: z.enum(['approve', 'decline'], { error: 'Choose whether to show the message' }),
    reason: z.string().trim().max(500, 'Use 500 characters or fewer').optional(),
  })
  .refine((v) => v.decision === 'approve' || (v.reason ?? '') !== '', {
    path: ['reason'],
    message: 'Say why the message will not be shown, so the writer understands',
  });

/** A new display token's label (where the screen hangs). */
export const displayTokenSchema = z.object({
  label: z
    .string()
    .trim()
    .min(1, 'Say where the screen is, for example "Day room"')
    .max(60, 'Use 60 characters or fewer'),
});
