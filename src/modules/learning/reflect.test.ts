/**
 * Reflective practice through the web: the journal is read only by its writer and the one
 * supervisor an entry is shared with (404 for everyone else, managers and administrators
 * included); entry text is not stored in plain text; export and delete; key rotation covers
 * journal entries; supervision records and counts; support offers after a use of force.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServices } from '../../app.ts';
import { generateKeyBase64, parseKey } from '../../lib/crypto-box.ts';
import {
  createTestContext,
  makeAccount,
  makeTeam,
  signedInAgent,
  testConfig,
  textOf,
} from '../../../test/factories.ts';
import type { Agent, TestContext } from '../../../test/factories.ts';
import { typicalIncident } from '../../../test/force-fixtures.ts';

type Team = Awaited<ReturnType<typeof makeTeam>>;

const SECRET = 'PERSIMMON-HARBOUR-7731 I froze when the alarm went';
const idFrom = (location: unknown) => String(location).split('?')[0]!.split('/').pop()!;

describe('reflective journal', () => {
  const oldKey = generateKeyBase64();
  let t: TestContext;
  let team: Team;
  let other: Team;
  let nurse: Agent;
  let manager: Agent;
  let admin: Agent;
  let colleague: Agent;
  let outsider: Agent;
  let entryId: string;
  before(async () => {
    t = await createTestContext({ encryptionKey: oldKey });
    team = await makeTeam(t.services);
    other = await makeTeam(t.services);
    nurse = await signedInAgent(t.app, team.practitioner);
    manager = await signedInAgent(t.app, team.manager);
    admin = await signedInAgent(t.app, team.admin);
    colleague = await signedInAgent(
      t.app,
      await makeAccount(t.services, {
        organisationId: team.organisationId,
        role: 'practitioner',
        unitIds: [team.unitId],
      }),
    );
    outsider = await signedInAgent(t.app, other.practitioner);
  });
  after(() => t.close());

  it('saves an entry its writer can read back', async () => {
    const form = await nurse.get('/learning/journal/new?prompt=force');
    assert.equal(form.status, 200);
    assert.match(textOf(form.body), /part of a use of force/);
    const empty = await nurse.post('/learning/journal', { prompt: 'force' });
    assert.equal(empty.status, 400);
    const res = await nurse.post('/learning/journal', {
      prompt: 'force',
      happened: SECRET,
      felt: 'Shaky.',
    });
    assert.equal(res.status, 303);
    entryId = idFrom(res.headers.location);
    const page = await nurse.get(`/learning/journal/${entryId}`);
    assert.equal(page.status, 200);
    assert.match(textOf(page.body), /PERSIMMON-HARBOUR-7731/);
  });

  it('does not keep the words in plain text anywhere in the database', async () => {
    const row = await t.services.db
      .selectFrom('learning_journal')
      .selectAll()
      .where('organisation_id', '=', team.organisationId)
      .where('id', '=', entryId)
      .executeTakeFirstOrThrow();
    assert.match(row.text_enc, /^v1:/);
    assert.ok(!row.text_enc.includes('PERSIMMON'));
    assert.ok(!JSON.stringify(row).includes('PERSIMMON'));
    const events = await t.services.db
      .selectFrom('audit_events')
      .selectAll()
      .where('organisation_id', '=', team.organisationId)
      .execute();
    assert.ok(!JSON.stringify(events).includes('PERSIMMON'));
  });

  it('refuses everyone but the writer with 404, managers and administrators included', async () => {
    for (const agent of [manager, admin, colleague, outsider]) {
      assert.equal((await agent.get(`/learning/journal/${entryId}`)).status, 404);
      assert.equal(
        (await agent.post(`/learning/journal/${entryId}/share`, { supervisorId: team.manager.id }))
          .status,
        404,
      );
      assert.equal((await agent.post(`/learning/journal/${entryId}/unshare`)).status, 404);
      assert.equal(
        (await agent.post(`/learning/journal/${entryId}/delete`, { confirm: 'yes' })).status,
        404,
      );
      assert.ok(!textOf((await agent.get('/learning/journal')).body).includes('PERSIMMON'));
      assert.ok(!(await agent.get('/learning/journal/export')).body.includes('PERSIMMON'));
    }
  });

  it('shares one entry with a named supervisor, who sees only that entry, until it stops', async () => {
    const second = await nurse.post('/learning/journal', { happened: 'Not for sharing.' });
    const secondId = idFrom(second.headers.location);
    // Someone of another organisation cannot be named.
    const foreign = await nurse.post(`/learning/journal/${entryId}/share`, {
      supervisorId: other.manager.id,
    });
    assert.equal(foreign.status, 400);
    const self = await nurse.post(`/learning/journal/${entryId}/share`, {
      supervisorId: team.practitioner.id,
    });
    assert.equal(self.status, 400);
    const shared = await nurse.post(`/learning/journal/${entryId}/share`, {
      supervisorId: team.manager.id,
    });
    assert.equal(shared.status, 303);
    const read = await manager.get(`/learning/journal/${entryId}`);
    assert.equal(read.status, 200);
    assert.match(textOf(read.body), /PERSIMMON-HARBOUR-7731/);
    assert.match(textOf((await manager.get('/learning/journal')).body), /Shared with you/);
    assert.equal((await manager.get(`/learning/journal/${secondId}`)).status, 404);
    // Reading it is the writer's to change, not the supervisor's.
    assert.equal(
      (await manager.post(`/learning/journal/${entryId}/delete`, { confirm: 'yes' })).status,
      404,
    );
    assert.equal((await manager.post(`/learning/journal/${entryId}/unshare`)).status, 404);
    assert.equal((await admin.get(`/learning/journal/${entryId}`)).status, 404);
    const audited = await t.services.db
      .selectFrom('audit_events')
      .select('action')
      .where('organisation_id', '=', team.organisationId)
      .where('action', '=', 'learning.journal_read_shared')
      .execute();
    assert.equal(audited.length, 1);

    assert.equal((await nurse.post(`/learning/journal/${entryId}/unshare`)).status, 303);
    assert.equal((await manager.get(`/learning/journal/${entryId}`)).status, 404);
  });

  it("downloads the writer's own entries, and deletes one for good", async () => {
    const file = await nurse.get('/learning/journal/export');
    assert.equal(file.status, 200);
    assert.match(String(file.headers['content-disposition']), /attachment/);
    assert.match(file.body, /PERSIMMON-HARBOUR-7731/);
    assert.match(file.body, /Not for sharing/);

    const unconfirmed = await nurse.post(`/learning/journal/${entryId}/delete`);
    assert.equal(unconfirmed.status, 400);
    const deleted = await nurse.post(`/learning/journal/${entryId}/delete`, { confirm: 'yes' });
    assert.equal(deleted.status, 303);
    assert.equal((await nurse.get(`/learning/journal/${entryId}`)).status, 404);
    const left = await t.services.db
      .selectFrom('learning_journal')
      .select('id')
      .where('organisation_id', '=', team.organisationId)
      .where('id', '=', entryId)
      .execute();
    assert.equal(left.length, 0);
    assert.ok(!(await nurse.get('/learning/journal/export')).body.includes('PERSIMMON'));
  });

  it('is covered by key rotation: entries and notes open under the new key alone', async () => {
    await nurse.post('/learning/journal', { happened: 'Rotated words.' });
    assert.equal(
      (
        await nurse.post('/learning/supervision', {
          heldOn: '2026-05-20',
          supervisorId: team.manager.id,
          attended: 'yes',
          note: 'Talked about the night shift.',
        })
      ).status,
      303,
    );
    const newKey = generateKeyBase64();
    const rotating = createServices(
      t.conn,
      testConfig({ encryptionKey: newKey, encryptionKeysOld: [oldKey] }),
      t.clock,
    );
    await rotating.enquiry.keys.rotate();
    const onlyNew = createServices(t.conn, testConfig({ encryptionKey: newKey }), t.clock);
    const actor = await onlyNew.accounts.people.actorFor(team.practitioner.id);
    const { entries } = await onlyNew.learning.journal.list(actor);
    assert.ok(entries.some((e) => e.text.happened === 'Rotated words.'));
    const { sessions } = await onlyNew.learning.supervision.mine(actor);
    assert.ok(sessions.some((s) => s.note === 'Talked about the night shift.'));
    const rows = await t.services.db
      .selectFrom('learning_journal')
      .select('text_enc')
      .where('organisation_id', '=', team.organisationId)
      .execute();
    assert.deepEqual(
      new Set(rows.map((r) => r.text_enc.split(':')[1])),
      new Set([parseKey(newKey, 'new').id]),
    );
  });
});

describe('supervision and support after hard events', () => {
  let t: TestContext;
  let team: Team;
  let nurseName: string;
  let nurse: Agent;
  let manager: Agent;
  let admin: Agent;
  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
    nurseName = `Robin Reflect ${Date.now()}`;
    const account = await makeAccount(t.services, {
      organisationId: team.organisationId,
      role: 'practitioner',
      unitIds: [team.unitId],
      displayName: nurseName,
    });
    nurse = await signedInAgent(t.app, account);
    manager = await signedInAgent(t.app, team.manager);
    admin = await signedInAgent(t.app, team.admin);
  });
  after(() => t.close());

  it('refuses a supervision day in the future or a supervisor from elsewhere', async () => {
    const future = await nurse.post('/learning/supervision', {
      heldOn: '2027-01-01',
      supervisorId: team.manager.id,
      attended: 'yes',
    });
    assert.equal(future.status, 400);
    const other = await makeTeam(t.services);
    const foreign = await nurse.post('/learning/supervision', {
      heldOn: '2026-05-01',
      supervisorId: other.manager.id,
      attended: 'yes',
    });
    assert.equal(foreign.status, 400);
  });

  it('shows managers supervision counts only, with small numbers not shown', async () => {
    const page = await manager.get('/learning/unit/wellbeing');
    assert.equal(page.status, 200);
    assert.match(textOf(page.body), /Too few to show/);
    // Four more staff: six in the trained roles; five attended.
    const agents = [nurse];
    for (let i = 0; i < 4; i++) {
      const a = await makeAccount(t.services, {
        organisationId: team.organisationId,
        role: 'practitioner',
        unitIds: [team.unitId],
      });
      agents.push(await signedInAgent(t.app, a));
    }
    for (const a of agents) {
      const res = await a.post('/learning/supervision', {
        heldOn: '2026-05-25',
        supervisorId: team.manager.id,
        attended: 'yes',
      });
      assert.equal(res.status, 303);
    }
    const counts = textOf((await manager.get('/learning/unit/wellbeing')).body);
    assert.match(counts, /5 of 7 staff had supervision/);
  });

  it('offers support after a use of force naming the person, and counts answers only', async () => {
    assert.ok(!textOf((await nurse.get('/')).body).includes('Support for you'));
    const recorder = await t.services.accounts.people.actorFor(team.practitioner.id);
    const base = typicalIncident(team, t.clock());
    const incidentId = await t.services.force.incidents.record(
      recorder,
      {
        ...base,
        interventions: base.interventions.map((i) => ({
          ...i,
          staff: [{ name: ` ${nurseName.toUpperCase()} `, jobTitle: 'Nurse', roleCode: 'lead' }],
        })),
      },
      { actor: null, ip: null },
    );
    const home = textOf((await nurse.get('/')).body);
    assert.match(home, /Support for you/);
    const page = await nurse.get('/learning/support');
    assert.equal(page.status, 200);
    assert.match(textOf(page.body), /After a use of force/);
    // The practitioner who recorded it, not named on it, gets no offer.
    const recorderAgent = await signedInAgent(t.app, team.practitioner);
    assert.ok(!textOf((await recorderAgent.get('/learning/support')).body).includes('After a use'));
    // An event they were not part of: 404, and nothing saved.
    const foreign = await recorderAgent.post('/learning/support', {
      kind: 'force',
      event: incidentId,
      answer: 'accepted',
    });
    assert.equal(foreign.status, 404);
    const bad = await nurse.post('/learning/support', {
      kind: 'force',
      event: incidentId,
      answer: 'maybe',
    });
    assert.equal(bad.status, 400);
    const yes = await nurse.post('/learning/support', {
      kind: 'force',
      event: incidentId,
      answer: 'accepted',
      choices: ['debrief', 'time-out'],
    });
    assert.equal(yes.status, 303);
    assert.ok(!textOf((await nurse.get('/')).body).includes('You were part of something hard'));
    const rows = await t.services.db
      .selectFrom('learning_support_answers')
      .selectAll()
      .where('organisation_id', '=', team.organisationId)
      .execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.unit_id, team.unitId);
    // One answer is a small number: the manager sees it as fewer than 5.
    assert.match(
      textOf((await manager.get('/learning/unit/wellbeing')).body),
      /Said yes: fewer than 5/,
    );
  });

  it('lets administrators keep the staff support directory staff see', async () => {
    const bad = await admin.post('/admin/learning/support', { name: '', offer: '', contact: '' });
    assert.equal(bad.status, 400);
    const added = await admin.post('/admin/learning/support', {
      name: 'Staff listening line',
      offer: 'A person to talk to, any time of day.',
      contact: '0100 000 0001',
    });
    assert.equal(added.status, 303);
    assert.match(textOf((await nurse.get('/learning/support')).body), /Staff listening line/);
    const [service] = await t.services.db
      .selectFrom('learning_support_services')
      .select('id')
      .where('organisation_id', '=', team.organisationId)
      .execute();
    const other = await makeTeam(t.services);
    const otherAdmin = await signedInAgent(t.app, other.admin);
    assert.equal(
      (await otherAdmin.post(`/admin/learning/support/${service!.id}/retire`)).status,
      404,
    );
    assert.equal((await admin.post(`/admin/learning/support/${service!.id}/retire`)).status, 303);
    assert.ok(
      !textOf((await nurse.get('/learning/support')).body).includes('Staff listening line'),
    );
  });
});
