/**
 * Passkey pages: adding and removing one's own passkeys on "Your sign-in", using a passkey as
 * the second step, and signing in with a passkey alone. The browser part is
 * public/build/passkey.js; without JavaScript these pages say so and the password and code
 * paths carry on working.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../../config.ts';
import { errorList, handleForm, parseForm } from '../../../web/forms.ts';
import {
  actorOf,
  auditContextOf,
  sessionCookieName,
  sessionCookieOptions,
} from '../../../web/server.ts';
import type { FieldErrors } from '../../../lib/app-error.ts';
import { describeDevice } from '../device.ts';
import { addPasskeySchema, removePasskeySchema, usePasskeySchema } from '../schema-sign-in.ts';
import type { AccountsService } from '../service.ts';
import { passkeyCookieName, safeNext, stepCookieName } from './sign-in-cookies.ts';

/** Registers the passkey pages. */
export function registerPasskeyRoutes(
  app: FastifyInstance,
  deps: { accounts: AccountsService; config: Config },
): void {
  const { passkeys, secondStep } = deps.accounts;
  const addCookie = passkeyCookieName(deps.config);
  const stepCookie = stepCookieName(deps.config);
  const withErrors = (errors: FieldErrors) =>
    Object.keys(errors).length ? { errors, errorList: errorList(errors) } : { errors };

  async function renderAdd(request: FastifyRequest, reply: FastifyReply, errors: FieldErrors = {}) {
    const { stepToken, options } = await passkeys.beginAdd(actorOf(request));
    reply.setCookie(addCookie, stepToken, sessionCookieOptions(deps.config));
    return reply.page('accounts/views/passkey-add.njk', {
      title: 'Add a passkey',
      optionsJson: JSON.stringify(options),
      ...withErrors(errors),
    });
  }

  async function renderSignIn(
    request: FastifyRequest,
    reply: FastifyReply,
    errors: FieldErrors = {},
  ) {
    const query = request.query as Record<string, unknown>;
    const { stepToken, options } = await passkeys.beginSignIn(safeNext(query.next));
    reply.setCookie(stepCookie, stepToken, sessionCookieOptions(deps.config));
    return reply.page('accounts/views/passkey-sign-in.njk', {
      title: 'Sign in with a passkey',
      optionsJson: JSON.stringify(options),
      ...withErrors(errors),
    });
  }

  function signedIn(reply: FastifyReply, token: string): void {
    reply.clearCookie(stepCookie, { path: '/' });
    reply.setCookie(sessionCookieName(deps.config), token, sessionCookieOptions(deps.config));
  }

  app.get('/account/sign-in/passkeys/new', (request, reply) => renderAdd(request, reply));

  app.post('/account/sign-in/passkeys', (request, reply) =>
    handleForm(
      reply,
      async () => {
        const input = parseForm(addPasskeySchema, request.body);
        const { recoveryCodes } = await passkeys.finishAdd(
          actorOf(request),
          request.cookies[addCookie] ?? '',
          input,
          auditContextOf(request),
        );
        reply.clearCookie(addCookie, { path: '/' });
        if (recoveryCodes) {
          return reply.page('accounts/views/recovery-codes.njk', {
            title: 'Your recovery codes',
            codes: recoveryCodes,
            next: '/account/sign-in',
          });
        }
        return reply.redirect('/account/sign-in?passkey=added', 303);
      },
      {
        invalid: (errors) => renderAdd(request, reply, errors),
        conflict: (message) => renderAdd(request, reply, { response: message }),
      },
    ),
  );

  app.post('/account/sign-in/passkeys/remove', (request, reply) =>
    handleForm(
      reply,
      async () => {
        const { passkey } = parseForm(removePasskeySchema, request.body);
        await passkeys.removeOwn(actorOf(request), passkey, auditContextOf(request));
        return reply.redirect('/account/sign-in?passkey=removed', 303);
      },
      {
        invalid: () => reply.redirect('/account/sign-in', 303),
        conflict: async (message) => {
          const actor = actorOf(request);
          const view = await secondStep.viewOwn(actor, request.sessionToken ?? '');
          const errors = { passkeys: message };
          return reply.page('accounts/views/account-sign-in.njk', {
            title: 'Your sign-in',
            view,
            ...withErrors(errors),
          });
        },
      },
    ),
  );

  app.post('/sign-in/code/passkey', (request, reply) =>
    handleForm(
      reply,
      async () => {
        const { passkey } = parseForm(usePasskeySchema, request.body);
        const { token, next } = await secondStep.signInWithPasskey(
          request.cookies[stepCookie] ?? '',
          passkey,
          auditContextOf(request),
          describeDevice(request.headers['user-agent']),
        );
        signedIn(reply, token);
        return reply.redirect(safeNext(next), 303);
      },
      {
        // Back to the code page, which offers the passkey again with a new challenge.
        invalid: () => reply.redirect('/sign-in/code?passkey=failed', 303),
      },
    ),
  );

  app.get('/sign-in/passkey', (request, reply) => renderSignIn(request, reply));

  app.post('/sign-in/passkey', (request, reply) =>
    handleForm(
      reply,
      async () => {
        const { passkey } = parseForm(usePasskeySchema, request.body);
        const { token, next } = await passkeys.signIn(
          request.cookies[stepCookie] ?? '',
          passkey,
          auditContextOf(request),
          describeDevice(request.headers['user-agent']),
        );
        signedIn(reply, token);
        return reply.redirect(safeNext(next), 303);
      },
      { invalid: (errors) => renderSignIn(request, reply, errors) },
    ),
  );
}
