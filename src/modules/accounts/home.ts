/** The signed-in person's home page: what it shows depends on their role, decided by the policy. */
import type { PersonSummary } from './internals.ts';
import type { Invitations, InvitationSummary } from './invitations.ts';
import type { People } from './people.ts';
import type { Actor } from './policy.ts';
import { homePageOf, seesWholeOrganisation } from './policy.ts';
import type { UnitsTable } from './tables.ts';

/** Everything a home page shows, ready for its template. */
export type HomePage =
  | {
      kind: 'person';
      practitioners: { displayName: string }[];
      units: UnitsTable[];
    }
  | {
      kind: 'staff';
      units: UnitsTable[];
      people: PersonSummary[];
      /** Which list of people this is: a caseload, a unit's, or the whole organisation's. */
      peopleScope: 'caseload' | 'units' | 'organisation';
      invitations?: InvitationSummary[];
      canInvite: true;
    }
  | { kind: 'partner' };

/** Creates the home page capability. */
export function createHome(deps: { people: People; invitations: Invitations }) {
  const { people, invitations } = deps;
  return {
    /** The home page for an actor. */
    async homeFor(actor: Actor): Promise<HomePage> {
      switch (homePageOf(actor)) {
        case 'person':
          return {
            kind: 'person',
            practitioners: await people.myPractitioners(actor),
            units: await people.unitsOf(actor),
          };
        case 'caseload':
          return {
            kind: 'staff',
            units: await people.unitsOf(actor),
            people: await people.caseloadOf(actor),
            peopleScope: 'caseload',
            canInvite: true,
          };
        case 'units':
          return {
            kind: 'staff',
            units: await people.unitsOf(actor),
            people: await people.peopleUsingServicesInMyUnits(actor),
            peopleScope: seesWholeOrganisation(actor) ? 'organisation' : 'units',
            invitations: (await invitations.listInvitations(actor)).slice(0, 5),
            canInvite: true,
          };
        case 'partner':
          return { kind: 'partner' };
      }
    },
  };
}

/** The home page function. */
export type Home = ReturnType<typeof createHome>;
