/** The assessment module's web face: rounds, answering (signed in or by code), results, the Questionnaire. */
import type { AccessRule } from '../../web/access.ts';
import type { WebModule } from '../../web/module.ts';
import { assessmentRoles, mayAssessment } from './policy.ts';
import type { AssessmentService } from './service.ts';
import { registerAnswerRoutes } from './web/answer.ts';
import { registerCodeRoutes } from './web/code.ts';
import { registerEvidenceRoutes } from './web/evidence.ts';
import { registerInstrumentRoutes } from './web/instrument.ts';
import { registerNationalRoutes } from './web/national.ts';
import { registerReportRoutes } from './web/report.ts';
import type { EarlierPlanHook } from './earlier-plan.ts';
import type { ReportActionPlanHook } from './web/report.ts';
import { registerResultsRoutes } from './web/results.ts';
import { registerRoundRoutes } from './web/rounds.ts';
import { registerWordingRoutes } from './web/wording.ts';

const round = '/assessment/rounds/:roundId';

/** Who may call each route in this module. */
export const assessmentAccessRules: AccessRule[] = [
  { method: 'GET', url: '/assessment/instrument.fhir.json', access: 'public' },
  { method: 'GET', url: '/assessment', access: assessmentRoles.manage },
  { method: 'POST', url: '/assessment/rounds', access: assessmentRoles.manage },
  { method: 'GET', url: round, access: assessmentRoles.manage },
  { method: 'POST', url: `${round}/extend`, access: assessmentRoles.manage },
  { method: 'POST', url: `${round}/close`, access: assessmentRoles.manage },
  { method: 'POST', url: `${round}/codes`, access: assessmentRoles.manage },
  { method: 'GET', url: `${round}/answer`, access: assessmentRoles.answer },
  { method: 'POST', url: `${round}/answer`, access: assessmentRoles.answer },
  { method: 'GET', url: '/assessment/thanks', access: 'public' },
  { method: 'GET', url: '/assessment/code', access: 'public' },
  { method: 'POST', url: '/assessment/code', access: 'public' },
  { method: 'POST', url: '/assessment/code/answer', access: 'public' },
  { method: 'GET', url: '/assessment/results', access: assessmentRoles.results },
  { method: 'GET', url: `${round}/results`, access: assessmentRoles.results },
  { method: 'GET', url: `${round}/results.csv`, access: assessmentRoles.results },
  { method: 'GET', url: `${round}/gap.csv`, access: assessmentRoles.results },
  { method: 'GET', url: `${round}/barriers.csv`, access: assessmentRoles.results },
  { method: 'GET', url: `${round}/comparison.csv`, access: assessmentRoles.results },
  { method: 'GET', url: `${round}/report`, access: assessmentRoles.results },
  // Evidence from the records (issue 12 item 5): who may see results may see evidence.
  { method: 'GET', url: `${round}/evidence.csv`, access: assessmentRoles.results },
  // Across organisations (issue 12 item 7): sharing is the administrator's choice.
  { method: 'GET', url: '/assessment/peers', access: assessmentRoles.share },
  { method: 'POST', url: '/assessment/peers/sharing', access: assessmentRoles.share },
  { method: 'GET', url: '/assessment/national', access: assessmentRoles.national },
  { method: 'GET', url: '/assessment/national.csv', access: assessmentRoles.distributionCsv },
  // Local statements and partners' suggested wording (issue 12 item 1).
  { method: 'GET', url: '/assessment/statements', access: assessmentRoles.wording },
  { method: 'POST', url: '/assessment/statements', access: assessmentRoles.decideWording },
  {
    method: 'GET',
    url: '/assessment/statements/:itemId/suggest',
    access: assessmentRoles.suggestWording,
  },
  {
    method: 'POST',
    url: '/assessment/statements/:itemId/suggest',
    access: assessmentRoles.suggestWording,
  },
  {
    method: 'GET',
    url: '/assessment/suggestions/:wordingProposalId',
    access: assessmentRoles.decideWording,
  },
  {
    method: 'POST',
    url: '/assessment/suggestions/:wordingProposalId',
    access: assessmentRoles.decideWording,
  },
];

/** The self-assessment pages. */
export function assessmentWeb(deps: {
  assessment: AssessmentService;
  publicUrl: string;
  /** Adds the round's action plan to the printable report (the action plans module gives it). */
  reportActionPlan?: ReportActionPlanHook;
  /** The earlier round's plan actions for a later round's results (the action plans module). */
  earlierPlanActions?: EarlierPlanHook;
}): WebModule {
  const { assessment } = deps;
  return {
    accessRules: assessmentAccessRules,
    navLinks: [
      { href: '/assessment', text: 'Self-assessment', roles: assessmentRoles.manage },
      {
        href: '/assessment/results',
        text: 'Self-assessment results',
        roles: assessmentRoles.results.filter(
          (r) => !(assessmentRoles.manage as readonly string[]).includes(r),
        ),
      },
      {
        href: '/assessment/national',
        text: 'Self-assessment across organisations',
        roles: assessmentRoles.national,
      },
      {
        href: '/assessment/statements',
        text: 'Self-assessment statements',
        roles: assessmentRoles.wording,
      },
    ],
    homePanels: [
      {
        template: 'assessment/views/panel-waiting.njk',
        load: async (actor) => {
          if (!mayAssessment(actor, { kind: 'answer-round', unitId: null })) return null;
          const rounds = await assessment.rounds.waitingFor(actor);
          return rounds.length > 0 ? { rounds } : null;
        },
      },
    ],
    register: (app) => {
      registerInstrumentRoutes(app, deps);
      registerRoundRoutes(app, deps);
      registerAnswerRoutes(app, deps);
      registerCodeRoutes(app, deps);
      registerResultsRoutes(app, deps);
      registerReportRoutes(app, deps);
      registerEvidenceRoutes(app, deps);
      registerNationalRoutes(app, deps);
      registerWordingRoutes(app, deps);
    },
  };
}
