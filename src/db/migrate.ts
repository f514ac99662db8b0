/**
 * Forward-only migrations from ./migrations, applied in name order. A failed migration is
 * rolled back (each runs in a transaction where the dialect allows) and stops start-up.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Migrator } from 'kysely';
import type { Kysely, Migration, MigrationProvider } from 'kysely';

const migrationsDir = path.resolve(import.meta.dirname, '../../migrations');

class FolderMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {};
    for (const file of listMigrations()) {
      const module = (await import(
        pathToFileURL(path.join(migrationsDir, file)).href
      )) as Migration;
      migrations[file.replace(/\.ts$/, '')] = module;
    }
    return migrations;
  }
}

/** Names of the migration files, in the order they apply. */
export function listMigrations(): string[] {
  return fs
    .readdirSync(migrationsDir)
    .filter((f) => /^\d{4}-[a-z0-9-]+\.ts$/.test(f) && !f.endsWith('.test.ts'))
    .sort();
}

/**
 * Applies every pending migration.
 * @returns the names applied in this call.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new FolderMigrationProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed and was rolled back: ${String(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
