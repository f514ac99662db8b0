/** Signing in with the organisation's own account, and the administrator's settings for it. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../../config.ts';
import { errorList, handleForm, parseForm } from '../../../web/forms.ts';
import {
  actorOf,
  auditContextOf,
  sessionCookieName,
  sessionCookieOptions,
} from '../../../web/server.ts';
import { isAppError } from '../../../lib/app-error.ts';
import type { FieldErrors } from '../../../lib/app-error.ts';
import { describeDevice } from '../device.ts';
import { providerSettingsSchema } from '../schema-sign-in.ts';
import type { AccountsService } from '../service.ts';
import { safeNext, stepCookieName } from './sign-in-cookies.ts';

/** Words for the banner after the settings are saved or removed (`?saved=` after the redirect). */
const settingsNotices: Record<string, string> = {
  '1': 'Saved. Staff can use their organisation account from their next sign-in.',
  removed: 'Removed. Staff sign in with their Hearth password again.',
};

/** Registers the organisation sign-in pages. */
export function registerOrganisationSignInRoutes(
  app: FastifyInstance,
  deps: { accounts: AccountsService; config: Config },
): void {
  const { organisationSignIn } = deps.accounts;
  const stepCookie = stepCookieName(deps.config);

  async function renderChoose(request: FastifyRequest, reply: FastifyReply) {
    const query = request.query as Record<string, unknown>;
    return reply.page('accounts/views/organisation-sign-in.njk', {
      title: 'Sign in with your organisation account',
      organisations: await organisationSignIn.offeredOrganisations(),
      next: safeNext(query.next),
    });
  }

  async function renderSettings(
    request: FastifyRequest,
    reply: FastifyReply,
    errors: FieldErrors = {},
  ): Promise<FastifyReply> {
    const settings = await organisationSignIn.viewSettings(actorOf(request));
    const body = (request.body ?? {}) as Record<string, unknown>;
    const typed = (k: string, fallback: string) =>
      typeof body[k] === 'string' ? body[k] : fallback;
    const saved = (request.query as Record<string, unknown>).saved;
    return reply.page('accounts/views/sign-in-settings.njk', {
      title: 'Sign-in with your organisation account',
      settings,
      notice:
        Object.keys(errors).length || typeof saved !== 'string'
          ? null
          : (settingsNotices[saved] ?? null),
      values: {
        issuer: typed('issuer', settings.issuer),
        clientId: typed('clientId', settings.clientId),
      },
      errors,
      ...(Object.keys(errors).length ? { errorList: errorList(errors) } : {}),
    });
  }

  app.get('/sign-in/organisation', (request, reply) => renderChoose(request, reply));

  // A link, not a form: Content-Security-Policy's form-action keeps forms on Hearth, so a form
  // could not go on to the provider. Starting a sign-in changes nothing until the person returns.
  app.get('/sign-in/organisation/start', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const organisationId = typeof query.organisation === 'string' ? query.organisation : '';
    const offered = await organisationSignIn.offeredOrganisations();
    if (!offered.some((o) => o.id === organisationId)) {
      return renderChoose(request, reply.code(400));
    }
    const { stepToken, url } = await organisationSignIn.start(organisationId, safeNext(query.next));
    reply.setCookie(stepCookie, stepToken, sessionCookieOptions(deps.config));
    return reply.redirect(url, 303);
  });

  app.get('/sign-in/organisation/callback', async (request, reply) => {
    const stepToken = request.cookies[stepCookie];
    reply.clearCookie(stepCookie, { path: '/' });
    try {
      const { token, next } = await organisationSignIn.finish(
        stepToken,
        request.url,
        auditContextOf(request),
        describeDevice(request.headers['user-agent']),
      );
      reply.setCookie(sessionCookieName(deps.config), token, sessionCookieOptions(deps.config));
      return reply.redirect(safeNext(next), 303);
    } catch (error) {
      if (!isAppError(error) || error.kind !== 'forbidden') throw error;
      return reply.code(403).page('accounts/views/organisation-sign-in-refused.njk', {
        title: 'We could not sign you in',
        message: error.message,
      });
    }
  });

  app.get('/organisation/sign-in', (request, reply) => renderSettings(request, reply));

  app.post('/organisation/sign-in', (request, reply) =>
    handleForm(
      reply,
      async () => {
        const input = parseForm(providerSettingsSchema, request.body);
        await organisationSignIn.saveSettings(actorOf(request), input, auditContextOf(request));
        return reply.redirect('/organisation/sign-in?saved=1', 303);
      },
      { invalid: (errors) => renderSettings(request, reply, errors) },
    ),
  );

  app.post('/organisation/sign-in/remove', async (request, reply) => {
    await organisationSignIn.removeSettings(actorOf(request), auditContextOf(request));
    return reply.redirect('/organisation/sign-in?saved=removed', 303);
  });
}
