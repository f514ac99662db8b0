/**
 * Answers for requests too malformed to reach a route (a broken URL, a path parameter far too
 * long, oversized headers, a bad request line, a request sent too slowly). Fastify and Node
 * answer these before any hook runs, so these handlers give the same security headers every
 * Hearth page carries, and a small JSON body in plain words with no internals.
 */
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';

/** The headers every bare answer carries: nothing may run, be framed, sniffed or cached. */
export function bareSecurityHeaders(config: Config): Record<string, string> {
  return {
    'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'SAMEORIGIN',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    ...(config.env === 'production'
      ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' }
      : {}),
  };
}

const plainWords: Record<number, string> = {
  400: 'Hearth could not read this request.',
  408: 'The request took too long to arrive.',
  414: 'This web address is too long.',
  431: 'This request carried too much information in its headers.',
};

function bodyFor(status: number): string {
  return JSON.stringify({ status, message: plainWords[status] ?? plainWords[400] });
}

/** Fastify's `frameworkErrors`: a broken URL (400) or an over-long path parameter (414). */
export function frameworkErrorsHandler(config: Config) {
  return (error: Error & { code?: string }, request: FastifyRequest, reply: FastifyReply) => {
    const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400;
    request.log.info({ code: error.code, status }, 'refused a malformed request');
    return reply
      .code(status)
      .headers(bareSecurityHeaders(config))
      .type('application/json; charset=utf-8')
      .send(bodyFor(status));
  };
}

/** Node's `clientError`: oversized headers (431), a request too slow (408), or unreadable (400). */
export function clientErrorHandler(config: Config) {
  const headers = Object.entries(bareSecurityHeaders(config))
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  return (error: Error & { code?: string }, socket: Socket) => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const status =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? 431
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? 408
          : 400;
    const body = bodyFor(status);
    const reason = {
      400: 'Bad Request',
      408: 'Request Timeout',
      431: 'Request Header Fields Too Large',
    }[status];
    if (socket.writable) {
      socket.write(
        `HTTP/1.1 ${status} ${reason}\r\n${headers}Content-Type: application/json; charset=utf-8\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    }
    socket.destroy(error);
  };
}
