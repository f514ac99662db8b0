/** The built-in course: contents, each section with its questions, and the certificate. */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../lib/app-error.ts';
import { errorList, handleForm } from '../../../web/forms.ts';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import type { LearningService } from '../service.ts';
import { loadCourse } from '../content.ts';

/** Registers the course pages. */
export function registerCourseRoutes(
  app: FastifyInstance,
  deps: { learning: LearningService },
): void {
  const { course } = deps.learning;

  app.get('/learning/course', async (request, reply) => {
    const overview = await course.overview(actorOf(request));
    return reply.page('learning/views/course.njk', {
      title: 'Trauma-informed practice',
      ...overview,
      hours: Math.round((overview.minutes / 60) * 2) / 2,
    });
  });

  app.get('/learning/course/certificate', async (request, reply) => {
    const certificate = await course.certificate(actorOf(request));
    return reply.page('learning/views/certificate.njk', {
      title: certificate ? 'Your certificate' : 'No certificate yet',
      certificate,
    });
  });

  for (const { id } of loadCourse().sections) registerSection(app, course, id);
}

/** One section's page and its answers. */
function registerSection(
  app: FastifyInstance,
  course: LearningService['course'],
  sectionId: string,
) {
  app.get(`/learning/course/${sectionId}`, async (request, reply) => {
    const view = await course.section(actorOf(request), sectionId);
    return reply.page('learning/views/section.njk', {
      title: view.section.title,
      ...view,
      finished: (request.query as Record<string, unknown>).finished === '1',
      errors: {},
      errorList: [],
    });
  });

  app.post(`/learning/course/${sectionId}`, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const answers: Record<string, string> = {};
    return handleForm(
      reply,
      async () => {
        for (const [key, value] of Object.entries(body)) {
          if (key.startsWith('_')) continue;
          if (typeof value !== 'string')
            throw AppError.invalid(key, 'Choose one answer for each question');
          answers[key] = value;
        }
        const result = await course.answer(
          actorOf(request),
          sectionId,
          answers,
          auditContextOf(request),
        );
        const query = result.finished ? '?finished=1' : '';
        return reply.redirect(
          `/learning/course/${encodeURIComponent(sectionId)}${query}#result`,
          303,
        );
      },
      {
        invalid: async (errors) => {
          const view = await course.section(actorOf(request), sectionId);
          return reply.page('learning/views/section.njk', {
            title: view.section.title,
            ...view,
            answers: null,
            result: null,
            errors,
            errorList: errorList(errors),
          });
        },
      },
    );
  });
}
