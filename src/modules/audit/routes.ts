/** The person's own "Who has seen my information" page. */
import type { FastifyInstance } from 'fastify';
import type { AccessRule } from '../../web/access.ts';
import { actorOf } from '../../web/server.ts';
import { roleLabels, isRole } from '../accounts/index.ts';
import type { AuditService } from './service.ts';

/** Who may call each route in this module. */
export const auditAccessRules: AccessRule[] = [
  { method: 'GET', url: '/who-has-seen-my-information', access: ['service_user'] },
];

/** Registers the audit pages. */
export function registerAuditRoutes(app: FastifyInstance, deps: { audit: AuditService }): void {
  app.get('/who-has-seen-my-information', async (request, reply) => {
    const actor = actorOf(request);
    const entries = await deps.audit.listWhoHasSeen(actor, actor.id);
    return reply.page('audit/views/who-has-seen.njk', {
      title: 'Who has seen my information',
      entries: entries.map((e) => ({
        ...e,
        roleLabel: e.role && isRole(e.role) ? roleLabels[e.role] : '',
      })),
    });
  });
}
