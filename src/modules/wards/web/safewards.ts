/** Safewards on a ward: the overview with scores and trend, interventions in place, the monthly check. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../lib/app-error.ts';
import { errorList, handleForm, parseForm } from '../../../web/forms.ts';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { interventions } from '../interventions.ts';
import {
  fidelityCheckSchema,
  inPlaceSchema,
  toFidelityCheck,
  toInPlace,
} from '../safewards-schema.ts';
import type { WardsService } from '../service.ts';

const one = (v: unknown) => (typeof v === 'string' ? v : undefined);
const base = (unitId: string) => `/wards/${encodeURIComponent(unitId)}/safewards`;

/** Registers the Safewards pages. */
export function registerSafewardsRoutes(app: FastifyInstance, deps: { wards: WardsService }) {
  const { wards } = deps;

  app.get('/wards/:unitId/safewards', async (request, reply) => {
    const { unitId } = request.params as { unitId: string };
    const q = request.query as Record<string, unknown>;
    const view = await wards.safewards.overview(actorOf(request), unitId, { show: one(q.show) });
    return reply.page('wards/views/safewards.njk', {
      title: `Safewards: ${view.ward.name}`,
      ...view,
      saved: one(q.saved) ?? null,
    });
  });

  async function renderInPlace(
    request: FastifyRequest,
    reply: FastifyReply,
    unitId: string,
    extra: { values?: Record<string, unknown>; errors?: FieldErrors } = {},
  ) {
    await wards.safewards.wardFor(actorOf(request), unitId, 'manage');
    const view = await wards.safewards.overview(actorOf(request), unitId, {});
    const errors = extra.errors ?? {};
    const values =
      extra.values ??
      Object.fromEntries(view.interventions.map((i) => [`since_${i.id}`, i.since ?? '']));
    return reply.page('wards/views/in-place.njk', {
      title: `Interventions in place: ${view.ward.name}`,
      ward: view.ward,
      items: view.interventions.map((i) => ({
        ...i,
        field: `since_${i.id}`,
        value: values[`since_${i.id}`] ?? '',
        error: errors[`since_${i.id}`],
      })),
      errors,
      errorList: errorList(errors),
    });
  }

  app.get('/wards/:unitId/safewards/in-place', async (request, reply) => {
    const { unitId } = request.params as { unitId: string };
    return renderInPlace(request, reply, unitId);
  });

  app.post('/wards/:unitId/safewards/in-place', async (request, reply) => {
    const { unitId } = request.params as { unitId: string };
    const body = (request.body ?? {}) as Record<string, unknown>;
    await wards.safewards.wardFor(actorOf(request), unitId, 'manage');
    return handleForm(
      reply,
      async () => {
        await wards.safewards.setInPlace(
          actorOf(request),
          unitId,
          toInPlace(parseForm(inPlaceSchema, body)),
          auditContextOf(request),
        );
        return reply.redirect(`${base(unitId)}?saved=in-place`, 303);
      },
      { invalid: (errors) => renderInPlace(request, reply, unitId, { values: body, errors }) },
    );
  });

  async function renderCheck(
    request: FastifyRequest,
    reply: FastifyReply,
    unitId: string,
    month: string | undefined,
    extra: { values?: Record<string, unknown>; errors?: FieldErrors; saved?: string } = {},
  ) {
    const form = await wards.safewards.checkForm(actorOf(request), unitId, { month });
    const errors = extra.errors ?? {};
    const values: Record<string, unknown> = extra.values ?? {
      month: form.month,
      note: form.note ?? '',
      ...(form.answers ?? {}),
    };
    return reply.page('wards/views/fidelity-check.njk', {
      title: `Monthly Safewards check: ${form.ward.name}`,
      ...form,
      values,
      groups: interventions.map((i) => ({
        id: i.id,
        name: i.name,
        summary: i.summary,
        items: i.checklist.map((c) => ({
          id: c.id,
          text: c.text,
          error: errors[c.id],
          choices: form.answerChoices.map((a) => ({
            value: a.value,
            text: a.text,
            checked: values[c.id] === a.value,
          })),
        })),
      })),
      saved: extra.saved ?? null,
      errors,
      errorList: errorList(errors),
    });
  }

  app.get('/wards/:unitId/safewards/check', async (request, reply) => {
    const { unitId } = request.params as { unitId: string };
    const q = request.query as Record<string, unknown>;
    return renderCheck(request, reply, unitId, one(q.month), { saved: one(q.saved) });
  });

  app.post('/wards/:unitId/safewards/check', async (request, reply) => {
    const { unitId } = request.params as { unitId: string };
    const body = (request.body ?? {}) as Record<string, unknown>;
    // A ward the caller does not manage is 404 before anything about the form is said.
    await wards.safewards.wardFor(actorOf(request), unitId, 'manage');
    const again = (errors: FieldErrors) =>
      renderCheck(request, reply, unitId, one(body.month), { values: body, errors });
    return handleForm(
      reply,
      async () => {
        const input = toFidelityCheck(parseForm(fidelityCheckSchema, body));
        const { version } = await wards.safewards.saveCheck(
          actorOf(request),
          unitId,
          input,
          auditContextOf(request),
        );
        return reply.redirect(
          `${base(unitId)}/check?month=${input.month}&saved=${version > 1 ? 'changed' : 'new'}`,
          303,
        );
      },
      { invalid: again, conflict: (message) => again({ form: message }) },
    );
  });
}
