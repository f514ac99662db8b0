/** The help module's web face: Help now, leaving safely, and the organisation's crisis numbers. */
import type { Config } from '../../config.ts';
import type { AccessRule } from '../../web/access.ts';
import type { WebModule } from '../../web/module.ts';
import { helpRoles } from './policy.ts';
import type { HelpService } from './service.ts';
import { registerAdminRoutes } from './web/admin.ts';
import { registerHelpNowRoutes } from './web/help-now.ts';
import { registerLeavingRoutes } from './web/leaving.ts';

/** Who may call each route in this module. */
export const helpAccessRules: AccessRule[] = [
  { method: 'GET', url: '/help-now', access: 'public' },
  { method: 'GET', url: '/staying-safe-online', access: 'public' },
  { method: 'GET', url: '/leave', access: 'public' },
  { method: 'POST', url: '/leave', access: 'public' },
  { method: 'GET', url: '/admin/help-numbers', access: helpRoles.manage },
  { method: 'POST', url: '/admin/help-numbers', access: helpRoles.manage },
  { method: 'GET', url: '/admin/help-numbers/:helpNumberId', access: helpRoles.manage },
  { method: 'POST', url: '/admin/help-numbers/:helpNumberId', access: helpRoles.manage },
  { method: 'POST', url: '/admin/help-numbers/:helpNumberId/remove', access: helpRoles.manage },
];

/**
 * Help now on every page (the numbers travel to each render in `request.pageLocals.helpNow`),
 * leaving safely, and the administrator's crisis numbers page.
 */
export function helpWeb(deps: { help: HelpService; config: Config }): WebModule {
  return {
    accessRules: helpAccessRules,
    navLinks: [{ href: '/admin/help-numbers', text: 'Crisis numbers', roles: helpRoles.manage }],
    register: (app) => {
      registerLeavingRoutes(app, deps);
      registerHelpNowRoutes(app, deps);
      registerAdminRoutes(app, deps);
    },
  };
}
