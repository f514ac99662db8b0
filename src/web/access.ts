/**
 * The access-control table. Guarantees: deny by default. A route runs only when its method and
 * path pattern are in the table; `public` routes run for anyone, `signed-in` for any signed-in
 * person, and a list of roles for those roles only. Anyone else gets 404 (or the sign-in page
 * when not signed in), never a hint that the page exists. Record-level checks (is this person
 * on my caseload?) still happen in each module's policy.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../lib/roles.ts';
import { AppError } from '../lib/app-error.ts';

/** Who may call a route. */
export type Access = 'public' | 'signed-in' | readonly Role[];

/** One row of the table. */
export interface AccessRule {
  method: 'GET' | 'POST';
  url: string;
  access: Access;
}

/** Builds the lookup key for a route. */
function keyOf(method: string, url: string): string {
  return `${method} ${url}`;
}

/**
 * Installs the guard for every route, using the combined table from all modules.
 * HEAD requests follow their GET rule.
 */
export function registerAccessGuard(app: FastifyInstance, rules: readonly AccessRule[]): void {
  const table = new Map(rules.map((r) => [keyOf(r.method, r.url), r.access]));
  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const pattern = request.routeOptions.url;
    if (pattern === undefined) return; // the not-found handler
    const access = table.get(keyOf(method, pattern));
    if (access === undefined) throw AppError.notFound();
    if (access === 'public') return;
    if (!request.actor) {
      if (method === 'GET') {
        return reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`, 303);
      }
      throw AppError.unauthenticated();
    }
    if (access === 'signed-in') return;
    if (!access.includes(request.actor.role)) throw AppError.notFound();
    return undefined;
  });
}
