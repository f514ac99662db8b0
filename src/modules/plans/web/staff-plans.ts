/** Plans shared with staff: the list, the plan's pages (full, at a glance, print, card) and the FHIR download. */
import type { FastifyInstance } from 'fastify';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import type { PlanView, PlansService } from '../service.ts';

const staffPages = [
  {
    suffix: '',
    kind: 'full',
    template: 'staff-view.njk',
    title: (v: PlanView) => `${v.personName}'s plan`,
  },
  {
    suffix: '/at-a-glance',
    kind: 'glance',
    template: 'glance.njk',
    title: (v: PlanView) => `${v.personName}: at a glance`,
  },
  {
    suffix: '/print',
    kind: 'print',
    template: 'print.njk',
    title: (v: PlanView) => `${v.personName}'s plan (to print)`,
  },
  {
    suffix: '/card',
    kind: 'card',
    template: 'card.njk',
    title: (v: PlanView) => `${v.personName}: wallet card`,
  },
] as const;

/** Banner words on a staff plan page after a save lands there (`?saved=` after the redirect). */
const staffNotices: Record<string, string> = {
  suggested: 'Your suggestion is sent. The person decides whether to add it to their plan.',
  agreement: 'The agreement is recorded with the plan.',
};

/** Registers the pages of plans shared with staff. */
export function registerStaffPlanRoutes(app: FastifyInstance, plans: PlansService): void {
  // Only reads records (no look at any plan's content), so kept like the home page.
  app.get('/plans', async (request, reply) => {
    const actor = actorOf(request);
    return reply.keptPage(async () => ({
      template: 'plans/views/staff-list.njk',
      context: { title: 'Plans shared with me', ...(await plans.overview.staffList(actor)) },
    }));
  });

  for (const page of staffPages) {
    // Kept while no record changes (src/web/kept-pages.ts): a nurse goes back to the same plan
    // through a shift. Every showing, kept or not, is audited as a look before it is sent.
    app.get(`/plans/:planId${page.suffix}`, async (request, reply) => {
      const { planId } = request.params as { planId: string };
      const actor = actorOf(request);
      return reply.keptPage(async () => {
        const { view, look, keepable } = await plans.planAccess.read(actor, planId, page.kind);
        const saved = (request.query as Record<string, unknown>).saved;
        return {
          template: `plans/views/${page.template}`,
          context: {
            title: page.title(view),
            view,
            own: false,
            notice:
              typeof saved === 'string' && Object.hasOwn(staffNotices, saved)
                ? staffNotices[saved]
                : null,
          },
          keep: keepable,
          beforeSend: look
            ? (served) => plans.planAccess.recordLook(auditContextOf(served), look)
            : undefined,
        };
      });
    });
  }

  app.get('/plans/:planId/fhir', async (request, reply) => {
    const { planId } = request.params as { planId: string };
    const bundle = await plans.export.fhir(actorOf(request), planId, auditContextOf(request));
    return reply
      .type('application/fhir+json; charset=utf-8')
      .header('Content-Disposition', 'attachment; filename="plan-fhir.json"')
      .send(JSON.stringify(bundle, null, 2));
  });
}
