import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { countRates, displayCount, displayCounts } from './rates.ts';
import type { RateEnquiry, RateReferral } from './rates.ts';

const base: RateEnquiry = {
  personId: 'p1',
  practitionerId: 'jo',
  unitId: 'ward',
  outcome: 'asked',
  returnOn: null,
  returnedAt: null,
  disclosed: false,
  followUpOn: null,
  followedUpAt: null,
};
const e = (over: Partial<RateEnquiry>): RateEnquiry => ({ ...base, ...over });

describe('small-number suppression', () => {
  const table: [number | null, string][] = [
    [0, '0'],
    [1, 'fewer than 5'],
    [2, 'fewer than 5'],
    [4, 'fewer than 5'],
    [5, '5'],
    [6, '6'],
    [120, '120'],
    [null, '–'],
  ];
  for (const [n, shown] of table) {
    it(`shows ${String(n)} as "${shown}"`, () => assert.equal(displayCount(n), shown));
  }

  it('never lets a raw count from 1 to 4 through displayCounts', () => {
    const shown = displayCounts(
      countRates(
        [e({ personId: 'a' }), e({ personId: 'b', outcome: 'declined' })],
        [],
        '2026-06-01',
        3,
      ),
    );
    for (const value of Object.values(shown)) assert.ok(!/^[1-4]$/.test(value), value);
  });
});

describe('counting rates', () => {
  const today = '2026-06-10';
  const cases: {
    name: string;
    enquiries: RateEnquiry[];
    referrals?: RateReferral[];
    expect: Partial<ReturnType<typeof countRates>>;
  }[] = [
    {
      name: 'counts people, not conversations',
      enquiries: [e({ personId: 'a' }), e({ personId: 'a' }), e({ personId: 'b' })],
      expect: { offered: 2, asked: 2 },
    },
    {
      name: 'offered covers asked, declined and not now, but not "not asked"',
      enquiries: [
        e({ personId: 'a', outcome: 'asked' }),
        e({ personId: 'b', outcome: 'declined' }),
        e({ personId: 'c', outcome: 'not_now', returnOn: '2026-07-01' }),
        e({ personId: 'd', outcome: 'not_asked', returnOn: '2026-07-01' }),
        e({ personId: 'e', outcome: null }),
      ],
      expect: { offered: 3, asked: 1, declined: 1, notNow: 1, notAsked: 1, overdue: 0 },
    },
    {
      name: 'overdue when the agreed date has passed and no one has come back',
      enquiries: [
        e({ personId: 'a', outcome: 'not_now', returnOn: '2026-06-09' }),
        e({ personId: 'b', outcome: 'not_now', returnOn: '2026-06-10' }),
        e({
          personId: 'c',
          outcome: 'not_asked',
          returnOn: '2026-06-01',
          returnedAt: '2026-06-05T10:00:00Z',
        }),
        e({ personId: 'd', outcome: 'not_asked', returnOn: '2026-05-01' }),
      ],
      expect: { overdue: 2 },
    },
    {
      name: 'follow-ups after a disclosure: overdue and done',
      enquiries: [
        e({ personId: 'a', disclosed: true, followUpOn: '2026-06-08' }),
        e({
          personId: 'b',
          disclosed: true,
          followUpOn: '2026-06-08',
          followedUpAt: '2026-06-08T09:00:00Z',
        }),
        e({ personId: 'c', disclosed: true, followUpOn: '2026-06-12' }),
      ],
      expect: { followUpDue: 1, followedUp: 1 },
    },
    {
      name: 'referral outcomes count referrals; referred counts people',
      enquiries: [],
      referrals: [
        {
          personId: 'a',
          practitionerId: 'jo',
          unitId: 'ward',
          kind: 'referred',
          status: 'waiting',
        },
        { personId: 'a', practitionerId: 'jo', unitId: 'ward', kind: 'referred', status: 'seen' },
        { personId: 'b', practitionerId: 'jo', unitId: 'ward', kind: 'offered', status: 'offered' },
        {
          personId: 'c',
          practitionerId: 'jo',
          unitId: 'ward',
          kind: 'referred',
          status: 'declined',
        },
      ],
      expect: {
        supportOffered: 3,
        referred: 2,
        referralWaiting: 1,
        referralSeen: 1,
        referralDeclined: 1,
        referralAccepted: 0,
      },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const counts = countRates(c.enquiries, c.referrals ?? [], today);
      for (const [key, value] of Object.entries(c.expect)) {
        assert.equal(counts[key as keyof typeof counts], value, key);
      }
    });
  }
});
