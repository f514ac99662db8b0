/** The audit module's web face: "Who has seen my information". */
import type { FastifyInstance } from 'fastify';
import type { AccessRule } from '../../web/access.ts';
import type { WebModule } from '../../web/module.ts';
import { actorOf } from '../../web/server.ts';
import { auditRoles } from './policy.ts';
import { whoHasSeenQuery } from './schema.ts';
import type { AuditService } from './service.ts';

/** Who may call each route in this module. */
export const auditAccessRules: AccessRule[] = [
  { method: 'GET', url: '/who-has-seen-my-information', access: auditRoles.ownAccessList },
];

/** Registers the person's own "Who has seen my information" page. */
function registerWhoHasSeenRoutes(app: FastifyInstance, deps: { audit: AuditService }): void {
  app.get('/who-has-seen-my-information', async (request, reply) => {
    const actor = actorOf(request);
    const { show } = whoHasSeenQuery.parse(request.query ?? {});
    return reply.page('audit/views/who-has-seen.njk', {
      title: 'Who has seen my information',
      page: await deps.audit.whoHasSeen(actor, actor.id, show),
    });
  });
}

/** The audit pages. */
export function auditWeb(deps: { audit: AuditService }): WebModule {
  return {
    accessRules: auditAccessRules,
    navLinks: [
      {
        href: '/who-has-seen-my-information',
        text: 'Who has seen my information',
        roles: auditRoles.ownAccessList,
      },
    ],
    register: (app) => registerWhoHasSeenRoutes(app, deps),
  };
}
