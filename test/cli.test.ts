/** The `hearth` command, run as a person would run it, against a fresh database. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { connect } from '../src/db/index.ts';
import { readCsv, toCsv } from '../src/modules/force/csv.ts';
import { freshDatabase } from './factories.ts';

const bin = path.resolve(import.meta.dirname, '../bin/hearth.js');

function hearth(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, NODE_ENV: 'test', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('hearth CLI', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let env: Record<string, string>;
  let tmp: string;
  before(async () => {
    database = await freshDatabase();
    await database.conn.close();
    env = { DATABASE_URL: database.url, PUBLIC_URL: 'http://localhost:3000' };
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-cli-'));
  });
  after(async () => {
    fs.rmSync(tmp, { recursive: true, force: true });
    await database.drop().catch(() => undefined);
  });

  it('prints help listing every command', () => {
    const { code, stdout } = hearth(['--help'], env);
    assert.equal(code, 0);
    for (const command of ['serve', 'migrate', 'demo', 'invite', 'audit', 'backup', 'restore']) {
      assert.match(stdout, new RegExp(`\\b${command}\\b`));
    }
  });

  it('migrates, loads the demo once, and verifies the audit trail', () => {
    assert.equal(hearth(['migrate'], env).code, 0);
    const demo = hearth(['demo'], env);
    assert.equal(demo.code, 0, demo.stderr);
    assert.match(demo.stdout, /sam@demo\.hearth\.test/);
    const again = hearth(['demo'], env);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /only into an empty one/);
    const verify = hearth(['audit', 'verify'], env);
    assert.equal(verify.code, 0, verify.stderr);
    assert.match(verify.stdout, /Audit trail intact/);
  });

  it('invites the first administrator of a new organisation, and staff on behalf of an admin', () => {
    const first = hearth(
      [
        'invite',
        '--organisation',
        'Hillside Trust',
        '--email',
        'lead@hillside.test',
        '--name',
        'Lee Adams',
      ],
      env,
    );
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^http:\/\/localhost:3000\/invitations\/[\w-]{43}\n$/);
    const staff = hearth(
      [
        'invite',
        '--by',
        'priya@demo.hearth.test',
        '--email',
        'new.nurse@example.test',
        '--name',
        'New Nurse',
        '--role',
        'lived_experience_partner',
      ],
      env,
    );
    assert.equal(staff.code, 0, staff.stderr);
    const refused = hearth(
      [
        'invite',
        '--by',
        'sam@demo.hearth.test',
        '--email',
        'x@example.test',
        '--name',
        'X',
        '--role',
        'org_admin',
      ],
      env,
    );
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /cannot invite/);
  });

  it('exports the register and imports it back, all rows or none, naming bad lines', () => {
    const file = path.join(tmp, 'force.csv');
    const exported = hearth(['force', 'export', file, '--as', 'priya@demo.hearth.test'], env);
    assert.equal(exported.code, 0, exported.stderr);
    const read = readCsv(fs.readFileSync(file, 'utf8'));
    assert.ok(read.ok);
    const { header, records } = read;
    assert.equal(header[0], 'RestrictiveIntIncID');
    assert.ok(records.length > 0);
    // The same file again changes nothing.
    const same = hearth(['force', 'import', file, '--as', 'priya@demo.hearth.test'], env);
    assert.equal(same.code, 0, same.stderr);
    assert.match(same.stdout, /0 new incidents, 0 corrected, \d+ unchanged/);
    // The first row as a new incident, then a copy of it with an impossible date on line 3.
    const reissue = (n: number, change: Record<string, string> = {}) => {
      const row = Object.fromEntries(header.map((c, i) => [c, records[0]!.cells[i] ?? '']));
      return {
        ...row,
        RestrictiveIntIncID: `cli-${n}`,
        RestrictiveIntTypeID: `cli-${n}-t`,
        ...change,
      };
    };
    const bad = path.join(tmp, 'bad.csv');
    fs.writeFileSync(
      bad,
      toCsv(header, [
        reissue(1),
        reissue(2, { StartDateTimeRestrictiveIntInc: '2026-02-30T10:00:00.000Z' }),
      ]),
    );
    const refused = hearth(['force', 'import', bad, '--as', 'priya@demo.hearth.test'], env);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /Nothing was imported/);
    assert.match(refused.stderr, /line 3: StartDateTimeRestrictiveIntInc must be a real UTC date/);
    const good = path.join(tmp, 'good.csv');
    fs.writeFileSync(good, toCsv(header, [reissue(1)]));
    const imported = hearth(['force', 'import', good, '--as', 'priya@demo.hearth.test'], env);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /Imported 1 rows: 1 new incidents/);
    // The bad file wrote nothing: cli-2 never arrived, and importing cli-1 again changes nothing.
    const again = hearth(['force', 'import', good, '--as', 'priya@demo.hearth.test'], env);
    assert.match(again.stdout, /0 new incidents, 0 corrected, 1 unchanged/);
  });

  it('fails audit verify, naming the event, when an event is edited', async () => {
    const conn = await connect(database.url);
    let id: string;
    try {
      const row = await conn.db
        .selectFrom('audit_events')
        .select('id')
        .orderBy('occurred_at')
        .limit(1)
        .executeTakeFirstOrThrow();
      id = row.id;
      if (conn.dialect === 'postgres') {
        await sql`alter table audit_events disable trigger audit_events_no_change`.execute(conn.db);
        await sql`update audit_events set action = 'edited' where id = ${id}`.execute(conn.db);
        await sql`alter table audit_events enable trigger audit_events_no_change`.execute(conn.db);
      } else {
        await sql`drop trigger audit_events_no_update`.execute(conn.db);
        await sql`update audit_events set action = 'edited' where id = ${id}`.execute(conn.db);
      }
    } finally {
      await conn.close();
    }
    const verify = hearth(['audit', 'verify'], env);
    assert.equal(verify.code, 1);
    assert.match(verify.stderr, new RegExp(`broken at event ${id}`));
  });

  it(
    'backs up and restores the SQLite database',
    { skip: Boolean(process.env.TEST_DATABASE_URL) },
    async () => {
      const backup = path.join(tmp, 'backup.sqlite');
      const made = hearth(['backup', backup], env);
      assert.equal(made.code, 0, made.stderr);
      assert.ok(fs.statSync(backup).size > 0);
      assert.equal(hearth(['backup', backup], env).code, 2, 'refuses to overwrite');
      const notDb = path.join(tmp, 'not-a-db.sqlite');
      fs.writeFileSync(notDb, 'hello');
      const bad = hearth(['restore', notDb], env);
      assert.equal(bad.code, 2);
      const restored = hearth(['restore', backup], env);
      assert.equal(restored.code, 0, restored.stderr);
      const conn = await connect(database.url);
      try {
        const row = await conn.db
          .selectFrom('accounts')
          .select('id')
          .where('email', '=', 'sam@demo.hearth.test')
          .executeTakeFirst();
        assert.ok(row);
      } finally {
        await conn.close();
      }
    },
  );
});
