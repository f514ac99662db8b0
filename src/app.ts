/**
 * Composition root: createStores → createServices → createApp. Each module is wired here and
 * nowhere else, so dependencies are passed in and there are no global singletons.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import type { Connection } from './db/index.ts';
import { isReachable } from './db/index.ts';
import type { Clock } from './lib/clock.ts';
import { readDataGeneration } from './db/generation.ts';
import { systemClock } from './lib/clock.ts';
import type { AccessRule } from './web/access.ts';
import type { WebModule } from './web/module.ts';
import { coreAccessRules, createWebApp } from './web/server.ts';
import { createFormOnce } from './web/form-once.ts';
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
  disclosuresHeardBy,
  enquiryActionLabels,
} from './modules/enquiry/index.ts';
import { enquiryAccessRules, enquiryWeb } from './modules/enquiry/web.ts';
import { createCryptoBox, keyFilePath, loadKeyRing } from './lib/crypto-box.ts';
import {
  createForceService,
  createForceStore,
  forceActionLabels,
  incidentsNamingStaff,
} from './modules/force/index.ts';
import { forceAccessRules, forceWeb } from './modules/force/web.ts';
import {
  createRightsService,
  createRightsStore,
  rightsActionLabels,
} from './modules/rights/index.ts';
import { rightsAccessRules, rightsWeb } from './modules/rights/web.ts';
import { caseloadActionLabels, createCaseloadService } from './modules/caseload/index.ts';
import { caseloadAccessRules, caseloadWeb } from './modules/caseload/web.ts';
import {
  countCrisisNumbers,
  createHelpService,
  createHelpStore,
  helpActionLabels,
} from './modules/help/index.ts';
import { helpAccessRules, helpWeb } from './modules/help/web.ts';
import {
  createOrganisationService,
  createOrganisationStore,
  createSetupSteps,
  organisationActionLabels,
} from './modules/organisation/index.ts';
import { organisationAccessRules, organisationWeb } from './modules/organisation/web.ts';
import {
  createLearningService,
  createLearningStore,
  forceTrainingFlags,
  learningActionLabels,
  learningEncryptedColumns,
} from './modules/learning/index.ts';
import { learningAccessRules, learningWeb } from './modules/learning/web.ts';
import { createWardsService, createWardsStore, wardsActionLabels } from './modules/wards/index.ts';
import { wardsAccessRules, wardsWeb } from './modules/wards/web.ts';
import {
  assessmentActionLabels,
  createAssessmentService,
  createAssessmentStore,
} from './modules/assessment/index.ts';
import { assessmentAccessRules, assessmentWeb } from './modules/assessment/web.ts';
import {
  assessmentRoundSubject,
  createImprovementService,
  createImprovementStore,
  improvementActionLabels,
  roundReportActionPlan,
  roundPlanActions,
} from './modules/improvement/index.ts';
import { improvementAccessRules, improvementWeb } from './modules/improvement/web.ts';

/** Every store, each created once per database. */
export function createStores() {
  return {
    accounts: createAccountsStore(),
    audit: createAuditStore(),
    plans: createPlansStore(),
    language: createLanguageStore(),
    enquiry: createEnquiryStore(),
    force: createForceStore(),
    rights: createRightsStore(),
    help: createHelpStore(),
    organisation: createOrganisationStore(),
    learning: createLearningStore(),
    wards: createWardsStore(),
    assessment: createAssessmentStore(),
    improvement: createImprovementStore(),
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
      ...rightsActionLabels,
      ...caseloadActionLabels,
      ...helpActionLabels,
      ...organisationActionLabels,
      ...learningActionLabels,
      ...wardsActionLabels,
      ...assessmentActionLabels,
      ...improvementActionLabels,
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
    checkLanguage: (organisationId, text) => language.checkForOrganisation(organisationId, text),
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
    checkLanguage: language.checkForOrganisation,
    // The staff journal uses the same key, so one rotation covers both.
    moreEncryptedColumns: learningEncryptedColumns,
  });
  const force = createForceService({
    db,
    store: stores.force,
    audit: auditLog,
    clock,
    directory: accounts.people,
    planChoices: (actor, personId, ctx) => plans.planAccess.choicesForForce(actor, personId, ctx),
    checkLanguage: language.checkForOrganisation,
  });
  const rights = createRightsService({
    db,
    store: stores.rights,
    audit: auditLog,
    clock,
    whoHasSeen: audit,
    plans: plans.rights,
    enquiry: enquiry.rights,
    force: force.rights,
    organisationIds: () => accounts.provisioning.listOrganisationIds(),
  });
  const caseload = createCaseloadService({
    db,
    audit: auditLog,
    people: accounts.people,
    plans: plans.planAccess,
    enquiry: enquiry.personSummary,
    force: force.personIncidents,
  });
  const help = createHelpService({
    db,
    store: stores.help,
    audit: auditLog,
    clock,
    endSession: (token, ctx) => accounts.sessions.signOut(token, ctx),
  });
  const learning = createLearningService({
    db,
    store: stores.learning,
    audit: auditLog,
    clock,
    box,
    // Uses of force name staff as free text, so they are found by the person's display name
    // (the actor's, read with the session on this request: no second read of the account).
    hardEvents: async (actor, sinceIso) => {
      const [named, heard] = await Promise.all([
        incidentsNamingStaff(db, actor.organisationId, actor.displayName, sinceIso),
        disclosuresHeardBy(db, actor.organisationId, actor.id, sinceIso),
      ]);
      return [
        ...named.map((e) => ({ kind: 'force' as const, ...e })),
        ...heard.map((e) => ({ kind: 'disclosure' as const, ...e })),
      ];
    },
    // A unit's figures beside course sections: the same counts the self-assessment shows.
    unitFigures: async (scope) =>
      (await Promise.all([enquiry.evidence.figures(scope), force.evidence.figures(scope)])).flat(),
  });
  const wards = createWardsService({
    db,
    store: stores.wards,
    audit: auditLog,
    clock,
    directory: accounts.people,
    forceFigures: force.dashboards,
    forceLearning: force.learning,
  });
  const ownSteps = createSetupSteps({ db, store: stores.organisation });
  const organisation = createOrganisationService({
    db,
    store: stores.organisation,
    audit: auditLog,
    clock,
    staffInviter: accounts.staffInvitations,
    // The administrator's set-up checklist, in the order the home page shows it.
    steps: [
      ownSteps.units,
      ownSteps.firstStaff,
      {
        id: 'support-services',
        title: 'Add your support services',
        hint: 'Where staff can refer people after asking about trauma.',
        href: '/support-services',
        done: async (actor) => (await enquiry.supportServices.list(actor)).services.length > 0,
      },
      {
        id: 'crisis-numbers',
        title: 'Add your crisis numbers',
        hint: 'Your crisis team and ward phones, shown beside the national numbers on Help now.',
        href: '/admin/help-numbers',
        done: async (actor) =>
          ((await countCrisisNumbers(help, [actor.organisationId])).get(actor.organisationId) ??
            0) > 0,
      },
      {
        id: 'language',
        title: 'Review the language rules',
        hint: 'Add words your organisation would like suggestions for, or allow ones it uses.',
        href: '/admin/language',
        done: async (actor) => {
          const { rules, allowedTerms } = await language.listOrganisationRules(actor);
          return rules.length + allowedTerms.length > 0;
        },
      },
      ownSteps.partner,
    ],
  });
  const assessment = createAssessmentService({
    db,
    store: stores.assessment,
    audit: auditLog,
    clock,
    unitsOf: (actor) => accounts.people.unitsOf(actor),
    unitsInOrganisation: (organisationId) => accounts.people.unitsInOrganisation(organisationId),
    // Evidence beside each principle: each module counts its own records (issue 12 item 5).
    evidence: {
      peopleInScope: (scope) => accounts.evidence.peopleInScope(scope),
      sources: [
        (scope) => enquiry.evidence.figures(scope),
        (scope) => force.evidence.figures(scope),
        (scope, people) => plans.evidence.figures(scope, people),
        (scope) => audit.evidence.figures(scope),
        (scope) => accounts.evidence.figures(scope),
        // Made below; only called once a page asks, when it exists.
        (scope) => improvement.evidence.figures(scope),
      ],
    },
  });
  const improvement = createImprovementService({
    db,
    store: stores.improvement,
    audit: auditLog,
    clock,
    directory: {
      ownersIn: (organisationId) => accounts.people.clinicalStaffInOrganisation(organisationId),
      unitsInOrganisation: (organisationId) => accounts.people.unitsInOrganisation(organisationId),
    },
    forceFigures: force.dashboards,
    forceLearning: force.learning,
    subjects: {
      assessment_round: assessmentRoundSubject(assessment.results, assessment.evidence),
    },
  });
  return {
    conn,
    db,
    clock,
    config,
    auditLog,
    accounts,
    audit,
    plans,
    language,
    enquiry,
    force,
    rights,
    caseload,
    help,
    organisation,
    learning,
    wards,
    assessment,
    improvement,
  };
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
  ...rightsAccessRules,
  ...caseloadAccessRules,
  ...helpAccessRules,
  ...organisationAccessRules,
  ...learningAccessRules,
  ...wardsAccessRules,
  ...assessmentAccessRules,
  ...improvementAccessRules,
];

/** Each module's web face, in the order their header links appear. */
function webModules(services: Services): WebModule[] {
  const {
    config,
    accounts,
    audit,
    plans,
    language,
    enquiry,
    force,
    rights,
    caseload,
    help,
    organisation,
    learning,
    wards,
    assessment,
    improvement,
    clock,
  } = services;
  const features = [
    caseloadWeb({ caseload }),
    organisationWeb({ organisation }),
    auditWeb({ audit }),
    plansWeb({ plans, config }),
    languageWeb({ language }),
    enquiryWeb({ enquiry }),
    forceWeb({
      force,
      clock,
      language,
      trainingFlags: (actor, names) => forceTrainingFlags(learning, actor, names),
    }),
    rightsWeb({ rights }),
    helpWeb({ help, config }),
    learningWeb({ learning }),
    wardsWeb({ wards }),
    assessmentWeb({
      assessment,
      publicUrl: config.publicUrl,
      reportActionPlan: (actor, roundId) => roundReportActionPlan(improvement, actor, roundId),
      earlierPlanActions: (actor, roundId) => roundPlanActions(improvement, actor, roundId),
    }),
    improvementWeb({ improvement }),
  ];
  const homePanels = features.flatMap((m) => m.homePanels ?? []);
  return [accountsWeb({ accounts, config, homePanels }), ...features];
}

/** Builds the web app over a set of services. */
export async function createApp(
  services: Services,
  options: { logStream?: NodeJS.WritableStream } = {},
): Promise<FastifyInstance> {
  const { config, accounts, db, clock } = services;
  return createWebApp({
    config,
    formOnce: createFormOnce(db, clock),
    modules: webModules(services),
    logStream: options.logStream,
    resolveSession: (token) => accounts.sessions.resolveSession(token),
    isHealthy: () => isReachable(db),
    // Kept pages last while no record changes, and never beyond the minute (kept-pages.ts).
    keptPageState: async (known) => {
      const generation = known ?? (await readDataGeneration(db));
      return generation === null ? null : `${generation} ${clock().toISOString().slice(0, 16)}`;
    },
  });
}
