/**
 * Demo self-assessment rounds: two closed rounds for Ward 3, where staff rate safety and choice
 * well above what people who use the ward say, and the gap narrows a little by the second; and
 * one open round for the whole organisation. Written straight to the store in one transaction
 * (no audit events: nobody did it). Enough answers in every group for results to show.
 */
import type { Db } from '../../db/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { dayOf } from './deps.ts';
import type { AssessmentStore } from './store.ts';
import type { GroupLean } from './synthetic.ts';
import { writeSyntheticRound } from './synthetic.ts';

/** The demo's rounds, by title (stable, so other modules' demos can find them). */
export const DEMO_ROUND_TITLES = {
  first: 'Ward 3, first self-assessment',
  second: 'Ward 3, second self-assessment',
  open: 'Whole organisation, this quarter',
} as const;

const day = (clock: Clock, days: number) => dayOf(new Date(clock().getTime() + days * 86_400_000));

function leans(people: number, staff: number, partners: number, improved: number): GroupLean[] {
  return [
    {
      group: 'staff',
      count: 16,
      level: staff,
      bySection: { safety: 4.4, choice: 4.3, 'preventing-trauma': 4.1 },
      barriers: ['barrier.short-staffed', 'barrier.paperwork', 'barrier.no-time-to-reflect'],
    },
    {
      group: 'people',
      count: 12,
      level: people,
      bySection: {
        safety: 2.3 + improved,
        choice: 2.2 + improved,
        'preventing-trauma': 2.6 + improved,
        relationships: 3.4,
      },
      barriers: ['barrier.short-staffed', 'barrier.only-illness', 'barrier.few-options'],
    },
    {
      group: 'partners',
      count: 7,
      level: partners,
      bySection: { safety: 2.8 + improved, choice: 2.6 + improved },
      barriers: ['barrier.life-ignored', 'barrier.fear-of-risk'],
    },
  ];
}

/** Adds the demo rounds (ids: the organisation, Ward 3 and the manager who opened them). */
export async function seedAssessmentDemo(
  db: Db,
  store: AssessmentStore,
  clock: Clock,
  ids: { organisationId: string; units: { ward3: string }; people: { priya: string } },
): Promise<void> {
  const base = { organisationId: ids.organisationId, createdBy: ids.people.priya };
  await db.transaction().execute(async (trx) => {
    await writeSyntheticRound(trx, store, {
      ...base,
      unitId: ids.units.ward3,
      title: DEMO_ROUND_TITLES.first,
      opensOn: day(clock, -270),
      closesOn: day(clock, -240),
      seed: 2031,
      groups: leans(3, 3.8, 3, 0),
    });
    await writeSyntheticRound(trx, store, {
      ...base,
      unitId: ids.units.ward3,
      title: DEMO_ROUND_TITLES.second,
      opensOn: day(clock, -90),
      closesOn: day(clock, -60),
      seed: 2032,
      groups: leans(3.2, 3.9, 3.2, 0.6),
    });
    await writeSyntheticRound(trx, store, {
      ...base,
      unitId: null,
      title: DEMO_ROUND_TITLES.open,
      opensOn: day(clock, -7),
      closesOn: day(clock, 21),
      seed: 2033,
      groups: [
        { group: 'staff', count: 3, level: 3.8 },
        { group: 'people', count: 2, level: 3 },
      ],
    });
  });
}

/**
 * The demo's latest closed Ward 3 round (for the action plans demo), or null before the demo is
 * seeded.
 */
export async function findDemoLatestClosedRound(
  db: Db,
  store: AssessmentStore,
  organisationId: string,
): Promise<{ id: string; title: string } | null> {
  const rounds = await store.listRounds(db, organisationId);
  const found = rounds.find((r) => r.title === DEMO_ROUND_TITLES.second);
  return found ? { id: found.id, title: found.title } : null;
}
