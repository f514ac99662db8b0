/**
 * Demo records for each module, added after the demo accounts exist. Each module exports its
 * own seeder; this list runs them in order.
 */
import type { Services } from './app.ts';
import type { DemoIds } from './demo.ts';

/** Runs every module's demo seeder. */
export async function seedModuleDemos(_services: Services, _ids: DemoIds): Promise<void> {
  // Modules add their seeders here, e.g. `await seedPlansDemo(services, ids);`
}
