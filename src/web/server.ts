/**
 * The Fastify app: security headers, strict form parsing, sessions, CSRF, the access guard,
 * NHS.UK views and error pages. Modules add their routes, links and panels through their web faces (`WebModule`).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { LogController } from 'fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { constants as zlibConstants } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyStatic from '@fastify/static';
import type { Config } from '../config.ts';
import type { Actor } from '../lib/actor.ts';
import type { AuditContext } from '../lib/actor.ts';
import { createViews, nhsukDistDir } from './views.ts';
import { createChrome } from './chrome.ts';
import { hashedAssetsDir } from './assets.ts';
import { registerFormBody } from './form-body.ts';
import { clientErrorHandler, frameworkErrorsHandler } from './framework-errors.ts';
import { registerOriginCheck } from './origin-check.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { registerAccessGuard } from './access.ts';
import type { AccessRule } from './access.ts';
import type { WebModule } from './module.ts';
import { registerErrorHandling } from './errors.ts';
import { navigationFor } from './navigation.ts';
import { loggerOptions, requestLine } from './logging.ts';
import { AppError } from '../lib/app-error.ts';
import { newToken } from '../lib/tokens.ts';
import type { FormOnce } from './form-once.ts';
import {
  CSRF_STAND_IN,
  FORM_TOKEN_STAND_IN,
  KeptPages,
  PAGE_ENCODINGS,
  encodeKeptPage,
  keptEncodingFor,
} from './kept-pages.ts';
import type { KeptEncoding } from './kept-pages.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionToken: string | null;
    /**
     * The data generation read with the session (src/db/generation.ts); null when unknown, as
     * for a request without a session. What is kept for it never outlives a change to a record.
     */
    dataGeneration: string | null;
    /** Extra values every page rendered for this request gets (set by module hooks). */
    pageLocals: Record<string, unknown> | null;
  }
  interface FastifyReply {
    /** Renders a page with the shared layout context. */
    page(template: string, context?: Record<string, unknown>): FastifyReply;
    /**
     * Serves a page kept from an earlier request while nothing it shows has changed, else loads
     * and renders it and keeps it (src/web/kept-pages.ts says which pages may).
     */
    keptPage(load: () => Promise<KeptPageSource>): Promise<FastifyReply>;
  }
  interface FastifyInstance {
    /** Every route registered, for the access-control table test. */
    registeredRoutes: { method: string; url: string }[];
    /** Form-token claims for create forms (src/web/form-once.ts); null when not wired. */
    formOnce: FormOnce | null;
  }
  interface FastifyContextConfig {
    /**
     * A file upload route that checks its CSRF token itself, with `checkUploadCsrf`, from the
     * first field of the multipart body (only the route can read it, and the file must not be
     * read before the token is checked). Other requests to the route are checked as usual.
     */
    csrfFromUpload?: boolean;
  }
}

/** What a kept page is rendered from. */
export interface KeptPageSource {
  template: string;
  context: Record<string, unknown>;
  /** False when this page must not be kept (it depends on more than records and the minute). */
  keep?: boolean;
  /**
   * Done on every serving of the page, kept or not, before it is sent: the audit event of a
   * look. If it fails, the page is not sent.
   */
  beforeSend?: (request: FastifyRequest) => Promise<void>;
}

/** What the web layer needs from the rest of the app. */
export interface WebDeps {
  config: Config;
  resolveSession(token: string): Promise<{ actor: Actor; dataGeneration?: string | null } | null>;
  isHealthy(): Promise<boolean>;
  /** Each module's web face, in header-link order. */
  modules: readonly WebModule[];
  /** Where logs go (tests capture them); stdout by default. */
  logStream?: NodeJS.WritableStream;
  /** Form-token claims, so create forms are safe to send twice (src/web/form-once.ts). */
  formOnce?: FormOnce;
  /**
   * What kept pages depend on beyond the request: the data generation (the one read with the
   * session when given, else read now) and the minute (src/web/kept-pages.ts). Null, or not
   * given, keeps nothing.
   */
  keptPageState?(dataGeneration: string | null): Promise<string | null>;
}

/** Routes the web layer itself serves. */
export const coreAccessRules: readonly AccessRule[] = [
  { method: 'GET', url: '/healthz', access: 'public' },
  { method: 'GET', url: '/readyz', access: 'public' },
  { method: 'GET', url: '/nhsuk/*', access: 'public' },
  { method: 'GET', url: '/static/*', access: 'public' },
  { method: 'GET', url: '/static/h/*', access: 'public' },
];

/** The session cookie's name: `__Host-` in production binds it to this exact origin over HTTPS. */
export function sessionCookieName(config: Config): string {
  return config.env === 'production' ? '__Host-hearth_session' : 'hearth_session';
}

/**
 * Checks the CSRF token an upload route read from its first field, exactly as every form's is
 * checked. Returns false when it is refused: the 403 page has then been sent.
 */
export function checkUploadCsrf(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string | undefined,
): boolean {
  // The shared check reads the token from the body, as for every other form.
  request.body = { _csrf: token };
  let passed = false;
  request.server.csrfProtection(request, reply, () => {
    passed = true;
  });
  return passed;
}

/** Options for the session cookie. */
export function sessionCookieOptions(config: Config) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.env === 'production',
  };
}

/** The signed-in person for a route the access guard let through; refuses if there is none. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw AppError.unauthenticated();
  return request.actor;
}

/** The audit context for a request: who is acting and from where. */
export function auditContextOf(request: FastifyRequest): AuditContext {
  const actor = request.actor;
  return {
    actor: actor
      ? {
          id: actor.id,
          role: actor.role,
          organisationId: actor.organisationId,
          unitId: actor.unitIds[0] ?? null,
        }
      : null,
    ip: request.ip,
  };
}

// nhsuk-frontend's template adds one small inline script; its hash is allowed and nothing else.
function templateScriptHash(): string {
  const template = fs.readFileSync(path.join(nhsukDistDir, 'nhsuk/template.njk'), 'utf8');
  const match = /<script[^>]*>([^<]*)<\/script>/.exec(template);
  if (!match?.[1]) throw new Error('Could not find the inline script in nhsuk-frontend template');
  return `'sha256-${createHash('sha256').update(match[1]).digest('base64')}'`;
}

/** Builds the web app. */
export async function createWebApp(deps: WebDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    logger: deps.logStream
      ? { ...loggerOptions(config), stream: deps.logStream }
      : loggerOptions(config),
    bodyLimit: 1024 * 1024,
    trustProxy: config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true },
    // Malformed requests get Hearth's headers too (framework-errors.ts).
    frameworkErrors: frameworkErrorsHandler(config),
    clientErrorHandler: clientErrorHandler(config),
    return503OnClosing: true,
    // One line per request (below), not Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    // A client must send its whole request in time, and its headers sooner, so that a stalled or
    // slow one cannot hold a connection (or a stopping server) open for ever.
    requestTimeout: config.requestTimeoutMs,
    http: {
      headersTimeout: Math.min(20_000, config.requestTimeoutMs),
      // Node checks those deadlines on this interval (30 s by default).
      connectionsCheckingInterval: Math.min(5000, config.requestTimeoutMs),
    },
  });
  const views = createViews();
  const chrome = createChrome(views);
  const navLinks = deps.modules.flatMap((m) => m.navLinks ?? []);
  const cookieName = sessionCookieName(config);

  const registeredRoutes: { method: string; url: string }[] = [];
  app.decorate('registeredRoutes', registeredRoutes);
  app.decorate('formOnce', deps.formOnce ?? null);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') registeredRoutes.push({ method, url: route.url });
    }
  });

  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('pageLocals', null);
  app.decorateRequest('dataGeneration', null);

  // Worked out once here (security-headers.ts): @fastify/helmet rebuilt them on every request.
  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", templateScriptHash()],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.env === 'production' ? [] : null,
      },
    },
    hsts: config.env === 'production' ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  // Pages shrink to a third or less. Brotli quality 1 costs a quarter of quality 4's CPU for a
  // page about 14% larger (0.1 against 0.4 ms for the home page; bench/README.md, "HTTP load").
  await app.register(fastifyCompress, {
    encodings: [...PAGE_ENCODINGS],
    threshold: 1024,
    // A page is a string in memory: compressed in one call it costs about 0.15 ms, through the
    // plugin's stream (its default above 8 KB on 2 cores) about 1 ms more of stream machinery
    // (bench/README.md, "sixth round"). Files sent as streams still go through the stream.
    syncThreshold: 512 * 1024,
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 1 } },
    zlibOptions: { level: 1 },
  });
  await app.register(fastifyCookie);
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: config.env === 'production' ? '__Host-hearth_csrf' : 'hearth_csrf',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', secure: config.env === 'production' },
    getToken: (request) => {
      const body = request.body as Record<string, unknown> | undefined;
      const token = body?._csrf;
      return typeof token === 'string' ? token : undefined;
    },
  });
  registerFormBody(app);
  registerOriginCheck(app, config);

  await app.register(fastifyStatic, {
    root: path.join(nhsukDistDir, 'nhsuk'),
    prefix: '/nhsuk/',
    allowedPath: (pathName) => /^\/(assets\/|nhsuk-frontend\.min\.(css|js)$)/.test(pathName),
    maxAge: '1h',
  });
  // Content-hashed copies (made at build, with .br and .gz beside them): a new file gets a new
  // name, so browsers may keep each one for a year.
  await app.register(fastifyStatic, {
    root: hashedAssetsDir,
    prefix: '/static/h/',
    decorateReply: false,
    preCompressed: true,
    maxAge: '365d',
    immutable: true,
  });
  await app.register(fastifyStatic, {
    root: path.resolve(import.meta.dirname, '../../public'),
    prefix: '/static/',
    decorateReply: false,
    maxAge: '1h',
  });

  app.addHook('onRequest', async (request) => {
    // Health checks and static files never need to know who is asking.
    if (/^\/(healthz|readyz|nhsuk\/|static\/)/.test(request.url)) return;
    const token = request.cookies[cookieName];
    if (!token) return;
    const session = await deps.resolveSession(token);
    if (session) {
      request.actor = session.actor;
      request.sessionToken = token;
      request.dataGeneration = session.dataGeneration ?? null;
    }
  });

  app.addHook('preValidation', (request, reply, done) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') {
      done();
      return;
    }
    const multipart = /^multipart\/form-data\b/i.test(request.headers['content-type'] ?? '');
    if (multipart && request.routeOptions.config.csrfFromUpload === true) {
      done(); // the route calls checkUploadCsrf before it reads the file
      return;
    }
    app.csrfProtection(request, reply, done);
  });

  app.addHook('onResponse', async (request, reply) => {
    request.log.info(requestLine(request, reply.statusCode, reply.elapsedTime), 'request');
  });

  app.addHook('onSend', async (request, reply, payload) => {
    // Pages hold personal information: never keep them in shared or browser caches.
    if (!request.url.startsWith('/nhsuk/') && !request.url.startsWith('/static/')) {
      reply.header('Cache-Control', 'no-store');
    }
    return payload;
  });

  /** The page's HTML with the shared layout context and the given tokens. */
  const renderPage = (
    reply: FastifyReply,
    template: string,
    context: Record<string, unknown>,
    csrfToken: string,
    formToken: string,
  ): string => {
    const request = reply.request;
    const actor = request.actor;
    const navigation = navigationFor(navLinks, actor, request.url);
    return views.render(template, {
      ...request.pageLocals,
      ...context,
      actor,
      csrfToken,
      formToken,
      navigation,
      chrome: {
        skipLink: chrome.skipLink(),
        header: chrome.header({
          signedIn: actor !== null,
          displayName: actor?.displayName ?? '',
          navigation,
        }),
        footer: chrome.footer(),
      },
      quickExit: !actor || actor.role === 'service_user' ? { href: config.quickExitUrl } : null,
      currentPath: request.url,
    });
  };

  app.decorateReply('page', function page(this: FastifyReply, template: string, context = {}) {
    // A fresh form token per render: a create form sent twice with it creates one thing.
    const html = renderPage(this, template, context, this.generateCsrf(), newToken());
    return this.type('text/html; charset=utf-8').send(html);
  });

  /** A kept page: its HTML, whether it holds tokens, and its bytes per encoding once made. */
  interface KeptPage {
    html: string;
    beforeSend?: KeptPageSource['beforeSend'];
    hasTokens: boolean;
    encoded: Map<KeptEncoding, Buffer>;
  }
  const keptPages = new KeptPages<KeptPage>();
  app.decorateReply(
    'keptPage',
    async function keptPage(this: FastifyReply, load: () => Promise<KeptPageSource>) {
      const request = this.request;
      // Read before the page's records, so a change committed meanwhile keeps nothing stale.
      const state = deps.keptPageState ? await deps.keptPageState(request.dataGeneration) : null;
      const key =
        state === null
          ? null
          : JSON.stringify([request.method, request.url, request.actor, request.pageLocals]);
      let kept = state === null || key === null ? undefined : keptPages.get(state, key);
      if (kept === undefined) {
        const source = await load();
        const html = renderPage(
          this,
          source.template,
          source.context,
          CSRF_STAND_IN,
          FORM_TOKEN_STAND_IN,
        );
        kept = {
          html,
          beforeSend: source.beforeSend,
          hasTokens: html.includes(CSRF_STAND_IN) || html.includes(FORM_TOKEN_STAND_IN),
          encoded: new Map(),
        };
        if (state !== null && key !== null && source.keep !== false)
          keptPages.set(state, key, kept);
      }
      if (kept.beforeSend) await kept.beforeSend(request);
      this.type('text/html; charset=utf-8');
      if (kept.hasTokens) {
        // Fresh tokens in every response, so the bytes are compressed per response as usual.
        return this.send(
          kept.html
            .replaceAll(CSRF_STAND_IN, this.generateCsrf())
            .replaceAll(FORM_TOKEN_STAND_IN, newToken()),
        );
      }
      // The same bytes every time: compressed once, in the encoding @fastify/compress would
      // choose (it leaves a response with Content-Encoding set as it is).
      const encoding = keptEncodingFor(request.headers['accept-encoding']);
      if (encoding === null) return this.send(kept.html);
      let body = kept.encoded.get(encoding);
      if (body === undefined) {
        body = encodeKeptPage(kept.html, encoding);
        kept.encoded.set(encoding, body);
      }
      return this.header('Content-Encoding', encoding).header('Vary', 'Accept-Encoding').send(body);
    },
  );

  registerErrorHandling(app);
  registerAccessGuard(app, [...coreAccessRules, ...deps.modules.flatMap((m) => m.accessRules)]);

  // /healthz: is this process working (it answers, and reaches its database)? /readyz: should a
  // load balancer send it traffic? Both fail while the database is away; Fastify answers 503 to
  // every request, /readyz included, once the server has begun to stop.
  const health = async (_request: FastifyRequest, reply: FastifyReply) => {
    const ok = await deps.isHealthy();
    return reply
      .code(ok ? 200 : 503)
      .type('application/json')
      .send(ok ? { status: 'ok' } : { status: 'unavailable' });
  };
  app.get('/healthz', health);
  app.get('/readyz', health);

  for (const m of deps.modules) m.register(app);
  return app;
}
