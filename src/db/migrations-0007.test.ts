/**
 * Migrations 0007 and 0008 on both engines, from data recorded before them. 0007: staff rows (in
 * their own table) move onto their intervention as a JSON list in their original order, an
 * intervention without staff gets an empty list, and the old table is gone. 0008: every existing
 * incident and intervention keeps its id as its local (provider) id, unique per organisation.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Migrator, sql } from 'kysely';
import type { Migration } from 'kysely';
import { listMigrations, migrateToLatest } from './index.ts';
import type { Connection } from './index.ts';
import { staffOf } from '../modules/force/service.ts';
import { freshDatabase } from '../../test/factories.ts';

const migrationsDir = path.resolve(import.meta.dirname, '../../migrations');

/** A new, empty database on the engine the tests run on (nothing migrated yet). */
const emptyDatabase = () => freshDatabase({ migrate: false });

/** Migrates up to and including `name`, with the same names the app's migrator uses. */
async function migrateTo(conn: Connection, name: string): Promise<void> {
  const migrator = new Migrator({
    db: conn.db,
    provider: {
      async getMigrations() {
        const out: Record<string, Migration> = {};
        for (const file of listMigrations())
          out[file.replace(/\.ts$/, '')] = (await import(
            pathToFileURL(path.join(migrationsDir, file)).href
          )) as Migration;
        return out;
      },
    },
  });
  const { error, results } = await migrator.migrateTo(name);
  if (error) throw error;
  assert.equal(results?.at(-1)?.migrationName, name);
}

describe('migration 0007: staff move onto their intervention', () => {
  it('copies staff in id order, gives [] where there were none, and drops the old table', async () => {
    const database = await emptyDatabase();
    const { db } = database.conn;
    try {
      assert.ok(listMigrations().includes('0007-force-staff-inline.ts'));
      await migrateTo(database.conn, '0006-language');

      const at = '2026-05-03T14:30:00.000Z';
      await sql`insert into force_incidents (id, organisation_id, unit_id, person_id, period,
          start_at, end_at, place, reason_code, reason_narrative, how_force_used, in_care_plan,
          outcome, harm, injury_person, injury_staff, injury_other, avoidance_codes,
          avoidance_narrative, notification, non_staff, characteristics, grp_ethnicity, grp_sex,
          grp_age_band, grp_disability, grp_ld_autism, plan_known, account_offered,
          account_status, prone, recorded_at, updated_at, version, retain_until, source)
        values ('inc-1', 'org-1', 'unit-1', 'person-1', '2026-05', ${at}, ${at}, 'Lounge', '10',
          'narrative', 'how', 0, 'outcome', 'none', 0, 0, 0, '[]', '', 'sent', 'none', '{}',
          'white', 'female', '18_24', 'no', 'no', 'no_plan', 1, 'none', 0, ${at}, ${at}, 1,
          '2029-05-03T14:30:00.000Z', 'recorded')`.execute(db);
      for (const [id, seq] of [
        ['iv-1', 0],
        ['iv-2', 1],
      ] as const) {
        await sql`insert into force_interventions (id, organisation_id, incident_id, seq,
            type_code, reason_code, start_at, end_at, duration_minutes, position_note, medication)
          values (${id}, 'org-1', 'inc-1', ${seq}, '07', '10', ${at}, ${at}, 0, null, null)`.execute(
          db,
        );
      }
      // Inserted out of order: the list must follow the ids (the order they were recorded in).
      const staff = [
        ['iv-1:002', 'Sam Patel', 'Healthcare assistant', 'legs'],
        ['iv-1:000', `Jo O'Brien "JB" é`, 'Staff nurse', 'lead'],
        ['iv-1:001', 'Chris Doyle', 'Charge nurse\tward 2', 'arms'],
      ] as const;
      for (const [id, name, jobTitle, roleCode] of staff) {
        await sql`insert into force_intervention_staff (id, organisation_id, incident_id,
            intervention_id, name, job_title, role_code)
          values (${id}, 'org-1', 'inc-1', 'iv-1', ${name}, ${jobTitle}, ${roleCode})`.execute(db);
      }

      // Everything from 0007 on applies, in order (later migrations come along too).
      assert.deepEqual(
        await migrateToLatest(db),
        listMigrations()
          .map((f) => f.replace(/\.ts$/, ''))
          .filter((name) => name >= '0007'),
      );

      const rows = await db
        .selectFrom('force_interventions')
        .select(['id', 'staff'])
        .orderBy('id')
        .execute();
      assert.deepEqual(
        rows.map((r) => r.id),
        ['iv-1', 'iv-2'],
      );
      assert.deepEqual(JSON.parse(rows[0]!.staff), [
        { name: `Jo O'Brien "JB" é`, job_title: 'Staff nurse', role_code: 'lead' },
        { name: 'Chris Doyle', job_title: 'Charge nurse\tward 2', role_code: 'arms' },
        { name: 'Sam Patel', job_title: 'Healthcare assistant', role_code: 'legs' },
      ]);
      assert.deepEqual(
        staffOf(rows[0]!).map((s) => s.name),
        [`Jo O'Brien "JB" é`, 'Chris Doyle', 'Sam Patel'],
      );
      assert.equal(rows[1]!.staff, '[]');
      assert.deepEqual(staffOf(rows[1]!), []);

      await assert.rejects(sql`select count(*) from force_intervention_staff`.execute(db));
      // Nothing else is pending, and the register is still readable as a whole.
      assert.deepEqual(await migrateToLatest(db), []);
      const incident = await db
        .selectFrom('force_incidents')
        .select('id')
        .executeTakeFirstOrThrow();
      assert.equal(incident.id, 'inc-1');

      // 0008: the ids carry over as local ids, and a local id is unique within its organisation.
      const local = await db
        .selectFrom('force_interventions')
        .select(['id', 'local_id'])
        .orderBy('id')
        .execute();
      assert.deepEqual(
        local.map((r) => ({ ...r })),
        [
          { id: 'iv-1', local_id: 'iv-1' },
          { id: 'iv-2', local_id: 'iv-2' },
        ],
      );
      const incidentLocal = await db
        .selectFrom('force_incidents')
        .select('local_id')
        .executeTakeFirstOrThrow();
      assert.equal(incidentLocal.local_id, 'inc-1');
      await assert.rejects(
        sql`update force_interventions set local_id = 'iv-1' where id = 'iv-2'`.execute(db),
      );
      await sql`update force_interventions set local_id = 'iv-1', organisation_id = 'org-2'
        where id = 'iv-2'`.execute(db);
    } finally {
      await database.drop();
    }
  });

  it('gives every intervention [] when no staff were ever recorded', async () => {
    const database = await emptyDatabase();
    const { db } = database.conn;
    try {
      await migrateTo(database.conn, '0006-language');
      const at = '2026-05-03T14:30:00.000Z';
      await sql`insert into force_interventions (id, organisation_id, incident_id, seq,
          type_code, reason_code, start_at, end_at, duration_minutes, position_note, medication)
        values ('iv-a', 'org-1', 'inc-1', 0, '05', '10', ${at}, null, null, null, null)`.execute(
        db,
      );
      await migrateToLatest(db);
      const row = await db
        .selectFrom('force_interventions')
        .select('staff')
        .executeTakeFirstOrThrow();
      assert.equal(row.staff, '[]');
    } finally {
      await database.drop();
    }
  });
});
