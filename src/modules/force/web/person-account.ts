/** The person's own pages (their records, their account, their helper) and the helper's page. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { errorList, handleForm, parseForm } from '../../../web/forms.ts';
import { isAppError } from '../../../lib/app-error.ts';
import type { FieldErrors } from '../../../lib/app-error.ts';
import { accountReaders, learningReaders } from '../policy.ts';
import { accountSchema, personFormSchema } from '../schema.ts';
import type { ForceWebDeps } from './common.ts';
import { paramsOf, queryOf, refused } from './common.ts';

/** Registers the person's pages and the helper's page. */
export function registerPersonAccountRoutes(app: FastifyInstance, { force }: ForceWebDeps) {
  async function renderHelper(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Record<string, unknown> = {},
  ) {
    const { incidentId } = paramsOf<'incidentId'>(request);
    const d = await force.personAccount.forHelper(
      actorOf(request),
      incidentId,
      auditContextOf(request),
    );
    return reply.page('force/views/helper-account.njk', {
      title: "Writing the person's account with them",
      ...d,
      saved: queryOf(request).saved === '1',
      values: {},
      errors: {},
      ...extra,
    });
  }

  async function renderMine(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Record<string, unknown> = {},
  ) {
    const { incidentId } = paramsOf<'incidentId'>(request);
    const d = await force.personAccount.mineOne(actorOf(request), incidentId);
    const learning = await force.learning.ownWords(
      actorOf(request),
      incidentId,
      auditContextOf(request),
    );
    const query = queryOf(request);
    return reply.page('force/views/my-incident.njk', {
      title: 'When force was used with you',
      ...d,
      accountReaders,
      learning,
      learningReaders,
      readStaff: query.read === 'staff',
      helperItems: [
        { value: '', text: 'No one, I will write it myself' },
        ...d.helpers.map((h) => ({
          value: h.id,
          text: h.displayName,
          selected: d.incident.account_helper_id === h.id,
        })),
      ],
      saved: query.saved === '1',
      values: {},
      errors: {},
      ...extra,
    });
  }

  const withErrors = (fields: FieldErrors, values?: unknown) => ({
    ...(values === undefined ? {} : { values }),
    errors: fields,
    errorList: errorList(fields),
  });

  app.get('/force/incidents/:incidentId/account', async (request, reply) =>
    renderHelper(request, reply),
  );

  app.post('/force/incidents/:incidentId/account', async (request, reply) => {
    const { incidentId } = paramsOf<'incidentId'>(request);
    try {
      return await handleForm(
        reply,
        async () => {
          const input = parseForm(accountSchema, request.body);
          await force.personAccount.write(
            actorOf(request),
            incidentId,
            input,
            auditContextOf(request),
          );
          return reply.redirect(`/force/incidents/${incidentId}/account?saved=1`, 303);
        },
        { invalid: (fields) => renderHelper(request, reply, withErrors(fields, request.body)) },
      );
    } catch (error) {
      if (isAppError(error) && error.kind === 'forbidden')
        return refused(reply, error, `/force/incidents/${incidentId}`);
      throw error;
    }
  });

  app.get('/my-incidents', async (request, reply) => {
    const incidents = await force.personAccount.mine(actorOf(request));
    return reply.page('force/views/my-incidents.njk', {
      title: 'Times force was used with you',
      incidents,
    });
  });

  app.get('/my-incidents/:incidentId', async (request, reply) => renderMine(request, reply));

  app.post('/my-incidents/:incidentId/account', async (request, reply) => {
    const { incidentId } = paramsOf<'incidentId'>(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (body.kind === undefined) {
      // The page's one form: account, reply and helper together, with one save.
      return handleForm(
        reply,
        async () => {
          await force.personAccount.saveAll(
            actorOf(request),
            incidentId,
            parseForm(personFormSchema, body),
            auditContextOf(request),
          );
          return reply.redirect(`/my-incidents/${incidentId}?saved=1`, 303);
        },
        { invalid: (fields) => renderMine(request, reply, withErrors(fields, body)) },
      );
    }
    return handleForm(
      reply,
      async () => {
        const input = parseForm(accountSchema, request.body);
        await force.personAccount.write(
          actorOf(request),
          incidentId,
          input,
          auditContextOf(request),
        );
        return reply.redirect(`/my-incidents/${incidentId}?saved=1`, 303);
      },
      { invalid: (fields) => renderMine(request, reply, withErrors(fields, request.body)) },
    );
  });

  app.post('/my-incidents/:incidentId/helper', async (request, reply) => {
    const { incidentId } = paramsOf<'incidentId'>(request);
    const body = request.body as Record<string, unknown>;
    const helperId = typeof body.helperId === 'string' && body.helperId ? body.helperId : null;
    return handleForm(
      reply,
      async () => {
        await force.personAccount.chooseHelper(
          actorOf(request),
          incidentId,
          helperId,
          auditContextOf(request),
        );
        return reply.redirect(`/my-incidents/${incidentId}?saved=1`, 303);
      },
      { invalid: (fields) => renderMine(request, reply, withErrors(fields)) },
    );
  });
}
