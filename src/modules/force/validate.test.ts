/** The section 6 rules and the bad-input cases, table-driven. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkIncident } from './validate.ts';
import type { IncidentInput } from './validate.ts';
import { typicalIncident } from '../../../test/force-fixtures.ts';

const now = new Date('2026-06-01T12:00:00Z');
const base = typicalIncident({ unitId: 'u1', person: { id: 'p1' } }, now);
const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();
const iv = (typeCode: string, startAgo: number, endAgo: number | null) => ({
  typeCode,
  startAt: at(startAgo),
  endAt: endAgo === null ? null : at(endAgo),
  positionNote: '',
  medication: '',
  staff: [{ name: 'A', jobTitle: 'Nurse', roleCode: 'lead' }],
});

const cases: [string, Partial<IncidentInput>, string | null, boolean?][] = [
  ['a typical record', {}, null],
  ['end before start', { endAt: at(120) }, 'endAt'],
  ['an intervention ending before it started', { interventions: [iv('07', 50, 55)] }, 'i0_end'],
  ['open-ended seclusion', { interventions: [iv('10', 60, 55), iv('05', 55, null)] }, null],
  ['open-ended physical restraint', { interventions: [iv('07', 60, null)] }, 'i0_end'],
  [
    'an end given while seclusion is still open',
    { endAt: at(30), interventions: [iv('05', 60, null)] },
    'endAt',
  ],
  [
    'overlapping interventions of the same type',
    { interventions: [iv('07', 60, 40), iv('07', 50, 30)] },
    'i1_start',
  ],
  [
    'overlapping interventions of different types',
    { interventions: [iv('09', 60, 40), iv('14', 50, 49)] },
    null,
  ],
  ['a type code outside MHSDS (02)', { interventions: [iv('02', 60, 50)] }, 'i0_type'],
  ['a reason code outside MHSDS (20)', { reasonCode: '20' }, 'reasonCode'],
  ['an avoidance code not in the list', { avoidanceCodes: ['bribery'] }, 'avoidanceCodes'],
  ['a start in the future', { startAt: at(-60), interventions: [iv('07', -60, -70)] }, 'startAt'],
  ['(a) no reason narrative', { reasonNarrative: ' ' }, 'reasonNarrative'],
  ['(c) no type of force', { interventions: [] }, 'i0_type'],
  ['(d) care plan not answered', { inCarePlan: null }, 'inCarePlan'],
  ['(f) no description of how force was used', { howForceUsed: '' }, 'howForceUsed'],
  ['(h) no staff named', { interventions: [{ ...iv('07', 60, 50), staff: [] }] }, 'i0_staff'],
  [
    '(h) a staff role outside the list',
    {
      interventions: [
        { ...iv('07', 60, 50), staff: [{ name: 'A', jobTitle: 'B', roleCode: 'boss' }] },
      ],
    },
    'i0_staff',
  ],
  [
    '(i) police involved without a reason',
    { nonStaff: 'police', nonStaffReason: '', bodyWornCamera: 'yes' },
    'nonStaffReason',
  ],
  [
    '(i) police involved without saying about body-worn cameras',
    { nonStaff: 'police', nonStaffReason: 'Asked for help', bodyWornCamera: '' },
    'bodyWornCamera',
  ],
  ['(m) no outcome', { outcome: '' }, 'outcome'],
  ['(n) death or serious injury not answered', { harm: '' }, 'harm'],
  [
    '(o) nothing said about avoiding force',
    { avoidanceCodes: [], avoidanceNarrative: '' },
    'avoidanceCodes',
  ],
  ['(p) notification not answered', { notification: '' }, 'notification'],
  [
    'plan choices not followed without a reason',
    { planKnown: 'yes', planFollowed: 'no', planNotFollowedReason: '' },
    'planNotFollowedReason',
    true,
  ],
  [
    'plan choices not answered when there is a plan',
    { planKnown: '', planFollowed: null },
    'planKnown',
    true,
  ],
];

describe('checking a use-of-force record', () => {
  for (const [name, change, field, hasPlan] of cases) {
    it(field ? `refuses ${name}, at ${field}` : `accepts ${name}`, () => {
      const problems = checkIncident({ ...base, ...change }, now, hasPlan ?? false);
      if (field === null) assert.deepEqual(problems, {});
      else
        assert.ok(
          problems[field],
          `expected a problem at ${field}, got ${JSON.stringify(problems)}`,
        );
    });
  }
});
