/** A ward's conflict and containment figures, for its manager and the organisation's administrator. */
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../../web/server.ts';
import type { WardsService } from '../service.ts';

const one = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** Registers the figures page. */
export function registerFiguresRoutes(app: FastifyInstance, deps: { wards: WardsService }) {
  app.get('/wards/:unitId/figures', async (request, reply) => {
    const { unitId } = request.params as { unitId: string };
    const q = request.query as Record<string, unknown>;
    const figures = await deps.wards.figures.page(actorOf(request), unitId, {
      from: one(q.from),
      to: one(q.to),
      change: one(q.change),
    });
    return reply.page('wards/views/figures.njk', {
      title: `Conflict and containment: ${figures.ward.name}`,
      ...figures,
    });
  });
}
