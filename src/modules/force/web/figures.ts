/** The figures: denominators, dashboards and the annual return, each as a page and a download. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { errorList, handleForm } from '../../../web/forms.ts';
import { parseDenominatorsForm } from '../schema.ts';
import type { ForceWebDeps } from './common.ts';
import { bodyOf, queryOf, sendCsv } from './common.ts';

/** Registers the figures pages. */
export function registerFiguresRoutes(app: FastifyInstance, { force }: ForceWebDeps) {
  async function renderDenominators(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Record<string, unknown> = {},
  ) {
    const form = await force.denominators.page(actorOf(request), queryOf(request));
    return reply.page('force/views/denominators.njk', {
      title: 'Bed days and people on the unit',
      ...form,
      errors: {},
      ...extra,
    });
  }

  app.get('/force/denominators', async (request, reply) =>
    renderDenominators(request, reply, { saved: queryOf(request).saved === '1' }),
  );

  app.post('/force/denominators', async (request, reply) =>
    handleForm(
      reply,
      async () => {
        const form = parseDenominatorsForm(bodyOf(request));
        await force.denominators.save(actorOf(request), form, auditContextOf(request));
        return reply.redirect(
          `/force/denominators?unitId=${encodeURIComponent(form.unitId)}&year=${form.year}&saved=1`,
          303,
        );
      },
      {
        invalid: (errors) =>
          renderDenominators(request, reply, { errors, errorList: errorList(errors) }),
      },
    ),
  );

  app.get('/force/dashboards', async (request, reply) => {
    const figures = await force.dashboards.page(actorOf(request), queryOf(request));
    return reply.page('force/views/dashboard.njk', { title: 'Use of force: figures', ...figures });
  });

  app.get('/force/dashboards/data.csv', async (request, reply) => {
    const { view, csv } = await force.dashboards.csv(actorOf(request), queryOf(request));
    return sendCsv(reply, `use-of-force-${view}.csv`, csv);
  });

  app.get('/force/returns', async (request, reply) => {
    const page = await force.returns.page(actorOf(request), queryOf(request));
    return reply.page('force/views/returns.njk', {
      title: 'Annual use-of-force statistics',
      ...page,
    });
  });

  app.get('/force/returns.csv', async (request, reply) => {
    const { year, csv } = await force.returns.csv(actorOf(request), queryOf(request));
    return sendCsv(reply, `use-of-force-statistics-${year}.csv`, csv);
  });
}
