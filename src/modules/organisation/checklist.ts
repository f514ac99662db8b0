/**
 * The set-up checklist on an organisation administrator's home page: a list of steps, each with
 * a "done?" function. Set-up gives the steps it can judge itself (units, first staff invited, a
 * lived-experience partner invited); the composition root (src/app.ts) places them among the
 * steps other modules judge (support services, crisis numbers, language rules).
 */
import type { Actor } from '../accounts/index.ts';
import { AppError } from '../../lib/app-error.ts';
import type { Db } from '../../db/index.ts';
import type { SetupStep } from './deps.ts';
import { assignableRoles, mayOrganisation, partnerRole } from './policy.ts';
import type { OrganisationStore } from './store.ts';

/** The steps set-up judges itself, for the composition root to order with the others. */
export function createSetupSteps(deps: { db: Db; store: OrganisationStore }) {
  const { db, store } = deps;
  const counts = (actor: Actor) => store.countPeopleByRole(db, actor.organisationId);
  return {
    units: {
      id: 'units',
      title: 'Add your wards and community teams',
      hint: 'Staff and people join a unit, and figures are counted by unit.',
      href: '/admin/units',
      done: async (actor: Actor) =>
        (await store.listUnits(db, actor.organisationId)).some((u) => u.closed_at === null),
    },
    firstStaff: {
      id: 'staff',
      title: 'Invite your first staff',
      hint: 'One at a time, or a whole staff list from your electronic staff record.',
      href: '/admin/staff',
      done: async (actor: Actor) => {
        const { accounts, invitations } = await counts(actor);
        const staff = (m: Map<string, number>) =>
          assignableRoles.reduce((n, r) => n + (m.get(r) ?? 0), 0);
        // The administrator's own account is one; anyone else, or any invitation sent, counts.
        return staff(accounts) > 1 || staff(invitations) > 0;
      },
    },
    partner: {
      id: 'partner',
      title: 'Invite a lived-experience partner',
      hint: 'Someone with lived experience who helps you shape and review how Hearth is used.',
      href: '/invitations/new',
      done: async (actor: Actor) => {
        const { accounts, invitations } = await counts(actor);
        return (accounts.get(partnerRole) ?? 0) + (invitations.get(partnerRole) ?? 0) > 0;
      },
    },
  } satisfies Record<string, SetupStep>;
}

/** Creates the checklist over the composed steps. */
export function createChecklist(steps: readonly SetupStep[]) {
  return {
    /** Each step and whether it is done, for the administrator's home page. */
    async forActor(actor: Actor) {
      if (!mayOrganisation(actor, { kind: 'set-up' })) throw AppError.notFound();
      const items = [];
      for (const step of steps) {
        items.push({
          id: step.id,
          title: step.title,
          hint: step.hint,
          href: step.href,
          done: await step.done(actor),
        });
      }
      return { items, done: items.filter((i) => i.done).length, total: items.length };
    },

    /** The home panel's data: the checklist for an administrator, nothing for anyone else. */
    async panel(actor: Actor) {
      if (!mayOrganisation(actor, { kind: 'set-up' })) return null;
      return this.forActor(actor);
    },
  };
}
