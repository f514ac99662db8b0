/** The organisation's own language rules and allowed terms (administrators). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../lib/app-error.ts';
import { errorList, handleForm, parseForm } from '../../../web/forms.ts';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { categoryLabels, severityLabels } from '../labels.ts';
import { allowedTermSchema, ruleSchema } from '../schema.ts';
import type { LanguageService } from '../service.ts';
import { CATEGORIES, SEVERITIES } from '../types.ts';

const notices: Record<string, string> = {
  'rule-added': 'Rule added. Staff will see it in suggestions from now on.',
  'term-added': 'Allowed. The checker will no longer suggest changes to it.',
  'rule-removed': 'Rule removed.',
  'allowed_term-removed': 'That word or phrase is no longer allowed.',
};

/** Registers the language rules pages. */
export function registerAdminRoutes(
  app: FastifyInstance,
  deps: { language: LanguageService },
): void {
  const { language } = deps;

  async function renderAdmin(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { values?: unknown; errors?: FieldErrors } = {},
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

  const reRender = (request: FastifyRequest, reply: FastifyReply) => ({
    invalid: (errors: FieldErrors) => renderAdmin(request, reply, { values: request.body, errors }),
  });

  app.get('/admin/language', async (request, reply) => renderAdmin(request, reply));

  app.post('/admin/language/rules', (request, reply) =>
    handleForm(
      reply,
      async () => {
        const input = parseForm(ruleSchema, request.body);
        await language.addRule(actorOf(request), input, auditContextOf(request));
        return reply.redirect('/admin/language?done=rule-added', 303);
      },
      reRender(request, reply),
    ),
  );

  app.post('/admin/language/allowed-terms', (request, reply) =>
    handleForm(
      reply,
      async () => {
        const input = parseForm(allowedTermSchema, request.body);
        await language.addAllowedTerm(actorOf(request), input, auditContextOf(request));
        return reply.redirect('/admin/language?done=term-added', 303);
      },
      reRender(request, reply),
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
