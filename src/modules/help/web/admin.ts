/** The organisation's crisis numbers: list, add, change and remove (administrators). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../lib/app-error.ts';
import { errorList, handleForm, parseForm } from '../../../web/forms.ts';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { MAX_HELP_NUMBERS } from '../numbers.ts';
import { helpNumberSchema } from '../schema.ts';
import type { HelpService } from '../service.ts';

const notices: Record<string, string> = {
  added: 'Number added. People in your organisation will see it on Help now from their next page.',
  changed: 'Number changed. People will see the new details from their next page.',
  removed: 'Number removed from Help now.',
};

const kindItems = [
  { value: 'phone', text: 'People call it' },
  { value: 'text', text: 'People send a text message to it' },
];

/** Registers the crisis numbers pages. */
export function registerAdminRoutes(app: FastifyInstance, deps: { help: HelpService }): void {
  const { numbers } = deps.help;

  async function renderList(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { values?: unknown; errors?: FieldErrors } = {},
  ) {
    const list = await numbers.listForAdmin(actorOf(request));
    const done = (request.query as Record<string, unknown>).done;
    const errors = extra.errors ?? {};
    return reply.page('help/views/admin.njk', {
      title: 'Crisis numbers',
      numbers: list,
      max: MAX_HELP_NUMBERS,
      notice: typeof done === 'string' ? (notices[done] ?? null) : null,
      kindItems,
      values: extra.values ?? {},
      errors,
      errorList: errorList(errors),
    });
  }

  async function renderEdit(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: { values?: unknown; errors?: FieldErrors } = {},
  ) {
    const number = await numbers.findForAdmin(actorOf(request), id);
    const errors = extra.errors ?? {};
    return reply.page('help/views/edit.njk', {
      title: `Change ${number.label}`,
      number,
      kindItems,
      values: extra.values ?? number,
      errors,
      errorList: errorList(errors),
    });
  }

  app.get('/admin/help-numbers', async (request, reply) => renderList(request, reply));

  app.post('/admin/help-numbers', (request, reply) =>
    handleForm(
      reply,
      async () => {
        const input = parseForm(helpNumberSchema, request.body);
        await numbers.add(actorOf(request), input, auditContextOf(request));
        return reply.redirect('/admin/help-numbers?done=added', 303);
      },
      {
        invalid: (errors) => renderList(request, reply, { values: request.body, errors }),
      },
    ),
  );

  app.get('/admin/help-numbers/:helpNumberId', async (request, reply) => {
    const { helpNumberId } = request.params as { helpNumberId: string };
    return renderEdit(request, reply, helpNumberId);
  });

  app.post('/admin/help-numbers/:helpNumberId', (request, reply) => {
    const { helpNumberId } = request.params as { helpNumberId: string };
    return handleForm(
      reply,
      async () => {
        const input = parseForm(helpNumberSchema, request.body);
        await numbers.update(actorOf(request), helpNumberId, input, auditContextOf(request));
        return reply.redirect('/admin/help-numbers?done=changed', 303);
      },
      {
        invalid: (errors) =>
          renderEdit(request, reply, helpNumberId, { values: request.body, errors }),
      },
    );
  });

  app.post('/admin/help-numbers/:helpNumberId/remove', async (request, reply) => {
    const { helpNumberId } = request.params as { helpNumberId: string };
    await numbers.remove(actorOf(request), helpNumberId, auditContextOf(request));
    return reply.redirect('/admin/help-numbers?done=removed', 303);
  });
}
