/** A member of staff's own job title: shown beside their name on records they are named in. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { errorList, handleForm, parseForm } from '../../../web/forms.ts';
import type { FieldErrors } from '../../../lib/app-error.ts';
import { jobTitleSchema } from '../schema.ts';
import type { AccountsService } from '../service.ts';

/** Registers the job title page. */
export function registerJobTitleRoutes(
  app: FastifyInstance,
  { accounts }: { accounts: AccountsService },
) {
  const render = (
    reply: FastifyReply,
    jobTitle: string,
    extra: { errors?: FieldErrors; saved?: boolean } = {},
  ) =>
    reply.page('accounts/views/job-title.njk', {
      title: 'Your job title',
      jobTitle,
      saved: extra.saved ?? false,
      errors: extra.errors ?? {},
      errorList: extra.errors ? errorList(extra.errors) : [],
    });

  app.get('/account/job-title', async (request, reply) => {
    const jobTitle = await accounts.people.ownJobTitle(actorOf(request));
    const saved = (request.query as Record<string, unknown>).saved === '1';
    return render(reply, jobTitle ?? '', { saved });
  });

  app.post('/account/job-title', (request, reply) =>
    handleForm(
      reply,
      async () => {
        const { jobTitle } = parseForm(jobTitleSchema, request.body);
        await accounts.people.setOwnJobTitle(actorOf(request), jobTitle, auditContextOf(request));
        return reply.redirect('/account/job-title?saved=1', 303);
      },
      {
        invalid: (errors) =>
          render(reply, String((request.body as Record<string, unknown>).jobTitle ?? ''), {
            errors,
          }),
      },
    ),
  );
}
