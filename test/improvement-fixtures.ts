/** Improvement plans made through the real services, for the access-control tables. */
import type { Services } from '../src/app.ts';
import type { makeTeam } from './factories.ts';
import { ctxOf } from './plans-fixtures.ts';

type Team = Awaited<ReturnType<typeof makeTeam>>;

/** Drafts (once per team) the restraint reduction plan of the team's ward; returns its id. */
export async function makeImprovementPlan(services: Services, team: Team): Promise<string> {
  const manager = await services.accounts.people.actorFor(team.manager.id);
  const { id } = await services.improvement.plans.draft(
    manager,
    { subjectKind: 'ward_reduction', subjectId: team.unitId },
    ctxOf(services, manager),
  );
  return id;
}

/** Adds an action, owned by the team's practitioner, to the team's plan; returns its id. */
export async function makeImprovementAction(services: Services, team: Team): Promise<string> {
  const manager = await services.accounts.people.actorFor(team.manager.id);
  const planId = await makeImprovementPlan(services, team);
  const dueOn = new Date(services.clock().getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
  return services.improvement.actions.add(
    manager,
    planId,
    { what: 'Fixture action', ownerId: team.practitioner.id, dueOn },
    ctxOf(services, manager),
  );
}

/** Adds a goal to the team's reduction plan; returns its id. */
export async function makeImprovementGoal(services: Services, team: Team): Promise<string> {
  const manager = await services.accounts.people.actorFor(team.manager.id);
  const planId = await makeImprovementPlan(services, team);
  const targetOn = new Date(services.clock().getTime() + 300 * 86_400_000)
    .toISOString()
    .slice(0, 10);
  return services.improvement.goals.add(
    manager,
    planId,
    { title: 'Fixture goal', measure: 'prone', target: 0, targetOn },
    ctxOf(services, manager),
  );
}
