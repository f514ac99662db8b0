/** The organisation-wide ward chart, for the organisation's administrator. */
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../../web/server.ts';
import type { WardsService } from '../service.ts';

const one = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** Registers the organisation chart page. */
export function registerOrgFiguresRoutes(app: FastifyInstance, deps: { wards: WardsService }) {
  app.get('/ward-figures', async (request, reply) => {
    const q = request.query as Record<string, unknown>;
    const figures = await deps.wards.screen.organisationFigures.page(actorOf(request), {
      from: one(q.from),
      to: one(q.to),
      change: one(q.change),
    });
    return reply.page('wards/views/org-figures.njk', {
      title: 'Conflict and containment on every ward',
      ...figures,
    });
  });
}
