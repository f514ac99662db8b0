/**
 * Evidence for the self-assessment: figures about asking about trauma and about support
 * offered, for one unit (or the organisation) and a span of days. Guarantees: aggregate queries
 * only (three in all), never content; every statement names the organisation; a figure whose
 * denominator is below EVIDENCE_MIN_DENOMINATOR has no value; a span of whole months is read
 * from the rollup (evidence-rollup.ts), which gives the same figures as the records.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import { WHOLE_ORGANISATION, closeDays, nextMonthStart } from './evidence-rollup.ts';
import type { EvidenceFigure, EvidenceScope } from '../../lib/evidence.ts';
import {
  EVIDENCE_MIN_DENOMINATOR,
  isWholeMonths,
  medianOfCounts,
  ratioFigure,
} from '../../lib/evidence.ts';

const rates = '/enquiry/rates';

/** What each enquiry figure counts (the assessment shows these words). */
export const enquiryFigureSpecs = {
  asked: {
    key: 'enquiry.asked',
    title: 'People asked about hard experiences',
    kind: 'share',
    definition:
      'Of the people a conversation about hard experiences was started with in the period, the share who were asked the questions. Hearth does not know everyone on a unit who could have been asked, so people never offered a conversation are not counted here.',
    link: rates,
  },
  declined: {
    key: 'enquiry.declined',
    title: 'People who said no',
    kind: 'share',
    definition:
      'Of the people a conversation was started with in the period, the share who chose not to be asked. Saying no is a real choice; a high share is not a failure.',
    link: rates,
  },
  askedAgain: {
    key: 'enquiry.asked-again',
    title: 'Come back to after "not now"',
    kind: 'share',
    definition:
      'Of the conversations in the period that ended with "not now", the share where staff later started a new conversation with the person. Whether the later conversation went ahead is counted in the first figure, not here.',
    link: rates,
  },
  supportOffered: {
    key: 'enquiry.support-offered',
    title: 'Support offered after telling us',
    kind: 'share',
    definition:
      'Of the people who told staff about hard experiences in a conversation in the period, the share offered support or referred (to a service in the organisation’s directory) in the period.',
    link: rates,
  },
  referred: {
    key: 'enquiry.referred',
    title: 'Referrals made',
    kind: 'share',
    definition:
      'Of the people who told staff about hard experiences in the period, the share referred to a service with their agreement (not only told about it).',
    link: rates,
  },
  closed: {
    key: 'enquiry.referrals-closed',
    title: 'Referrals closed with an outcome',
    kind: 'share',
    definition:
      'Of the referrals made in the period, the share with an outcome recorded (accepted, declined or seen). Hearth records only what staff enter; an outcome never entered counts as open.',
    link: rates,
  },
  daysToClose: {
    key: 'enquiry.days-to-close',
    title: 'Median days to close a referral',
    kind: 'days',
    definition:
      'For referrals made in the period that have an outcome, the middle number of whole days from the referral to the outcome being recorded (the day staff recorded it, which may be later than the day it happened).',
    link: rates,
  },
} as const;

/** The counts behind the enquiry figures, however they were counted. */
interface EnquiryCounts {
  people: number;
  asked: number;
  declined: number;
  told: number;
  notNow: number;
  returned: number;
  supportPeople: number;
  referredPeople: number;
  referred: number;
  closed: number;
  closeDays: { value: number; count: number }[];
}

const n = (v: unknown) => Number(v ?? 0);

/** The months [from, to) covers when both are first days of a month, else null. */
export function wholeMonths(from: string, to: string): string[] | null {
  if (!isWholeMonths({ from, to })) return null;
  const end = to.slice(0, 7);
  const months: string[] = [];
  for (let m = from.slice(0, 7); m < end; m = nextMonthStart(m).slice(0, 7)) months.push(m);
  return months;
}

/** Turns the counts into figures (the small-number rule applied once, here). */
function figuresOf(c: EnquiryCounts): EvidenceFigure[] {
  const median = medianOfCounts(c.closeDays);
  const s = enquiryFigureSpecs;
  return [
    ratioFigure(s.asked, c.asked, c.people),
    ratioFigure(s.declined, c.declined, c.people),
    ratioFigure(s.askedAgain, c.returned, c.notNow),
    ratioFigure(s.supportOffered, c.supportPeople, c.told),
    ratioFigure(s.referred, c.referredPeople, c.told),
    ratioFigure(s.closed, c.closed, c.referred),
    {
      ...s.daysToClose,
      numerator: median ?? 0,
      denominator: c.closed,
      value: c.closed < EVIDENCE_MIN_DENOMINATOR ? null : median,
      notEnoughData: c.closed < EVIDENCE_MIN_DENOMINATOR,
      note: null,
    },
  ];
}

/** Counts straight from the conversations and referrals: any span of days. */
async function countFromRecords(db: Db, scope: EvidenceScope): Promise<EnquiryCounts> {
  const { organisationId, unitId, from, to } = scope;
  // One pass: each person's conversations are folded into one row first (a person was
  // asked, said no, told us), then the people are counted. Four count(distinct) over the
  // same rows would each sort or hash every row again.
  const perPerson = db
    .selectFrom('enquiries')
    .select([
      'person_id',
      sql<number>`max(case when outcome = 'asked' then 1 else 0 end)`.as('asked'),
      sql<number>`max(case when outcome = 'declined' then 1 else 0 end)`.as('declined'),
      sql<number>`max(case when disclosed = 1 then 1 else 0 end)`.as('told'),
      sql<number>`sum(case when outcome = 'not_now' then 1 else 0 end)`.as('notNow'),
      sql<number>`sum(case when outcome = 'not_now' and returned_at is not null then 1 else 0 end)`.as(
        'returned',
      ),
    ])
    .where('organisation_id', '=', organisationId)
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .$if(unitId !== null, (q) => q.where('unit_id', '=', unitId ?? ''))
    .groupBy('person_id');
  const conversations = db
    .selectFrom(perPerson.as('p'))
    .select([
      sql<number>`count(*)`.as('people'),
      sql<number>`sum(p.asked)`.as('asked'),
      sql<number>`sum(p.declined)`.as('declined'),
      sql<number>`sum(p.told)`.as('told'),
      sql<number>`sum(p."notNow")`.as('notNow'),
      sql<number>`sum(p.returned)`.as('returned'),
    ]);

  let referrals = db
    .selectFrom('enquiry_referrals')
    .select([
      sql<number>`count(distinct person_id)`.as('people'),
      sql<number>`count(distinct case when kind = 'referred' then person_id end)`.as(
        'referredPeople',
      ),
      sql<number>`sum(case when kind = 'referred' then 1 else 0 end)`.as('referred'),
      sql<number>`sum(case when kind = 'referred' and closed_at is not null then 1 else 0 end)`.as(
        'closed',
      ),
    ])
    .where('organisation_id', '=', organisationId)
    .where('created_at', '>=', from)
    .where('created_at', '<', to);
  if (unitId !== null) referrals = referrals.where('unit_id', '=', unitId);

  const days = closeDays(db);
  let closing = db
    .selectFrom('enquiry_referrals')
    .select([days.as('days'), sql<number>`count(*)`.as('n')])
    .where('organisation_id', '=', organisationId)
    .where('kind', '=', 'referred')
    .where('closed_at', 'is not', null)
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .groupBy(days);
  if (unitId !== null) closing = closing.where('unit_id', '=', unitId);

  const [c, r, d] = await Promise.all([
    conversations.executeTakeFirstOrThrow(),
    referrals.executeTakeFirstOrThrow(),
    closing.execute(),
  ]);
  return {
    people: n(c.people),
    asked: n(c.asked),
    declined: n(c.declined),
    told: n(c.told),
    notNow: n(c.notNow),
    returned: n(c.returned),
    supportPeople: n(r.people),
    referredPeople: n(r.referredPeople),
    referred: n(r.referred),
    closed: n(r.closed),
    closeDays: d.map((x) => ({ value: n(x.days), count: n(x.n) })),
  };
}

/**
 * Counts from the rollup (migration 0040) for a run of whole months within two calendar years
 * (null for a longer run). Each person has one row per unit (and one for the organisation) and
 * year holding that year's months and the year before's, so a person counts if their row for
 * the run's last year has a month of the run set: one row per person, no grouping. The run's
 * months are a mask written into the statement as a constant.
 */
async function countFromRollup(
  db: Db,
  scope: EvidenceScope,
  months: readonly string[],
): Promise<EnquiryCounts | null> {
  const { organisationId, unitId } = scope;
  // The whole organisation has rows of its own, so a person on two units is one row.
  const unit = unitId ?? WHOLE_ORGANISATION;
  const year = Number((months[months.length - 1] ?? '').slice(0, 4));
  let mask = 0;
  for (const m of months) {
    const back = year - Number(m.slice(0, 4));
    if (back > 1) return null;
    mask |= 1 << (Number(m.slice(5, 7)) - 1 + 12 * back);
  }
  const any = (column: string) =>
    sql<number>`sum(case when (${sql.ref(column)} & ${sql.lit(mask)}) <> 0 then 1 else 0 end)`;
  const people = db
    .selectFrom('enquiry_people_year')
    .select([
      any('started_months').as('people'),
      any('asked_months').as('asked'),
      any('declined_months').as('declined'),
      any('told_months').as('told'),
      any('support_months').as('support'),
      any('referred_months').as('referred'),
    ])
    .where('organisation_id', '=', organisationId)
    .where('unit_id', '=', unit)
    .where('year', '=', year);
  const first = months[0] ?? '';
  const last = months[months.length - 1] ?? '';
  const sums = db
    .selectFrom('enquiry_month')
    .select([
      sql<number>`sum(not_now)`.as('notNow'),
      sql<number>`sum(returned)`.as('returned'),
      sql<number>`sum(referred)`.as('referred'),
      sql<number>`sum(closed)`.as('closed'),
    ])
    .where('organisation_id', '=', organisationId)
    .where('unit_id', '=', unit)
    .where('month', '>=', first)
    .where('month', '<=', last);
  const closing = db
    .selectFrom('enquiry_close_days')
    .select(['days', sql<number>`sum(n)`.as('n')])
    .where('organisation_id', '=', organisationId)
    .where('unit_id', '=', unit)
    .where('month', '>=', first)
    .where('month', '<=', last)
    .groupBy('days');
  const [p, m, d] = await Promise.all([
    people.executeTakeFirstOrThrow(),
    sums.executeTakeFirstOrThrow(),
    closing.execute(),
  ]);
  return {
    people: n(p.people),
    asked: n(p.asked),
    declined: n(p.declined),
    told: n(p.told),
    notNow: n(m.notNow),
    returned: n(m.returned),
    supportPeople: n(p.support),
    referredPeople: n(p.referred),
    referred: n(m.referred),
    closed: n(m.closed),
    closeDays: d.map((x) => ({ value: n(x.days), count: n(x.n) })),
  };
}

/** Creates the enquiry evidence functions. */
export function createEnquiryEvidence(deps: { db: Db }) {
  const { db } = deps;

  return {
    /**
     * The enquiry figures for one unit (or the organisation) and span of days: from the rollup
     * when the span is whole months (as the assessment asks), else from the records.
     */
    async figures(scope: EvidenceScope): Promise<EvidenceFigure[]> {
      const months = wholeMonths(scope.from, scope.to);
      const counted = months ? await countFromRollup(db, scope, months) : null;
      return figuresOf(counted ?? (await countFromRecords(db, scope)));
    },
    /** The same figures counted straight from the records (any span; the rollup's oracle). */
    async figuresFromRecords(scope: EvidenceScope): Promise<EvidenceFigure[]> {
      return figuresOf(await countFromRecords(db, scope));
    },
  };
}

/** The enquiry evidence functions. */
export type EnquiryEvidence = ReturnType<typeof createEnquiryEvidence>;
