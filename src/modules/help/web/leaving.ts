/**
 * "Leave this page" on the server. With JavaScript the page sends a beacon (POST /leave) and
 * sets a small "left" cookie as it goes, so the session ends even if the beacon is lost: the
 * next request from this browser ends it first. Without JavaScript the link itself is
 * GET /leave, which ends the session and sends the person on to the neutral site.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Config } from '../../../config.ts';
import { auditContextOf, sessionCookieName } from '../../../web/server.ts';
import type { HelpService } from '../service.ts';

/** The cookie the page sets as it leaves (read by the next request). */
export const LEFT_COOKIE = 'hearth_left';

/** Registers /leave and the "ended on the next request" hook. */
export function registerLeavingRoutes(
  app: FastifyInstance,
  deps: { help: HelpService; config: Config },
): void {
  const { help, config } = deps;
  const cookieName = sessionCookieName(config);

  function forget(reply: FastifyReply): void {
    reply.clearCookie(cookieName, { path: '/' });
    reply.clearCookie(LEFT_COOKIE, { path: '/' });
    // The offline copy of a plan and anything else kept for this site goes too.
    reply.header('Clear-Site-Data', '"cache", "storage"');
  }

  // Runs after the session is read and before the access guard: a browser that left quickly
  // is treated as signed out from its very next request, beacon or no beacon.
  app.addHook('onRequest', async (request, reply) => {
    if (request.cookies[LEFT_COOKIE] === undefined) return;
    if (/^\/(static|nhsuk)\//.test(request.url)) return;
    await help.leaving.leaveNow(request.sessionToken, auditContextOf(request));
    request.actor = null;
    request.sessionToken = null;
    forget(reply);
  });

  app.get('/leave', async (request, reply) => {
    await help.leaving.leaveNow(request.sessionToken, auditContextOf(request));
    forget(reply);
    return reply.redirect(config.quickExitUrl, 303);
  });

  app.post('/leave', async (request, reply) => {
    await help.leaving.leaveNow(request.sessionToken, auditContextOf(request));
    forget(reply);
    return reply.code(204).send();
  });
}
