/**
 * Typed configuration from the environment. Development gets safe defaults so that
 * `npm start` works on a fresh clone; production must name what matters explicitly.
 */
import path from 'node:path';

/** Where Hearth runs: production tightens cookies and refuses missing settings. */
export type Environment = 'development' | 'test' | 'production';

/** Every setting Hearth reads, resolved once at start-up. */
export interface Config {
  env: Environment;
  port: number;
  host: string;
  /** `sqlite:<file>` or a `postgres://` URL. */
  databaseUrl: string;
  dataDir: string;
  /** Load the demo organisation into an empty database at start (never in production). */
  demo: boolean;
  logLevel: string;
  /** Public origin used in invitation links. */
  publicUrl: string;
  /** Where "Leave this page" goes: a neutral site. */
  quickExitUrl: string;
  trustProxy: boolean;
  /** base64 AES-256 key for disclosures (HEARTH_ENCRYPTION_KEY); null = `<dataDir>/encryption.key` outside production. */
  encryptionKey: string | null;
  /** Older keys kept only to read values made before a rotation (HEARTH_ENCRYPTION_KEYS_OLD, comma-separated). */
  encryptionKeysOld: string[];
  /** Other origins whose forms Hearth accepts (HEARTH_ALLOWED_ORIGINS, comma-separated); its own is always allowed. */
  allowedOrigins: string[];
  /** How long a stopping server lets requests in flight finish before closing them (HEARTH_SHUTDOWN_GRACE_SECONDS). */
  shutdownGraceMs: number;
  /** How long a client has to send a whole request, so a stalled one cannot hold a worker (HEARTH_REQUEST_TIMEOUT_SECONDS). */
  requestTimeoutMs: number;
  /** How long new staff may sign in with a password alone (7 days; the test suite lengthens it for tests that move the clock). */
  secondFactorGraceMs: number;
}

/** Reads a setting in seconds: a positive number, or the default when unset. */
function secondsSetting(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback * 1000;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new Error(`${name} must be a number of seconds above 0 (it is "${raw}")`);
  }
  return Math.round(seconds * 1000);
}

/**
 * Reads configuration from an environment object (process.env by default).
 * @throws Error naming the missing setting when production lacks one.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = env.NODE_ENV;
  const environment: Environment =
    nodeEnv === 'production' ? 'production' : nodeEnv === 'test' ? 'test' : 'development';
  const dataDir = path.resolve(env.HEARTH_DATA_DIR ?? 'data');
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535 (it is "${env.PORT}")`);
  }
  const databaseUrl = env.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'hearth.sqlite')}`;
  if (environment === 'production') {
    for (const name of ['DATABASE_URL', 'PUBLIC_URL'] as const) {
      if (!env[name]) throw new Error(`${name} must be set when NODE_ENV=production`);
    }
  }
  if (environment === 'production' && !env.HEARTH_ENCRYPTION_KEY) {
    throw new Error(
      'HEARTH_ENCRYPTION_KEY must be set when NODE_ENV=production (32 random bytes in base64: openssl rand -base64 32)',
    );
  }
  return {
    env: environment,
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl,
    dataDir,
    demo: environment !== 'production' && env.HEARTH_DEMO !== 'false',
    logLevel: env.LOG_LEVEL ?? (environment === 'test' ? 'silent' : 'info'),
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    quickExitUrl: env.QUICK_EXIT_URL ?? 'https://www.bbc.co.uk/weather',
    trustProxy: env.TRUST_PROXY === 'true',
    encryptionKey: env.HEARTH_ENCRYPTION_KEY?.trim() || null,
    encryptionKeysOld: (env.HEARTH_ENCRYPTION_KEYS_OLD ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean),
    allowedOrigins: (env.HEARTH_ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    shutdownGraceMs: secondsSetting(env, 'HEARTH_SHUTDOWN_GRACE_SECONDS', 10),
    // Long enough for a 20 MB import over a slow connection.
    requestTimeoutMs: secondsSetting(env, 'HEARTH_REQUEST_TIMEOUT_SECONDS', 120),
    secondFactorGraceMs: 7 * 24 * 60 * 60 * 1000,
  };
}
