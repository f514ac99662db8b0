/** The ward screen's routes and access rules, kept apart from the rest of the wards web face. */
import type { FastifyInstance } from 'fastify';
import type { AccessRule } from '../../../web/access.ts';
import { wardScreenRoles as r } from '../policy.ts';
import type { WardsService } from '../service.ts';
import { registerDischargeMessageRoutes } from './discharge-messages.ts';
import { registerExpectationsRoutes } from './expectations.ts';
import { registerOrgFiguresRoutes } from './org-figures.ts';
import { registerScreenRoutes } from './screen.ts';

/** Who may call each ward screen route. The screen itself is public: its token is the key. */
export const wardScreenAccessRules: AccessRule[] = [
  { method: 'GET', url: '/ward-figures', access: r.organisationChart },
  { method: 'GET', url: '/wards/:unitId/expectations', access: r.expectationsRead },
  { method: 'GET', url: '/wards/:unitId/expectations/poster', access: r.expectationsRead },
  { method: 'POST', url: '/wards/:unitId/expectations', access: r.expectationsEdit },
  { method: 'GET', url: '/discharge-message', access: r.writeMessage },
  { method: 'POST', url: '/discharge-message', access: r.writeMessage },
  { method: 'POST', url: '/discharge-message/:messageId/withdraw', access: r.writeMessage },
  { method: 'GET', url: '/wards/:unitId/discharge-messages', access: r.checkMessages },
  { method: 'POST', url: '/wards/:unitId/discharge-messages/:messageId', access: r.checkMessages },
  { method: 'GET', url: '/wards/:unitId/display-tokens', access: r.tokens },
  { method: 'POST', url: '/wards/:unitId/display-tokens', access: r.tokens },
  { method: 'POST', url: '/wards/:unitId/display-tokens/:tokenId/revoke', access: r.tokens },
  { method: 'GET', url: '/ward-screen/:token', access: 'public' },
];

/** Registers the ward screen's routes. */
export function registerWardScreenRoutes(app: FastifyInstance, deps: { wards: WardsService }) {
  registerOrgFiguresRoutes(app, deps);
  registerExpectationsRoutes(app, deps);
  registerDischargeMessageRoutes(app, deps);
  registerScreenRoutes(app, deps);
}
