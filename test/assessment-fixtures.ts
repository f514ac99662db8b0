/** Self-assessment rounds made through the real services, for the access-control tables. */
import type { Services } from '../src/app.ts';
import type { makeTeam } from './factories.ts';
import { ctxOf } from './plans-fixtures.ts';
import { loadInstrument } from '../src/modules/assessment/index.ts';
import { newId } from '../src/lib/tokens.ts';

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

/** A local statement added (once per team) by its administrator (issue 12 item 1); its id. */
export async function makeLocalItem(services: Services, team: Team): Promise<string> {
  const actor = await services.accounts.people.actorFor(team.admin.id);
  const { sections } = await services.assessment.wording.statements(actor);
  const existing = sections.flatMap((s) => s.items).find((i) => i.local);
  if (existing) return existing.id;
  return services.assessment.wording.addLocal(
    actor,
    {
      sectionId: loadInstrument().sections[0]?.id ?? '',
      text: 'Staff here explain the ward rules kindly',
      staffOnly: false,
    },
    { actor: null, ip: null },
  );
}

/** New wording for a local statement, suggested by the team's partner; returns its id. */
export async function makeWordingProposal(services: Services, team: Team): Promise<string> {
  const itemId = await makeLocalItem(services, team);
  const actor = await services.accounts.people.actorFor(team.partner.id);
  return services.assessment.wording.propose(
    actor,
    itemId,
    { text: `Staff explain the ward rules kindly ${Math.random()}`, why: '' },
    { actor: null, ip: null },
  );
}

/**
 * A closed round for a team's ward, closing `closesIn` days from the clock's today, where 5 staff
 * rate the three safety statements `staff` and 5 people who use the service rate them `people`.
 */
export async function makeClosedRound(
  services: Services,
  team: Team,
  closesIn: number,
  staff: string,
  people: string,
): Promise<string> {
  const admin = await services.accounts.people.actorFor(team.admin.id);
  const closesOn = new Date(services.clock().getTime() + closesIn * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const { id } = await services.assessment.rounds.open(
    admin,
    { unitId: team.unitId, title: `Round closing in ${closesIn}`, closesOn },
    ctxOf(services, admin),
  );
  const answers = (v: string) =>
    JSON.stringify({ 'safety.calm': v, 'safety.who-to-go-to': v, 'safety.acted-on': v });
  await services.db
    .insertInto('assessment_responses')
    .values(
      [...Array(5).fill(['staff', staff]), ...Array(5).fill(['people', people])].map(
        ([group, v]: string[]) => ({
          organisation_id: team.organisationId,
          round_id: id,
          id: newId(),
          respondent_group: group as string,
          answers: answers(v as string),
          barriers: '[]',
          comment: null,
        }),
      ),
    )
    .execute();
  await services.assessment.rounds.close(admin, id, ctxOf(services, admin));
  return id;
}
