/**
 * Demo plans, made through the real service (so every step is audited as the person who would
 * have taken it): the action plan of a closed Ward 3 self-assessment round, co-signed by the
 * demo's lived-experience partner with one disagreement in their own words, and a Ward 3
 * restraint reduction plan with two goals.
 */
import type { Actor } from '../../lib/actor.ts';
import { addMonths, dayOf } from './days.ts';
import type { ImprovementForceFigures } from './deps.ts';
import type { ImprovementService } from './service.ts';

const system = { actor: null, ip: null };

/** What the demo seeders need. */
export interface ImprovementDemoDeps {
  improvement: ImprovementService;
  actorFor(accountId: string): Promise<Actor>;
  clock: () => Date;
}

/** The demo accounts the plans name. */
export interface ImprovementDemoIds {
  units: { ward3: string };
  people: { tom: string; jo: string; morgan: string };
}

const inDays = (clock: () => Date, days: number) =>
  dayOf(new Date(clock().getTime() + days * 86_400_000));

/**
 * Drafts the action plan of a closed round (call it only when the demo has one), with three
 * actions, a progress note, Morgan's co-sign and one disagreement. Returns the plan's id.
 */
export async function seedRoundPlanDemo(
  deps: ImprovementDemoDeps,
  ids: ImprovementDemoIds,
  roundId: string,
): Promise<string> {
  const { improvement, clock } = deps;
  const tom = await deps.actorFor(ids.people.tom);
  const morgan = await deps.actorFor(ids.people.morgan);
  const { id } = await improvement.plans.draft(
    tom,
    { subjectKind: 'assessment_round', subjectId: roundId },
    system,
  );
  const view = await improvement.page.view(tom, id);
  const link = (word: string) => view.links.find((l) => l.text.toLowerCase().includes(word))?.value;
  const measure = (word: string) =>
    view.measures.find(
      (m) => m.value.startsWith('principle:') && m.text.toLowerCase().includes(word),
    )?.value;
  const actionIds: string[] = [];
  for (const a of [
    {
      what: 'Ask each person at admission what helps them feel safe on the ward, and write it in their plan',
      owner: ids.people.jo,
      due: 60,
      word: 'safe',
    },
    {
      what: 'Offer a choice of key worker, and of the time of one-to-one sessions, to everyone on the ward',
      owner: ids.people.tom,
      due: 90,
      word: 'choice',
    },
    {
      what: 'Run a monthly ward meeting, chaired by a peer worker, where people say what should change',
      owner: ids.people.tom,
      due: 45,
      word: 'collaborat',
    },
  ]) {
    actionIds.push(
      await improvement.actions.add(
        tom,
        id,
        {
          what: a.what,
          ownerId: a.owner,
          dueOn: inDays(clock, a.due),
          linkKey: link(a.word),
          measure: measure(a.word),
        },
        system,
      ),
    );
  }
  await improvement.actions.progress(
    await deps.actorFor(ids.people.jo),
    id,
    actionIds[0] as string,
    {
      onDate: dayOf(clock()),
      note: 'Added a "what helps you feel safe" question to the admission checklist; tried with four admissions so far.',
    },
    system,
  );
  await improvement.reviews.say(
    morgan,
    id,
    { about: 'plan', kind: 'cosign', text: 'I was part of writing this and I co-sign it.' },
    system,
  );
  await improvement.reviews.say(
    morgan,
    id,
    {
      about: `action:${actionIds[2]}`,
      kind: 'disagree',
      text: 'Once a month is not enough. People are only on the ward a few weeks, so many would never get a say. I would like it every week, even if it is short.',
    },
    system,
  );
  return id;
}

/** Drafts the Ward 3 restraint reduction plan with two goals and one action. */
export async function seedImprovementDemo(
  deps: ImprovementDemoDeps & { forceFigures: ImprovementForceFigures },
  ids: ImprovementDemoIds & { organisationId: string },
): Promise<string> {
  const { improvement, clock } = deps;
  const tom = await deps.actorFor(ids.people.tom);
  const { id } = await improvement.plans.draft(
    tom,
    { subjectKind: 'ward_reduction', subjectId: ids.units.ward3 },
    system,
  );
  // The rate goal is 20% below the last year's rate on the register.
  const to = addMonths(dayOf(clock()).slice(0, 7), -1);
  const { months } = await deps.forceFigures.monthly(
    tom,
    { level: 'unit', organisationId: ids.organisationId, unitId: ids.units.ward3 },
    { from: addMonths(to, -11), to },
    'page',
  );
  const uses = months.reduce((s, m) => s + m.interventions, 0);
  const bedDays = months.reduce((s, m) => s + m.bedDays, 0);
  const rate = bedDays > 0 ? (uses / bedDays) * 1000 : 10;
  const nextDecember = `${Number(dayOf(clock()).slice(0, 4)) + 1}-12-31`;
  await improvement.goals.add(
    tom,
    id,
    {
      title: 'No face-down restraint on Ward 3',
      measure: 'prone',
      target: 0,
      targetOn: nextDecember,
    },
    system,
  );
  const rateGoal = await improvement.goals.add(
    tom,
    id,
    {
      title: 'Uses of force per 1,000 bed days down by a fifth by next December',
      measure: 'force_rate',
      target: Number((rate * 0.8).toFixed(1)),
      targetOn: nextDecember,
    },
    system,
  );
  await improvement.actions.add(
    tom,
    id,
    {
      what: 'Every member of staff does the de-escalation refresher before the end of March',
      ownerId: ids.people.tom,
      dueOn: inDays(clock, 120),
      linkKey: `goal:${rateGoal}`,
      measure: `goal:${rateGoal}`,
    },
    system,
  );
  await improvement.reviews.say(
    await deps.actorFor(ids.people.morgan),
    id,
    {
      about: `goal:${rateGoal}`,
      kind: 'comment',
      text: 'Please also ask people who were restrained what would have helped. The number going down is not the whole story.',
    },
    system,
  );
  return id;
}

/**
 * Both demo plans: the Ward 3 reduction plan, and the action plan of the latest closed Ward 3
 * round when the demo has one (run it after the self-assessment's demo seeder).
 */
export async function seedImprovementDemos(
  deps: ImprovementDemoDeps & {
    forceFigures: ImprovementForceFigures;
    closedRounds(actor: Actor): Promise<{ id: string; unitId: string | null; closesOn: string }[]>;
  },
  ids: ImprovementDemoIds & { organisationId: string },
): Promise<void> {
  await seedImprovementDemo(deps, ids);
  const tom = await deps.actorFor(ids.people.tom);
  const latest = (await deps.closedRounds(tom))
    .filter((r) => r.unitId === ids.units.ward3)
    .sort((a, b) => b.closesOn.localeCompare(a.closesOn))[0];
  if (latest) await seedRoundPlanDemo(deps, ids, latest.id);
}
