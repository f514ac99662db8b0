/** The learning module's web face: training records, the unit grid and the built-in course. */
import type { AccessRule } from '../../web/access.ts';
import type { WebModule } from '../../web/module.ts';
import { learningRoles } from './policy.ts';
import type { LearningService } from './service.ts';
import { registerCourseRoutes } from './web/course.ts';
import { registerRecordRoutes } from './web/records.ts';
import { registerAdminRoutes } from './web/admin.ts';
import { loadCourse } from './content.ts';
import { registerJournalRoutes } from './web/journal.ts';
import { registerSupportRoutes } from './web/support.ts';
import { registerSuggestionRoutes } from './web/suggestions.ts';

const { learner, grid, administer, reflect, suggest } = learningRoles;

/** Who may call each route in this module. */
export const learningAccessRules: AccessRule[] = [
  { method: 'GET', url: '/learning', access: learner },
  { method: 'POST', url: '/learning/records', access: learner },
  { method: 'GET', url: '/learning/course', access: learner },
  { method: 'GET', url: '/learning/course/certificate', access: learner },
  // One fixed page per section: sections are the same for everyone, not records of anyone's.
  ...loadCourse().sections.flatMap((s) => [
    { method: 'GET' as const, url: `/learning/course/${s.id}`, access: learner },
    { method: 'POST' as const, url: `/learning/course/${s.id}`, access: learner },
  ]),
  { method: 'GET', url: '/learning/unit', access: grid },
  { method: 'GET', url: '/learning/records.csv', access: grid },
  { method: 'GET', url: '/admin/learning/courses', access: administer },
  { method: 'POST', url: '/admin/learning/courses', access: administer },
  { method: 'GET', url: '/admin/learning/import', access: administer },
  { method: 'POST', url: '/admin/learning/import', access: administer },
  // The journal: each entry is checked against its writer (or the one supervisor it is shared
  // with) in the service, so everyone else gets 404 whatever their role.
  { method: 'GET', url: '/learning/journal', access: reflect },
  { method: 'GET', url: '/learning/journal/new', access: reflect },
  { method: 'POST', url: '/learning/journal', access: reflect },
  { method: 'GET', url: '/learning/journal/export', access: reflect },
  { method: 'GET', url: '/learning/journal/:entryId', access: reflect },
  { method: 'POST', url: '/learning/journal/:entryId/share', access: reflect },
  { method: 'POST', url: '/learning/journal/:entryId/unshare', access: reflect },
  { method: 'POST', url: '/learning/journal/:entryId/delete', access: reflect },
  { method: 'POST', url: '/learning/supervision', access: reflect },
  { method: 'POST', url: '/learning/supervision/:supervisionId/delete', access: reflect },
  { method: 'GET', url: '/learning/support', access: reflect },
  { method: 'POST', url: '/learning/support', access: reflect },
  { method: 'GET', url: '/learning/wellbeing', access: reflect },
  { method: 'POST', url: '/learning/wellbeing', access: reflect },
  { method: 'GET', url: '/learning/unit/wellbeing', access: grid },
  { method: 'GET', url: '/admin/learning/support', access: administer },
  { method: 'POST', url: '/admin/learning/support', access: administer },
  { method: 'POST', url: '/admin/learning/support/:staffServiceId/retire', access: administer },
  // Partners' suggestions for the course text (issue 13 item 5).
  ...loadCourse().sections.flatMap((s) => [
    { method: 'GET' as const, url: `/learning/course/${s.id}/suggest`, access: suggest },
    { method: 'POST' as const, url: `/learning/course/${s.id}/suggest`, access: suggest },
  ]),
  { method: 'GET', url: '/learning/suggestions', access: suggest },
  { method: 'GET', url: '/admin/learning/suggestions', access: administer },
  { method: 'GET', url: '/admin/learning/suggestions/:textProposalId', access: administer },
  { method: 'POST', url: '/admin/learning/suggestions/:textProposalId', access: administer },
];

/** Training records, the unit grid, courses and the built-in course. */
export function learningWeb(deps: { learning: LearningService }): WebModule {
  return {
    accessRules: learningAccessRules,
    navLinks: [
      { href: '/learning', text: 'Training', roles: learner },
      { href: '/learning/unit', text: 'Unit training', roles: grid },
      { href: '/learning/suggestions', text: 'Course suggestions', roles: suggest },
      { href: '/admin/learning/suggestions', text: 'Course suggestions', roles: administer },
    ],
    homePanels: [
      {
        template: 'learning/views/panel-support.njk',
        load: async (actor) => {
          const offers = await deps.learning.support.openCount(actor);
          return offers > 0 ? { offers } : null;
        },
      },
    ],
    register: (app) => {
      registerRecordRoutes(app, deps);
      registerCourseRoutes(app, deps);
      registerAdminRoutes(app, deps);
      registerJournalRoutes(app, deps);
      registerSupportRoutes(app, deps);
      registerSuggestionRoutes(app, deps);
    },
  };
}
