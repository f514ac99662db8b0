/** Signing in and out, and accepting an invitation (which signs the person in). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../../config.ts';
import { handleForm, errorList, parseForm } from '../../../web/forms.ts';
import { auditContextOf, sessionCookieName, sessionCookieOptions } from '../../../web/server.ts';
import type { FieldErrors } from '../../../lib/app-error.ts';
import { acceptInvitationSchema, signInSchema } from '../schema.ts';
import type { AccountsService } from '../service.ts';
import { safeNext, stepCookieName } from './sign-in-cookies.ts';
import { describeDevice } from '../device.ts';

/** Registers the sign-in, sign-out and invitation-acceptance pages. */
export function registerSignInRoutes(
  app: FastifyInstance,
  deps: { accounts: AccountsService; config: Config },
): void {
  const { sessions, invitations } = deps.accounts;
  const cookieName = sessionCookieName(deps.config);

  function setSession(reply: FastifyReply, token: string): void {
    reply.setCookie(cookieName, token, sessionCookieOptions(deps.config));
  }

  async function renderSignIn(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Record<string, unknown> = {},
  ) {
    const query = request.query as Record<string, unknown>;
    const offered = await deps.accounts.organisationSignIn.offeredOrganisations();
    return reply.page('accounts/views/sign-in.njk', {
      title: 'Sign in',
      organisationSignIn: offered.length > 0,
      next: safeNext(query.next ?? (request.body as Record<string, unknown> | undefined)?.next),
      values: {},
      errors: {},
      ...extra,
    });
  }

  async function renderAccept(
    reply: FastifyReply,
    token: string,
    errors: FieldErrors = {},
  ): Promise<FastifyReply> {
    const invitation = await invitations.viewInvitation(token);
    return reply.page('accounts/views/invitation-accept.njk', {
      title: 'Set up your account',
      invitation,
      token,
      errors,
      ...(Object.keys(errors).length ? { errorList: errorList(errors) } : {}),
    });
  }

  app.get('/sign-in', async (request, reply) => {
    if (request.actor) return reply.redirect('/', 303);
    return renderSignIn(request, reply);
  });

  app.post('/sign-in', (request, reply) => {
    const body = request.body as Record<string, unknown>;
    return handleForm(
      reply,
      async () => {
        const result = await sessions.signIn(parseForm(signInSchema, body), request.ip, {
          device: describeDevice(request.headers['user-agent']),
          next: safeNext(body.next),
        });
        if (result.kind === 'second-step') {
          reply.setCookie(
            stepCookieName(deps.config),
            result.stepToken,
            sessionCookieOptions(deps.config),
          );
          return reply.redirect(result.stage === 'code' ? '/sign-in/code' : '/sign-in/set-up', 303);
        }
        setSession(reply, result.token);
        return reply.redirect(safeNext(body.next), 303);
      },
      {
        invalid: (errors) =>
          renderSignIn(request, reply, {
            values: { email: typeof body.email === 'string' ? body.email : '' },
            errors,
            errorList: errorList(errors),
          }),
      },
    );
  });

  app.get('/sign-out', async (request, reply) => {
    if (!request.actor) return reply.redirect('/sign-in', 303);
    return reply.page('accounts/views/sign-out.njk', { title: 'Sign out' });
  });

  app.post('/sign-out', async (request, reply) => {
    if (request.sessionToken) await sessions.signOut(request.sessionToken, auditContextOf(request));
    reply.clearCookie(cookieName, { path: '/' });
    // Remove anything kept on this device, such as the offline copy of the person's plan.
    reply.header('Clear-Site-Data', '"cache", "storage"');
    return reply.page('accounts/views/signed-out.njk', { title: 'You have signed out' });
  });

  app.get('/invitations/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    return renderAccept(reply, token);
  });

  app.post('/invitations/:token', (request, reply) => {
    const { token } = request.params as { token: string };
    return handleForm(
      reply,
      async () => {
        const input = parseForm(acceptInvitationSchema, request.body);
        const result = await invitations.acceptInvitation(token, input, request.ip);
        setSession(reply, result.token);
        return reply.redirect('/', 303);
      },
      { invalid: (errors) => renderAccept(reply, token, errors) },
    );
  });
}
