/** Input to the caseload pages: the name search. */
import { z } from 'zod';

/** The longest name search we accept (longer input is refused, not cut). */
export const MAX_SEARCH = 100;

/** The search form: a part of a name; an empty box means no search yet. */
export const searchSchema = z.object({
  name: z
    .string()
    .trim()
    .max(MAX_SEARCH, `Enter a name of ${MAX_SEARCH} characters or fewer`)
    .optional()
    .default(''),
});

/** A parsed search. */
export type SearchInput = z.infer<typeof searchSchema>;
