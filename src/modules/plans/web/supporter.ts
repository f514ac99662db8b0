/** The supporter's side of a link: enter the one-time code, then see the plan once. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { errorList, handleForm, parseForm } from '../../../web/forms.ts';
import type { FieldErrors } from '../../../lib/app-error.ts';
import type { PlansService } from '../service.ts';
import { supporterCodeSchema } from '../schema.ts';

/** Registers the public supporter-link pages. */
export function registerSupporterRoutes(app: FastifyInstance, plans: PlansService): void {
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

  app.get('/shared-plan/:linkToken', async (request, reply) => {
    const { linkToken } = request.params as { linkToken: string };
    return renderCode(reply, linkToken);
  });

  app.post('/shared-plan/:linkToken', async (request, reply) => {
    const { linkToken } = request.params as { linkToken: string };
    return handleForm(
      reply,
      async () => {
        const { code } = parseForm(supporterCodeSchema, request.body);
        const view = await plans.supporterLinks.view(linkToken, code, request.ip);
        return reply.page('plans/views/supporter-view.njk', {
          title: `${view.personName}'s plan`,
          view,
        });
      },
      { invalid: (errors) => renderCode(reply, linkToken, errors) },
    );
  });
}
