/** The overview pages (asking about trauma, rates, the staff guide) and the home page panels. */
import type { FastifyInstance } from 'fastify';
import type { HomePanel } from '../../../web/home-panels.ts';
import { actorOf } from '../../../web/server.ts';
import type { EnquiryService } from '../service.ts';

/** Registers the overview pages. */
export function registerOverviewRoutes(app: FastifyInstance, enquiry: EnquiryService): void {
  const { overview } = enquiry;

  app.get('/enquiry', async (request, reply) =>
    reply.page('enquiry/views/hub.njk', {
      title: 'Asking about trauma',
      hub: await overview.hub(actorOf(request)),
    }),
  );
  app.get('/enquiry/rates', async (request, reply) =>
    reply.page('enquiry/views/rates.njk', {
      title: 'Enquiry rates',
      rates: await overview.rates(actorOf(request)),
    }),
  );
  app.get('/enquiry/guide', async (request, reply) =>
    reply.page('enquiry/views/guide.njk', {
      title: 'What happened to you? A guide for conversations',
      ...overview.guide(actorOf(request)),
    }),
  );
}

/** Home page panels: next steps for practitioners, a person's own records, managers' requests. */
export function enquiryHomePanels(enquiry: EnquiryService): HomePanel[] {
  const { overview } = enquiry;
  return [
    {
      template: 'enquiry/views/panel-practitioner.njk',
      load: (actor) => overview.practitionerPanel(actor),
    },
    { template: 'enquiry/views/panel-person.njk', load: (actor) => overview.personPanel(actor) },
    { template: 'enquiry/views/panel-manager.njk', load: (actor) => overview.managerPanel(actor) },
  ];
}
