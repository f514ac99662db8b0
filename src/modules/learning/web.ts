/** The learning module's web face: training records, the unit grid and the built-in course. */
import type { AccessRule } from '../../web/access.ts';
import type { WebModule } from '../../web/module.ts';
import { learningRoles } from './policy.ts';
import type { LearningService } from './service.ts';
import { registerCourseRoutes } from './web/course.ts';
import { registerRecordRoutes } from './web/records.ts';
import { registerAdminRoutes } from './web/admin.ts';
import { loadCourse } from './content.ts';

const { learner, grid, administer } = learningRoles;

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
];

/** Training records, the unit grid, courses and the built-in course. */
export function learningWeb(deps: { learning: LearningService }): WebModule {
  return {
    accessRules: learningAccessRules,
    navLinks: [
      { href: '/learning', text: 'Training', roles: learner },
      { href: '/learning/unit', text: 'Unit training', roles: grid },
    ],
    register: (app) => {
      registerRecordRoutes(app, deps);
      registerCourseRoutes(app, deps);
      registerAdminRoutes(app, deps);
    },
  };
}
