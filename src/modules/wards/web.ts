/** The wards module's web face: the shift report and a ward's conflict and containment figures. */
import type { AccessRule } from '../../web/access.ts';
import type { WebModule } from '../../web/module.ts';
import { wardsRoles } from './policy.ts';
import type { WardsService } from './service.ts';
import { registerFiguresRoutes } from './web/figures.ts';
import { registerShiftReportRoutes } from './web/shift-report.ts';
import { wardScreenAccessRules, registerWardScreenRoutes } from './web-screen.ts';

/** Who may call each route in this module. */
export const wardsAccessRules: AccessRule[] = [
  { method: 'GET', url: '/wards', access: wardsRoles.list },
  { method: 'GET', url: '/wards/:unitId/shift-report', access: wardsRoles.record },
  { method: 'POST', url: '/wards/:unitId/shift-report', access: wardsRoles.record },
  { method: 'GET', url: '/wards/:unitId/figures', access: wardsRoles.figures },
  ...wardScreenAccessRules,
];

/** The ward pages. */
export function wardsWeb(deps: { wards: WardsService }): WebModule {
  return {
    accessRules: wardsAccessRules,
    navLinks: [{ href: '/wards', text: 'Shift reports', roles: wardsRoles.list }],
    register: (app) => {
      registerShiftReportRoutes(app, deps);
      registerFiguresRoutes(app, deps);
      registerWardScreenRoutes(app, deps);
    },
  };
}
