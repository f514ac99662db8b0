/** The accounts module's web face: sign-in, home, invitations and people pages, and the header's first links. */
import type { Config } from '../../config.ts';
import type { HomePanel } from '../../web/home-panels.ts';
import type { WebModule } from '../../web/module.ts';
import type { AccountsService } from './service.ts';
import { accountsAccessRules, registerAccountsRoutes } from './routes.ts';

export { accountsAccessRules };

/** The accounts pages; the home page shows every module's panels. */
export function accountsWeb(deps: {
  accounts: AccountsService;
  config: Config;
  homePanels: readonly HomePanel[];
}): WebModule {
  return {
    accessRules: accountsAccessRules,
    navLinks: [
      {
        href: '/',
        text: 'Home',
        roles: [
          'service_user',
          'practitioner',
          'unit_manager',
          'org_admin',
          'lived_experience_partner',
        ],
      },
      {
        href: '/invitations',
        text: 'Invitations',
        roles: ['practitioner', 'unit_manager', 'org_admin'],
      },
    ],
    register: (app) => registerAccountsRoutes(app, { ...deps, homePanels: [...deps.homePanels] }),
  };
}
