/**
 * Backup and restore for the embedded SQLite database. `VACUUM INTO` writes a consistent
 * snapshot while Hearth keeps running; restore checks the file before replacing anything.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { isPostgresUrl } from '../db/index.ts';

function sqliteFileOf(databaseUrl: string): string {
  if (isPostgresUrl(databaseUrl)) {
    throw new Error(
      'backup and restore are for the embedded SQLite database; for PostgreSQL use pg_dump and pg_restore.',
    );
  }
  return databaseUrl.replace(/^sqlite:/, '');
}

/** Writes a consistent online copy of the database to `target` (which must not exist). */
export async function backupSqlite(databaseUrl: string, target: string): Promise<void> {
  const source = sqliteFileOf(databaseUrl);
  if (!fs.existsSync(source)) throw new Error(`There is no database at ${source}.`);
  if (fs.existsSync(target)) throw new Error(`${target} already exists; choose a new file name.`);
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const db = new DatabaseSync(source);
  try {
    db.exec('PRAGMA busy_timeout = 5000');
    db.prepare('VACUUM INTO ?').run(path.resolve(target));
  } finally {
    db.close();
  }
}

/** Replaces the database with a backup after checking the backup is a sound Hearth database. */
export async function restoreSqlite(databaseUrl: string, backup: string): Promise<void> {
  const target = sqliteFileOf(databaseUrl);
  if (!fs.existsSync(backup)) throw new Error(`There is no file at ${backup}.`);
  const check = new DatabaseSync(backup, { readOnly: true });
  try {
    const integrity = check.prepare('PRAGMA integrity_check').get() as
      { integrity_check: string } | undefined;
    if (integrity?.integrity_check !== 'ok')
      throw new Error(`${backup} failed SQLite's integrity check.`);
    const migrations = check
      .prepare("select name from sqlite_master where type = 'table' and name = 'kysely_migration'")
      .get();
    if (!migrations) throw new Error(`${backup} is not a Hearth database.`);
  } catch (error) {
    if (error instanceof Error && /not a database|file is not/i.test(error.message)) {
      throw new Error(`${backup} is not a SQLite database.`, { cause: error });
    }
    throw error;
  } finally {
    check.close();
  }
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const temp = `${target}.restoring`;
  fs.copyFileSync(backup, temp);
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${target}${suffix}`, { force: true });
  fs.renameSync(temp, target);
}
