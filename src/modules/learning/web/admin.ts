/** The organisation's courses and the training records import (administrators). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../lib/app-error.ts';
import { errorList, handleForm, parseForm } from '../../../web/forms.ts';
import { submitOnce } from '../../../web/form-once.ts';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { courseSchema, importSchema } from '../schema.ts';
import type { LearningService } from '../service.ts';
import { topics } from '../topics.ts';
import type { ImportResult } from '../transfer.ts';
import { EXPORT_COLUMNS } from '../transfer.ts';

/** Registers the courses and import pages. */
export function registerAdminRoutes(
  app: FastifyInstance,
  deps: { learning: LearningService },
): void {
  const { records, transfer } = deps.learning;

  async function renderCourses(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { values?: Record<string, unknown>; errors?: FieldErrors } = {},
  ) {
    const { courses, uncovered } = await records.courses(actorOf(request));
    const errors = extra.errors ?? {};
    const values = extra.values ?? {};
    const chosen = new Set(
      ([] as unknown[]).concat(values.topics ?? []).filter((v) => typeof v === 'string'),
    );
    return reply.page('learning/views/courses.njk', {
      title: 'Training courses',
      courses,
      uncovered: topics.filter((t) => uncovered.includes(t.letter)),
      topicNames: Object.fromEntries(topics.map((t) => [t.letter, t.name])),
      topicItems: topics.map((t) => ({
        value: t.letter,
        text: `(${t.letter}) ${t.name}`,
        checked: chosen.has(t.letter),
      })),
      added: (request.query as Record<string, unknown>).added === '1',
      values,
      errors,
      errorList: errorList(errors),
    });
  }

  function renderImport(
    reply: FastifyReply,
    extra: { csv?: string; result?: ImportResult; errors?: FieldErrors } = {},
  ) {
    const errors = extra.errors ?? {};
    return reply.page('learning/views/import.njk', {
      title: 'Import training records',
      columns: EXPORT_COLUMNS,
      csv: extra.csv ?? '',
      result: extra.result ?? null,
      errors,
      errorList: errorList(errors),
    });
  }

  app.get('/admin/learning/courses', async (request, reply) => renderCourses(request, reply));

  app.post('/admin/learning/courses', (request, reply) =>
    submitOnce(request, reply, () =>
      handleForm(
        reply,
        async () => {
          const input = parseForm(courseSchema, request.body);
          await records.addCourse(actorOf(request), input, auditContextOf(request));
          return reply.redirect('/admin/learning/courses?added=1', 303);
        },
        {
          invalid: (errors) =>
            renderCourses(request, reply, {
              values: request.body as Record<string, unknown>,
              errors,
            }),
        },
      ),
    ),
  );

  app.get('/admin/learning/import', async (request, reply) => {
    await records.courses(actorOf(request));
    return renderImport(reply);
  });

  app.post('/admin/learning/import', (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const csv = typeof body.csv === 'string' ? body.csv : '';
    return handleForm(
      reply,
      async () => {
        const input = parseForm(importSchema, body);
        const result = await transfer.importCsv(
          actorOf(request),
          input.csv,
          auditContextOf(request),
        );
        if (result.problems.length > 0) reply.code(400);
        return renderImport(reply, { csv: result.problems.length > 0 ? input.csv : '', result });
      },
      { invalid: (errors) => renderImport(reply, { csv, errors }) },
    );
  });
}
