/** Demo language rules for the demo organisation: two local rules and a local team name allowed. */
import type { AccountsService } from '../accounts/index.ts';
import type { LanguageService } from './service.ts';

/** Adds the demo organisation's own language rules, as its administrator would. */
export async function seedLanguageDemo(
  services: { accounts: AccountsService; language: LanguageService },
  ids: { people: { priya: string } },
): Promise<void> {
  const admin = await services.accounts.people.actorFor(ids.people.priya);
  const ctx = { actor: services.accounts.people.auditActor(admin), ip: null };
  await services.language.addRule(
    admin,
    {
      phrases: ['difficult to engage'],
      category: 'blame',
      severity: 'medium',
      reason:
        'Puts the difficulty on the person, when it may be that what we offer does not yet fit them.',
      alternatives: [
        'has not come to the last … appointments',
        'we have not yet found a way of working together that suits them',
      ],
    },
    ctx,
  );
  await services.language.addRule(
    admin,
    {
      phrases: ['high intensity user+'],
      category: 'dehumanising-label',
      severity: 'medium',
      reason:
        'Sums a person up by how often they come to us, and says nothing about what they need.',
      alternatives: [
        'has come to the emergency department … times since …',
        'is often in crisis and needs …',
      ],
    },
    ctx,
  );
  // A local team's name: the words are part of a name here, not a description of anyone.
  await services.language.addAllowedTerm(admin, { term: 'Challenging Behaviour Team' }, ctx);
}
