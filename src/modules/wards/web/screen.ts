/**
 * The ward screen (public, opened by a display token) and the manager's token page. Unknown
 * tokens are counted per address, as on the other token pages, so guessing is slow.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../../lib/app-error.ts';
import { errorList, handleForm, parseForm } from '../../../web/forms.ts';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { displayTokenSchema } from '../screen-schema.ts';
import type { WardsService } from '../service.ts';

/** Unknown tokens allowed per address in a window before the page answers "too many". */
export const SCREEN_MISSES_ALLOWED = 20;
const WINDOW_MS = 10 * 60 * 1000;

/** Registers the ward screen and the display token pages. */
export function registerScreenRoutes(
  app: FastifyInstance,
  deps: { wards: WardsService; now?: () => number },
) {
  const { display } = deps.wards.screen;
  const now = deps.now ?? Date.now;
  const misses = new Map<string, { count: number; since: number }>();

  app.get('/ward-screen/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    const seen = misses.get(request.ip);
    if (seen && now() - seen.since > WINDOW_MS) misses.delete(request.ip);
    if ((misses.get(request.ip)?.count ?? 0) >= SCREEN_MISSES_ALLOWED)
      throw AppError.tooMany('Too many screen addresses were tried. Please wait a few minutes.');
    let screen;
    try {
      screen = await display.show(token);
    } catch (error) {
      const entry = misses.get(request.ip) ?? { count: 0, since: now() };
      entry.count += 1;
      misses.set(request.ip, entry);
      if (misses.size > 10_000) misses.clear(); // a bound on memory under a flood
      throw error;
    }
    reply.header('Cache-Control', 'no-store');
    reply.header('Referrer-Policy', 'no-referrer');
    if (!screen.connected)
      return reply.page('wards/views/screen-disconnected.njk', {
        title: 'This screen is no longer connected',
        screenPage: true,
      });
    // Anyone reading the screen may stop it reloading itself (WCAG 2.2.1: a time limit can be
    // turned off); `?reload=off` is the same screen without the meta refresh.
    const still = (request.query as { reload?: unknown }).reload === 'off';
    return reply.page('wards/views/screen.njk', {
      title: 'Welcome to the ward',
      screenPage: true,
      ...screen,
      refreshSeconds: still ? null : screen.refreshSeconds,
      refreshMinutes: Math.round(screen.refreshSeconds / 60),
    });
  });

  const renderTokens = async (
    request: FastifyRequest,
    unitId: string,
    extra: { created?: { token: string; url: string }; errors?: Record<string, string> } = {},
  ) => {
    const view = await display.tokens(actorOf(request), unitId);
    const errors = extra.errors ?? {};
    return {
      title: `Ward screen: ${view.ward.name}`,
      ...view,
      created: extra.created ?? null,
      errors,
      errorList: errorList(errors),
    };
  };

  app.get('/wards/:unitId/display-tokens', async (request, reply) => {
    const { unitId } = request.params as { unitId: string };
    return reply.page('wards/views/display-tokens.njk', await renderTokens(request, unitId));
  });

  app.post('/wards/:unitId/display-tokens', async (request, reply) => {
    const { unitId } = request.params as { unitId: string };
    const body = (request.body ?? {}) as Record<string, unknown>;
    await display.tokens(actorOf(request), unitId);
    return handleForm(
      reply,
      async () => {
        const { label } = parseForm(displayTokenSchema, body);
        const { token } = await display.createToken(
          actorOf(request),
          unitId,
          label,
          auditContextOf(request),
        );
        // Shown once, on this response only; it is not kept anywhere it could be read back.
        reply.header('Cache-Control', 'no-store');
        return reply.page(
          'wards/views/display-tokens.njk',
          await renderTokens(request, unitId, { created: { token, url: `/ward-screen/${token}` } }),
        );
      },
      {
        invalid: async (errors) =>
          reply.page(
            'wards/views/display-tokens.njk',
            await renderTokens(request, unitId, { errors }),
          ),
      },
    );
  });

  app.post('/wards/:unitId/display-tokens/:tokenId/revoke', async (request, reply) => {
    const { unitId, tokenId } = request.params as { unitId: string; tokenId: string };
    await display.revokeToken(actorOf(request), unitId, tokenId, auditContextOf(request));
    return reply.redirect(`/wards/${encodeURIComponent(unitId)}/display-tokens`, 303);
  });
}
