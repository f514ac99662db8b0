/**
 * Security headers worked out once: every response gets exactly the headers @fastify/helmet gave
 * it with the same options (the plugin is the reference), whatever the route or status.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import fastifyHelmet from '@fastify/helmet';
import type { HelmetOptions } from 'helmet';
import { registerSecurityHeaders, securityHeadersFor } from './security-headers.ts';

const optionSets: Record<string, HelmetOptions> = {
  development: {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'sha256-abc='"],
        imgSrc: ["'self'", 'data:'],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  },
  production: {
    contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], upgradeInsecureRequests: [] } },
    hsts: { maxAge: 31536000, includeSubDomains: true },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  },
};

/** The headers of a page, a 404 and an error, from an app set up by `setUp`. */
async function headersOf(setUp: (app: ReturnType<typeof Fastify>) => Promise<void>) {
  const app = Fastify();
  await setUp(app);
  app.get('/page', async (_request, reply) => reply.type('text/html').send('<p>hello</p>'));
  app.get('/fails', async () => {
    throw new Error('boom');
  });
  const answers = [];
  for (const url of ['/page', '/missing', '/fails']) {
    const response = await app.inject({ url });
    // The date is the only header that may differ between two answers.
    const headers = Object.entries(response.headers).filter(([h]) => h !== 'date');
    answers.push({ url, status: response.statusCode, headers });
  }
  await app.close();
  return answers;
}

describe('security headers worked out once', () => {
  for (const [name, options] of Object.entries(optionSets)) {
    it(`gives the same headers, in the same order, as @fastify/helmet (${name})`, async () => {
      const expected = await headersOf(async (app) => {
        await app.register(fastifyHelmet, options);
      });
      const actual = await headersOf(async (app) => {
        registerSecurityHeaders(app, options);
      });
      assert.deepEqual(actual, expected);
      assert.ok(
        actual.every((a) => a.headers.some(([h]) => h === 'content-security-policy')),
        'every answer carries a content security policy',
      );
    });
  }

  it('keeps a list nobody can change afterwards', () => {
    const headers = securityHeadersFor(optionSets.production ?? {});
    assert.ok(Object.isFrozen(headers));
    assert.ok(headers.some((h) => h.name === 'Strict-Transport-Security'));
  });

  it('refuses options helmet refuses, at start rather than on a request', () => {
    assert.throws(() =>
      securityHeadersFor({ contentSecurityPolicy: { directives: { defaultSrc: ['self'] } } }),
    );
  });
});
