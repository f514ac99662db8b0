/** The use-of-force module's web face: the register, the person's account, reviews and dashboards. */
import type { FastifyInstance } from 'fastify';
import type { AccessRule } from '../../web/access.ts';
import type { WebModule } from '../../web/module.ts';
import { forceRoles } from './policy.ts';
import type { ForceWebDeps } from './web/common.ts';
import { registerFiguresRoutes } from './web/figures.ts';
import { registerIncidentRoutes } from './web/incidents.ts';
import { registerLearningRoutes } from './web/learning.ts';
import { recordingUrls, registerRecordingRoutes } from './web/recording.ts';
import { forceHomePanels } from './web/panels.ts';
import { registerPeopleRoutes } from './web/people.ts';
import { registerPersonAccountRoutes } from './web/person-account.ts';
import { registerSettingsRoutes } from './web/settings.ts';
import { registerTransferRoutes } from './web/transfer.ts';

const { staff, recorders, figures, denominators, returns, administrators, person } = forceRoles;

/** Who may call each route in this module. */
export const forceAccessRules: AccessRule[] = [
  { method: 'GET', url: '/force', access: staff },
  { method: 'GET', url: '/force/incidents/new', access: recorders },
  { method: 'POST', url: '/force/incidents', access: recorders },
  ...recordingUrls.flatMap((url) => [
    { method: 'GET' as const, url, access: recorders },
    { method: 'POST' as const, url, access: recorders },
  ]),
  { method: 'GET', url: '/force/incidents/:incidentId', access: staff },
  { method: 'GET', url: '/force/incidents/:incidentId/amend', access: staff },
  { method: 'POST', url: '/force/incidents/:incidentId/amend', access: staff },
  { method: 'POST', url: '/force/incidents/:incidentId/delete', access: administrators },
  { method: 'POST', url: '/force/incidents/:incidentId/release', access: staff },
  { method: 'POST', url: '/force/incidents/:incidentId/reviews/:reviewId', access: staff },
  { method: 'GET', url: '/force/incidents/:incidentId/learning', access: staff },
  { method: 'POST', url: '/force/incidents/:incidentId/learning', access: staff },
  { method: 'GET', url: '/force/incidents/:incidentId/account', access: recorders },
  { method: 'POST', url: '/force/incidents/:incidentId/account', access: recorders },
  { method: 'GET', url: '/force/reviews', access: staff },
  { method: 'GET', url: '/force/people/:personId', access: staff },
  { method: 'POST', url: '/force/people/:personId', access: staff },
  { method: 'GET', url: '/force/observations/new', access: recorders },
  { method: 'POST', url: '/force/observations', access: recorders },
  { method: 'GET', url: '/force/searches/new', access: recorders },
  { method: 'POST', url: '/force/searches', access: recorders },
  { method: 'GET', url: '/force/denominators', access: denominators },
  { method: 'POST', url: '/force/denominators', access: denominators },
  { method: 'GET', url: '/force/dashboards', access: figures },
  { method: 'GET', url: '/force/dashboards/data.csv', access: figures },
  { method: 'GET', url: '/force/returns', access: returns },
  { method: 'GET', url: '/force/returns.csv', access: returns },
  { method: 'GET', url: '/force/export.csv', access: administrators },
  { method: 'GET', url: '/force/import', access: administrators },
  { method: 'GET', url: '/force/settings', access: administrators },
  { method: 'POST', url: '/force/settings', access: administrators },
  { method: 'POST', url: '/force/import', access: administrators },
  { method: 'GET', url: '/my-incidents', access: person },
  { method: 'GET', url: '/my-incidents/:incidentId', access: person },
  { method: 'POST', url: '/my-incidents/:incidentId/account', access: person },
  { method: 'POST', url: '/my-incidents/:incidentId/helper', access: person },
];

/** Registers every force page, one file per capability. */
function registerForceRoutes(app: FastifyInstance, deps: ForceWebDeps): void {
  registerRecordingRoutes(app, deps);
  registerIncidentRoutes(app, deps);
  registerLearningRoutes(app, deps);
  registerPersonAccountRoutes(app, deps);
  registerPeopleRoutes(app, deps);
  registerFiguresRoutes(app, deps);
  registerTransferRoutes(app, deps);
  registerSettingsRoutes(app, deps);
}

/** The use-of-force pages. */
export function forceWeb(deps: ForceWebDeps): WebModule {
  return {
    accessRules: forceAccessRules,
    navLinks: [
      { href: '/force', text: 'Use of force', roles: staff },
      { href: '/force/dashboards', text: 'Dashboards', roles: figures },
    ],
    homePanels: forceHomePanels(deps.force),
    register: (app) => registerForceRoutes(app, deps),
  };
}
