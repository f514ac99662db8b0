/**
 * Demo records for each module, added after the demo accounts exist. Each module exports its
 * own seeder; this list runs them in order.
 */
import type { Services } from './app.ts';
import type { DemoIds } from './demo.ts';
import { seedPlansDemo } from './modules/plans/index.ts';
import { seedLanguageDemo } from './modules/language/index.ts';
import { seedEnquiryDemo } from './modules/enquiry/index.ts';
import { DEMO_PASSWORD } from './demo.ts';
import { hashPassword } from './modules/accounts/index.ts';
import { seedForceDemo } from './modules/force/index.ts';
import { createWardsStore, seedWardsDemo } from './modules/wards/index.ts';
import { seedImprovementDemos } from './modules/improvement/index.ts';
import { createAssessmentStore, seedAssessmentDemo } from './modules/assessment/index.ts';
import { seedLearningDemo } from './modules/learning/index.ts';

/**
 * Runs every module's demo seeder.
 * @returns lines to print once, for what can be shown only now (Ward 3's screen address)
 */
export async function seedModuleDemos(services: Services, ids: DemoIds): Promise<string[]> {
  // Modules add their seeders here, e.g. `await seedPlansDemo(services, ids);`
  await seedLanguageDemo(services, ids);
  await seedPlansDemo(services, ids);
  await seedEnquiryDemo(services, ids, {
    password: DEMO_PASSWORD,
    passwordHash: await hashPassword(DEMO_PASSWORD),
  });
  await seedForceDemo(services, ids);
  const { screenToken } = await seedWardsDemo(services.db, createWardsStore(), services.clock, ids);
  await seedAssessmentDemo(services.db, createAssessmentStore(), services.clock, ids);
  // After the force demo (bed days) and any self-assessment demo rounds.
  await seedImprovementDemos(
    {
      improvement: services.improvement,
      actorFor: (id) => services.accounts.people.actorFor(id),
      clock: services.clock,
      forceFigures: services.force.dashboards,
      closedRounds: (actor) => services.assessment.results.closedRounds(actor),
    },
    ids,
  );
  await seedLearningDemo(services, ids);
  // The token is made afresh and only its hash is kept, so this is the one time it can be shown.
  return [
    `Ward 3's ward screen (shown this once; Tom can make another at /wards/${ids.units.ward3}/display-tokens):`,
    `  ${services.config.publicUrl}/ward-screen/${screenToken}`,
  ];
}
