/**
 * Demo records for each module, added after the demo accounts exist. Each module exports its
 * own seeder; this list runs them in order.
 */
import type { Services } from './app.ts';
import type { DemoIds } from './demo.ts';
import { seedPlansDemo } from './modules/plans/index.ts';
import { seedLanguageDemo } from './modules/language/web.ts';

/** Runs every module's demo seeder. */
export async function seedModuleDemos(services: Services, ids: DemoIds): Promise<void> {
  // Modules add their seeders here, e.g. `await seedPlansDemo(services, ids);`
  await seedLanguageDemo(services, ids);
  await seedPlansDemo(services, ids);
}
