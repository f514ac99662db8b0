/** The list of plans, drafting a plan, a plan's page and its printable copy. */
import type { FastifyInstance } from 'fastify';
import { parseForm } from '../../../web/forms.ts';
import { submitOnce } from '../../../web/form-once.ts';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { draftPlanSchema } from '../schema.ts';
import type { ImprovementService } from '../service.ts';
import { renderPlan } from './render.ts';

const one = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** Registers the plan list and plan pages. */
export function registerPlanRoutes(
  app: FastifyInstance,
  deps: { improvement: ImprovementService },
) {
  const { improvement } = deps;

  app.get('/improvement', async (request, reply) => {
    const list = await improvement.plans.list(actorOf(request));
    return reply.page('improvement/views/list.njk', { title: 'Improvement plans', ...list });
  });

  // Drafting twice (two tabs, Back) leads to the same plan: the subject has one plan.
  app.post('/improvement/plans', (request, reply) =>
    submitOnce(request, reply, async () => {
      const input = parseForm(draftPlanSchema, request.body);
      const { id, created } = await improvement.plans.draft(
        actorOf(request),
        input,
        auditContextOf(request),
      );
      return reply.redirect(`/improvement/plans/${id}${created ? '?saved=drafted' : ''}`, 303);
    }),
  );

  // From a round's results: to its plan, or to a page that drafts it.
  app.get('/improvement/for-round/:roundId', async (request, reply) => {
    const { roundId } = request.params as { roundId: string };
    const found = await improvement.plans.forSubject(actorOf(request), 'assessment_round', roundId);
    if (found.planId) return reply.redirect(`/improvement/plans/${found.planId}`, 303);
    return reply.page('improvement/views/draft.njk', { title: 'Action plan', ...found });
  });

  app.get('/improvement/plans/:improvementPlanId', async (request, reply) => {
    const { improvementPlanId } = request.params as { improvementPlanId: string };
    const q = request.query as Record<string, unknown>;
    return renderPlan(request, reply, improvement, improvementPlanId, { saved: one(q.saved) });
  });

  app.get('/improvement/plans/:improvementPlanId/print', async (request, reply) => {
    const { improvementPlanId } = request.params as { improvementPlanId: string };
    return renderPlan(request, reply, improvement, improvementPlanId, { print: true });
  });
}
