/** The wards list and the shift report: a phone-sized form of counts, one per ward per shift. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../lib/app-error.ts';
import { errorList, handleForm, parseForm } from '../../../web/forms.ts';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { conflictItems, containmentItems } from '../items.ts';
import { mayWardScreen, mayWards } from '../policy.ts';
import { shiftReportSchema, toShiftReport } from '../schema.ts';
import type { WardsService } from '../service.ts';
import { shiftLabels, shifts } from '../shifts.ts';

const one = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** Registers the wards list and the shift report pages. */
export function registerShiftReportRoutes(app: FastifyInstance, deps: { wards: WardsService }) {
  const { wards } = deps;

  async function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    unitId: string,
    chosen: { date?: string; shift?: string },
    extra: { values?: Record<string, unknown>; errors?: FieldErrors; saved?: string } = {},
  ) {
    const form = await wards.shiftReports.form(actorOf(request), unitId, chosen);
    const errors = extra.errors ?? {};
    const values: Record<string, unknown> = extra.values ?? {
      date: form.date,
      shift: form.shift,
      ...(form.counts ?? {}),
    };
    const fields = (list: typeof conflictItems) =>
      list.map((i) => ({
        ...i,
        value: values[i.code] === 0 || values[i.code] === '0' ? '0' : (values[i.code] ?? ''),
        error: errors[i.code],
      }));
    return reply.page('wards/views/shift-report.njk', {
      title: `Shift report: ${form.ward.name}`,
      ...form,
      values,
      conflict: fields(conflictItems),
      containment: fields(containmentItems),
      shiftItems: shifts.map((s) => ({
        value: s,
        text: shiftLabels[s],
        checked: String(values.shift ?? form.shift) === s,
      })),
      saved: extra.saved ?? null,
      errors,
      errorList: errorList(errors),
    });
  }

  app.get('/wards', async (request, reply) => {
    const actor = actorOf(request);
    const list = await wards.wardsOf(actor);
    return reply.page('wards/views/wards.njk', {
      title: 'Shift reports',
      wards: list.map((w) => ({
        ...w,
        record: mayWards(actor, {
          kind: 'record',
          organisationId: actor.organisationId,
          unitId: w.id,
        }),
        figures: mayWards(actor, {
          kind: 'figures',
          organisationId: actor.organisationId,
          unitId: w.id,
        }),
        // The ward screen's pages were reachable only by typing their address.
        screen: mayWardScreen(actor, { kind: 'tokens', unitId: w.id }),
      })),
      organisationChart: mayWardScreen(actor, { kind: 'organisationChart' }),
    });
  });

  app.get('/wards/:unitId/shift-report', async (request, reply) => {
    const { unitId } = request.params as { unitId: string };
    const q = request.query as Record<string, unknown>;
    return renderForm(
      request,
      reply,
      unitId,
      { date: one(q.date), shift: one(q.shift) },
      { saved: one(q.saved) },
    );
  });

  app.post('/wards/:unitId/shift-report', async (request, reply) => {
    const { unitId } = request.params as { unitId: string };
    const body = (request.body ?? {}) as Record<string, unknown>;
    // A ward the caller does not work on is 404 before anything about the form is said.
    await wards.shiftReports.wardFor(actorOf(request), unitId);
    return handleForm(
      reply,
      async () => {
        const input = toShiftReport(parseForm(shiftReportSchema, body));
        const { version } = await wards.shiftReports.save(
          actorOf(request),
          unitId,
          input,
          auditContextOf(request),
        );
        return reply.redirect(
          `/wards/${encodeURIComponent(unitId)}/shift-report?date=${input.date}&shift=${input.shift}&saved=${version > 1 ? 'changed' : 'new'}`,
          303,
        );
      },
      {
        invalid: (errors) =>
          renderForm(
            request,
            reply,
            unitId,
            { date: one(body.date), shift: one(body.shift) },
            { values: body, errors },
          ),
        conflict: (message) =>
          renderForm(
            request,
            reply,
            unitId,
            { date: one(body.date), shift: one(body.shift) },
            { values: body, errors: { form: message } },
          ),
      },
    );
  });
}
