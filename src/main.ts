/** Process entry: config → database → migrate → demo (development only) → app → listen. */
import type { FastifyInstance } from 'fastify';
import { loadConfig } from './config.ts';
import type { Config } from './config.ts';
import { connect, migrateToLatest } from './db/index.ts';
import type { Connection } from './db/index.ts';
import { createApp, createServices } from './app.ts';
import { describeDemoLogins, hasDemo, loadDemo } from './demo.ts';
import { seedModuleDemos } from './demo-modules.ts';

/**
 * What happens once, before any process serves: migrations, the encryption key check and the
 * demo organisation. With several workers only the primary does this.
 */
export async function prepareToServe(config: Config): Promise<void> {
  const conn = await connect(config.databaseUrl);
  try {
    await prepareServices(conn, config);
  } finally {
    await conn.close();
  }
}

async function prepareServices(conn: Connection, config: Config) {
  await migrateToLatest(conn.db);
  const services = createServices(conn, config);
  // A wrong or lost encryption key stops start-up here, before anything can be written.
  await services.enquiry.keys.check();
  if (config.demo && (await services.accounts.provisioning.isEmpty())) {
    const ids = await loadDemo(services);
    const notes = await seedModuleDemos(services, ids);
    console.log(['Created the demo organisation.', ...notes].join('\n'));
  }
  return services;
}

/** The lines printed once Hearth serves: where, and the demo sign-ins when there are any. */
export async function announce(config: Config, dialect: string, workers: number): Promise<void> {
  const processes = workers > 1 ? `, ${workers} worker processes` : '';
  let demo = false;
  if (config.demo) {
    const conn = await connect(config.databaseUrl);
    try {
      demo = await hasDemo(createServices(conn, config));
    } finally {
      await conn.close();
    }
  }
  // Printed together, so whoever waits for the first line has the sign-ins too.
  const lines = [`Hearth is running at ${config.publicUrl} (database: ${dialect}${processes})`];
  if (demo) lines.push(describeDemoLogins(config.publicUrl));
  console.log(lines.join('\n'));
}

/**
 * Starts Hearth in this process and returns the listening app (closed on SIGINT/SIGTERM).
 * `asWorker`: the primary of a cluster has prepared the database and prints the banner.
 */
export async function startServer(
  config: Config = loadConfig(),
  { asWorker = false } = {},
): Promise<FastifyInstance> {
  const conn = await connect(config.databaseUrl);
  const services = asWorker ? createServices(conn, config) : await prepareServices(conn, config);
  const app = await createApp(services);
  await app.listen({ port: config.port, host: config.host });
  if (!asWorker) await announce(config, conn.dialect, 1);
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
  // `npm start` runs one process; `hearth serve` runs one per core (src/cluster.ts).
  startServer().catch((error: unknown) => {
    console.error(
      `Hearth could not start: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  });
}
