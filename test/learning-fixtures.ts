/** Learning records for tests: a journal entry, a supervision record, a staff support service. */
import type { Services } from '../src/app.ts';
import type { makeTeam } from './factories.ts';

type Team = Awaited<ReturnType<typeof makeTeam>>;
const ctx = { actor: null, ip: null };

/** A journal entry written by the team's practitioner. */
export async function makeJournalEntry(services: Services, team: Team): Promise<string> {
  const actor = await services.accounts.people.actorFor(team.practitioner.id);
  return services.learning.journal.write(
    actor,
    { prompt: 'any', happened: 'A long shift.', felt: '', noticed: '', keep: '' },
    ctx,
  );
}

/** A supervision session recorded by the team's practitioner, with the manager. */
export async function makeSupervision(services: Services, team: Team): Promise<string> {
  const actor = await services.accounts.people.actorFor(team.practitioner.id);
  return services.learning.supervision.add(
    actor,
    { heldOn: '2026-01-05', supervisorId: team.manager.id, attended: 'yes', note: '' },
    ctx,
  );
}

/** An entry in the team's staff support directory. */
export async function makeStaffService(services: Services, team: Team): Promise<string> {
  const actor = await services.accounts.people.actorFor(team.admin.id);
  return services.learning.support.addService(
    actor,
    { name: 'Staff listening service', offer: 'Someone to talk to.', contact: '0100 000 0000' },
    ctx,
  );
}

/** A suggestion from the team's partner for the first part of the course's first section. */
export async function makeTextProposal(services: Services, team: Team): Promise<string> {
  const actor = await services.accounts.people.actorFor(team.partner.id);
  const sectionId = services.learning.textProposals.sectionIds()[0]!;
  const { blocks } = await services.learning.textProposals.blocks(actor, sectionId);
  return services.learning.textProposals.propose(
    actor,
    sectionId,
    blocks[1]!.id,
    { text: `Suggested words ${Math.random()}`, why: '' },
    ctx,
  );
}
