/**
 * Pages for "Check my writing" (staff) and the organisation's language rules (administrators),
 * and the hook that hands each staff page its organisation's rules for live suggestions.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AccessRule } from '../../web/access.ts';
import { actorOf, auditContextOf } from '../../web/server.ts';
import { errorList, parseForm } from '../../web/forms.ts';
import { isAppError } from '../../lib/app-error.ts';
import type { FieldErrors } from '../../lib/app-error.ts';
import { highlightSegments } from './highlight.ts';
import { categoryLabels, severityLabels } from './labels.ts';
import { writingRoles } from './policy.ts';
import { allowedTermSchema, checkWritingSchema, ruleSchema } from './schema.ts';
import type { LanguageService } from './service.ts';
import { CATEGORIES, SEVERITIES } from './types.ts';

/** Who may call each route in this module. */
export const languageAccessRules: AccessRule[] = [
  { method: 'GET', url: '/check-my-writing', access: writingRoles },
  { method: 'POST', url: '/check-my-writing', access: writingRoles },
  { method: 'GET', url: '/admin/language', access: ['org_admin'] },
  { method: 'POST', url: '/admin/language/rules', access: ['org_admin'] },
  { method: 'POST', url: '/admin/language/allowed-terms', access: ['org_admin'] },
  { method: 'POST', url: '/admin/language/:languageEntryId/remove', access: ['org_admin'] },
];

const notices: Record<string, string> = {
  'rule-added': 'Rule added. Staff will see it in suggestions from now on.',
  'term-added': 'Allowed. The checker will no longer suggest changes to it.',
  'rule-removed': 'Rule removed.',
  'allowed_term-removed': 'That word or phrase is no longer allowed.',
};

/** Registers the language pages. */
export function registerLanguageRoutes(
  app: FastifyInstance,
  deps: { language: LanguageService },
): void {
  const { language } = deps;

  // Staff pages carry the organisation's rules (as data, not script) for live suggestions.
  app.addHook('preHandler', async (request) => {
    const actor = request.actor;
    if (!actor || actor.role === 'service_user') return;
    if (/^\/(static|nhsuk)\/|^\/healthz/.test(request.url)) return;
    const languageOptions = await language.browserOptionsFor(actor.organisationId);
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

  app.post('/check-my-writing', async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const text = typeof body.text === 'string' ? body.text : '';
    try {
      const input = parseForm(checkWritingSchema, body);
      const findings = await language.checkWriting(actorOf(request), input.text);
      return renderCheck(reply, {
        text: input.text,
        findings,
        segments: highlightSegments(input.text, findings),
      });
    } catch (error) {
      if (isAppError(error) && error.kind === 'invalid') {
        reply.code(400);
        return renderCheck(reply, { text, errors: error.fields });
      }
      throw error;
    }
  });

  async function renderAdmin(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { values?: Record<string, unknown>; errors?: FieldErrors } = {},
  ) {
    const { rules, allowedTerms } = await language.listOrganisationRules(actorOf(request));
    const done = (request.query as Record<string, unknown>).done;
    const errors = extra.errors ?? {};
    return reply.page('language/views/admin.njk', {
      title: 'Language rules',
      rules,
      allowedTerms,
      notice: typeof done === 'string' ? (notices[done] ?? null) : null,
      categoryItems: CATEGORIES.map((c) => ({ value: c, text: categoryLabels[c] })),
      severityItems: SEVERITIES.map((s) => ({ value: s, text: severityLabels[s] })),
      values: extra.values ?? {},
      errors,
      errorList: errorList(errors),
    });
  }

  app.get('/admin/language', async (request, reply) => renderAdmin(request, reply));

  async function handleAdd(
    request: FastifyRequest,
    reply: FastifyReply,
    add: (body: unknown) => Promise<unknown>,
    done: string,
  ) {
    const body = request.body as Record<string, unknown>;
    try {
      await add(body);
      return reply.redirect(`/admin/language?done=${done}`, 303);
    } catch (error) {
      if (isAppError(error) && error.kind === 'invalid') {
        reply.code(400);
        return renderAdmin(request, reply, { values: body, errors: error.fields });
      }
      throw error;
    }
  }

  app.post('/admin/language/rules', async (request, reply) =>
    handleAdd(
      request,
      reply,
      (body) =>
        language.addRule(actorOf(request), parseForm(ruleSchema, body), auditContextOf(request)),
      'rule-added',
    ),
  );

  app.post('/admin/language/allowed-terms', async (request, reply) =>
    handleAdd(
      request,
      reply,
      (body) =>
        language.addAllowedTerm(
          actorOf(request),
          parseForm(allowedTermSchema, body),
          auditContextOf(request),
        ),
      'term-added',
    ),
  );

  app.post('/admin/language/:languageEntryId/remove', async (request, reply) => {
    const { languageEntryId } = request.params as { languageEntryId: string };
    const { kind } = await language.removeEntry(
      actorOf(request),
      languageEntryId,
      auditContextOf(request),
    );
    return reply.redirect(`/admin/language?done=${kind}-removed`, 303);
  });
}
