/** The organisation set-up module's web face: units, staff, the staff list import, the checklist panel. */
import type { AccessRule } from '../../web/access.ts';
import type { WebModule } from '../../web/module.ts';
import { organisationRoles } from './policy.ts';
import type { OrganisationService } from './service.ts';
import { registerStaffImportRoutes } from './web/staff-import.ts';
import { registerStaffRoutes } from './web/staff.ts';
import { registerUnitRoutes } from './web/units.ts';

const setup = organisationRoles.setup;

/** Who may call each route in this module. */
export const organisationAccessRules: AccessRule[] = [
  { method: 'GET', url: '/admin/units', access: setup },
  { method: 'GET', url: '/admin/units/new', access: setup },
  { method: 'POST', url: '/admin/units', access: setup },
  { method: 'GET', url: '/admin/units/:unitId', access: setup },
  { method: 'POST', url: '/admin/units/:unitId', access: setup },
  { method: 'POST', url: '/admin/units/:unitId/close', access: setup },
  { method: 'GET', url: '/admin/staff', access: setup },
  { method: 'GET', url: '/admin/staff/:accountId', access: setup },
  { method: 'POST', url: '/admin/staff/:accountId', access: setup },
  { method: 'GET', url: '/admin/staff-list', access: setup },
  { method: 'POST', url: '/admin/staff-list', access: setup },
  { method: 'POST', url: '/admin/staff-list/confirm', access: setup },
];

/** The set-up pages, and the checklist on the administrator's home page. */
export function organisationWeb(deps: { organisation: OrganisationService }): WebModule {
  return {
    accessRules: organisationAccessRules,
    navLinks: [
      { href: '/admin/units', text: 'Units', roles: setup },
      { href: '/admin/staff', text: 'Staff', roles: setup },
    ],
    homePanels: [
      {
        template: 'organisation/views/panel-setup.njk',
        load: (actor) => deps.organisation.checklist.panel(actor),
      },
    ],
    register: (app) => {
      registerUnitRoutes(app, deps);
      registerStaffRoutes(app, deps);
      registerStaffImportRoutes(app, deps);
    },
  };
}
