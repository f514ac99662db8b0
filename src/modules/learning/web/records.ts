/** A member of staff's own training record, the unit grid and the records export. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../lib/app-error.ts';
import { errorList, handleForm, parseForm } from '../../../web/forms.ts';
import { submitOnce } from '../../../web/form-once.ts';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { ownRecordSchema } from '../schema.ts';
import type { LearningService } from '../service.ts';

/** Words for each standing, as the grid and the record show them. */
export const statusWords: Record<string, { text: string; colour: string }> = {
  'in-date': { text: 'In date', colour: 'green' },
  'due-soon': { text: 'Due soon', colour: 'yellow' },
  overdue: { text: 'Overdue', colour: 'red' },
  never: { text: 'Not yet trained', colour: 'grey' },
};

/** Registers the training record pages. */
export function registerRecordRoutes(
  app: FastifyInstance,
  deps: { learning: LearningService },
): void {
  const { records, transfer, course } = deps.learning;

  async function renderMine(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { values?: unknown; errors?: FieldErrors } = {},
  ) {
    const actor = actorOf(request);
    const mine = await records.mine(actor);
    const progress = await course.overview(actor);
    const errors = extra.errors ?? {};
    return reply.page('learning/views/mine.njk', {
      title: 'Your training',
      ...mine,
      progress,
      statusWords,
      added: (request.query as Record<string, unknown>).added === '1',
      courseItems: [
        { value: '', text: 'Choose a course' },
        ...mine.courses.map((c) => ({ value: c.id, text: `${c.name} (${c.provider})` })),
      ],
      values: extra.values ?? {},
      errors,
      errorList: errorList(errors),
    });
  }

  app.get('/learning', async (request, reply) => renderMine(request, reply));

  app.post('/learning/records', (request, reply) =>
    submitOnce(request, reply, () =>
      handleForm(
        reply,
        async () => {
          const input = parseForm(ownRecordSchema, request.body);
          await records.addOwn(actorOf(request), input, auditContextOf(request));
          return reply.redirect('/learning?added=1', 303);
        },
        { invalid: (errors) => renderMine(request, reply, { values: request.body, errors }) },
      ),
    ),
  );

  app.get('/learning/unit', async (request, reply) => {
    const actor = actorOf(request);
    const wanted = (request.query as Record<string, unknown>).unit;
    const units = await records.unitsForGrid(actor);
    const unitId = typeof wanted === 'string' && wanted !== '' ? wanted : units[0]?.id;
    if (!unitId)
      return reply.page('learning/views/grid.njk', { title: 'Unit training', unit: null, units });
    const grid = await records.grid(actor, unitId, auditContextOf(request));
    return reply.page('learning/views/grid.njk', {
      title: `Training on ${grid.unit.name}`,
      ...grid,
      statusWords,
      unitItems: grid.units.map((u) => ({ value: u.id, text: u.name, selected: u.id === unitId })),
    });
  });

  app.get('/learning/records.csv', async (request, reply) => {
    const csv = await transfer.exportCsv(actorOf(request), auditContextOf(request));
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="training-records.csv"')
      .header('cache-control', 'no-store')
      .send(csv);
  });
}
