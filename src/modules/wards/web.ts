/** The wards module's web face: the shift report and a ward's conflict and containment figures. */
import type { AccessRule } from '../../web/access.ts';
import type { WebModule } from '../../web/module.ts';
import { wardsRoles } from './policy.ts';
import type { WardsService } from './service.ts';
import { registerFiguresRoutes } from './web/figures.ts';
import { registerShiftReportRoutes } from './web/shift-report.ts';
import { registerAboutMeRoutes } from './web/about-me.ts';
import { registerMutualHelpRoutes } from './web/mutual-help.ts';
import { registerSafewardsRoutes } from './web/safewards.ts';
import { wardScreenAccessRules, registerWardScreenRoutes } from './web/ward-screen.ts';

/** Who may call each route in this module. */
export const wardsAccessRules: AccessRule[] = [
  { method: 'GET', url: '/wards', access: wardsRoles.list },
  { method: 'GET', url: '/wards/:unitId/shift-report', access: wardsRoles.record },
  { method: 'POST', url: '/wards/:unitId/shift-report', access: wardsRoles.record },
  { method: 'GET', url: '/wards/:unitId/figures', access: wardsRoles.figures },
  // Safewards: interventions, the monthly check, mutual help meetings, "about me".
  { method: 'GET', url: '/wards/:unitId/safewards', access: wardsRoles.safewards },
  { method: 'GET', url: '/wards/:unitId/safewards/in-place', access: wardsRoles.manage },
  { method: 'POST', url: '/wards/:unitId/safewards/in-place', access: wardsRoles.manage },
  { method: 'GET', url: '/wards/:unitId/safewards/check', access: wardsRoles.manage },
  { method: 'POST', url: '/wards/:unitId/safewards/check', access: wardsRoles.manage },
  { method: 'GET', url: '/wards/:unitId/mutual-help', access: wardsRoles.record },
  { method: 'POST', url: '/wards/:unitId/mutual-help', access: wardsRoles.record },
  { method: 'GET', url: '/about-me', access: wardsRoles.aboutMe },
  { method: 'POST', url: '/about-me', access: wardsRoles.aboutMe },
  { method: 'POST', url: '/about-me/remove', access: wardsRoles.aboutMe },
  ...wardScreenAccessRules,
];

/** The ward pages. */
export function wardsWeb(deps: { wards: WardsService }): WebModule {
  return {
    accessRules: wardsAccessRules,
    navLinks: [{ href: '/wards', text: 'Shift reports', roles: wardsRoles.list }],
    homePanels: [
      {
        template: 'wards/views/panel-about-me.njk',
        load: (actor) => deps.wards.aboutMe.panel(actor),
      },
    ],
    register: (app) => {
      registerShiftReportRoutes(app, deps);
      registerFiguresRoutes(app, deps);
      registerSafewardsRoutes(app, deps);
      registerMutualHelpRoutes(app, deps);
      registerAboutMeRoutes(app, deps);
      registerWardScreenRoutes(app, deps);
    },
  };
}
