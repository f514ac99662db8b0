/** Process entry: config → database → migrate → demo (development only) → app → listen. */
import type { FastifyInstance } from 'fastify';
import { loadConfig } from './config.ts';
import type { Config } from './config.ts';
import { connect, migrateToLatest } from './db/index.ts';
import { createApp, createServices } from './app.ts';
import { describeDemoLogins, hasDemo, loadDemo } from './demo.ts';
import { seedModuleDemos } from './demo-modules.ts';

/** Starts Hearth and returns the listening app (closed on SIGINT/SIGTERM). */
export async function startServer(config: Config = loadConfig()): Promise<FastifyInstance> {
  const conn = await connect(config.databaseUrl);
  await migrateToLatest(conn.db);
  const services = createServices(conn, config);
  // A wrong or lost encryption key stops start-up here, before anything can be written.
  await services.enquiry.keys.check();
  if (config.demo && (await services.accounts.provisioning.isEmpty())) {
    const ids = await loadDemo(services);
    await seedModuleDemos(services, ids);
    console.log('Created the demo organisation.');
  }
  const app = await createApp(services);
  await app.listen({ port: config.port, host: config.host });
  console.log(`Hearth is running at ${config.publicUrl} (database: ${conn.dialect})`);
  if (config.demo && (await hasDemo(services))) console.log(describeDemoLogins(config.publicUrl));
  const stop = async () => {
    // Requests in flight get a grace period to finish; then every connection still open is
    // closed, so a stalled client cannot keep a stopping server alive.
    const deadline = setTimeout(() => app.server.closeAllConnections(), config.shutdownGraceMs);
    deadline.unref();
    await app.close();
    clearTimeout(deadline);
    await conn.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  return app;
}

if (import.meta.main) {
  startServer().catch((error: unknown) => {
    console.error(
      `Hearth could not start: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  });
}
