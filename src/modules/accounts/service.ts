/**
 * Accounts: sign-in, sessions, invitations, and who works with whom, composed from one file
 * per capability. Every change is audited in its own transaction (see each capability).
 */
import { createAccountsEvidence } from './evidence.ts';
import { createHome } from './home.ts';
import type { AccountsDeps } from './internals.ts';
import { createInvitations } from './invitations.ts';
import { createPasskeys } from './passkeys.ts';
import { createPeople } from './people.ts';
import { createProvisioning } from './provisioning.ts';
import { createOrganisationSignIn } from './organisation-sign-in.ts';
import { createSecondStep } from './second-step.ts';
import { createSessions } from './sessions.ts';
import { createStaffInvitations } from './staff-invitations.ts';

export {
  ABSOLUTE_TIMEOUT_MS,
  IDLE_TIMEOUT_MS,
  INVITATION_TTL_MS,
  SIGN_IN_LIMITS,
} from './internals.ts';
export type { AccountsDeps, PersonSummary } from './internals.ts';
export type { ResolvedSession } from './sessions.ts';

/** Creates the accounts service: one namespace per capability. */
export function createAccountsService(deps: AccountsDeps) {
  const people = createPeople(deps);
  const invitations = createInvitations(deps);
  return {
    /** Signing in and out, and resolving a session cookie. */
    sessions: createSessions(deps),
    invitations,
    /** Inviting a staff list at once (all or none), for organisation set-up. */
    staffInvitations: createStaffInvitations(deps),
    /** Who works with whom: the directory other modules use. */
    people,
    home: createHome({ people, invitations }),
    /** Direct set-up for commands, the demo and tests. */
    provisioning: createProvisioning(deps),
    /** Staff sign-in with the organisation's own account (OpenID Connect). */
    organisationSignIn: createOrganisationSignIn(deps),
    /** The second step after a password, recovery codes, and where a person is signed in. */
    secondStep: createSecondStep(deps),
    /** Passkeys: adding and removing one's own, and signing in with one alone. */
    passkeys: createPasskeys(deps),
    /** Figures for the self-assessment's evidence panels (no actor: the caller checks access). */
    evidence: createAccountsEvidence(deps),
  };
}

/** The accounts service's functions. */
export type AccountsService = ReturnType<typeof createAccountsService>;
