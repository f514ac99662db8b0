/**
 * Security headers (content security policy, framing, sniffing, referrer, HSTS in production),
 * worked out once at start. @fastify/helmet builds a new helmet middleware for every request and
 * runs it; Hearth's headers depend on nothing in a request (no nonces, no per-route options), so
 * the same list is worked out by helmet itself once and set on every response.
 */
import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { HelmetOptions } from 'helmet';

type Helmet = (
  options: HelmetOptions,
) => (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

// helmet comes with @fastify/helmet (package.json): loaded through it, so it is that very version.
const helmet = createRequire(import.meta.resolve('@fastify/helmet'))('helmet') as Helmet;

/** One header helmet sets, or one it removes (`value` null). */
export interface SecurityHeader {
  name: string;
  value: string | null;
}

/** What helmet's middleware does to a response with `options`, in its order. */
export function securityHeadersFor(options: HelmetOptions): readonly SecurityHeader[] {
  const headers: SecurityHeader[] = [];
  const recorder = {
    setHeader(name: string, value: unknown) {
      headers.push({ name, value: String(value) });
    },
    removeHeader(name: string) {
      headers.push({ name, value: null });
    },
  };
  let finished = false;
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error) => {
    if (error) throw error instanceof Error ? error : new Error(String(error));
    finished = true;
  });
  // A helmet that worked something out later, per request, would leave this list incomplete.
  if (!finished) throw new Error('helmet did not finish at once: its headers cannot be kept');
  return Object.freeze(headers);
}

/**
 * Sets the headers of `options` on every response, as @fastify/helmet's global hook did: first
 * thing on each request, on the raw response, so a route or error handler may still override one.
 */
export function registerSecurityHeaders(app: FastifyInstance, options: HelmetOptions): void {
  const headers = securityHeadersFor(options);
  app.addHook('onRequest', (_request, reply, done) => {
    const raw = reply.raw;
    for (const { name, value } of headers) {
      if (value === null) raw.removeHeader(name);
      else raw.setHeader(name, value);
    }
    done();
  });
}
