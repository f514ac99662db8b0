/**
 * One place that turns failures into NHS-style pages. Guarantees: the person sees a plain
 * explanation and the right status; stack traces and internal messages go only to the log.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseBusy, isDatabaseUnavailable } from '../db/availability.ts';
import { isAppError } from '../lib/app-error.ts';
import type { AppErrorKind } from '../lib/app-error.ts';

interface ErrorPage {
  status: number;
  title: string;
  message: string;
}

const pages: Record<number, Omit<ErrorPage, 'status'>> = {
  400: {
    title: 'Sorry, we could not read what was sent',
    message:
      'Something in the form could not be read. Go back, check what you typed and try again.',
  },
  401: {
    title: 'Please sign in',
    message: 'Your session has ended, or you are not signed in. Sign in to carry on.',
  },
  403: {
    title: 'Sorry, this form has expired',
    message:
      'For your safety, forms only work for a short time and from this site. Go back, refresh the page and try again.',
  },
  404: {
    title: 'Page not found',
    message:
      'If you typed the web address, check it is correct. If you followed a link, the page may have moved or you may not have access to it.',
  },
  409: {
    title: 'This has changed since you opened it',
    message: 'Someone else saved a change. Go back and open it again to see the latest version.',
  },
  410: { title: 'This link no longer works', message: 'This link has expired or has been used.' },
  413: {
    title: 'That was too much to send at once',
    message: 'What you sent was larger than Hearth accepts (1 MB). Please send less and try again.',
  },
  415: {
    title: 'Sorry, we could not read what was sent',
    message: 'Hearth accepts forms sent from its own pages.',
  },
  429: {
    title: 'Please wait a moment',
    message: 'There have been too many attempts. Please wait 15 minutes and try again.',
  },
  500: {
    title: 'Sorry, there is a problem with Hearth',
    message:
      'Nothing you were doing has been half-saved. Please try again later. If you need help now, speak to a member of staff or call your usual contact.',
  },
  503: {
    title: 'Sorry, Hearth is busy',
    message: 'Please try again in a few minutes.',
  },
};

/** What a person is told when a save could not get its turn in time. */
export const BUSY_MESSAGE =
  'Hearth is busy just now. Nothing you were doing has been half-saved. Please try again in a moment.';

const databaseAway =
  'Hearth cannot reach its records just now. Nothing you were doing has been half-saved. Please try again in a minute. If you need help now, speak to a member of staff or call your usual contact.';

const serverError = {
  title: 'Sorry, there is a problem with Hearth',
  message: 'Nothing you were doing has been half-saved. Please try again later.',
};

const statusOfKind: Record<AppErrorKind, number> = {
  not_found: 404,
  forbidden: 403,
  invalid: 400,
  conflict: 409,
  too_many: 429,
  unauthenticated: 401,
  gone: 410,
};

/** Renders an error page with a status; `message` overrides the default wording. */
export function sendErrorPage(reply: FastifyReply, status: number, message?: string): FastifyReply {
  const page = pages[status] ?? serverError;
  reply.code(status);
  try {
    return reply.page('error.njk', {
      status,
      title: page.title,
      message: message ?? page.message,
    });
  } catch {
    // If even the template fails, still answer plainly rather than hang.
    return reply.type('text/plain; charset=utf-8').send(`${page.title}\n\n${page.message}`);
  }
}

/** Installs the error and not-found handlers. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((_request, reply) => sendErrorPage(reply, 404));

  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (isAppError(error)) {
      if (error.kind === 'unauthenticated') {
        return reply.redirect('/sign-in', 303);
      }
      const status = statusOfKind[error.kind];
      const keepMessage =
        error.kind === 'gone' || error.kind === 'too_many' || error.kind === 'invalid';
      return sendErrorPage(reply, status, keepMessage ? error.message : undefined);
    }
    const status = error.statusCode ?? 500;
    if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') {
      request.log.warn({ code: error.code }, 'refused a request without a valid CSRF token');
      return sendErrorPage(reply, 403);
    }
    if (status >= 400 && status < 500) {
      request.log.info({ code: error.code, status }, 'refused a bad request');
      const message = error.code === 'HEARTH_BAD_FORM' ? error.message : undefined;
      return sendErrorPage(reply, pages[status] ? status : 400, message);
    }
    if (isDatabaseUnavailable(error)) {
      const busy = isDatabaseBusy(error);
      request.log.warn(
        { code: (error as { code?: unknown }).code },
        busy ? 'the database stayed locked past the write deadline' : 'the database is unavailable',
      );
      reply.header('Retry-After', busy ? '5' : '30');
      return sendErrorPage(reply, 503, busy ? BUSY_MESSAGE : databaseAway);
    }
    request.log.error({ err: error }, 'unexpected error');
    return sendErrorPage(reply, status === 503 ? 503 : 500);
  });
}
