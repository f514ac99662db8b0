/** Who can see my plan: sharing with units and staff, private sections, and supporter links. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { errorList, handleForm, parseForm } from '../../../web/forms.ts';
import type { FieldErrors } from '../../../lib/app-error.ts';
import type { PlansService } from '../service.ts';
import { SUPPORTER_LINK_MAX_DAYS } from '../service.ts';
import { sharingSchema, supporterLinkSchema } from '../schema.ts';
import { sections } from '../sections.ts';
import type { Values } from './plan-form.ts';

/** Registers the sharing and supporter-link pages. */
export function registerSharingRoutes(app: FastifyInstance, plans: PlansService): void {
  async function renderSharing(
    request: FastifyRequest,
    reply: FastifyReply,
    failed: { values?: Values; errors?: FieldErrors } = {},
  ) {
    const options = await plans.sharing.options(actorOf(request));
    return reply.page('plans/views/sharing.njk', {
      title: 'Who can see my plan',
      options,
      sectionItems: sections.map((s) => ({
        value: s.key,
        text: s.title,
        checked: options.privateSections.includes(s.key),
      })),
      maxDays: SUPPORTER_LINK_MAX_DAYS,
      values: failed.values ?? {},
      errors: failed.errors ?? {},
      ...(failed.errors ? { errorList: errorList(failed.errors) } : {}),
    });
  }

  app.get('/my-plan/sharing', async (request, reply) => renderSharing(request, reply));

  app.post('/my-plan/sharing', async (request, reply) =>
    handleForm(
      reply,
      async () => {
        const input = parseForm(sharingSchema, request.body);
        await plans.sharing.update(actorOf(request), input, auditContextOf(request));
        return reply.redirect('/my-plan/sharing?saved=1', 303);
      },
      { invalid: (errors) => renderSharing(request, reply, { errors }) },
    ),
  );

  app.post('/my-plan/supporter-links', async (request, reply) => {
    const body = (request.body ?? {}) as Values;
    return handleForm(
      reply,
      async () => {
        const input = parseForm(supporterLinkSchema, body);
        const created = await plans.supporterLinks.create(
          actorOf(request),
          input,
          auditContextOf(request),
        );
        return reply.page('plans/views/link-created.njk', { title: 'Your link is ready', created });
      },
      { invalid: (errors) => renderSharing(request, reply, { values: body, errors }) },
    );
  });

  app.post('/my-plan/supporter-links/:linkId/revoke', async (request, reply) => {
    const { linkId } = request.params as { linkId: string };
    await plans.supporterLinks.revoke(actorOf(request), linkId, auditContextOf(request));
    return reply.redirect('/my-plan/sharing?stopped=1', 303);
  });
}
