/**
 * Demo Safewards on Ward 3: every intervention in place from the month Safewards started, one
 * fidelity check a month since then with scores that rise as the ward gets used to it, a few
 * "about me" notes (two staff and Sam, who chose to share), and two mutual help meetings.
 * Written straight to the store in one transaction (no audit events: nobody did it).
 */
import type { Db } from '../../db/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { toIso } from '../../lib/clock.ts';
import { newId } from '../../lib/tokens.ts';
import { addMonths } from './fidelity.ts';
import { interventions } from './interventions.ts';
import { addDays, londonWallClock } from './shifts.ts';
import type { WardsStore } from './store.ts';

/** The answer to one checklist item in month `k` of `n`: more is seen in practice as time goes on. */
function answerFor(item: number, k: number, n: number): string {
  const level = 0.25 + (0.65 * k) / Math.max(1, n - 1);
  const bar = ((item * 37) % 100) / 100;
  if (bar < level - 0.15) return 'seen';
  if (bar < level + 0.15) return 'partly';
  return 'not_yet';
}

/** Adds Ward 3's demo Safewards records, from `startedOn` (the day Safewards started). */
export async function seedSafewardsDemo(
  db: Db,
  store: WardsStore,
  clock: Clock,
  ids: {
    organisationId: string;
    wardId: string;
    startedOn: string;
    manager: { id: string; name: string };
    staff: { id: string; name: string }[];
    person?: { id: string; name: string };
  },
): Promise<void> {
  const now = toIso(clock());
  const today = londonWallClock(clock()).date;
  const org = ids.organisationId;
  const months: string[] = [];
  for (let m = ids.startedOn.slice(0, 7); m <= today.slice(0, 7); m = addMonths(m, 1))
    months.push(m);
  const items = interventions.flatMap((i) => i.checklist.map((c) => c.id));
  await db.transaction().execute(async (trx) => {
    await store.replaceInterventions(
      trx,
      org,
      ids.wardId,
      interventions.map((i) => ({
        organisation_id: org,
        unit_id: ids.wardId,
        intervention_id: i.id,
        in_place_since: ids.startedOn,
        recorded_by: ids.manager.id,
        recorded_at: now,
      })),
    );
    for (const [k, month] of months.entries())
      await store.insertCheck(trx, {
        id: newId(),
        organisation_id: org,
        unit_id: ids.wardId,
        month,
        answers: JSON.stringify(
          Object.fromEntries(items.map((id, j) => [id, answerFor(j, k, months.length)])),
        ),
        note: null,
        version: 1,
        recorded_by: ids.manager.id,
        recorded_by_name: ids.manager.name,
        recorded_at: now,
      });
    const notes = [
      'I love gardening and I am learning to bake bread. Ask me about the ward’s herb pots.',
      'I play five-a-side football and like quizzes. I bring calm and a good cup of tea.',
      'I like drawing and music from the 80s. Quiet mornings help me.',
    ];
    const authors = [
      ...ids.staff.map((s) => ({ ...s, author: 'staff' as const })),
      ...(ids.person ? [{ ...ids.person, author: 'person' as const }] : []),
    ];
    for (const [n, a] of authors.entries())
      await store.replaceAboutMe(trx, org, a.id, [
        {
          organisation_id: org,
          account_id: a.id,
          unit_id: ids.wardId,
          author: a.author,
          display_name: a.name,
          about: notes[n % notes.length] as string,
          updated_at: now,
        },
      ]);
    const meetings = [
      {
        held_on: addDays(today, -8),
        thanks: 'To the night staff for the film and popcorn.',
        news: 'The garden is open again after the rain.',
        requests: 'More puzzles in the lounge.',
        offers: 'Someone offered to teach a card game on Saturday.',
      },
      {
        held_on: addDays(today, -1),
        thanks: 'For help finding a lost phone charger.',
        news: 'A new member of staff starts on Monday.',
        requests: null,
        offers: 'Help to water the herb pots.',
      },
    ];
    for (const m of meetings)
      await store.insertMeeting(trx, {
        id: newId(),
        organisation_id: org,
        unit_id: ids.wardId,
        ...m,
        recorded_by: ids.staff[0]?.id ?? ids.manager.id,
        recorded_at: now,
      });
  });
}
