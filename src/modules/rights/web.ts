/** The rights module's web face: "Your information" for people, retention for administrators. */
import type { AccessRule } from '../../web/access.ts';
import type { WebModule } from '../../web/module.ts';
import { mayRights, rightsRoles } from './policy.ts';
import type { RightsService } from './service.ts';
import { registerMyDataRoutes } from './web/my-data.ts';
import { registerRetentionRoutes } from './web/retention.ts';

/** Who may call each route in this module. */
export const rightsAccessRules: AccessRule[] = [
  { method: 'GET', url: '/my-information', access: rightsRoles.ownData },
  { method: 'GET', url: '/my-information/download', access: rightsRoles.ownData },
  { method: 'GET', url: '/my-information/copy', access: rightsRoles.ownData },
  { method: 'GET', url: '/my-information/delete', access: rightsRoles.ownData },
  { method: 'POST', url: '/my-information/delete', access: rightsRoles.ownData },
  { method: 'GET', url: '/my-information/deleted', access: rightsRoles.ownData },
  { method: 'GET', url: '/admin/retention', access: rightsRoles.retention },
  { method: 'POST', url: '/admin/retention', access: rightsRoles.retention },
];

/** The rights pages. */
export function rightsWeb(deps: { rights: RightsService }): WebModule {
  return {
    accessRules: rightsAccessRules,
    homePanels: [
      {
        template: 'rights/views/panel-person.njk',
        load: async (actor) => (mayRights(actor, 'ownData') ? {} : null),
      },
      {
        template: 'rights/views/panel-admin.njk',
        load: async (actor) => (mayRights(actor, 'retention') ? {} : null),
      },
    ],
    register: (app) => {
      registerMyDataRoutes(app, deps);
      registerRetentionRoutes(app, deps);
    },
  };
}
