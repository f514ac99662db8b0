/** A recorded disclosure's pages: reading it, and the person's choices about who sees it. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { handleForm } from '../../../web/forms.ts';
import type { EnquiryService } from '../service.ts';
import { sharingSchema } from '../schema.ts';
import { formErrors, paramOf, savedNoticeOf } from './request.ts';

/** Banner words after the person changes who sees what they recorded. */
const disclosureNotices: Record<string, string> = {
  '1': 'Your choice is saved. It applies straight away.',
  withdrawn: 'Hidden. Staff can no longer see this. You can show it again at any time.',
  restored: 'Shown again. Staff you chose can see this again.',
};

/** Registers the disclosure pages. */
export function registerDisclosureRoutes(app: FastifyInstance, enquiry: EnquiryService): void {
  const { disclosures } = enquiry;
  const idOf = (request: FastifyRequest) => paramOf(request, 'disclosureId');

  async function renderDisclosure(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Record<string, unknown> = {},
  ) {
    const disclosure = await disclosures.view(
      actorOf(request),
      idOf(request),
      auditContextOf(request),
    );
    return reply.page('enquiry/views/disclosure.njk', {
      title: disclosure.isPerson
        ? 'What you chose to record'
        : `Recorded with ${disclosure.personName}`,
      disclosure,
      errors: {},
      notice: savedNoticeOf(request, disclosureNotices),
      ...extra,
    });
  }

  app.get('/disclosures/:disclosureId', (request, reply) => renderDisclosure(request, reply));
  app.post('/disclosures/:disclosureId/sharing', (request, reply) =>
    handleForm(
      reply,
      async () => {
        const parsed = sharingSchema.safeParse(request.body ?? {});
        await disclosures.updateSharing(
          actorOf(request),
          idOf(request),
          parsed.success ? parsed.data.share : null,
          auditContextOf(request),
        );
        return reply.redirect(`/disclosures/${idOf(request)}?saved=1`, 303);
      },
      { invalid: (errors) => renderDisclosure(request, reply, formErrors(errors)) },
    ),
  );
  app.get('/disclosures/:disclosureId/withdraw', async (request, reply) => {
    const disclosure = await disclosures.confirmWithdraw(actorOf(request), idOf(request));
    return reply.page('enquiry/views/withdraw.njk', { title: 'Hide this from staff', disclosure });
  });
  app.post('/disclosures/:disclosureId/withdraw', async (request, reply) => {
    await disclosures.withdraw(actorOf(request), idOf(request), auditContextOf(request));
    return reply.redirect(`/disclosures/${idOf(request)}?saved=withdrawn`, 303);
  });
  app.post('/disclosures/:disclosureId/restore', async (request, reply) => {
    await disclosures.restore(actorOf(request), idOf(request), auditContextOf(request));
    return reply.redirect(`/disclosures/${idOf(request)}?saved=restored`, 303);
  });
}
