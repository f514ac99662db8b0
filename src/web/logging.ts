/**
 * Logging with pino. Guarantees: no names, emails, free text, cookies, tokens or query strings
 * reach the log; only the method, a path with secrets masked, the status and timings do.
 */
import type { FastifyLoggerOptions } from 'fastify';
import type { Config } from '../config.ts';

/** Replaces secret-looking path segments (invitation and supporter tokens) with a marker. */
export function maskPath(url: string): string {
  const path = url.split('?')[0] ?? '';
  return path.replace(/\/[\w-]{32,}(?=\/|$)/g, '/:token');
}

/** Fastify logger options. */
export function loggerOptions(config: Config): FastifyLoggerOptions & Record<string, unknown> {
  return {
    level: config.logLevel,
    // A short line: no host name (one machine's logs are read together); the process id tells
    // the workers of `hearth serve --workers N` apart.
    base: { pid: process.pid },
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        '*.email',
        '*.password',
        '*.displayName',
        '*.display_name',
        '*.name',
        '*.text',
        '*.body',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req: (request: { method: string; url: string; id: string }) => ({
        id: request.id,
        method: request.method,
        path: maskPath(request.url),
      }),
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
    },
  };
}

/** The one line logged per answered request (at info): method, masked path, status, time. */
export function requestLine(
  request: {
    method: string;
    url: string;
  },
  statusCode: number,
  elapsedMs: number,
) {
  return {
    method: request.method,
    path: maskPath(request.url),
    statusCode,
    ms: Math.round(elapsedMs),
  };
}
