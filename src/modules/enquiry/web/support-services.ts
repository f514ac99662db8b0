/** The support directory's pages: the list, and adding or changing an entry. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { handleForm, parseForm } from '../../../web/forms.ts';
import type { EnquiryService } from '../service.ts';
import { serviceSchema } from '../schema.ts';
import { bodyOf, formErrors, paramOf, savedNoticeOf } from './request.ts';

/** Banner words on the directory after a service is added or changed. */
const directoryNotices: Record<string, string> = {
  added: 'Service added. Staff can offer it from now on.',
  changed: 'Changes saved.',
};

/** Registers the support directory pages. */
export function registerSupportServiceRoutes(app: FastifyInstance, enquiry: EnquiryService): void {
  const { supportServices } = enquiry;

  function renderForm(reply: FastifyReply, form: Record<string, unknown>) {
    return reply.page('enquiry/views/service-form.njk', { values: {}, errors: {}, ...form });
  }
  /** The form page again with what was typed, after a validation failure. */
  async function renderAgain(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string | null,
    errors: Parameters<typeof formErrors>[0],
  ) {
    const actor = actorOf(request);
    const form = id ? await supportServices.editForm(actor, id) : supportServices.newForm(actor);
    return renderForm(reply, { ...form, values: bodyOf(request), ...formErrors(errors) });
  }

  app.get('/support-services', async (request, reply) => {
    const directory = await supportServices.list(actorOf(request));
    return reply.page('enquiry/views/services.njk', {
      title: 'Support services',
      directory,
      notice: savedNoticeOf(request, directoryNotices),
    });
  });
  app.get('/support-services/new', async (request, reply) =>
    renderForm(reply, supportServices.newForm(actorOf(request))),
  );
  app.post('/support-services', (request, reply) =>
    handleForm(
      reply,
      async () => {
        const input = parseForm(serviceSchema, request.body);
        await supportServices.save(actorOf(request), null, input, auditContextOf(request));
        return reply.redirect('/support-services?saved=added', 303);
      },
      { invalid: (errors) => renderAgain(request, reply, null, errors) },
    ),
  );
  app.get('/support-services/:serviceId/edit', async (request, reply) =>
    renderForm(
      reply,
      await supportServices.editForm(actorOf(request), paramOf(request, 'serviceId')),
    ),
  );
  app.post('/support-services/:serviceId', (request, reply) => {
    const id = paramOf(request, 'serviceId');
    return handleForm(
      reply,
      async () => {
        const input = parseForm(serviceSchema, request.body);
        await supportServices.save(actorOf(request), id, input, auditContextOf(request));
        return reply.redirect('/support-services?saved=changed', 303);
      },
      { invalid: (errors) => renderAgain(request, reply, id, errors) },
    );
  });
}
