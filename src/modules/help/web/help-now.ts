/**
 * The Help now page (open to anyone), the "Staying safe online" page, and the hook that gives
 * every page its numbers for the Help now panel.
 */
import type { FastifyInstance } from 'fastify';
import { nationalHelpNumbers } from '../numbers.ts';
import type { HelpNumber } from '../numbers.ts';
import type { HelpService } from '../service.ts';
import { KeptByGeneration } from '../../../web/kept-pages.ts';

/** What the Help now panel and page show: national numbers, then the organisation's. */
export interface HelpNowContext {
  national: readonly HelpNumber[];
  organisation: HelpNumber[];
}

/** Registers Help now, Staying safe online and the page hook. */
export function registerHelpNowRoutes(app: FastifyInstance, deps: { help: HelpService }): void {
  const { help } = deps;
  // Read once per organisation and role while no record changes (kept-pages.ts).
  const keptNumbers = new KeptByGeneration<HelpNumber[]>();

  // Every page may show the Help now panel, so every render gets the numbers: the national ones
  // always, the person's organisation's when someone is signed in (one small indexed query).
  app.addHook('preHandler', async (request) => {
    if (/^\/(static|nhsuk)\/|^\/(healthz|readyz)/.test(request.url)) return;
    let organisation: HelpNumber[] = [];
    if (request.actor) {
      try {
        const actor = request.actor;
        organisation = await keptNumbers.get(
          request.dataGeneration,
          `${actor.organisationId} ${actor.role}`,
          () => help.numbers.forActor(actor),
        );
      } catch {
        // The national numbers are still worth showing if the database is slow or away.
        organisation = [];
      }
    }
    const helpNow: HelpNowContext = { national: nationalHelpNumbers, organisation };
    request.pageLocals = { ...request.pageLocals, helpNow };
  });

  app.get('/help-now', async (_request, reply) =>
    reply.page('help/views/help-now.njk', { title: 'Help now' }),
  );

  app.get('/staying-safe-online', async (_request, reply) =>
    reply.page('help/views/staying-safe.njk', { title: 'Staying safe online' }),
  );
}
