/**
 * The supporter's side of a link: enter the one-time code, then see the plan. A several-visit
 * link keeps the visit open in a cookie for this link's address only, so coming back shows the
 * plan without the code until the visit has been idle too long.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorList, handleForm, parseForm } from '../../../web/forms.ts';
import type { FieldErrors } from '../../../lib/app-error.ts';
import type { Config } from '../../../config.ts';
import type { PlansService } from '../service.ts';
import type { SupporterVisit } from '../supporter-links.ts';
import { supporterCodeSchema } from '../schema.ts';

/** The cookie holding an open supporter visit; its path is the one link it belongs to. */
export const SUPPORTER_VISIT_COOKIE = 'hearth_supporter_visit';

/** Registers the public supporter-link pages. */
export function registerSupporterRoutes(
  app: FastifyInstance,
  plans: PlansService,
  config: Pick<Config, 'env'>,
): void {
  async function renderCode(reply: FastifyReply, token: string, errors?: FieldErrors) {
    const link = await plans.supporterLinks.check(token);
    return reply.page('plans/views/supporter-code.njk', {
      title: 'Enter your code to see the plan',
      link,
      token,
      errors: errors ?? {},
      ...(errors ? { errorList: errorList(errors) } : {}),
    });
  }

  function renderPlan(reply: FastifyReply, token: string, shown: SupporterVisit) {
    if (shown.visitToken) {
      // No max-age: the browser forgets it when closed, and the server ends it when idle.
      reply.setCookie(SUPPORTER_VISIT_COOKIE, shown.visitToken, {
        path: `/shared-plan/${token}`,
        httpOnly: true,
        sameSite: 'lax',
        secure: config.env === 'production',
      });
    }
    return reply.page('plans/views/supporter-view.njk', {
      title: `${shown.view.personName}'s plan`,
      view: shown.view,
      visits: shown.visits,
      idleMinutes: shown.idleMinutes,
    });
  }

  function visitCookie(request: FastifyRequest): string | undefined {
    return request.cookies[SUPPORTER_VISIT_COOKIE];
  }

  app.get('/shared-plan/:linkToken', async (request, reply) => {
    const { linkToken } = request.params as { linkToken: string };
    const again = await plans.supporterLinks.revisit(linkToken, visitCookie(request), request.ip);
    if (again) return renderPlan(reply, linkToken, again);
    return renderCode(reply, linkToken);
  });

  app.post('/shared-plan/:linkToken', async (request, reply) => {
    const { linkToken } = request.params as { linkToken: string };
    return handleForm(
      reply,
      async () => {
        const { code } = parseForm(supporterCodeSchema, request.body);
        const shown = await plans.supporterLinks.view(linkToken, code, request.ip);
        return renderPlan(reply, linkToken, shown);
      },
      { invalid: (errors) => renderCode(reply, linkToken, errors) },
    );
  });
}
