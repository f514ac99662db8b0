/** Form input for people's rights: what to delete, and the organisation's retention periods. */
import { z } from 'zod';
import { MAXIMUM_MONTHS, retentionCategories } from './categories.ts';

/** The things a person may delete at once. */
export const deletableParts = ['plan', 'reflections'] as const;

/** One thing a person may delete. */
export type DeletablePart = (typeof deletableParts)[number];

/** "Delete my information": one or both boxes ticked. */
export const deletionSchema = z.object({
  parts: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(deletableParts, { error: 'Choose from the list' })).min(1, {
      error: 'Choose what you would like to delete, or go back if you have changed your mind',
    }),
  ),
});

/** What a person asked to delete. */
export type DeletionInput = z.infer<typeof deletionSchema>;

function monthsField(min: number) {
  return z
    .string({ error: 'Enter a number of months' })
    .trim()
    .regex(/^\d{1,4}$/, { error: 'Enter a whole number of months, like 36' })
    .transform(Number)
    .refine((n) => n >= min, {
      error:
        min > 1
          ? `The law says these records must be kept for at least ${min} months`
          : 'Enter 1 month or more',
    })
    .refine((n) => n <= MAXIMUM_MONTHS, { error: `Enter ${MAXIMUM_MONTHS} months or fewer` });
}

/** The retention settings form: one period per kind of record. */
export const retentionSchema = z.object(
  Object.fromEntries(retentionCategories.map((c) => [c.key, monthsField(c.minimumMonths)])),
) as z.ZodType<Record<string, number>>;
