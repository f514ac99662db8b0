/**
 * Demo learning records: a force training course with completions for the demo staff (Dev's
 * overdue, Tom's due soon, Jo's in date), Jo half way through the trauma-informed practice
 * course, a staff support service, and a reflection Jo shared with Tom as her supervisor, with
 * the supervision session they had. Written through the service as the people themselves, so
 * the journal entry and note are encrypted like any other.
 */
import type { AccountsService } from '../accounts/index.ts';
import { loadCourse } from './content.ts';
import { addDays, addMonths, londonDay } from './grid.ts';
import type { LearningService } from './service.ts';

/** The demo ids this seeder needs. */
export interface LearningDemoIds {
  people: { jo: string; dev: string; tom: string; priya: string };
}

/** The demo's force training course. */
export const DEMO_COURSE = 'Safe and therapeutic responses';

/** Adds the demo learning records. */
export async function seedLearningDemo(
  deps: { accounts: AccountsService; learning: LearningService; clock: () => Date },
  ids: LearningDemoIds,
): Promise<void> {
  const { accounts, learning } = deps;
  const as = async (id: string) => {
    const actor = await accounts.people.actorFor(id);
    return { actor, ctx: { actor: accounts.people.auditActor(actor), ip: null } };
  };
  const today = londonDay(deps.clock());
  const priya = await as(ids.people.priya);
  const { id: courseId } = await learning.records.addCourse(
    priya.actor,
    {
      name: DEMO_COURSE,
      provider: 'Riverside training team',
      topics: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k'],
      refresherMonths: 12,
    },
    priya.ctx,
  );
  await learning.support.addService(
    priya.actor,
    {
      name: 'Riverside staff wellbeing hub',
      offer: 'Confidential talks with a trained listener, and help after a hard shift.',
      contact: 'Phone 0100 000 0100, weekdays 8am to 8pm',
    },
    priya.ctx,
  );

  // Completed 13 months ago (overdue), 11 months and 2 weeks ago (due soon), 3 months ago.
  const done: [string, string][] = [
    [ids.people.dev, addMonths(today, -13)],
    [ids.people.tom, addDays(addMonths(today, -11), -14)],
    [ids.people.jo, addMonths(today, -3)],
  ];
  for (const [id, completedOn] of done) {
    const who = await as(id);
    await learning.records.addOwn(
      who.actor,
      { courseId, completedOn, evidence: 'Attended the two-day course' },
      who.ctx,
    );
  }

  // Jo has passed the first half of the course's sections.
  const jo = await as(ids.people.jo);
  const sections = loadCourse().sections;
  for (const section of sections.slice(0, Math.floor(sections.length / 2))) {
    const answers = Object.fromEntries(
      section.questions.map((q) => [q.id, String(q.options.findIndex((o) => o.right))]),
    );
    await learning.course.answer(jo.actor, section.id, answers, jo.ctx);
  }

  const entryId = await learning.journal.write(
    jo.actor,
    {
      prompt: 'force',
      happened:
        'We had to hold a young man in the lounge after he threw a chair. It lasted minutes.',
      felt: 'My hands shook afterwards. I felt I had let him down.',
      noticed: 'I went quiet and wanted to get off the ward.',
      keep: 'I would keep talking to him the way I did. Next time I would ask for space sooner.',
    },
    jo.ctx,
  );
  await learning.journal.share(jo.actor, entryId, ids.people.tom, jo.ctx);
  await learning.supervision.add(
    jo.actor,
    {
      heldOn: addDays(today, -10),
      supervisorId: ids.people.tom,
      attended: 'yes',
      note: 'We talked about the hold on Ward 3.',
    },
    jo.ctx,
  );
}
