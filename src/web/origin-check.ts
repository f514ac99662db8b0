/**
 * A second layer behind the CSRF token and SameSite cookies: a request that would change
 * something (any method but GET and HEAD) is refused with 403 when the browser says it came
 * from another site: by Sec-Fetch-Site: cross-site or, from a browser that does not send that
 * header, by an Origin that is neither Hearth's own address nor one the deployment allows.
 * Requests with neither (older browsers, scripts) still need a valid token.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { sendErrorPage } from './errors.ts';

/** What the person reads when a form arrives from another site. */
export const CROSS_SITE_MESSAGE =
  'This form was sent from another website, so Hearth did nothing with it. If you meant to do this, go back to Hearth, refresh the page and try again.';

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** Installs the check on every state-changing request. */
export function registerOriginCheck(app: FastifyInstance, config: Config): void {
  const allowed = new Set(
    [config.publicUrl, ...config.allowedOrigins].map(originOf).filter((o) => o !== null),
  );
  const sameOrigin = (request: FastifyRequest, origin: string) =>
    allowed.has(origin) || origin === `${request.protocol}://${request.host}`;

  app.addHook('onRequest', async (request, reply) => {
    if (request.method === 'GET' || request.method === 'HEAD') return;
    const site = request.headers['sec-fetch-site'];
    const origin = request.headers.origin;
    // Browsers that send Sec-Fetch-Site say exactly where a request came from. Otherwise the
    // Origin decides, unless it is "null": Hearth's no-referrer policy makes browsers send
    // "null" for its own forms, so that value says nothing either way.
    const crossSite =
      site !== undefined
        ? site === 'cross-site'
        : origin !== undefined && origin !== 'null' && !sameOrigin(request, origin);
    if (!crossSite) return;
    request.log.warn({ site, cross: true }, 'refused a request from another site');
    return sendErrorPage(reply, 403, CROSS_SITE_MESSAGE);
  });
}
