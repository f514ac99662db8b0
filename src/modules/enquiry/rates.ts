/**
 * Enquiry rates: pure counting over metadata rows (never content). Guarantees: every figure is a
 * count of distinct people (or of referrals, for referral outcomes); any count from 1 to 4 is
 * shown as "fewer than 5" so no one can be picked out; 0 is shown as 0, because a zero names no
 * one and hiding it would hide exactly the gaps (people never asked) the page exists to show.
 */
import type { EnquiryOutcome } from './tables.ts';

/** The smallest count shown as a number (other than 0). */
export const SUPPRESS_BELOW = 5;

/** The metadata of one enquiry that rates need. */
export interface RateEnquiry {
  personId: string;
  practitionerId: string;
  unitId: string | null;
  outcome: EnquiryOutcome | null;
  returnOn: string | null;
  returnedAt: string | null;
  disclosed: boolean;
  followUpOn: string | null;
  followedUpAt: string | null;
}

/** The metadata of one referral that rates need. */
export interface RateReferral {
  personId: string;
  practitionerId: string;
  unitId: string | null;
  kind: 'offered' | 'referred';
  status: 'offered' | 'waiting' | 'accepted' | 'declined' | 'seen';
}

/** Counts for one unit or practitioner. */
export interface RateCounts {
  /** People in the unit or on the caseload (null when not known). */
  people: number | null;
  offered: number;
  asked: number;
  declined: number;
  notNow: number;
  notAsked: number;
  overdue: number;
  followUpDue: number;
  followedUp: number;
  supportOffered: number;
  referred: number;
  referralWaiting: number;
  referralAccepted: number;
  referralDeclined: number;
  referralSeen: number;
}

/** The names of the counts, in the order the page shows them. */
export const rateColumns: { key: keyof RateCounts; text: string }[] = [
  { key: 'people', text: 'People' },
  { key: 'offered', text: 'Offered' },
  { key: 'asked', text: 'Asked' },
  { key: 'declined', text: 'Said no' },
  { key: 'notNow', text: 'Not now' },
  { key: 'notAsked', text: 'Not asked (with a reason)' },
  { key: 'overdue', text: 'Overdue to come back to' },
  { key: 'followUpDue', text: 'Follow-up overdue' },
  { key: 'followedUp', text: 'Followed up' },
  { key: 'supportOffered', text: 'Support offered' },
  { key: 'referred', text: 'Referred' },
  { key: 'referralWaiting', text: 'Referrals waiting' },
  { key: 'referralAccepted', text: 'Referrals accepted' },
  { key: 'referralDeclined', text: 'Referrals declined' },
  { key: 'referralSeen', text: 'Referrals seen' },
];

/**
 * Counts one group's enquiries and referrals.
 * @param today - YYYY-MM-DD in the organisation's time zone
 */
export function countRates(
  enquiries: readonly RateEnquiry[],
  referrals: readonly RateReferral[],
  today: string,
  people: number | null = null,
): RateCounts {
  const distinct = (pred: (e: RateEnquiry) => boolean) =>
    new Set(enquiries.filter(pred).map((e) => e.personId)).size;
  const offeredOutcomes: (EnquiryOutcome | null)[] = ['asked', 'declined', 'not_now'];
  return {
    people,
    offered: distinct((e) => offeredOutcomes.includes(e.outcome)),
    asked: distinct((e) => e.outcome === 'asked'),
    declined: distinct((e) => e.outcome === 'declined'),
    notNow: distinct((e) => e.outcome === 'not_now'),
    notAsked: distinct((e) => e.outcome === 'not_asked'),
    overdue: distinct(
      (e) =>
        (e.outcome === 'not_now' || e.outcome === 'not_asked') &&
        e.returnOn !== null &&
        e.returnOn < today &&
        e.returnedAt === null,
    ),
    followUpDue: distinct(
      (e) => e.disclosed && e.followUpOn !== null && e.followUpOn < today && !e.followedUpAt,
    ),
    followedUp: distinct((e) => e.followedUpAt !== null),
    supportOffered: new Set(referrals.map((r) => r.personId)).size,
    referred: new Set(referrals.filter((r) => r.kind === 'referred').map((r) => r.personId)).size,
    referralWaiting: referrals.filter((r) => r.status === 'waiting').length,
    referralAccepted: referrals.filter((r) => r.status === 'accepted').length,
    referralDeclined: referrals.filter((r) => r.status === 'declined').length,
    referralSeen: referrals.filter((r) => r.status === 'seen').length,
  };
}

/** Shows a count safely: 0 as "0", 1 to 4 as "fewer than 5", and larger counts as they are. */
export function displayCount(n: number | null): string {
  if (n === null) return '–';
  if (n === 0) return '0';
  if (n < SUPPRESS_BELOW) return 'fewer than 5';
  return String(n);
}

/** Turns counts into the strings a page may show (nothing unsuppressed leaves this function). */
export function displayCounts(counts: RateCounts): Record<keyof RateCounts, string> {
  const out = {} as Record<keyof RateCounts, string>;
  for (const { key } of rateColumns) out[key] = displayCount(counts[key]);
  return out;
}
