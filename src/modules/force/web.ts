/** The use-of-force module's web face: the register, the person's account, reviews and dashboards. */
import type { WebModule } from '../../web/module.ts';
import type { ForceService } from './service.ts';
import { forceHomePanels } from './panels.ts';
import { forceAccessRules, registerForceRoutes } from './routes.ts';

export { forceAccessRules };

/** The use-of-force pages. */
export function forceWeb(deps: { force: ForceService; clock: () => Date }): WebModule {
  return {
    accessRules: forceAccessRules,
    navLinks: [
      {
        href: '/force',
        text: 'Use of force',
        roles: ['practitioner', 'unit_manager', 'org_admin'],
      },
      {
        href: '/force/dashboards',
        text: 'Dashboards',
        roles: ['unit_manager', 'org_admin', 'national_operator', 'lived_experience_partner'],
      },
    ],
    homePanels: forceHomePanels(deps.force),
    register: (app) => registerForceRoutes(app, deps),
  };
}
