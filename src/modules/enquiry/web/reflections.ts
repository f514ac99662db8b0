/** "What happened to you?": a person's own reflection, saved only if they choose. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { handleForm, parseForm } from '../../../web/forms.ts';
import type { EnquiryService } from '../service.ts';
import { reflectionQuestions, reflectionWays } from '../content.ts';
import { reflectionSchema } from '../schema.ts';
import { bodyOf, formErrors, paramOf, queryOf } from './request.ts';

/** Registers the reflection pages. */
export function registerReflectionRoutes(app: FastifyInstance, enquiry: EnquiryService): void {
  const { reflections } = enquiry;

  async function renderReflect(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Record<string, unknown> = {},
  ) {
    const saved = await reflections.list(actorOf(request));
    return reply.page('enquiry/views/reflect.njk', {
      title: 'What happened to you?',
      reflectionQuestions,
      reflectionWays,
      saved,
      values: { way: queryOf(request, 'way') ?? 'alone' },
      errors: {},
      ...extra,
    });
  }
  app.get('/what-happened-to-you', (request, reply) => renderReflect(request, reply));
  app.post('/what-happened-to-you', (request, reply) =>
    handleForm(
      reply,
      async () => {
        const input = parseForm(reflectionSchema, request.body);
        const id = await reflections.save(actorOf(request), input, auditContextOf(request));
        if (id === null) {
          return reply.page('enquiry/views/reflect-done.njk', {
            title: 'Nothing has been saved',
            saved: false,
          });
        }
        return reply.redirect(`/what-happened-to-you/saved/${id}`, 303);
      },
      {
        invalid: (errors) =>
          renderReflect(request, reply, { values: bodyOf(request), ...formErrors(errors) }),
      },
    ),
  );
  app.get('/what-happened-to-you/saved/:reflectionId', async (request, reply) => {
    const reflection = await reflections.view(actorOf(request), paramOf(request, 'reflectionId'));
    return reply.page('enquiry/views/reflection.njk', {
      title: 'Your reflection',
      reflection,
      reflectionQuestions,
    });
  });
  app.post('/what-happened-to-you/saved/:reflectionId/delete', async (request, reply) => {
    await reflections.delete(
      actorOf(request),
      paramOf(request, 'reflectionId'),
      auditContextOf(request),
    );
    return reply.page('enquiry/views/reflect-done.njk', {
      title: 'Your reflection has been deleted',
      saved: false,
      deleted: true,
    });
  });
}
