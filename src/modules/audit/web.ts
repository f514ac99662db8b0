/** The audit module's web face: "Who has seen my information". */
import type { WebModule } from '../../web/module.ts';
import type { AuditService } from './service.ts';
import { auditAccessRules, registerAuditRoutes } from './routes.ts';

export { auditAccessRules };

/** The audit pages. */
export function auditWeb(deps: { audit: AuditService }): WebModule {
  return {
    accessRules: auditAccessRules,
    navLinks: [
      {
        href: '/who-has-seen-my-information',
        text: 'Who has seen my information',
        roles: ['service_user'],
      },
    ],
    register: (app) => registerAuditRoutes(app, deps),
  };
}
