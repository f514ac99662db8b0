/**
 * Demo plans: Sam Taylor's plan, shared with Ward 3, with some history, an agreement and one
 * change suggested by Jo Bennett; and Alex Morgan's plan, kept private, due for review.
 */
import type { Actor } from '../accounts/index.ts';
import type { AuditActor } from '../audit/index.ts';
import type { PlansService } from './service.ts';

/** What the demo seeder needs. */
export interface PlansDemoServices {
  plans: PlansService;
  accounts: {
    people: { actorFor(id: string): Promise<Actor>; auditActor(actor: Actor): AuditActor };
  };
  clock: () => Date;
}

/** Demo ids the seeder uses. */
export interface PlansDemoIds {
  units: { ward3: string };
  people: { sam: string; alex: string; jo: string };
}

/** Adds the demo plans. */
export async function seedPlansDemo(services: PlansDemoServices, ids: PlansDemoIds): Promise<void> {
  const { plans, accounts } = services;
  const sam = await accounts.people.actorFor(ids.people.sam);
  const alex = await accounts.people.actorFor(ids.people.alex);
  const jo = await accounts.people.actorFor(ids.people.jo);
  const ctx = (actor: Actor) => ({ actor: accounts.people.auditActor(actor), ip: null });
  const inDays = (days: number) =>
    new Date(services.clock().getTime() + days * 86_400_000).toISOString().slice(0, 10);

  const samFirst = {
    wellText:
      'I like cooking for friends, walking by the river and listening to old soul records. I talk a lot and make jokes.',
    earlySignsText:
      'I stop answering messages and stay in my room. I stop eating properly. I might say I am fine when I am not.',
    helpsText:
      'Someone sitting with me quietly. A cup of tea. Being asked what I need rather than told.',
  };
  await plans.ownPlan.save(
    sam,
    { version: 0, content: { fields: samFirst, declined: [] }, reviewBy: null },
    ctx(sam),
  );
  const samSecond = {
    ...samFirst,
    worseStaff: ['raised_voices', 'being_touched', 'locked_doors'],
    worseText: 'People standing over me. Being talked about as if I am not there.',
    notHelpsText: 'Being told to calm down.',
    toneText: 'Speak slowly and quietly. Tell me what is happening and why.',
    staffGender: ['women'],
    languageText: 'English.',
    allergiesText: 'Penicillin (rash).',
    contactText: 'My sister, Leah: 07700 900123.',
    doNotContactText: 'My father. Please do not tell him where I am.',
    dependantsText: 'My cat, Biscuit. Leah has a key and will feed her.',
  };
  await plans.ownPlan.save(
    sam,
    { version: 1, content: { fields: samSecond, declined: [] }, reviewBy: inDays(90) },
    ctx(sam),
  );
  const samThird = {
    ...samSecond,
    medicationRoutes: ['tablet', 'liquid'],
    medicationText:
      'Lorazepam tablets have helped before. Please offer tablets or liquid first and give me time to decide. I do not want an injection unless there is truly no other way.',
    restraintPositionsToAvoid: ['face_down'],
    restraintText:
      'Never face-down: it brings back something that happened to me. If I have to be held, please have a woman talk to me the whole time and tell me what you are doing.',
    seclusionText:
      'Please do not leave me alone in a locked room. If it happens, check on me by talking to me, not just looking.',
    searchGender: ['same_gender'],
    observationText:
      'If I need to be watched, please sit with me and talk rather than stand in the doorway.',
  };
  await plans.ownPlan.save(
    sam,
    { version: 2, content: { fields: samThird, declined: ['story'] }, reviewBy: inDays(90) },
    ctx(sam),
  );
  await plans.sharing.update(
    sam,
    { unitIds: [ids.units.ward3], accountIds: [], privateSections: ['story', 'practical'] },
    ctx(sam),
  );
  await plans.agreements.record(
    jo,
    (await plans.ownPlan.get(sam))?.view.planId ?? null,
    {
      outcome: 'agreed',
      whoAgreed: 'Sam Taylor and Jo Bennett (named nurse)',
      personView: '',
      teamView: '',
    },
    ctx(jo),
  );
  const samPlan = await plans.ownPlan.get(sam);
  if (samPlan) {
    await plans.proposals.propose(
      jo,
      samPlan.view.planId,
      {
        content: {
          fields: {
            ...samThird,
            earlySignsText: `${samThird.earlySignsText} You also mentioned that you stop listening to music.`,
            communicationText: 'Sam finds it easier to write things down when talking is hard.',
          },
          declined: [],
        },
        note: 'From our talk on Tuesday: I have added two things you mentioned. Change anything you like.',
      },
      ctx(jo),
    );
  }

  await plans.ownPlan.save(
    alex,
    {
      version: 0,
      content: {
        fields: {
          wellText: 'I work at the bike shop and play five-a-side on Thursdays.',
          helpsText: 'Going for a walk with someone. Being given space to think.',
          staffGender: ['no_preference'],
          worseStaff: ['being_watched', 'crowding'],
          contactText: 'My partner, Sol.',
        },
        declined: ['story'],
      },
      reviewBy: inDays(0),
    },
    ctx(alex),
  );
}
