/**
 * The kinds of record an organisation sets a retention period for, with the defaults Hearth
 * starts from and the shortest period allowed. The defaults follow the NHS Records Management
 * Code of Practice (mental health records: 20 years after last contact); use-of-force records
 * may never be set below three years (Mental Health Units (Use of Force) Act 2018 guidance).
 * docs/rights.md explains each in plain words.
 */
import { enquiryRetentionCategories } from '../enquiry/index.ts';
import { FORCE_MINIMUM_MONTHS, forceRetentionCategories } from '../force/index.ts';
import { planRetentionCategories } from '../plans/index.ts';

/** One kind of record and its period rules. */
export interface RetentionCategory {
  key: string;
  label: string;
  /** What the period is counted from, in plain words. */
  countedFrom: string;
  defaultMonths: number;
  minimumMonths: number;
}

/** The longest period an organisation may set (100 years). */
export const MAXIMUM_MONTHS = 1200;

/** Every retention category, in the order the settings page shows them. */
export const retentionCategories: readonly RetentionCategory[] = [
  {
    key: 'plan_history',
    label: planRetentionCategories.plan_history,
    countedFrom:
      'when the earlier version was saved, or the sharing, link or suggestion ended. The plan as it is now is always kept.',
    defaultMonths: 96,
    minimumMonths: 1,
  },
  {
    key: 'enquiry_records',
    label: enquiryRetentionCategories.enquiry_records,
    countedFrom: 'when the conversation was last changed after it finished',
    defaultMonths: 240,
    minimumMonths: 1,
  },
  {
    key: 'reflections',
    label: enquiryRetentionCategories.reflections,
    countedFrom: 'when the reflection was last changed',
    defaultMonths: 36,
    minimumMonths: 1,
  },
  {
    key: 'force_records',
    label: forceRetentionCategories.force_records,
    countedFrom:
      'when the incident, observation or search began; never before the date the law says it must be kept to',
    defaultMonths: 240,
    minimumMonths: FORCE_MINIMUM_MONTHS,
  },
];

/** The instant a period of whole months before `now` began (calendar months, UTC). */
export function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}
