/**
 * Setting up an organisation through the real app: an administrator adds, renames and closes
 * units, sees the set-up checklist, moves staff and sets their roles; a closed unit leaves the
 * pickers and keeps its history; another organisation's records are 404.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, makeTeam, signedInAgent, textOf } from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';
import type { Team } from '../../../test/access-fixtures.ts';

describe('organisation set-up', () => {
  let t: TestContext;
  let team: Team;
  let other: Team;
  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
    other = await makeTeam(t.services);
  });
  after(() => t.close());

  const unitNamed = async (name: string) =>
    t.services.db
      .selectFrom('units')
      .selectAll()
      .where('organisation_id', '=', team.organisationId)
      .where('name', '=', name)
      .executeTakeFirstOrThrow();

  it('adds a ward with its beds and a community team, audited, and lists them', async () => {
    const admin = await signedInAgent(t.app, team.admin);
    const page = await admin.get('/admin/units');
    assert.equal(page.status, 200, page.body);
    await admin.get('/admin/units/new');
    const added = await admin.post('/admin/units', {
      name: 'Rowan Ward',
      kind: 'ward',
      bedCount: '18',
    });
    assert.equal(added.status, 303);
    const team2 = await admin.post('/admin/units', {
      name: 'East Community Team',
      kind: 'team',
      bedCount: '',
    });
    assert.equal(team2.status, 303);
    const rowan = await unitNamed('Rowan Ward');
    assert.equal(rowan.bed_count, 18);
    assert.equal((await unitNamed('East Community Team')).bed_count, null);
    const audit = await t.services.db
      .selectFrom('audit_events')
      .select('action')
      .where('organisation_id', '=', team.organisationId)
      .where('record_id', '=', rowan.id)
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['unit.create'],
    );
    const list = textOf((await admin.get('/admin/units')).body);
    assert.match(list, /Rowan Ward Ward 18/);
  });

  it('refuses a blank name, a duplicate name and bad beds with the form shown again', async () => {
    const admin = await signedInAgent(t.app, team.admin);
    await admin.get('/admin/units/new');
    const blank = await admin.post('/admin/units', { name: ' ', kind: 'ward', bedCount: 'lots' });
    assert.equal(blank.status, 400);
    assert.match(textOf(blank.body), /Enter a name for the unit/);
    assert.match(textOf(blank.body), /whole number/);
    const dup = await admin.post('/admin/units', { name: 'rowan ward', kind: 'ward' });
    assert.equal(dup.status, 400);
    assert.match(textOf(dup.body), /already an open unit with this name/);
  });

  it('offers the ward’s beds as a guide for bed days', async () => {
    const rowan = await unitNamed('Rowan Ward');
    const admin = await signedInAgent(t.app, team.admin);
    const page = await admin.get(`/force/denominators?unitId=${rowan.id}&year=2026`);
    assert.equal(page.status, 200);
    assert.match(textOf(page.body), /Full on 18 beds: 558/); // January: 18 × 31
  });

  it('renames a unit, and another organisation’s or a made-up unit is 404', async () => {
    const rowan = await unitNamed('Rowan Ward');
    const admin = await signedInAgent(t.app, team.admin);
    await admin.get(`/admin/units/${rowan.id}`);
    const renamed = await admin.post(`/admin/units/${rowan.id}`, {
      name: 'Rowan House',
      bedCount: '20',
    });
    assert.equal(renamed.status, 303);
    assert.equal((await unitNamed('Rowan House')).bed_count, 20);
    assert.equal((await admin.get(`/admin/units/${other.unitId}`)).status, 404);
    assert.equal((await admin.post(`/admin/units/${other.unitId}`, { name: 'Taken' })).status, 404);
    assert.equal((await admin.post(`/admin/units/${other.unitId}/close`)).status, 404);
    assert.equal((await admin.post('/admin/units/nope/close')).status, 404);
  });

  it('moves a practitioner to another unit and makes them a manager; their own role stays theirs', async () => {
    const rowan = await unitNamed('Rowan House');
    const admin = await signedInAgent(t.app, team.admin);
    const form = await admin.get(`/admin/staff/${team.practitioner.id}`);
    assert.equal(form.status, 200);
    const none = await admin.post(`/admin/staff/${team.practitioner.id}`, { role: 'practitioner' });
    assert.equal(none.status, 400);
    assert.match(textOf(none.body), /at least one unit/);
    const foreignUnit = await admin.post(`/admin/staff/${team.practitioner.id}`, {
      role: 'practitioner',
      unitIds: [other.unitId],
    });
    assert.equal(foreignUnit.status, 400);
    const moved = await admin.post(`/admin/staff/${team.practitioner.id}`, {
      role: 'unit_manager',
      unitIds: [rowan.id],
    });
    assert.equal(moved.status, 303);
    const account = await t.services.db
      .selectFrom('accounts')
      .select('role')
      .where('organisation_id', '=', team.organisationId)
      .where('id', '=', team.practitioner.id)
      .executeTakeFirstOrThrow();
    assert.equal(account.role, 'unit_manager');
    const units = await t.services.db
      .selectFrom('unit_memberships')
      .select('unit_id')
      .where('organisation_id', '=', team.organisationId)
      .where('account_id', '=', team.practitioner.id)
      .execute();
    assert.deepEqual(
      units.map((u) => u.unit_id),
      [rowan.id],
    );
    assert.equal((await admin.get(`/admin/staff/${team.admin.id}`)).status, 404);
    assert.equal((await admin.get(`/admin/staff/${team.person.id}`)).status, 404);
    assert.equal((await admin.get(`/admin/staff/${other.practitioner.id}`)).status, 404);
    // Back as they were, for the tests after this one.
    await admin.post(`/admin/staff/${team.practitioner.id}`, {
      role: 'practitioner',
      unitIds: [team.unitId],
    });
  });

  it('closes a unit: it leaves the pickers, keeps its members and cannot be changed again', async () => {
    const east = await unitNamed('East Community Team');
    const admin = await signedInAgent(t.app, team.admin);
    const staffPage = await admin.post(`/admin/staff/${team.manager.id}`, {
      role: 'unit_manager',
      unitIds: [team.unitId, east.id],
    });
    assert.equal(staffPage.status, 303);
    const closed = await admin.post(`/admin/units/${east.id}/close`);
    assert.equal(closed.status, 303);
    assert.ok((await unitNamed('East Community Team')).closed_at);
    assert.doesNotMatch((await admin.get('/invitations/new')).body, new RegExp(east.id));
    assert.doesNotMatch((await admin.get('/force/denominators')).body, new RegExp(east.id));
    const invited = await admin.post('/invitations', {
      email: 'new-nurse@example.test',
      displayName: 'New Nurse',
      role: 'practitioner',
      unitId: east.id,
    });
    assert.equal(invited.status, 400);
    const kept = await t.services.db
      .selectFrom('unit_memberships')
      .select('account_id')
      .where('organisation_id', '=', team.organisationId)
      .where('unit_id', '=', east.id)
      .execute();
    assert.deepEqual(
      kept.map((k) => k.account_id),
      [team.manager.id],
    );
    assert.equal((await admin.post(`/admin/units/${east.id}`, { name: 'Again' })).status, 404);
    assert.match(
      textOf((await admin.get('/admin/units')).body),
      /Closed units .*East Community Team/,
    );
  });

  it('shows the set-up checklist on the administrator’s home page only', async () => {
    const admin = await signedInAgent(t.app, team.admin);
    const home = textOf((await admin.get('/')).body);
    assert.match(home, /Setting up Hearth/);
    assert.match(home, /Add your wards and community teams Done/);
    assert.match(home, /Invite a lived-experience partner Done/);
    assert.match(home, /Add your support services To do/);
    const manager = await signedInAgent(t.app, team.manager);
    assert.doesNotMatch(textOf((await manager.get('/')).body), /Setting up Hearth/);
  });

  it('takes a staff list upload: a preview naming every bad line, then all invited on confirm', async () => {
    const admin = await signedInAgent(t.app, team.admin);
    await admin.get('/admin/staff-list');
    const upload = (csv: string) => {
      const b = 'hearthboundary';
      const body =
        `--${b}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${admin.csrf}\r\n` +
        `--${b}\r\nContent-Disposition: form-data; name="file"; filename="esr.csv"\r\n` +
        `Content-Type: text/csv\r\n\r\n${csv}\r\n--${b}--\r\n`;
      return admin.post(
        '/admin/staff-list',
        {},
        {
          csrf: false,
          rawBody: body,
          headers: { 'content-type': `multipart/form-data; boundary=${b}` },
        },
      );
    };
    const ward = (
      await t.services.db
        .selectFrom('units')
        .select('name')
        .where('organisation_id', '=', team.organisationId)
        .where('id', '=', team.unitId)
        .executeTakeFirstOrThrow()
    ).name;
    const header = 'Employee Number,Full Name,Email Address,Position Title,Organisation';
    const bad = await upload(
      [
        header,
        `1,Ola Ade,ola@x.test,Staff Nurse,${ward}`,
        '2,,no-at-sign,Staff Nurse,Elsewhere',
      ].join('\n'),
    );
    assert.equal(bad.status, 400);
    const badText = textOf(bad.body);
    assert.match(badText, /Nobody has been invited yet/);
    assert.match(badText, /Line 3: the name is missing/);
    assert.match(badText, /Line 3: "no-at-sign" is not an email address/);
    assert.match(badText, /Line 3: there is no open unit called "Elsewhere"/);
    assert.doesNotMatch(bad.body, /Invite everyone on the list/);

    const good = await upload([header, `1,Ola Ade,ola@x.test,Staff Nurse,${ward}`].join('\n'));
    assert.equal(good.status, 200);
    assert.match(textOf(good.body), /Check the staff list/);
    const csv = /name="csv" value="([^"]*)"/
      .exec(good.body)![1]!
      .replace(/&#10;|&amp;|&quot;/g, (m) => (m === '&amp;' ? '&' : m === '&quot;' ? '"' : '\n'));
    const done = await admin.post('/admin/staff-list/confirm', { csv });
    assert.equal(done.status, 200);
    assert.match(textOf(done.body), /Staff invited/);
    const invited = await t.services.db
      .selectFrom('invitations')
      .select(['role', 'unit_id'])
      .where('organisation_id', '=', team.organisationId)
      .where('email', '=', 'ola@x.test')
      .execute();
    assert.deepEqual(
      invited.map((r) => ({ ...r })),
      [{ role: 'practitioner', unit_id: team.unitId }],
    );
  });
});
