/**
 * "Check my writing" for staff, and the hook that hands each staff page its organisation's
 * rules for live suggestions.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { FieldErrors } from '../../../lib/app-error.ts';
import { errorList, handleForm, parseForm } from '../../../web/forms.ts';
import { actorOf } from '../../../web/server.ts';
import { seesLiveSuggestions } from '../policy.ts';
import { checkWritingSchema } from '../schema.ts';
import type { LanguageService } from '../service.ts';
import { KeptByGeneration } from '../../../web/kept-pages.ts';

/** Registers "Check my writing" and the live-suggestions hook. */
export function registerCheckRoutes(
  app: FastifyInstance,
  deps: { language: LanguageService },
): void {
  const { language } = deps;
  // Read once per organisation while no record changes (kept-pages.ts).
  const keptOptions = new KeptByGeneration<string | null>();

  // Staff pages carry the organisation's rules (as data, not script) for live suggestions.
  app.addHook('preHandler', async (request) => {
    const actor = request.actor;
    if (!actor || !seesLiveSuggestions(actor)) return;
    if (/^\/(static|nhsuk)\/|^\/healthz/.test(request.url)) return;
    const languageOptions = await keptOptions.get(
      request.dataGeneration,
      actor.organisationId,
      () => language.browserOptionsFor(actor.organisationId),
    );
    if (languageOptions) request.pageLocals = { ...request.pageLocals, languageOptions };
  });

  function renderCheck(
    reply: FastifyReply,
    extra: { text?: string; errors?: FieldErrors; findings?: unknown[]; segments?: unknown[] },
  ) {
    return reply.page('language/views/check.njk', {
      title: 'Check my writing',
      text: extra.text ?? '',
      errors: extra.errors ?? {},
      errorList: errorList(extra.errors ?? {}),
      findings: extra.findings ?? null,
      segments: extra.segments ?? [],
    });
  }

  app.get('/check-my-writing', async (_request, reply) => renderCheck(reply, {}));

  app.post('/check-my-writing', (request, reply) => {
    const body = request.body as Record<string, unknown>;
    return handleForm(
      reply,
      async () => {
        const input = parseForm(checkWritingSchema, body);
        const review = await language.reviewWriting(actorOf(request), input.text);
        return renderCheck(reply, { text: input.text, ...review });
      },
      {
        invalid: (errors) =>
          renderCheck(reply, { text: typeof body.text === 'string' ? body.text : '', errors }),
      },
    );
  });
}
