/**
 * The data generation (src/db/generation.ts): one row whose number every committed change to a
 * record moves on, so a page built from records can be kept until a record changes. Triggers on
 * every table that exists now, except those that change on reads and sign-ins (the list is
 * written out here, as a migration must not change when code does; test/data-generation.test.ts
 * checks that every table has its triggers, so a later table cannot be forgotten).
 *
 * SQLite serialises writers, so its triggers simply add one per changed row (it has no
 * statement triggers). PostgreSQL runs writers side by side: a trigger that updated the row at
 * the first change would hold its lock for the rest of the transaction, and two transactions
 * could then wait for each other. There a statement notes its transaction in a table of its
 * own, and a trigger deferred to commit (the last lock a transaction takes) moves the number
 * once per transaction.
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { dialectOf } from '../src/db/dialect.ts';

const exempt = [
  'audit_events',
  'audit_heads',
  'audit_looks_month',
  'sessions',
  'sign_in_steps',
  'sign_in_throttle',
  'form_submissions',
  'data_generation',
  'kysely_migration',
  'kysely_migration_lock',
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table data_generation (
      id integer primary key check (id = 1),
      generation bigint not null
    )`.execute(db);
  await sql`insert into data_generation (id, generation) values (1, 0)`.execute(db);

  if (dialectOf(db) === 'postgres') {
    // A statement that changes a table notes its transaction (once) in data_generation_pending,
    // a new row of its own, so no lock is shared; that row's deferred trigger moves the number
    // at commit and removes the note. One note and one move per transaction, whatever the rows
    // (a COPY of a million rows included).
    await sql`create table data_generation_pending (txid bigint primary key)`.execute(db);
    await sql`
      create function data_generation_noted() returns trigger language plpgsql as $$
      begin
        -- Local to the transaction (and undone with a rolled-back savepoint, as the note is).
        if current_setting('hearth.generation_noted', true) is distinct from 'yes' then
          perform set_config('hearth.generation_noted', 'yes', true);
          insert into data_generation_pending (txid) values (txid_current());
        end if;
        return null;
      end $$`.execute(db);
    await sql`
      create function data_generation_moves() returns trigger language plpgsql as $$
      begin
        update data_generation set generation = generation + 1 where id = 1;
        delete from data_generation_pending where txid = new.txid;
        return null;
      end $$`.execute(db);
    await sql`
      create constraint trigger data_generation_pending_moves
      after insert on data_generation_pending deferrable initially deferred
      for each row execute function data_generation_moves()`.execute(db);
    // One round trip for every table (fresh test databases are made by the hundred).
    await sql`
      do $$
      declare t text;
      begin
        for t in
          select tablename from pg_tables
          where schemaname = current_schema()
            and not (tablename = any (${sql.lit(`{${[...exempt, 'data_generation_pending'].join(',')}}`)}::text[]))
        loop
          execute format('create trigger %I after insert or update or delete or truncate on %I '
            || 'for each statement execute function data_generation_noted()',
            t || '_generation', t);
        end loop;
      end $$`.execute(db);
    return;
  }
  const { rows } = await sql<{ name: string }>`
    select name from sqlite_master
    where type = 'table' and name not like 'sqlite\\_%' escape '\\'`.execute(db);
  for (const { name } of rows) {
    if (exempt.includes(name)) continue;
    for (const event of ['insert', 'update', 'delete']) {
      await sql`${sql.raw(`create trigger "${name}_generation_${event}" after ${event} on "${name}"
        begin update data_generation set generation = generation + 1 where id = 1; end`)}`.execute(
        db,
      );
    }
  }
}
