/**
 * Across organisations: an administrator's sharing choice and where their organisation stands,
 * the national operator's comparison, and the distribution as CSV.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import type { FieldErrors } from '../../../lib/app-error.ts';
import { errorList, handleForm, parseForm } from '../../../web/forms.ts';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { stripChart } from '../national-charts.ts';
import type { NationalView } from '../national.ts';
import { MIN_ORGANISATIONS, comparedGroups } from '../national.ts';
import { MIN_GROUP, groupLabels } from '../results.ts';
import { sharingSchema } from '../schema.ts';
import type { AssessmentService } from '../service.ts';

function yearQuery(request: FastifyRequest): string | undefined {
  const year = (request.query as Record<string, unknown>).year;
  return typeof year === 'string' ? year : undefined;
}

/** The view's figures grouped for the page: one chart and table per group. */
function byGroup(view: NationalView | null) {
  if (!view || !view.enough) return [];
  return comparedGroups.map((group) => {
    const list = view.distributions.filter((d) => d.group === group);
    return {
      group,
      label: groupLabels[group],
      chart: stripChart(list, groupLabels[group]),
      list,
    };
  });
}

/** Registers the comparison pages. */
export function registerNationalRoutes(
  app: FastifyInstance,
  deps: { assessment: AssessmentService },
): void {
  const { national } = deps.assessment;

  async function renderPeers(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: FieldErrors; saved?: boolean } = {},
  ) {
    const { sharing, view } = await national.forOrganisation(actorOf(request), yearQuery(request));
    const errors = extra.errors ?? {};
    return reply.page('assessment/views/peers.njk', {
      title: 'Compare with other organisations',
      sharing,
      view,
      groups: byGroup(view),
      minOrganisations: MIN_ORGANISATIONS,
      minGroup: MIN_GROUP,
      notice:
        (request.query as Record<string, unknown>).done === 'saved'
          ? 'Your choice is saved.'
          : null,
      errors,
      errorList: errorList(errors),
    });
  }

  app.get('/assessment/peers', (request, reply) => renderPeers(request, reply));

  app.post('/assessment/peers/sharing', (request, reply) =>
    handleForm(
      reply,
      async () => {
        // Only the caller's own organisation: the form names none.
        const { shared } = parseForm(sharingSchema, request.body);
        await national.setSharing(actorOf(request), shared === 'yes', auditContextOf(request));
        return reply.redirect('/assessment/peers?done=saved', 303);
      },
      { invalid: (errors) => renderPeers(request, reply, { errors }) },
    ),
  );

  app.get('/assessment/national', async (request, reply) => {
    const view = await national.forNational(actorOf(request), yearQuery(request));
    return reply.page('assessment/views/national.njk', {
      title: 'Self-assessment across organisations',
      view,
      groups: byGroup(view),
      minOrganisations: MIN_ORGANISATIONS,
      minGroup: MIN_GROUP,
    });
  });

  app.get('/assessment/national.csv', async (request, reply) => {
    const rows = await national.csvRows(
      actorOf(request),
      yearQuery(request),
      auditContextOf(request),
    );
    return reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', 'attachment; filename="assessment-across-organisations.csv"')
      .send(stringify(rows));
  });
}
