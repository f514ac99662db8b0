/**
 * Support after hard events, the wellbeing check-in, a unit's counts for managers, and the
 * staff support directory administrators keep.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../lib/app-error.ts';
import { errorList, handleForm, parseForm } from '../../../web/forms.ts';
import { submitOnce } from '../../../web/form-once.ts';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { staffServiceSchema, supportAnswerSchema } from '../reflect-schema.ts';
import type { LearningService } from '../service.ts';

const query = (request: FastifyRequest) => request.query as Record<string, unknown>;

/** Registers the support, check-in and directory pages. */
export function registerSupportRoutes(
  app: FastifyInstance,
  deps: { learning: LearningService },
): void {
  const { support, wellbeing, unitWellbeing } = deps.learning;

  async function renderSupport(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: FieldErrors } = {},
  ) {
    const actor = actorOf(request);
    const offers = await support.offers(actor);
    const checkIn = await wellbeing.form(actor);
    const errors = extra.errors ?? {};
    return reply.page('learning/views/support.njk', {
      title: 'Support for you',
      ...offers,
      checkInDone: checkIn.done,
      done: typeof query(request).done === 'string' ? query(request).done : null,
      errors,
      errorList: errorList(errors),
    });
  }

  async function renderCheckIn(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { values?: Record<string, unknown>; errors?: FieldErrors } = {},
  ) {
    const form = await wellbeing.form(actorOf(request));
    const values = extra.values ?? {};
    const errors = extra.errors ?? {};
    return reply.page('learning/views/wellbeing.njk', {
      title: 'How are you doing?',
      ...form,
      questionItems: form.questions.map((q) => ({
        id: q.id,
        ask: q.ask,
        items: q.options.map((o) => ({
          value: o.value,
          text: o.text,
          checked: values[q.id] === o.value,
        })),
      })),
      unitItems: form.units.map((u) => ({
        value: u.id,
        text: u.name,
        checked: values.unit === u.id,
      })),
      errors,
      errorList: errorList(errors),
    });
  }

  async function renderDirectory(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { values?: unknown; errors?: FieldErrors } = {},
  ) {
    const services = await support.directory(actorOf(request));
    const errors = extra.errors ?? {};
    return reply.page('learning/views/support-admin.njk', {
      title: 'Support for staff',
      services,
      done: typeof query(request).done === 'string' ? query(request).done : null,
      values: extra.values ?? {},
      errors,
      errorList: errorList(errors),
    });
  }

  app.get('/learning/support', (request, reply) => renderSupport(request, reply));

  app.post('/learning/support', (request, reply) =>
    handleForm(
      reply,
      async () => {
        const input = parseForm(supportAnswerSchema, request.body);
        await support.answer(actorOf(request), input, auditContextOf(request));
        return reply.redirect(`/learning/support?done=${input.answer}`, 303);
      },
      { invalid: (errors) => renderSupport(request, reply, { errors }) },
    ),
  );

  app.get('/learning/wellbeing', (request, reply) => renderCheckIn(request, reply));

  app.post('/learning/wellbeing', (request, reply) =>
    submitOnce(request, reply, () =>
      handleForm(
        reply,
        async () => {
          const { saved } = await wellbeing.checkIn(
            actorOf(request),
            request.body,
            auditContextOf(request),
          );
          return reply.redirect(`/learning/support?done=${saved ? 'checked-in' : 'nothing'}`, 303);
        },
        {
          invalid: (errors) =>
            renderCheckIn(request, reply, {
              values: (request.body ?? {}) as Record<string, unknown>,
              errors,
            }),
        },
      ),
    ),
  );

  app.get('/learning/unit/wellbeing', async (request, reply) => {
    const actor = actorOf(request);
    const wanted = query(request).unit;
    const units = await unitWellbeing.units(actor);
    const unitId = typeof wanted === 'string' && wanted !== '' ? wanted : units[0]?.id;
    if (!unitId)
      return reply.page('learning/views/unit-wellbeing.njk', {
        title: 'Staff support',
        unit: null,
        units,
      });
    const summary = await unitWellbeing.summary(actor, unitId, auditContextOf(request));
    return reply.page('learning/views/unit-wellbeing.njk', {
      title: `Staff support on ${summary.unit.name}`,
      ...summary,
      unitItems: summary.units.map((u) => ({
        value: u.id,
        text: u.name,
        selected: u.id === unitId,
      })),
    });
  });

  app.get('/admin/learning/support', (request, reply) => renderDirectory(request, reply));

  app.post('/admin/learning/support', (request, reply) =>
    submitOnce(request, reply, () =>
      handleForm(
        reply,
        async () => {
          const input = parseForm(staffServiceSchema, request.body);
          await support.addService(actorOf(request), input, auditContextOf(request));
          return reply.redirect('/admin/learning/support?done=added', 303);
        },
        { invalid: (errors) => renderDirectory(request, reply, { values: request.body, errors }) },
      ),
    ),
  );

  app.post('/admin/learning/support/:staffServiceId/retire', async (request, reply) => {
    const id = String((request.params as Record<string, string>).staffServiceId);
    await support.retireService(actorOf(request), id, auditContextOf(request));
    return reply.redirect('/admin/learning/support?done=retired', 303);
  });
}
