/** Who can see my plan: sharing with units and staff, private sections, and supporter links. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { submitOnce } from '../../../web/form-once.ts';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { errorList, handleForm, parseForm } from '../../../web/forms.ts';
import type { FieldErrors } from '../../../lib/app-error.ts';
import type { PlansService } from '../service.ts';
import { SUPPORTER_IDLE_MINUTES, SUPPORTER_LINK_MAX_DAYS } from '../service.ts';
import { sharingSchema, supporterLinkSchema } from '../schema.ts';
import { sections } from '../sections.ts';
import type { Values } from './plan-form.ts';

/** The success banner after a save on this page, if any. */
function sharingNotice(query: Record<string, unknown>): string | null {
  if (query.saved === '1') return 'Your choices are saved. They apply straight away.';
  if (query.stopped === '1') return 'That link no longer works.';
  if (query.already === 'link') return 'Your link was made. It is in the list on this page.';
  return null;
}

/** Registers the sharing and supporter-link pages. */
export function registerSharingRoutes(app: FastifyInstance, plans: PlansService): void {
  async function renderSharing(
    request: FastifyRequest,
    reply: FastifyReply,
    failed: { values?: Values; errors?: FieldErrors } = {},
  ) {
    const options = await plans.sharing.options(actorOf(request));
    const query = request.query as Record<string, unknown>;
    return reply.page('plans/views/sharing.njk', {
      title: 'Who can see my plan',
      options,
      sectionItems: sections.map((s) => ({
        value: s.key,
        text: s.title,
        checked: options.privateSections.includes(s.key),
      })),
      maxDays: SUPPORTER_LINK_MAX_DAYS,
      idleMinutes: SUPPORTER_IDLE_MINUTES,
      notice: failed.errors ? null : sharingNotice(query),
      values: failed.values ?? {},
      errors: failed.errors ?? {},
      ...(failed.errors ? { errorList: errorList(failed.errors) } : {}),
    });
  }

  app.get('/my-plan/sharing', async (request, reply) => renderSharing(request, reply));

  app.post('/my-plan/sharing', async (request, reply) =>
    submitOnce(request, reply, () =>
      handleForm(
        reply,
        async () => {
          const input = parseForm(sharingSchema, request.body);
          await plans.sharing.update(actorOf(request), input, auditContextOf(request));
          return reply.redirect('/my-plan/sharing?saved=1', 303);
        },
        { invalid: (errors) => renderSharing(request, reply, { errors }) },
      ),
    ),
  );

  app.post('/my-plan/supporter-links', async (request, reply) => {
    const body = (request.body ?? {}) as Values;
    // The new link is shown once; sent again, the form leads back to the sharing page.
    return submitOnce(
      request,
      reply,
      () =>
        handleForm(
          reply,
          async () => {
            const input = parseForm(supporterLinkSchema, body);
            const created = await plans.supporterLinks.create(
              actorOf(request),
              input,
              auditContextOf(request),
            );
            return reply.page('plans/views/link-created.njk', {
              title: 'Your link is ready',
              created,
            });
          },
          { invalid: (errors) => renderSharing(request, reply, { values: body, errors }) },
        ),
      { afterRepeat: '/my-plan/sharing?already=link' },
    );
  });

  app.post('/my-plan/supporter-links/:linkId/revoke', async (request, reply) => {
    const { linkId } = request.params as { linkId: string };
    await plans.supporterLinks.revoke(actorOf(request), linkId, auditContextOf(request));
    return reply.redirect('/my-plan/sharing?stopped=1', 303);
  });
}
