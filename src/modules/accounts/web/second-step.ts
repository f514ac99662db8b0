/** The second step after a password, adding an authenticator app, and "Your sign-in". */
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
import { mayKeepSignInSettings } from '../policy.ts';
import { codeSchema } from '../schema-sign-in.ts';
import type { AccountsService } from '../service.ts';
import { safeNext, stepCookieName } from './sign-in-cookies.ts';

/** Words for the banner after a passkey is added or removed (`?passkey=` after the redirect). */
const passkeyNotices: Record<string, string> = {
  added: 'Your passkey was added. You can use it the next time you sign in.',
  removed: 'That passkey was removed. It will not work for Hearth any more.',
};

/** Registers the second-step and "Your sign-in" pages. */
export function registerSecondStepRoutes(
  app: FastifyInstance,
  deps: { accounts: AccountsService; config: Config },
): void {
  const { secondStep } = deps.accounts;
  const stepCookie = stepCookieName(deps.config);
  const withErrors = (errors: FieldErrors) =>
    Object.keys(errors).length ? { errors, errorList: errorList(errors) } : { errors };

  /** Runs a step page; a step that has timed out sends the person back to sign in. */
  async function inStep(
    reply: FastifyReply,
    work: () => Promise<FastifyReply>,
  ): Promise<FastifyReply> {
    try {
      return await work();
    } catch (error) {
      if (!isAppError(error) || error.kind !== 'forbidden') throw error;
      reply.clearCookie(stepCookie, { path: '/' });
      return reply.code(403).page('accounts/views/organisation-sign-in-refused.njk', {
        title: 'Please sign in again',
        message: error.message,
      });
    }
  }

  function signedIn(reply: FastifyReply, token: string): void {
    reply.clearCookie(stepCookie, { path: '/' });
    reply.setCookie(sessionCookieName(deps.config), token, sessionCookieOptions(deps.config));
  }

  /** The code page, which also offers a passkey (with a new challenge) when one was added. */
  async function renderCode(
    request: FastifyRequest,
    reply: FastifyReply,
    errors: FieldErrors = {},
  ) {
    const step = await secondStep.viewStep(request.cookies[stepCookie]);
    return reply.page('accounts/views/sign-in-code.njk', {
      title: step.authenticator ? 'Enter the code from your app' : 'Use your passkey',
      authenticator: step.authenticator,
      optionsJson: step.passkeyOptions ? JSON.stringify(step.passkeyOptions) : null,
      ...withErrors(errors),
    });
  }

  async function renderStepSetUp(
    request: FastifyRequest,
    reply: FastifyReply,
    errors: FieldErrors = {},
  ) {
    const setUp = await secondStep.beginSetUpInStep(request.cookies[stepCookie]);
    return reply.page('accounts/views/authenticator-set-up.njk', {
      title: 'Add a second step to your sign-in',
      setUp,
      duringSignIn: true,
      action: '/sign-in/set-up',
      ...withErrors(errors),
    });
  }

  async function renderOwnSetUp(
    request: FastifyRequest,
    reply: FastifyReply,
    errors: FieldErrors = {},
  ) {
    const setUp = await secondStep.beginOwnSetUp(actorOf(request));
    return reply.page('accounts/views/authenticator-set-up.njk', {
      title: 'Add an authenticator app',
      setUp,
      duringSignIn: false,
      action: '/account/sign-in/authenticator',
      ...withErrors(errors),
    });
  }

  const renderCodes = (reply: FastifyReply, codes: string[], next: string) =>
    reply.page('accounts/views/recovery-codes.njk', {
      title: 'Your recovery codes',
      codes,
      next: safeNext(next),
    });

  app.get('/sign-in/code', (request, reply) =>
    inStep(reply, () => {
      const failed = (request.query as Record<string, unknown>).passkey === 'failed';
      return renderCode(
        request,
        reply,
        failed
          ? {
              passkey:
                'Your passkey could not be used. You can try again, or enter a code instead.',
            }
          : {},
      );
    }),
  );

  app.post('/sign-in/code', (request, reply) =>
    inStep(reply, () =>
      handleForm(
        reply,
        async () => {
          const { code } = parseForm(codeSchema, request.body);
          const { token, next } = await secondStep.signInWithCode(
            request.cookies[stepCookie] ?? '',
            code,
            auditContextOf(request),
            describeDevice(request.headers['user-agent']),
          );
          signedIn(reply, token);
          return reply.redirect(safeNext(next), 303);
        },
        { invalid: (errors) => renderCode(request, reply, errors) },
      ),
    ),
  );

  app.get('/sign-in/set-up', (request, reply) =>
    inStep(reply, () => renderStepSetUp(request, reply)),
  );

  app.post('/sign-in/set-up', (request, reply) =>
    inStep(reply, () =>
      handleForm(
        reply,
        async () => {
          const { code } = parseForm(codeSchema, request.body);
          const done = await secondStep.confirmSetUpInStep(
            request.cookies[stepCookie] ?? '',
            code,
            auditContextOf(request),
            describeDevice(request.headers['user-agent']),
          );
          signedIn(reply, done.token);
          return renderCodes(reply, done.recoveryCodes, done.next);
        },
        { invalid: (errors) => renderStepSetUp(request, reply, errors) },
      ),
    ),
  );

  app.get('/account/sign-in', async (request, reply) => {
    const actor = actorOf(request);
    const view = await secondStep.viewOwn(actor, request.sessionToken ?? '');
    const passkey = (request.query as Record<string, unknown>).passkey;
    return reply.page('accounts/views/account-sign-in.njk', {
      title: 'Your sign-in',
      view,
      settingsLink: mayKeepSignInSettings(actor),
      notice: typeof passkey === 'string' ? (passkeyNotices[passkey] ?? null) : null,
    });
  });

  app.get('/account/sign-in/authenticator', (request, reply) => renderOwnSetUp(request, reply));

  app.post('/account/sign-in/authenticator', (request, reply) =>
    handleForm(
      reply,
      async () => {
        const { code } = parseForm(codeSchema, request.body);
        const codes = await secondStep.confirmOwnSetUp(
          actorOf(request),
          code,
          auditContextOf(request),
        );
        return renderCodes(reply, codes, '/account/sign-in');
      },
      { invalid: (errors) => renderOwnSetUp(request, reply, errors) },
    ),
  );

  app.post('/account/sign-in/recovery-codes', async (request, reply) => {
    const codes = await secondStep.renewOwnRecoveryCodes(actorOf(request), auditContextOf(request));
    return renderCodes(reply, codes, '/account/sign-in');
  });

  app.post('/account/sign-in/sign-out-others', async (request, reply) => {
    await secondStep.signOutOthers(
      actorOf(request),
      request.sessionToken ?? '',
      auditContextOf(request),
    );
    return reply.redirect('/account/sign-in', 303);
  });
}
