/**
 * Evidence for the self-assessment: figures about asking about trauma and about support
 * offered, for one unit (or the organisation) and a span of days. Guarantees: aggregate queries
 * only (three in all), never content; every statement names the organisation; a figure whose
 * denominator is below EVIDENCE_MIN_DENOMINATOR has no value.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import { dialectOf } from '../../db/dialect.ts';
import type { EvidenceFigure, EvidenceScope } from '../../lib/evidence.ts';
import { EVIDENCE_MIN_DENOMINATOR, medianOfCounts, ratioFigure } from '../../lib/evidence.ts';

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

/** Creates the enquiry evidence functions. */
export function createEnquiryEvidence(deps: { db: Db }) {
  const { db } = deps;

  return {
    /** The enquiry figures for one unit (or the organisation) and span of days. */
    async figures(scope: EvidenceScope): Promise<EvidenceFigure[]> {
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

      const days =
        dialectOf(db) === 'postgres'
          ? sql<number>`floor(extract(epoch from (closed_at::timestamptz - created_at::timestamptz)) / 86400)::int`
          : sql<number>`cast(julianday(closed_at) - julianday(created_at) as integer)`;
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
      const n = (v: unknown) => Number(v ?? 0);
      const closed = n(r.closed);
      const median = medianOfCounts(d.map((x) => ({ value: n(x.days), count: n(x.n) })));
      const s = enquiryFigureSpecs;
      return [
        ratioFigure(s.asked, n(c.asked), n(c.people)),
        ratioFigure(s.declined, n(c.declined), n(c.people)),
        ratioFigure(s.askedAgain, n(c.returned), n(c.notNow)),
        ratioFigure(s.supportOffered, n(r.people), n(c.told)),
        ratioFigure(s.referred, n(r.referredPeople), n(c.told)),
        ratioFigure(s.closed, closed, n(r.referred)),
        {
          ...s.daysToClose,
          numerator: median ?? 0,
          denominator: closed,
          value: closed < EVIDENCE_MIN_DENOMINATOR ? null : median,
          notEnoughData: closed < EVIDENCE_MIN_DENOMINATOR,
          note: null,
        },
      ];
    },
  };
}

/** The enquiry evidence functions. */
export type EnquiryEvidence = ReturnType<typeof createEnquiryEvidence>;
