/**
 * Demo records: a year of use-of-force incidents across the demo wards, with characteristics,
 * bed days and people on each ward, some accounts given by the people themselves, one record
 * where a person's stated choices were not followed, and some reviews left overdue.
 * Everything is invented.
 */
import { randomBytes } from 'node:crypto';
import type { AccountsService, Actor } from '../accounts/index.ts';
import { hashPassword } from '../accounts/index.ts';
import { DAY, HOUR, MINUTE } from '../../lib/clock.ts';
import { dimensions } from './codes.ts';
import { seededRandom } from './generate.ts';
import type { ForceService } from './service.ts';
import { periodOf, shiftPeriod } from './time.ts';
import type { IncidentInput } from './validate.ts';
import { must } from './must.ts';

/** What the seeder needs. */
export interface ForceDemoServices {
  accounts: AccountsService;
  force: ForceService;
  clock: () => Date;
}

/** The demo ids it uses. */
export interface ForceDemoIds {
  organisationId: string;
  units: { ward3: string; willow: string };
  people: { sam: string; jo: string; dev: string; tom: string; priya: string };
}

const EXTRA_PEOPLE: {
  name: string;
  unit: 'ward3' | 'willow';
  ethnic: string[];
  sex: string;
  dob: string | null;
  disability: string;
  ld: string;
}[] = [
  {
    name: 'Kemi Adeyemi',
    unit: 'ward3',
    ethnic: ['N'],
    sex: 'female',
    dob: '1998-03-14',
    disability: 'no',
    ld: 'no',
  },
  {
    name: 'Liam Walsh',
    unit: 'ward3',
    ethnic: ['B'],
    sex: 'male',
    dob: '1985-11-02',
    disability: 'yes',
    ld: 'no',
  },
  {
    name: 'Aisha Rahman',
    unit: 'ward3',
    ethnic: ['K'],
    sex: 'female',
    dob: '2001-07-30',
    disability: 'not_stated',
    ld: 'not_stated',
  },
  {
    name: 'Marcus Green',
    unit: 'willow',
    ethnic: ['M'],
    sex: 'male',
    dob: '1992-01-19',
    disability: 'no',
    ld: 'yes',
  },
  {
    name: 'Ellie Brooks',
    unit: 'willow',
    ethnic: ['A', 'M'],
    sex: 'other',
    dob: '2004-05-05',
    disability: 'yes',
    ld: 'yes',
  },
  {
    name: 'Peter Novak',
    unit: 'willow',
    ethnic: ['C'],
    sex: 'male',
    dob: '1970-09-23',
    disability: 'no',
    ld: 'no',
  },
  {
    name: 'Grace Lin',
    unit: 'willow',
    ethnic: ['Z'],
    sex: 'not_stated',
    dob: null,
    disability: 'not_stated',
    ld: 'no',
  },
];

const STORIES: {
  reason: string;
  narrative: string;
  how: string;
  outcome: string;
  types: [string, number][];
}[] = [
  {
    reason: '10',
    narrative:
      'After a phone call with family the person became very distressed and threw a chair towards another person in the lounge.',
    how: 'Two staff guided the person to the quiet room with a standing hold, talking with them throughout.',
    outcome: 'The person settled within twenty minutes and later talked with their named nurse.',
    types: [
      ['07', 6],
      ['08', 4],
    ],
  },
  {
    reason: '11',
    narrative: 'The person was trying to hurt themselves with a ligature in their bedroom.',
    how: 'Staff held the person seated on the bed while the ligature was removed.',
    outcome: 'No injury. The person asked for their sister to be called, and she was.',
    types: [['11', 5]],
  },
  {
    reason: '13',
    narrative:
      'Prescribed depot medication was overdue and the person did not want it; the team had agreed it was needed.',
    how: 'The person was held supine for the injection, with a nurse at their head talking to them.',
    outcome: 'The person was upset afterwards and was offered time with their advocate.',
    types: [
      ['09', 8],
      ['15', 2],
    ],
  },
  {
    reason: '17',
    narrative: 'The person was frightened by voices and pushed staff at the nursing station.',
    how: 'Staff used a side hold on the floor, then rapid tranquillisation was given, then seclusion.',
    outcome:
      'Seclusion ended after the person had slept. Physical observations were taken every 15 minutes.',
    types: [
      ['10', 7],
      ['14', 2],
      ['05', 240],
    ],
  },
];

/** Calm-down answers for a demo record: mostly offered first; some not possible or skipped. */
function calmDownAnswers(rand: () => number): IncidentInput['calmDown'] {
  const a = rand();
  const offered = a < 0.55 ? 'yes' : a < 0.72 ? 'not_possible' : a < 0.9 ? 'no' : null;
  const b = rand();
  return {
    offered,
    methods: offered === 'yes' ? (b < 0.5 ? ['talking', 'quiet_space'] : ['own_plan']) : [],
    othersReassured: b < 0.65 ? 'yes' : b < 0.92 ? 'not_needed' : null,
  };
}

/** Themes for the k-th Ward 3 review: communication and triggers often, the rest now and then. */
function themesFor(k: number): string[] {
  return [
    ...(k % 2 === 0 ? ['communication'] : []),
    ...(k % 3 === 0 ? ['triggers'] : []),
    ...(k % 7 === 1 ? ['environment'] : []),
    ...(k % 9 === 4 ? ['staffing'] : []),
    ...(k === 5 ? ['waiting'] : []),
  ];
}

/** What two people said could have been done differently, written down by someone they chose. */
const LEARNING_WORDS = [
  'If someone had asked me what was wrong before it got that far, I think I could have calmed down in my room. Loud voices make it worse for me.',
  'I wanted to phone my sister first. Next time, please let me use the phone and give me a few minutes on my own.',
];

/** Staff's themes on Ward 3's reviewed records; two people's own words, written down by Jo. */
async function seedLearning(
  force: ForceService,
  jo: Actor,
  records: string[],
  context: { actor: ReturnType<AccountsService['people']['auditActor']>; ip: null },
): Promise<void> {
  for (const [k, id] of records.entries()) {
    const words = k === 2 || k === 7 ? must(LEARNING_WORDS[k === 2 ? 0 : 1]) : '';
    const themes = themesFor(k);
    if (!words && !themes.length) continue;
    await force.learning.save(jo, id, { words, recorderRole: 'chosen_staff', themes }, context);
  }
}

/** Adds the demo register. */
export async function seedForceDemo(services: ForceDemoServices, ids: ForceDemoIds): Promise<void> {
  const { accounts, force } = services;
  const rand = seededRandom(42);
  const ctx = (actor: Actor) => ({ actor: accounts.people.auditActor(actor), ip: null });
  const jo = await accounts.people.actorFor(ids.people.jo);
  const dev = await accounts.people.actorFor(ids.people.dev);
  const tom = await accounts.people.actorFor(ids.people.tom);
  const priya = await accounts.people.actorFor(ids.people.priya);
  const hash = await hashPassword(randomBytes(24).toString('base64url'));
  const people: { id: string; unit: 'ward3' | 'willow' }[] = [
    { id: ids.people.sam, unit: 'ward3' },
  ];
  await force.characteristics.save(
    jo,
    ids.people.sam,
    {
      nhsNumber: '9434765919',
      ethnicCodes: ['A'],
      sex: 'female',
      dateOfBirth: '1996-02-11',
      disability: 'no',
      ldAutism: 'no',
      mentalDisorder: 'F33 Recurrent depressive disorder',
      legalStatus: 'Section 3',
    },
    ctx(jo),
  );
  for (const p of EXTRA_PEOPLE) {
    const slug = p.name.toLowerCase().replace(/\W+/g, '.');
    const { id } = await accounts.provisioning.provisionAccount({
      organisationId: ids.organisationId,
      email: `${slug}@demo.hearth.test`,
      displayName: p.name,
      role: 'service_user',
      password: '',
      passwordHash: hash,
      unitIds: [ids.units[p.unit]],
    });
    people.push({ id, unit: p.unit });
    await force.characteristics.save(
      priya,
      id,
      {
        nhsNumber: null,
        ethnicCodes: p.ethnic,
        sex: p.sex,
        dateOfBirth: p.dob,
        disability: p.disability,
        ldAutism: p.ld,
        mentalDisorder: null,
        legalStatus: 'Section 2',
      },
      ctx(priya),
    );
  }

  // Denominators: bed days for the last 13 months and people on each ward per year.
  const now = services.clock();
  const current = periodOf(now.toISOString());
  const bedDays: { unitId: string; period: string; occupiedBedDays: number }[] = [];
  for (let m = -12; m <= 0; m++) {
    const period = shiftPeriod(current, m);
    bedDays.push({
      unitId: ids.units.ward3,
      period,
      occupiedBedDays: 500 + Math.floor(rand() * 40),
    });
    bedDays.push({
      unitId: ids.units.willow,
      period,
      occupiedBedDays: 420 + Math.floor(rand() * 40),
    });
  }
  await force.denominators.saveBedDays(priya, ids.organisationId, bedDays, ctx(priya));
  const population: {
    unitId: string;
    year: string;
    dimension: string;
    groupCode: string;
    people: number;
  }[] = [];
  const mix: Record<string, Record<string, number>> = {
    ethnicity: { white: 70, black: 14, asian: 9, mixed: 4, other: 2, multiple: 1, not_stated: 5 },
    sex: { male: 60, female: 40, other: 2, not_stated: 3 },
    age_band: {
      under_18: 0,
      '18_24': 20,
      '25_34': 30,
      '35_44': 20,
      '45_64': 25,
      '65_plus': 5,
      not_stated: 5,
    },
    disability: { yes: 25, no: 65, not_stated: 15 },
    ld_autism: { yes: 8, no: 85, not_stated: 12 },
  };
  for (const year of [...new Set(bedDays.map((b) => b.period.slice(0, 4)))]) {
    for (const unitId of [ids.units.ward3, ids.units.willow]) {
      for (const d of dimensions) {
        for (const g of d.groups)
          population.push({
            unitId,
            year,
            dimension: d.code,
            groupCode: g.code,
            people: mix[d.code]?.[g.code] ?? 0,
          });
      }
    }
  }
  await force.denominators.savePopulation(priya, ids.organisationId, population, ctx(priya));

  // About 45 incidents over the past year.
  const recorded: { id: string; personId: string; at: number }[] = [];
  // A generator of its own, so the calm-down answers leave the rest of the demo as it was.
  const calmRand = seededRandom(11);
  const ward3Records: string[] = [];
  let notFollowedDone = false;
  for (let n = 0; n < 45; n++) {
    const person = must(n === 44 ? people[0] : people[Math.floor(rand() * people.length)]);
    const actor = person.unit === 'ward3' ? jo : dev;
    const story = must(STORIES[Math.floor(rand() * STORIES.length)]);
    const daysAgo = n === 44 ? 1 : Math.max(2, Math.floor(((44 - n) / 44) * 360 + rand() * 4));
    const start = new Date(now.getTime() - daysAgo * DAY - Math.floor(rand() * 10) * HOUR);
    start.setUTCSeconds(0, 0);
    let cursor = start.getTime();
    const interventions = story.types.map(([typeCode, minutes]) => {
      const from = cursor;
      cursor += Math.max(1, Math.round(minutes * (0.6 + rand()))) * MINUTE;
      return {
        typeCode,
        startAt: new Date(from).toISOString(),
        endAt: new Date(cursor).toISOString(),
        positionNote: '',
        medication: typeCode === '14' || typeCode === '15' ? 'Lorazepam 2 mg intramuscular' : '',
        staff: [
          { name: actor.displayName, jobTitle: 'Staff nurse', roleCode: 'lead' },
          {
            name: 'Chris Doyle',
            jobTitle: 'Healthcare assistant',
            roleCode: typeCode.startsWith('1') && Number(typeCode) >= 14 ? 'observer' : 'arms',
          },
        ],
      };
    });
    const notFollowed = !notFollowedDone && n >= 30 && person.id === ids.people.sam;
    if (notFollowed) notFollowedDone = true;
    const input: IncidentInput = {
      personId: person.id,
      unitId: ids.units[person.unit],
      startAt: start.toISOString(),
      endAt: null,
      place: rand() < 0.5 ? 'Lounge' : 'Bedroom corridor',
      reasonCode: story.reason,
      reasonNarrative: story.narrative,
      howForceUsed: story.how,
      inCarePlan: rand() < 0.2,
      outcome: story.outcome,
      harm: 'none',
      injuryPerson: rand() < 0.1,
      injuryStaff: rand() < 0.08,
      injuryOther: false,
      avoidanceCodes: [
        'deescalation',
        ...(rand() < 0.5 ? ['space'] : []),
        ...(rand() < 0.3 ? ['prn_offered'] : []),
      ],
      avoidanceNarrative: '',
      notification: rand() < 0.8 ? 'sent' : 'none_named',
      nonStaff: rand() < 0.05 ? 'security' : 'none',
      nonStaffReason: 'Security staff were asked to help keep other people safe in the lounge.',
      policeRequestedAt: null,
      policeArrivedAt: null,
      bodyWornCamera: '',
      planKnown: 'yes',
      planFollowed: notFollowed ? 'no' : 'yes',
      planNotFollowedReason: notFollowed
        ? 'Sam asked for women staff only, but only male staff were on shift at the time and the risk was immediate.'
        : '',
      accountOffered: rand() < 0.9,
      interventions,
      calmDown: calmDownAnswers(calmRand),
    };
    const id = await force.incidents.record(actor, input, ctx(actor));
    recorded.push({ id, personId: person.id, at: start.getTime() });
    if (person.unit === 'ward3') ward3Records.push(id);
  }

  // More on Ward 3 after Safewards started, so some months have enough calm-down answers to share.
  const older: string[] = [];
  const ward3People = people.filter((p) => p.unit === 'ward3');
  for (const [k, extra] of [
    [9, 5],
    [8, 4],
    [7, 4],
    [6, 3],
  ] as const) {
    for (let j = 0; j < extra; j++) {
      const person = must(ward3People[(k + j) % ward3People.length]);
      const story = must(STORIES[(k + j) % STORIES.length]);
      const start = new Date(now.getTime() - (k * 30 - 3 - j * 5) * DAY - (j + 1) * HOUR);
      start.setUTCSeconds(0, 0);
      const first = must(story.types[0]);
      const end = new Date(start.getTime() + first[1] * MINUTE).toISOString();
      const input: IncidentInput = {
        personId: person.id,
        unitId: ids.units.ward3,
        startAt: start.toISOString(),
        endAt: null,
        place: 'Lounge',
        reasonCode: story.reason,
        reasonNarrative: story.narrative,
        howForceUsed: story.how,
        inCarePlan: false,
        outcome: story.outcome,
        harm: 'none',
        injuryPerson: false,
        injuryStaff: false,
        injuryOther: false,
        avoidanceCodes: ['deescalation', 'space'],
        avoidanceNarrative: '',
        notification: 'sent',
        nonStaff: 'none',
        nonStaffReason: '',
        policeRequestedAt: null,
        policeArrivedAt: null,
        bodyWornCamera: '',
        planKnown: 'yes',
        planFollowed: 'yes',
        planNotFollowedReason: '',
        accountOffered: true,
        interventions: [
          {
            typeCode: first[0],
            startAt: start.toISOString(),
            endAt: end,
            positionNote: '',
            medication: '',
            staff: [{ name: jo.displayName, jobTitle: 'Staff nurse', roleCode: 'lead' }],
          },
        ],
        calmDown: calmDownAnswers(calmRand),
      };
      const id = await force.incidents.record(jo, input, ctx(jo));
      older.push(id);
      ward3Records.push(id);
    }
  }

  // People's own accounts for some incidents (never Sam's latest, so Sam can try it).
  for (const r of recorded.slice(0, -1)) {
    if (rand() < 0.4) {
      const person = await accounts.people.actorFor(r.personId);
      const given = rand() < 0.75;
      await force.personAccount.write(
        person,
        r.id,
        given
          ? {
              kind: 'account',
              status: 'given',
              body: 'I was scared and nobody explained what was going to happen. It would have helped if someone I knew had talked to me first.',
            }
          : { kind: 'account', status: 'declined', body: '' },
        ctx(person),
      );
    }
  }

  const reviewed = new Set([...older, ...recorded.slice(0, -4).map((r) => r.id)]);
  await seedLearning(
    force,
    jo,
    ward3Records.filter((r) => reviewed.has(r)),
    ctx(jo),
  );

  // Reviews for older incidents are done; the most recent ones are left, so some are overdue.
  for (const r of [...older.map((id) => ({ id })), ...recorded.slice(0, -4)]) {
    for (const actor of [tom, priya]) {
      const reviews = (await force.reviews.open(actor, 500)).filter((x) => x.incident_id === r.id);
      for (const review of reviews) {
        await force.reviews.complete(
          actor,
          r.id,
          review.id,
          {
            notes:
              review.kind === 'rt_observations'
                ? 'Pulse 84, blood pressure 122/78, breathing 16 a minute, temperature 36.8. Drinking water, awake and talking. No side effects seen.'
                : 'Talked through what happened and what could be done differently next time.',
            supportOffered: review.kind === 'staff_debrief' ? true : null,
          },
          ctx(actor),
        );
      }
      if (reviews.length) break;
    }
  }
}
