/** The plans module's web face: the person's own plan, sharing, and plans shared with staff. */
import type { WebModule } from '../../web/module.ts';
import type { PlansService } from './service.ts';
import { plansAccessRules, plansHomePanels, registerPlansRoutes } from './routes.ts';

export { plansAccessRules };

/** The plans pages. */
export function plansWeb(deps: { plans: PlansService }): WebModule {
  return {
    accessRules: plansAccessRules,
    navLinks: [
      { href: '/my-plan', text: 'My plan', roles: ['service_user'] },
      { href: '/plans', text: 'Plans shared with me', roles: ['practitioner', 'unit_manager'] },
    ],
    homePanels: plansHomePanels(deps.plans),
    register: (app) => registerPlansRoutes(app, deps),
  };
}
