/** The respondent groups' plain names and the smallest group that is ever shown. */
import type { RespondentGroup } from './policy.ts';

/** The fewest responses (or ratings of a statement) a group needs before anything is shown. */
export const MIN_GROUP = 5;

/** Plain words for each group. */
export const groupLabels: Record<RespondentGroup, string> = {
  staff: 'Staff',
  people: 'People who use the service',
  partners: 'Lived-experience partners',
};
