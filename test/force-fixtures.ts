/**
 * Use-of-force records for tests: a typical valid record, and a helper that records one in a
 * team's ward through the real service.
 */
import type { Services } from '../src/app.ts';
import type { IncidentInput } from '../src/modules/force/validate.ts';

/** A team as makeTeam returns it (only what is needed here). */
interface TeamLike {
  unitId: string;
  practitioner: { id: string };
  person: { id: string };
}

/** A typical record, starting `minutesAgo` before `now`. */
export function typicalIncident(
  team: { unitId: string; person: { id: string } },
  now: Date,
  overrides: Partial<IncidentInput> = {},
  minutesAgo = 60,
): IncidentInput {
  const start = new Date(now.getTime() - minutesAgo * 60_000).toISOString();
  const end = new Date(now.getTime() - (minutesAgo - 10) * 60_000).toISOString();
  return {
    personId: team.person.id,
    unitId: team.unitId,
    startAt: start,
    endAt: null,
    place: 'Lounge',
    reasonCode: '10',
    reasonNarrative: 'The person was very frightened after a phone call and threw a chair.',
    howForceUsed: 'Two staff used a standing hold and talked with them.',
    inCarePlan: false,
    outcome: 'They settled after ten minutes.',
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
    planKnown: 'no_plan',
    planFollowed: null,
    planNotFollowedReason: '',
    accountOffered: true,
    interventions: [
      {
        typeCode: '07',
        startAt: start,
        endAt: end,
        positionNote: '',
        medication: '',
        staff: [
          { name: 'Jo Bennett', jobTitle: 'Staff nurse', roleCode: 'lead' },
          { name: 'Chris Doyle', jobTitle: 'Healthcare assistant', roleCode: 'arms' },
        ],
      },
    ],
    ...overrides,
  };
}

/** Records a typical incident in the team's ward as its practitioner; returns its id. */
export async function recordTeamIncident(services: Services, team: TeamLike): Promise<string> {
  const actor = await services.accounts.people.actorFor(team.practitioner.id);
  // A plan may or may not be shared with the ward; answers about it are ignored when there is none.
  const input = typicalIncident(team, services.clock(), { planKnown: 'yes', planFollowed: 'yes' });
  return services.force.incidents.record(actor, input, {
    actor: null,
    ip: null,
  });
}

/** Records an incident and returns the id of its first review task. */
export async function makeTeamReview(services: Services, team: TeamLike): Promise<string> {
  const id = await recordTeamIncident(services, team);
  const actor = await services.accounts.people.actorFor(team.practitioner.id);
  const reviews = await services.force.reviews.open(actor, 500);
  return reviews.find((r) => r.incident_id === id)!.id;
}

/** What a client needs to walk the recording form (the test Agent fits). */
interface FormClient {
  get(url: string): Promise<{ status: number; body: string; headers: Record<string, unknown> }>;
  post(
    url: string,
    form: Record<string, string | string[]>,
  ): Promise<{ status: number; body: string; headers: Record<string, unknown> }>;
}

/**
 * Records a use of force through the form's three pages and its review page, sending `values`
 * on each page (each page keeps only its own fields). Throws, with the page's text, when a step
 * does not move on. Returns the draft's id and the final save's response.
 */
export async function recordThroughPages(
  client: FormClient,
  personId: string,
  values: Record<string, string | string[]>,
) {
  const fail = (step: string, res: { status: number; body: string }) =>
    new Error(
      `${step}: ${res.status} ${res.body
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .slice(0, 600)}`,
    );
  await client.get(`/force/incidents/new?personId=${personId}`);
  const first = await client.post('/force/incidents', { personId, ...values, action: 'continue' });
  const draftId = /\/force\/incidents\/drafts\/([^/]+)\/page-2$/.exec(
    String(first.headers.location ?? ''),
  )?.[1];
  if (first.status !== 303 || !draftId) throw fail('page 1', first);
  for (const page of [2, 3]) {
    const url = `/force/incidents/drafts/${draftId}/page-${page}`;
    await client.get(url);
    const res = await client.post(url, { ...values, action: 'continue' });
    if (res.status !== 303) throw fail(`page ${page}`, res);
  }
  const reviewUrl = `/force/incidents/drafts/${draftId}/review`;
  const review = await client.get(reviewUrl);
  if (review.status !== 200) throw fail('review', review);
  const token = /name="_form" value="([^"]+)"/.exec(review.body)?.[1] ?? '';
  const saved = await client.post(reviewUrl, { _form: token });
  return { draftId, review, saved, token, reviewUrl };
}

/** Starts a record kept as a draft by the team's practitioner; returns the draft's id. */
export async function makeTeamDraft(services: Services, team: TeamLike): Promise<string> {
  const actor = await services.accounts.people.actorFor(team.practitioner.id);
  return services.force.drafts.save(
    actor,
    null,
    { personId: team.person.id, unitId: team.unitId, reasonNarrative: 'Started, not finished.' },
    { actor: null, ip: null },
    'page-1',
  );
}
