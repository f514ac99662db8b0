/** Staff pages: everyone's role and units, and changing one member of staff's. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../lib/app-error.ts';
import { errorList, handleForm, parseForm } from '../../../web/forms.ts';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { staffChangeSchema } from '../schema.ts';
import type { OrganisationService } from '../service.ts';

/** Registers the staff pages. */
export function registerStaffRoutes(
  app: FastifyInstance,
  deps: { organisation: OrganisationService },
): void {
  const { staff } = deps.organisation;
  const accountIdOf = (request: FastifyRequest) =>
    (request.params as { accountId: string }).accountId;

  async function renderEdit(
    request: FastifyRequest,
    reply: FastifyReply,
    values?: Record<string, unknown>,
    errors: FieldErrors = {},
  ) {
    const form = await staff.editForm(actorOf(request), accountIdOf(request));
    const chosen = values ? [values.unitIds ?? []].flat() : form.values.unitIds;
    return reply.page('organisation/views/staff-edit.njk', {
      title: `Role and units for ${form.account.displayName}`,
      ...form,
      values: values ?? form.values,
      unitItems: form.unitItems.map((u) => ({ ...u, checked: chosen.includes(u.value) })),
      errors,
      errorList: errorList(errors),
    });
  }

  app.get('/admin/staff', async (request, reply) =>
    reply.page('organisation/views/staff.njk', {
      title: 'Staff',
      staff: await staff.list(actorOf(request)),
      saved: (request.query as Record<string, unknown>).done === 'changed',
    }),
  );

  app.get('/admin/staff/:accountId', async (request, reply) => renderEdit(request, reply));

  app.post('/admin/staff/:accountId', (request, reply) =>
    handleForm(
      reply,
      async () => {
        await staff.change(
          actorOf(request),
          accountIdOf(request),
          parseForm(staffChangeSchema, request.body),
          auditContextOf(request),
        );
        return reply.redirect('/admin/staff?done=changed', 303);
      },
      {
        invalid: (errors) =>
          renderEdit(request, reply, request.body as Record<string, unknown>, errors),
      },
    ),
  );
}
