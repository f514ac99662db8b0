/**
 * Composition root: createStores → createServices → createApp. Each module is wired here and
 * nowhere else, so dependencies are passed in and there are no global singletons.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import type { Connection } from './db/index.ts';
import { isReachable } from './db/index.ts';
import type { Clock } from './lib/clock.ts';
import { systemClock } from './lib/clock.ts';
import type { AccessRule } from './web/access.ts';
import type { HomePanel } from './web/home-panels.ts';
import { createWebApp } from './web/server.ts';
import {
  accountsAccessRules,
  createAccountsService,
  createAccountsStore,
  registerAccountsRoutes,
} from './modules/accounts/index.ts';
import {
  auditAccessRules,
  auditActionLabels,
  createAuditLog,
  createAuditService,
  createAuditStore,
  registerAuditRoutes,
} from './modules/audit/index.ts';
import {
  createPlansService,
  createPlansStore,
  plansAccessRules,
  plansActionLabels,
  plansHomePanels,
  registerPlansRoutes,
} from './modules/plans/index.ts';
import {
  createLanguageService,
  createLanguageStore,
  languageAccessRules,
  languageActionLabels,
  registerLanguageRoutes,
} from './modules/language/web.ts';
import {
  createEnquiryService,
  createEnquiryStore,
  enquiryAccessRules,
  enquiryActionLabels,
  enquiryHomePanels,
  registerEnquiryRoutes,
} from './modules/enquiry/index.ts';
import { createCryptoBox, keyFilePath, loadKeyRing } from './lib/crypto-box.ts';
import {
  createForceService,
  createForceStore,
  forceAccessRules,
  forceActionLabels,
  forceHomePanels,
  registerForceRoutes,
} from './modules/force/index.ts';

/** Every store, each created once per database. */
export function createStores() {
  return {
    accounts: createAccountsStore(),
    audit: createAuditStore(),
    plans: createPlansStore(),
    language: createLanguageStore(),
    enquiry: createEnquiryStore(),
    force: createForceStore(),
  };
}

/** The stores' functions. */
export type Stores = ReturnType<typeof createStores>;

/** Every service, each given only what it needs. */
export function createServices(conn: Connection, config: Config, clock: Clock = systemClock) {
  const stores = createStores();
  const { db } = conn;
  const auditLog = createAuditLog({ store: stores.audit, clock });
  const accounts = createAccountsService({
    db,
    store: stores.accounts,
    audit: auditLog,
    clock,
    publicUrl: config.publicUrl,
  });
  const audit = createAuditService({
    db,
    store: stores.audit,
    directory: accounts,
    actionLabels: {
      ...auditActionLabels,
      ...plansActionLabels,
      ...languageActionLabels,
      ...enquiryActionLabels,
      ...forceActionLabels,
    },
  });
  const language = createLanguageService({
    db,
    store: stores.language,
    audit: auditLog,
    clock,
  });
  const plans = createPlansService({
    db,
    store: stores.plans,
    audit: auditLog,
    clock,
    publicUrl: config.publicUrl,
    accounts,
  });
  const enquiry = createEnquiryService({
    db,
    store: stores.enquiry,
    audit: auditLog,
    clock,
    accounts,
    box: createCryptoBox(loadKeyRing(config)),
    keyHint: config.encryptionKey
      ? 'the value it had when this database was first started'
      : `or restore ${keyFilePath(config.dataDir)} from your backup`,
  });
  const force = createForceService({
    db,
    store: stores.force,
    audit: auditLog,
    clock,
    directory: accounts,
    planChoices: (actor, personId, ctx) => plans.getPlanChoicesForStaff(actor, personId, ctx),
  });
  return { conn, db, clock, config, auditLog, accounts, audit, plans, language, enquiry, force };
}

/** The services' functions. */
export type Services = ReturnType<typeof createServices>;

/** The combined access-control table: every route of every module. */
export const accessRules: readonly AccessRule[] = [
  { method: 'GET', url: '/healthz', access: 'public' },
  { method: 'GET', url: '/nhsuk/*', access: 'public' },
  { method: 'GET', url: '/static/*', access: 'public' },
  ...accountsAccessRules,
  ...auditAccessRules,
  ...plansAccessRules,
  ...languageAccessRules,
  ...enquiryAccessRules,
  ...forceAccessRules,
];

/** Panels modules add to home pages. */
function homePanels(services: Services): HomePanel[] {
  return [
    ...plansHomePanels(services.plans),
    ...enquiryHomePanels(services.enquiry),
    ...forceHomePanels(services.force),
  ];
}

/** Builds the web app over a set of services. */
export async function createApp(
  services: Services,
  options: { logStream?: NodeJS.WritableStream } = {},
): Promise<FastifyInstance> {
  const { config, accounts, audit, db } = services;
  return createWebApp({
    config,
    accessRules,
    logStream: options.logStream,
    resolveSession: (token) => accounts.resolveSession(token),
    isHealthy: () => isReachable(db),
    registerRoutes(app) {
      registerAccountsRoutes(app, { accounts, config, homePanels: homePanels(services) });
      registerAuditRoutes(app, { audit });
      registerPlansRoutes(app, { plans: services.plans });
      registerLanguageRoutes(app, { language: services.language });
      registerEnquiryRoutes(app, { enquiry: services.enquiry });
      registerForceRoutes(app, { force: services.force, clock: services.clock });
    },
  });
}
