/**
 * Enquiry records made through the real services, for the access-control table and enquiry
 * tests: people, open conversations, recorded disclosures, referrals, next steps, directory
 * entries and reflections, all in a given team's organisation.
 */
import type { Services } from '../src/app.ts';
import { walkEnquiry } from '../src/modules/enquiry/walk.ts';
import type { WalkPlan } from '../src/modules/enquiry/walk.ts';
import { makeAccount } from './factories.ts';
import type { makeTeam } from './factories.ts';

type Team = Awaited<ReturnType<typeof makeTeam>>;

/** A new person in the team's ward, on the team practitioner's caseload. */
export async function makeEnquiryPerson(services: Services, team: Team, displayName?: string) {
  return makeAccount(services, {
    organisationId: team.organisationId,
    role: 'service_user',
    unitIds: [team.unitId],
    practitionerIds: [team.practitioner.id],
    displayName,
  });
}

/** The team practitioner's open conversation with the team's person (made once). */
export async function ensureTeamEnquiry(services: Services, team: Team): Promise<string> {
  const actor = await services.accounts.people.actorFor(team.practitioner.id);
  return services.enquiry.conversation.start(actor, team.person.id, {
    actor: services.accounts.people.auditActor(actor),
    ip: null,
  });
}

/** A finished conversation with a new person, with a recorded disclosure. */
export async function makeDisclosure(
  services: Services,
  team: Team,
  plan: Partial<WalkPlan> = {},
): Promise<{ personId: string; personEmail: string; enquiryId: string; disclosureId: string }> {
  const person = await makeEnquiryPerson(services, team);
  const actor = await services.accounts.people.actorFor(team.practitioner.id);
  const today = services.clock().toISOString().slice(0, 10);
  const result = await walkEnquiry(services, actor, person.id, {
    choice: 'now',
    answers: { 'child-hurt': 'yes' },
    words: 'Told me about hard times growing up.',
    followUpOn: today,
    ...plan,
  });
  if (!result.disclosureId) throw new Error('expected a disclosure');
  return {
    personId: person.id,
    personEmail: person.email,
    enquiryId: result.enquiryId,
    disclosureId: result.disclosureId,
  };
}

/** A directory entry in the team's organisation. */
export async function makeSupportService(services: Services, team: Team): Promise<string> {
  const admin = await services.accounts.people.actorFor(team.admin.id);
  return services.enquiry.supportServices.save(
    admin,
    null,
    {
      name: `Fixture service ${Math.random()}`,
      kind: 'trauma_specific',
      offer: 'Talking therapy',
      forWhom: 'Adults',
      howToRefer: 'Referral form',
      selfReferral: 'no',
      languages: 'English',
      contact: '0300 000 0000',
      active: 'yes',
    },
    { actor: null, ip: null },
  );
}

/** A referral (waiting) made after a disclosure. */
export async function makeReferral(services: Services, team: Team): Promise<string> {
  const { enquiryId } = await makeDisclosure(services, team);
  const serviceId = await makeSupportService(services, team);
  const actor = await services.accounts.people.actorFor(team.practitioner.id);
  return services.enquiry.referrals.add(
    actor,
    enquiryId,
    { serviceId, kind: 'referred', agreed: 'yes', note: undefined },
    { actor: null, ip: null },
  );
}

/** A safety next step for the team practitioner. */
export async function makeSafetyTask(services: Services, team: Team): Promise<string> {
  const { enquiryId } = await makeDisclosure(services, team, { safety: { others: 'yes' } });
  const actor = await services.accounts.people.actorFor(team.practitioner.id);
  const task = (await services.enquiry.nextSteps.list(actor)).find(
    (t) => t.enquiryId === enquiryId && t.kind === 'safety',
  );
  if (!task) throw new Error('expected a safety next step');
  return task.id;
}

/** A saved reflection belonging to the team's person. */
export async function makeReflection(services: Services, team: Team): Promise<string> {
  const person = await services.accounts.people.actorFor(team.person.id);
  const id = await services.enquiry.reflections.save(
    person,
    {
      way: 'alone',
      action: 'save',
      happened: 'Things were hard at home.',
      affected: undefined,
      sense: undefined,
      survive: undefined,
      strengths: undefined,
      story: undefined,
    },
    { actor: null, ip: null },
  );
  if (!id) throw new Error('expected a saved reflection');
  return id;
}
