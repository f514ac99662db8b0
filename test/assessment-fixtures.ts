/** Self-assessment rounds made through the real services, for the access-control tables. */
import type { Services } from '../src/app.ts';
import type { makeTeam } from './factories.ts';
import { ctxOf } from './plans-fixtures.ts';

type Team = Awaited<ReturnType<typeof makeTeam>>;

/** Opens (once per team) a round for the team's ward, closing in 30 days; returns its id. */
export async function makeOpenRound(services: Services, team: Team): Promise<string> {
  const admin = await services.accounts.people.actorFor(team.admin.id);
  const existing = await services.assessment.rounds.listForManager(admin);
  const open = existing.rounds.find((r) => !r.closed);
  if (open) return open.id;
  const closesOn = new Date(services.clock().getTime() + 30 * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const { id } = await services.assessment.rounds.open(
    admin,
    { unitId: team.unitId, title: '', closesOn },
    ctxOf(services, admin),
  );
  return id;
}
