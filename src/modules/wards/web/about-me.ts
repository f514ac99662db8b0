/** "About me": write, change or remove your own few lines for the people or staff of your ward. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../lib/app-error.ts';
import { errorList, handleForm, parseForm } from '../../../web/forms.ts';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { ABOUT_ME_MAX, aboutMeSchema } from '../safewards-schema.ts';
import type { WardsService } from '../service.ts';

/** Registers the "about me" pages. */
export function registerAboutMeRoutes(app: FastifyInstance, deps: { wards: WardsService }) {
  const { wards } = deps;

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { values?: Record<string, unknown>; errors?: FieldErrors; saved?: string } = {},
  ) {
    const form = await wards.aboutMe.form(actorOf(request));
    const errors = extra.errors ?? {};
    return reply.page('wards/views/about-me.njk', {
      title: 'About me',
      ...form,
      values: extra.values ?? { about: form.about ?? '' },
      max: ABOUT_ME_MAX,
      saved: extra.saved ?? null,
      errors,
      errorList: errorList(errors),
    });
  }

  app.get('/about-me', async (request, reply) => {
    const q = request.query as Record<string, unknown>;
    return render(request, reply, { saved: typeof q.saved === 'string' ? q.saved : undefined });
  });

  app.post('/about-me', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    return handleForm(
      reply,
      async () => {
        const { about } = parseForm(aboutMeSchema, body);
        await wards.aboutMe.save(actorOf(request), about, auditContextOf(request));
        return reply.redirect('/about-me?saved=saved', 303);
      },
      { invalid: (errors) => render(request, reply, { values: body, errors }) },
    );
  });

  app.post('/about-me/remove', async (request, reply) => {
    await wards.aboutMe.remove(actorOf(request), auditContextOf(request));
    return reply.redirect('/about-me?saved=removed', 303);
  });
}
