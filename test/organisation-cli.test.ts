/** `hearth units add|list|close` and `hearth staff import`, run as an administrator would. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices } from '../src/app.ts';
import { freshDatabase, makeAccount, makeOrganisation, testConfig } from './factories.ts';

const bin = path.resolve(import.meta.dirname, '../bin/hearth.js');

function hearth(args: string[], env: Record<string, string>) {
  const childEnv: Record<string, string | undefined> = { ...process.env, NODE_ENV: 'test', ...env };
  delete childEnv.NODE_TEST_CONTEXT;
  const result = spawnSync(process.execPath, [bin, ...args], {
    env: childEnv,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('hearth units and hearth staff import', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let env: Record<string, string>;
  let tmp: string;
  let adminEmail: string;
  let organisationId: string;
  before(async () => {
    database = await freshDatabase();
    const services = createServices(database.conn, testConfig());
    const org = await makeOrganisation(services, 'Moorside Trust');
    organisationId = org.organisationId;
    adminEmail = (await makeAccount(services, { organisationId, role: 'org_admin' })).email;
    await database.conn.close();
    env = { DATABASE_URL: database.url, PUBLIC_URL: 'http://localhost:3000' };
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-org-cli-'));
  });
  after(async () => {
    fs.rmSync(tmp, { recursive: true, force: true });
    await database.drop().catch(() => undefined);
  });

  it('adds a ward and a team, lists them, and closes one (kept in the list as closed)', () => {
    const ward = hearth(
      ['units', 'add', '--by', adminEmail, '--name', 'Heather Ward', '--beds', '16'],
      env,
    );
    assert.equal(ward.code, 0, ward.stderr);
    const wardId = ward.stdout.trim();
    assert.match(wardId, /^[0-9a-f-]{36}$/);
    const team = hearth(
      ['units', 'add', '--by', adminEmail, '--name', 'Dale Team', '--kind', 'team'],
      env,
    );
    assert.equal(team.code, 0, team.stderr);
    const bad = hearth(['units', 'add', '--by', adminEmail, '--name', 'X', '--kind', 'hut'], env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /ward or a community team/);
    const closed = hearth(['units', 'close', team.stdout.trim(), '--by', adminEmail], env);
    assert.equal(closed.code, 0, closed.stderr);
    const list = hearth(['units', 'list', '--by', adminEmail], env);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, new RegExp(`${wardId}\\tHeather Ward\\tward\\t16\\topen`));
    assert.match(list.stdout, /Dale Team\tteam\t\tclosed 20/);
    const notAdmin = hearth(['units', 'list', '--by', 'nobody@example.test'], env);
    assert.equal(notAdmin.code, 2);
  });

  it('checks a staff list, names every bad line, invites nobody; then invites everyone', async () => {
    const file = path.join(tmp, 'esr.csv');
    fs.writeFileSync(
      file,
      [
        'Employee Number,First Name,Last Name,Email Address,Position Title,Organisation',
        '10001,Ada,Okafor,ada.okafor@moorside.test,Staff Nurse,Heather Ward',
        '10002,Ben,Shah,not-an-email,Ward Manager,Heather Ward',
        '10003,Cal,Reyes,cal.reyes@moorside.test,Porter,Heather Ward',
        '10004,Dee,Lund,dee.lund@moorside.test,Staff Nurse,Nowhere Ward',
      ].join('\n'),
    );
    const checked = hearth(['staff', 'import', file, '--by', adminEmail, '--commit'], env);
    assert.equal(checked.code, 1);
    assert.match(checked.stderr, /line 3: "not-an-email" is not an email address/);
    assert.match(
      checked.stderr,
      /line 4: the role cannot be told from the position title "Porter"/,
    );
    assert.match(checked.stderr, /line 5: there is no open unit called "Nowhere Ward"/);
    assert.match(checked.stderr, /Nobody was invited/);

    fs.writeFileSync(
      file,
      [
        'Employee Number,Full Name,Email Address,Job Title,Organisation,Hearth Role',
        '10001,Ada Okafor,ada.okafor@moorside.test,Staff Nurse,Heather Ward,',
        '10002,Ben Shah,ben.shah@moorside.test,Ward Manager,Heather Ward,',
        '10003,Cal Reyes,cal.reyes@moorside.test,Porter,,Lived-experience partner',
      ].join('\n'),
    );
    const preview = hearth(['staff', 'import', file, '--by', adminEmail], env);
    assert.equal(preview.code, 0, preview.stderr);
    assert.match(preview.stdout, /Run again with --commit/);
    const done = hearth(['staff', 'import', file, '--by', adminEmail, '--commit'], env);
    assert.equal(done.code, 0, done.stderr);
    assert.match(
      done.stdout,
      /ben\.shah@moorside\.test\tUnit manager\tHeather Ward\thttp:\/\/localhost:3000\/invitations\//,
    );
    assert.match(done.stdout, /Invited 3/);
    const again = hearth(['staff', 'import', file, '--by', adminEmail, '--commit'], env);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /line 2: an invitation to this address is waiting/);
  });
});
