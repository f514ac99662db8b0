/** Input to the audit pages: the "Who has seen my information" filter. */
import { z } from 'zod';
import { accessFilters } from './who-has-seen.ts';

/** The filter in the address (?show=looks); anything unknown shows everything. */
export const whoHasSeenQuery = z.object({
  show: z.enum(accessFilters).catch('all'),
});
