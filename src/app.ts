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
import type { WebModule } from './web/module.ts';
import { coreAccessRules, createWebApp } from './web/server.ts';
import { createAccountsService, createAccountsStore } from './modules/accounts/index.ts';
import { accountsAccessRules, accountsWeb } from './modules/accounts/web.ts';
import {
  auditActionLabels,
  createAuditLog,
  createAuditService,
  createAuditStore,
} from './modules/audit/index.ts';
import { auditAccessRules, auditWeb } from './modules/audit/web.ts';
import { createPlansService, createPlansStore, plansActionLabels } from './modules/plans/index.ts';
import { plansAccessRules, plansWeb } from './modules/plans/web.ts';
import {
  createLanguageService,
  createLanguageStore,
  languageActionLabels,
} from './modules/language/index.ts';
import { languageAccessRules, languageWeb } from './modules/language/web.ts';
import {
  createEnquiryService,
  createEnquiryStore,
  enquiryActionLabels,
} from './modules/enquiry/index.ts';
import { enquiryAccessRules, enquiryWeb } from './modules/enquiry/web.ts';
import { createCryptoBox, keyFilePath, loadKeyRing } from './lib/crypto-box.ts';
import { createForceService, createForceStore, forceActionLabels } from './modules/force/index.ts';
import { forceAccessRules, forceWeb } from './modules/force/web.ts';

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
  const box = createCryptoBox(loadKeyRing(config));
  const accounts = createAccountsService({
    db,
    store: stores.accounts,
    audit: auditLog,
    clock,
    publicUrl: config.publicUrl,
    box,
    // An http provider on this machine, for tests and local trials; production needs https.
    allowLoopbackHttpIssuer: config.env !== 'production',
    secondFactorGraceMs: config.secondFactorGraceMs,
  });
  const audit = createAuditService({
    db,
    store: stores.audit,
    directory: accounts.people,
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
    accounts: accounts.people,
  });
  const enquiry = createEnquiryService({
    db,
    store: stores.enquiry,
    audit: auditLog,
    clock,
    accounts: accounts.people,
    box,
    keyHint: config.encryptionKey
      ? 'the value it had when this database was first started'
      : `or restore ${keyFilePath(config.dataDir)} from your backup`,
  });
  const force = createForceService({
    db,
    store: stores.force,
    audit: auditLog,
    clock,
    directory: accounts.people,
    planChoices: (actor, personId, ctx) => plans.planAccess.choicesForForce(actor, personId, ctx),
  });
  return { conn, db, clock, config, auditLog, accounts, audit, plans, language, enquiry, force };
}

/** The services' functions. */
export type Services = ReturnType<typeof createServices>;

/** The combined access-control table: every route of every module. */
export const accessRules: readonly AccessRule[] = [
  ...coreAccessRules,
  ...accountsAccessRules,
  ...auditAccessRules,
  ...plansAccessRules,
  ...languageAccessRules,
  ...enquiryAccessRules,
  ...forceAccessRules,
];

/** Each module's web face, in the order their header links appear. */
function webModules(services: Services): WebModule[] {
  const { config, accounts, audit, plans, language, enquiry, force, clock } = services;
  const features = [
    auditWeb({ audit }),
    plansWeb({ plans }),
    languageWeb({ language }),
    enquiryWeb({ enquiry }),
    forceWeb({ force, clock }),
  ];
  const homePanels = features.flatMap((m) => m.homePanels ?? []);
  return [accountsWeb({ accounts, config, homePanels }), ...features];
}

/** Builds the web app over a set of services. */
export async function createApp(
  services: Services,
  options: { logStream?: NodeJS.WritableStream } = {},
): Promise<FastifyInstance> {
  const { config, accounts, db } = services;
  return createWebApp({
    config,
    modules: webModules(services),
    logStream: options.logStream,
    resolveSession: (token) => accounts.sessions.resolveSession(token),
    isHealthy: () => isReachable(db),
  });
}
