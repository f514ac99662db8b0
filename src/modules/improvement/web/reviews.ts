/** A lived-experience partner co-signs, disagrees or comments, beside the plan. */
import type { FastifyInstance } from 'fastify';
import { handleForm, parseForm } from '../../../web/forms.ts';
import { submitOnce } from '../../../web/form-once.ts';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { reviewSchema } from '../schema.ts';
import type { ImprovementService } from '../service.ts';
import { renderPlan } from './render.ts';

/** Registers the partner's review route. */
export function registerReviewRoutes(
  app: FastifyInstance,
  deps: { improvement: ImprovementService },
) {
  const { improvement } = deps;
  app.post('/improvement/plans/:improvementPlanId/review', async (request, reply) => {
    const { improvementPlanId } = request.params as { improvementPlanId: string };
    // A plan the caller may not respond to is 404 before anything about the form is said.
    await improvement.plans.check(actorOf(request), improvementPlanId, 'review');
    return submitOnce(request, reply, () =>
      handleForm(
        reply,
        async () => {
          const input = parseForm(reviewSchema, request.body);
          await improvement.reviews.say(
            actorOf(request),
            improvementPlanId,
            input,
            auditContextOf(request),
          );
          return reply.redirect(
            `/improvement/plans/${encodeURIComponent(improvementPlanId)}?saved=review#review`,
            303,
          );
        },
        {
          invalid: (errors) =>
            renderPlan(request, reply, improvement, improvementPlanId, {
              failed: {
                form: 'review',
                errors,
                values: (request.body ?? {}) as Record<string, unknown>,
              },
            }),
        },
      ),
    );
  });
}
