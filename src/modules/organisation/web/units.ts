/** Units pages: the list, adding one, renaming or changing beds, and closing. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../lib/app-error.ts';
import { errorList, handleForm, parseForm } from '../../../web/forms.ts';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { unitChangeSchema, unitSchema } from '../schema.ts';
import type { OrganisationService } from '../service.ts';

const notices: Record<string, string> = {
  added: 'Unit added. You can now invite staff to it.',
  changed: 'Unit changed.',
  closed: 'Unit closed. Its records and figures are kept.',
};

/** Registers the units pages. */
export function registerUnitRoutes(
  app: FastifyInstance,
  deps: { organisation: OrganisationService },
): void {
  const { units } = deps.organisation;
  const unitIdOf = (request: FastifyRequest) => (request.params as { unitId: string }).unitId;

  function renderNew(reply: FastifyReply, values: unknown = {}, errors: FieldErrors = {}) {
    return reply.page('organisation/views/unit-form.njk', {
      title: 'Add a unit',
      action: '/admin/units',
      isNew: true,
      values,
      errors,
      errorList: errorList(errors),
    });
  }

  async function renderChange(
    request: FastifyRequest,
    reply: FastifyReply,
    values?: unknown,
    errors: FieldErrors = {},
  ) {
    const unit = await units.openUnit(actorOf(request), unitIdOf(request));
    return reply.page('organisation/views/unit-form.njk', {
      title: `Change ${unit.name}`,
      action: `/admin/units/${unit.id}`,
      unit,
      values: values ?? { name: unit.name, bedCount: unit.bed_count ?? '' },
      errors,
      errorList: errorList(errors),
    });
  }

  app.get('/admin/units', async (request, reply) => {
    const done = (request.query as Record<string, unknown>).done;
    return reply.page('organisation/views/units.njk', {
      title: 'Units',
      ...(await units.list(actorOf(request))),
      notice: typeof done === 'string' ? (notices[done] ?? null) : null,
    });
  });

  app.get('/admin/units/new', async (request, reply) => {
    await units.list(actorOf(request));
    return renderNew(reply);
  });

  app.post('/admin/units', (request, reply) =>
    handleForm(
      reply,
      async () => {
        await units.add(
          actorOf(request),
          parseForm(unitSchema, request.body),
          auditContextOf(request),
        );
        return reply.redirect('/admin/units?done=added', 303);
      },
      { invalid: (errors) => renderNew(reply, request.body, errors) },
    ),
  );

  app.get('/admin/units/:unitId', async (request, reply) => renderChange(request, reply));

  app.post('/admin/units/:unitId', (request, reply) =>
    handleForm(
      reply,
      async () => {
        await units.change(
          actorOf(request),
          unitIdOf(request),
          parseForm(unitChangeSchema, request.body),
          auditContextOf(request),
        );
        return reply.redirect('/admin/units?done=changed', 303);
      },
      { invalid: (errors) => renderChange(request, reply, request.body, errors) },
    ),
  );

  app.post('/admin/units/:unitId/close', async (request, reply) => {
    await units.close(actorOf(request), unitIdOf(request), auditContextOf(request));
    return reply.redirect('/admin/units?done=closed', 303);
  });
}
