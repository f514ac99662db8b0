/** The accounts module's web face: sign-in, home, invitations and people pages, and the header's first links. */
import type { Config } from '../../config.ts';
import type { AccessRule } from '../../web/access.ts';
import type { HomePanel } from '../../web/home-panels.ts';
import type { WebModule } from '../../web/module.ts';
import { accountsRoles } from './policy.ts';
import type { AccountsService } from './service.ts';
import { registerInvitationRoutes } from './web/invitations.ts';
import { registerPeopleRoutes } from './web/people.ts';
import { registerSignInRoutes } from './web/sign-in.ts';
import { registerOrganisationSignInRoutes } from './web/organisation-sign-in.ts';
import { signInAccessRules } from './web/sign-in-access.ts';
import { registerSecondStepRoutes } from './web/second-step.ts';
import { registerPasskeyRoutes } from './web/passkeys.ts';
import { registerJobTitleRoutes } from './web/job-title.ts';

/** Who may call each route in this module. */
export const accountsAccessRules: AccessRule[] = [
  { method: 'GET', url: '/sign-in', access: 'public' },
  { method: 'POST', url: '/sign-in', access: 'public' },
  { method: 'GET', url: '/sign-out', access: 'public' },
  { method: 'POST', url: '/sign-out', access: 'public' },
  { method: 'GET', url: '/', access: 'signed-in' },
  { method: 'GET', url: '/about', access: 'public' },
  { method: 'GET', url: '/accessibility', access: 'public' },
  { method: 'GET', url: '/invitations', access: accountsRoles.invitations },
  { method: 'GET', url: '/invitations/new', access: accountsRoles.invitations },
  { method: 'POST', url: '/invitations', access: accountsRoles.invitations },
  { method: 'GET', url: '/invitations/:token', access: 'public' },
  { method: 'POST', url: '/invitations/:token', access: 'public' },
  { method: 'GET', url: '/people', access: accountsRoles.people },
  { method: 'POST', url: '/people/:accountId/disable', access: accountsRoles.accountAdmin },
  { method: 'POST', url: '/people/:accountId/enable', access: accountsRoles.accountAdmin },
  { method: 'GET', url: '/account/job-title', access: accountsRoles.jobTitle },
  { method: 'POST', url: '/account/job-title', access: accountsRoles.jobTitle },
  ...signInAccessRules,
];

/** The accounts pages; the home page shows every module's panels. */
export function accountsWeb(deps: {
  accounts: AccountsService;
  config: Config;
  homePanels: readonly HomePanel[];
}): WebModule {
  return {
    accessRules: accountsAccessRules,
    navLinks: [
      { href: '/', text: 'Home', roles: accountsRoles.home },
      { href: '/invitations', text: 'Invitations', roles: accountsRoles.invitations },
      { href: '/account/sign-in', text: 'Your sign-in', roles: accountsRoles.home },
    ],
    register: (app) => {
      registerSignInRoutes(app, deps);
      registerPeopleRoutes(app, deps);
      registerInvitationRoutes(app, deps);
      registerOrganisationSignInRoutes(app, deps);
      registerSecondStepRoutes(app, deps);
      registerPasskeyRoutes(app, deps);
      registerJobTitleRoutes(app, deps);
    },
  };
}
