/**
 * Stories for the register, told through the real app: a nurse records a use of force; the
 * person reads it, gives their account and chooses a helper; staff cannot change the person's
 * words; another organisation's manager gets 404; nothing is deleted before three years;
 * figures, returns and the CSV round trip.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import {
  createTestContext,
  makeAccount,
  makeTeam,
  signedInAgent,
  textOf,
} from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';
import {
  recordTeamIncident,
  recordThroughPages,
  typicalIncident,
} from '../../../test/force-fixtures.ts';
import { DAY } from '../../lib/clock.ts';
import { toLondonLocal } from './time.ts';
import { CSV_COLUMNS } from './csv.ts';
import { createForceService } from './service.ts';
import { createForceStore } from './store.ts';

describe('use-of-force register', () => {
  let t: TestContext;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  let other: Awaited<ReturnType<typeof makeTeam>>;
  const ctx = { actor: null, ip: null };
  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
    other = await makeTeam(t.services);
  });
  after(() => t.close());

  it('a nurse records a typical use of force in two steps, and the person sees who read it', async () => {
    const nurse = await signedInAgent(t.app, team.practitioner);
    const choose = await nurse.get('/force/incidents/new');
    assert.equal(choose.status, 200);
    assert.match(textOf(choose.body), /Who was force used with/);
    const form = await nurse.get(`/force/incidents/new?personId=${team.person.id}`);
    assert.equal(form.status, 200);
    assert.match(form.body, /data-language-check="lang-reasonNarrative"/);
    const start = toLondonLocal(new Date(t.clock().getTime() - 30 * 60_000));
    const end = toLondonLocal(new Date(t.clock().getTime() - 20 * 60_000));
    const { saved } = await recordThroughPages(nurse, team.person.id, {
      personId: team.person.id,
      unitId: team.unitId,
      rows: '1',
      startAt: start,
      reasonCode: '10',
      reasonNarrative: 'He was aggressive and kicked off after a phone call.',
      avoidanceCodes: ['deescalation', 'space'],
      i0_type: '07',
      i0_end: end,
      i0_staff: 'Jo Bennett, Staff nurse, lead\nChris Doyle, Healthcare assistant, arms',
      howForceUsed: 'A standing hold, talking throughout.',
      inCarePlan: 'no',
      outcome: 'Settled in ten minutes.',
      harm: 'none',
      notification: 'sent',
      nonStaff: 'none',
      accountOffered: 'yes',
      planKnown: 'yes',
      planFollowed: 'yes',
    });
    assert.equal(saved.status, 303, textOf(saved.body).slice(0, 400));
    const page = await nurse.get(String(saved.headers.location));
    const text = textOf(page.body);
    assert.match(text, /Physical restraint – standing/);
    assert.match(text, /Immediate debrief with the person/);
    assert.match(text, /Formal post-incident review/);
    // Language suggestions are shown after saving; nothing was blocked.
    assert.match(text, /Some words in this record may come across/);
    const person = await signedInAgent(t.app, team.person);
    const seen = textOf((await person.get('/who-has-seen-my-information')).body);
    assert.match(seen, /Looked at a record of force used with you/i);
  });

  it("re-shows the first page with that page's problems when the end is before the start", async () => {
    const nurse = await signedInAgent(t.app, team.practitioner);
    await nurse.get(`/force/incidents/new?personId=${team.person.id}`);
    const res = await nurse.post('/force/incidents', {
      personId: team.person.id,
      unitId: team.unitId,
      startAt: toLondonLocal(new Date(t.clock().getTime() - 30 * 60_000)),
      endAt: toLondonLocal(new Date(t.clock().getTime() - 60 * 60_000)),
      i0_type: '07',
      action: 'continue',
    });
    assert.equal(res.status, 400);
    const text = textOf(res.body);
    assert.match(text, /There is a problem/);
    assert.match(text, /The end must be after the start/);
    assert.match(text, /Describe why force was used/);
    // Problems on later pages wait for those pages.
    assert.doesNotMatch(text, /Describe how force was used/);
  });

  it('adds another intervention row without JavaScript, keeping what was typed', async () => {
    const nurse = await signedInAgent(t.app, team.practitioner);
    const { draftId } = await recordThroughPages(nurse, team.person.id, {}).catch(() => ({
      draftId: null,
    }));
    assert.equal(draftId, null, 'an empty form does not get past the first page');
    await nurse.get(`/force/incidents/new?personId=${team.person.id}`);
    const first = await nurse.post('/force/incidents', {
      personId: team.person.id,
      unitId: team.unitId,
      startAt: toLondonLocal(new Date(t.clock().getTime() - 30 * 60_000)),
      reasonCode: '10',
      reasonNarrative: 'Upset after a phone call.',
      avoidanceCodes: ['deescalation'],
      action: 'continue',
    });
    assert.equal(first.status, 303, textOf(first.body).slice(0, 300));
    const page2 = String(first.headers.location);
    await nurse.get(page2);
    const res = await nurse.post(page2, { rows: '1', i0_type: '07', action: 'add' });
    assert.equal(res.status, 303);
    const again = await nurse.get(page2);
    assert.match(again.body, /name="i1_type"/);
    assert.match(again.body, /<option value="07" selected>/);
  });

  it('the person gives their account; staff cannot change it; a helper they choose can', async () => {
    const id = await recordTeamIncident(t.services, team);
    const person = await signedInAgent(t.app, team.person);
    const list = await person.get('/my-incidents');
    assert.match(list.body, new RegExp(id));
    const mine = await person.get(`/my-incidents/${id}`);
    assert.equal(mine.status, 200);
    const gave = await person.post(`/my-incidents/${id}/account`, {
      kind: 'account',
      status: 'given',
      body: 'I was scared. Nobody told me what was happening.',
    });
    assert.equal(gave.status, 303);
    const reply = await person.post(`/my-incidents/${id}/account`, {
      kind: 'reply',
      status: 'given',
      body: 'I did not throw anything.',
    });
    assert.equal(reply.status, 303);
    const nurse = await signedInAgent(t.app, team.practitioner);
    const record = textOf((await nurse.get(`/force/incidents/${id}`)).body);
    assert.match(record, /I was scared\. Nobody told me/);
    assert.match(record, /I did not throw anything/);
    // A member of staff who was not chosen is refused, and the attempt is audited.
    await nurse.get(`/force/incidents/${id}/account`);
    const refused = await nurse.post(`/force/incidents/${id}/account`, {
      kind: 'account',
      status: 'given',
      body: 'Edited by staff',
    });
    assert.equal(refused.status, 403);
    const denied = await t.conn.db
      .selectFrom('audit_events')
      .select(['outcome'])
      .where('action', '=', 'force.account.write')
      .where('record_id', '=', id)
      .execute();
    assert.deepEqual(
      denied.map((d) => d.outcome),
      ['denied'],
    );
    assert.doesNotMatch(textOf((await person.get(`/my-incidents/${id}`)).body), /Edited by staff/);
    // The person chooses the nurse to help; now the nurse may write it with them.
    assert.equal(
      (await person.post(`/my-incidents/${id}/helper`, { helperId: team.practitioner.id })).status,
      303,
    );
    await nurse.get(`/force/incidents/${id}/account`);
    const helped = await nurse.post(`/force/incidents/${id}/account`, {
      kind: 'account',
      status: 'given',
      body: 'Written with my nurse, in my words.',
    });
    assert.equal(helped.status, 303);
    assert.match(textOf((await person.get(`/my-incidents/${id}`)).body), /Written with my nurse/);
  });

  it('a manager of another organisation gets 404 for a record', async () => {
    const id = await recordTeamIncident(t.services, team);
    const outsider = await signedInAgent(t.app, other.manager);
    assert.equal((await outsider.get(`/force/incidents/${id}`)).status, 404);
    const outsiderAdmin = await signedInAgent(t.app, other.admin);
    assert.equal((await outsiderAdmin.get(`/force/incidents/${id}`)).status, 404);
    assert.equal((await outsiderAdmin.post(`/force/incidents/${id}/delete`)).status, 404);
  });

  it('refuses and audits deletion before three years; allows it after, and the figures follow', async () => {
    const local = await createTestContext();
    try {
      const lteam = await makeTeam(local.services);
      const id = await recordTeamIncident(local.services, lteam);
      const admin = await signedInAgent(local.app, lteam.admin);
      await admin.get(`/force/incidents/${id}`);
      const refused = await admin.post(`/force/incidents/${id}/delete`);
      assert.equal(refused.status, 403);
      assert.match(textOf(refused.body), /must be kept until/);
      const events = await local.conn.db
        .selectFrom('audit_events')
        .select(['outcome'])
        .where('action', '=', 'force.delete')
        .execute();
      assert.deepEqual(
        events.map((e) => e.outcome),
        ['denied'],
      );
      const national = await local.services.accounts.people.actorFor(lteam.national.id);
      const period = toLondonLocal(local.clock()).slice(0, 7);
      const before = await local.services.force.dashboards.monthly(
        national,
        { level: 'national' },
        { from: period, to: period },
      );
      assert.equal(before.total.incidents, 1);
      local.clock.advance(3 * 366 * DAY);
      const again = await signedInAgent(local.app, lteam.admin);
      await again.get(`/force/incidents/${id}`);
      assert.equal((await again.post(`/force/incidents/${id}/delete`)).status, 303);
      const afterwards = await local.services.force.dashboards.monthly(
        national,
        { level: 'national' },
        { from: period, to: period },
      );
      assert.equal(afterwards.total.incidents, 0);
    } finally {
      await local.close();
    }
  });

  it('amending keeps the earlier version with its reason, and moves the figures', async () => {
    const local = await createTestContext();
    try {
      const lteam = await makeTeam(local.services);
      const nurse = await local.services.accounts.people.actorFor(lteam.practitioner.id);
      const id = await recordTeamIncident(local.services, lteam);
      const { input } = await local.services.force.incidents.asInput(nurse, id);
      const amended = {
        ...input,
        interventions: input.interventions.map((i) => ({ ...i, typeCode: '01' })),
      };
      await assert.rejects(
        local.services.force.incidents.amend(nurse, id, amended, '', ctx),
        /Say why/,
      );
      await local.services.force.incidents.amend(
        nurse,
        id,
        amended,
        'It was face down, not standing',
        ctx,
      );
      const d = await local.services.force.incidents.view(nurse, id, ctx);
      assert.equal(d.incident.version, 2);
      assert.equal(d.amendments.length, 1);
      assert.equal(d.amendments[0]!.reason, 'It was face down, not standing');
      assert.match(d.amendments[0]!.previous, /"type_code":"07"/);
      const national = await local.services.accounts.people.actorFor(lteam.national.id);
      const period = toLondonLocal(local.clock()).slice(0, 7);
      const m = await local.services.force.dashboards.monthly(
        national,
        { level: 'national' },
        { from: period, to: period },
      );
      assert.equal(m.total.prone, 1);
      assert.equal(m.total.interventions, 1);
      // History cannot be rewritten, even from outside the app.
      await assert.rejects(
        local.conn.db.updateTable('force_amendments').set({ reason: 'x' }).execute(),
      );
    } finally {
      await local.close();
    }
  });

  it("an amendment keeps each intervention's ids, and cannot take over another record's", async () => {
    const local = await createTestContext();
    try {
      const lteam = await makeTeam(local.services);
      const nurse = await local.services.accounts.people.actorFor(lteam.practitioner.id);
      const first = await recordTeamIncident(local.services, lteam);
      const second = await recordTeamIncident(local.services, lteam);
      const interventionsOf = (incidentId: string) =>
        local.conn.db
          .selectFrom('force_interventions')
          .select(['id', 'local_id', 'incident_id', 'type_code'])
          .where('incident_id', '=', incidentId)
          .execute()
          .then((rows) => rows.map((r) => ({ ...r })));
      const [own] = await interventionsOf(first);
      const [theirs] = await interventionsOf(second);
      assert.ok(own && theirs);
      assert.equal(own.local_id, own.id, 'made in Hearth: the local id is the record id');

      // An ordinary amendment keeps the intervention's record id and local id.
      const { input } = await local.services.force.incidents.asInput(nurse, first);
      await local.services.force.incidents.amend(
        nurse,
        first,
        { ...input, interventions: input.interventions.map((i) => ({ ...i, typeCode: '01' })) },
        'It was face down',
        ctx,
      );
      assert.deepEqual(await interventionsOf(first), [{ ...own, type_code: '01' }]);

      // A form naming another record's intervention gets a new intervention instead.
      const again = (await local.services.force.incidents.asInput(nurse, first)).input;
      await local.services.force.incidents.amend(
        nurse,
        first,
        { ...again, interventions: again.interventions.map((i) => ({ ...i, id: theirs.id })) },
        'Checked again',
        ctx,
      );
      const [replaced] = await interventionsOf(first);
      assert.ok(replaced);
      assert.notEqual(replaced.id, theirs.id);
      assert.notEqual(replaced.id, own.id);
      assert.equal(replaced.local_id, replaced.id);
      assert.deepEqual(await interventionsOf(second), [theirs]);

      // Naming one intervention twice keeps it once; the other becomes a new one.
      const twice = (await local.services.force.incidents.asInput(nurse, first)).input;
      const one = twice.interventions[0]!;
      await local.services.force.incidents.amend(
        nurse,
        first,
        { ...twice, interventions: [one, { ...one, typeCode: '07' }] },
        'Two holds',
        ctx,
      );
      const both = await interventionsOf(first);
      assert.equal(both.length, 2);
      assert.equal(new Set(both.map((r) => r.id)).size, 2);
      assert.ok(both.some((r) => r.id === replaced.id));
    } finally {
      await local.close();
    }
  });

  it("shows the person's plan choices while recording and asks whether they were followed", async () => {
    const plan = {
      planId: 'plan-1',
      version: 3,
      updatedAt: '2026-05-01T10:00:00.000Z',
      restraintPositionsToAvoid: ['Face-down (prone)'],
      staffGenderPreference: 'Women staff only',
      medicationChoices: null,
      seclusionChoices: null,
      searchChoices: null,
      observationChoices: null,
      whatHelps: 'Music and a quiet room',
      whatMakesWorse: null,
    };
    const force = createForceService({
      db: t.conn.db,
      store: createForceStore(),
      audit: t.services.auditLog,
      clock: t.clock,
      directory: t.services.accounts.people,
      planChoices: async () => plan,
    });
    const nurse = await t.services.accounts.people.actorFor(team.practitioner.id);
    const context = await force.incidents.formContext(nurse, team.person.id, ctx);
    assert.equal(context.plan?.staffGenderPreference, 'Women staff only');
    await assert.rejects(
      force.incidents.record(nurse, typicalIncident(team, t.clock()), ctx),
      /stated choices/,
    );
    const id = await force.incidents.record(
      nurse,
      typicalIncident(team, t.clock(), {
        planKnown: 'yes',
        planFollowed: 'no',
        planNotFollowedReason: 'Only male staff were on shift.',
      }),
      ctx,
    );
    const d = await force.incidents.view(nurse, id, ctx);
    assert.equal(d.incident.plan_id, 'plan-1');
    assert.equal(d.incident.plan_version, 3);
    assert.equal(d.incident.plan_followed, 'no');
  });

  it('keeps characteristics as given, reads them at record time, and never retypes them', async () => {
    const nurse = await signedInAgent(t.app, team.practitioner);
    await nurse.get(`/force/people/${team.person.id}`);
    const res = await nurse.post(`/force/people/${team.person.id}`, {
      ethnicCodes: ['A', 'M'],
      sex: 'not_stated',
      disability: 'not_stated',
      ldAutism: 'no',
      dateOfBirth: '1990-04-21',
    });
    assert.equal(res.status, 303);
    const actor = await t.services.accounts.people.actorFor(team.practitioner.id);
    const id = await recordTeamIncident(t.services, team);
    const d = await t.services.force.incidents.view(actor, id, ctx);
    assert.deepEqual(d.snapshot.ethnicCodes, ['A', 'M']);
    assert.equal(d.incident.grp_ethnicity, 'multiple');
    assert.equal(d.incident.grp_sex, 'not_stated');
    assert.equal(d.incident.grp_age_band, '35_44');
  });

  it('dashboards suppress small numbers, show charts with tables, and offer safe CSV', async () => {
    const manager = await signedInAgent(t.app, team.manager);
    const page = await manager.get('/force/dashboards');
    assert.equal(page.status, 200);
    assert.match(page.body, /<svg/);
    assert.match(textOf(page.body), /fewer than 5/);
    const csv = await manager.get('/force/dashboards/data.csv?view=monthly');
    assert.equal(csv.status, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    const national = await signedInAgent(t.app, team.national);
    const n = await national.get('/force/dashboards?scope=national');
    assert.equal(n.status, 200);
    assert.doesNotMatch(n.body, new RegExp(team.person.email));
    // A manager cannot look at another organisation's figures.
    assert.equal(
      (await manager.get(`/force/dashboards?scope=organisation:${other.organisationId}`)).status,
      404,
    );
  });

  it('flags a ward that reports nothing against its size', async () => {
    const local = await createTestContext();
    try {
      const lteam = await makeTeam(local.services);
      const quiet = await local.services.accounts.provisioning.provisionUnit(
        lteam.organisationId,
        'Quiet Ward',
        'ward',
      );
      const admin = await local.services.accounts.people.actorFor(lteam.admin.id);
      const period = toLondonLocal(local.clock()).slice(0, 7);
      await local.services.force.denominators.saveBedDays(
        admin,
        lteam.organisationId,
        [
          { unitId: lteam.unitId, period, occupiedBedDays: 100 },
          { unitId: quiet.id, period, occupiedBedDays: 6000 },
        ],
        ctx,
      );
      for (let i = 0; i < 3; i++) await recordTeamIncident(local.services, lteam);
      const z = await local.services.force.dashboards.zeroFlags(
        admin,
        { level: 'organisation', organisationId: lteam.organisationId },
        { from: period, to: period },
      );
      const row = z.rows.find((r) => r.id === quiet.id)!;
      assert.equal(row.flagged, true);
      assert.equal(z.rows.find((r) => r.id === lteam.unitId)!.flagged, false);
    } finally {
      await local.close();
    }
  });

  it('exports MHSDS-shaped CSV with formulas neutralised, and imports it back exactly', async () => {
    const local = await createTestContext();
    try {
      const lteam = await makeTeam(local.services);
      const nurse = await local.services.accounts.people.actorFor(lteam.practitioner.id);
      const admin = await local.services.accounts.people.actorFor(lteam.admin.id);
      await local.services.force.incidents.record(
        nurse,
        typicalIncident(lteam, local.clock(), {
          reasonNarrative: "=cmd|' /C calc'!A0",
          place: '@SUM(1)',
        }),
        ctx,
      );
      await local.services.force.incidents.record(
        nurse,
        typicalIncident(lteam, local.clock(), {}, 200),
        ctx,
      );
      const csv = await local.services.force.transfer.exportCsv(
        admin,
        { from: '2000-01', to: '9999-12' },
        'combined',
        ctx,
      );
      assert.match(csv, /'=cmd\|/);
      assert.match(csv, /'@SUM\(1\)/);
      // The same file again: nothing changes.
      const again = await local.services.force.transfer.importCsv(admin, csv, ctx);
      assert.deepEqual(again, { ok: true, rows: 2, created: 0, updated: 0, unchanged: 2 });
      // The same rows under new ids: imported, and exported back identical.
      const rows = parse(csv, { columns: true }) as Record<string, string>[];
      const fresh = rows.map((r, n) => ({
        ...r,
        RestrictiveIntIncID: `imp-${n}`,
        RestrictiveIntTypeID: `imp-${n}-t`,
      }));
      const text = stringify(fresh, { header: true, columns: [...CSV_COLUMNS] });
      const result = await local.services.force.transfer.importCsv(admin, text, ctx);
      assert.deepEqual(result, { ok: true, rows: 2, created: 2, updated: 0, unchanged: 0 });
      const out = parse(
        await local.services.force.transfer.exportCsv(
          admin,
          { from: '2000-01', to: '9999-12' },
          'combined',
          ctx,
        ),
        { columns: true },
      ) as Record<string, string>[];
      for (const f of fresh) {
        const back = out.find((o) => o.RestrictiveIntIncID === f.RestrictiveIntIncID);
        assert.deepEqual(back, f);
      }
      // A correction re-sent under the same id becomes an amendment.
      const corrected = stringify([{ ...fresh[0]!, Outcome: 'Corrected outcome' }], {
        header: true,
        columns: [...CSV_COLUMNS],
      });
      assert.deepEqual(await local.services.force.transfer.importCsv(admin, corrected, ctx), {
        ok: true,
        rows: 1,
        created: 0,
        updated: 1,
        unchanged: 0,
      });
    } finally {
      await local.close();
    }
  });

  it('imports nothing when a row in the middle is bad, and names every bad row', async () => {
    const local = await createTestContext();
    try {
      const lteam = await makeTeam(local.services);
      const nurse = await local.services.accounts.people.actorFor(lteam.practitioner.id);
      const admin = await local.services.accounts.people.actorFor(lteam.admin.id);
      await local.services.force.incidents.record(
        nurse,
        typicalIncident(lteam, local.clock()),
        ctx,
      );
      const base = (
        parse(
          await local.services.force.transfer.exportCsv(
            admin,
            { from: '2000-01', to: '9999-12' },
            'combined',
            ctx,
          ),
          { columns: true },
        ) as Record<string, string>[]
      )[0]!;
      const rows: Record<string, string>[] = Array.from({ length: 5 }, (_, n) => ({
        ...base,
        RestrictiveIntIncID: `b-${n}`,
        RestrictiveIntTypeID: `b-${n}-t`,
      }));
      rows[2] = { ...rows[2]!, RestrictiveIntType: '02' };
      rows[3] = { ...rows[3]!, EndDateTimeRestrictiveIntType: '2001-01-01T00:00:00.000Z' };
      const result = await local.services.force.transfer.importCsv(
        admin,
        stringify(rows, { header: true, columns: [...CSV_COLUMNS] }),
        ctx,
      );
      assert.equal(result.ok, false);
      assert.ok(!result.ok);
      assert.deepEqual(
        result.problems.map((p) => p.line),
        [4, 5],
      );
      assert.match(result.problems[0]!.reason, /type of force/);
      const count = await local.conn.db
        .selectFrom('force_incidents')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(count.n), 1);
    } finally {
      await local.close();
    }
  });

  it('rapid tranquillisation adds physical health checks every 15 minutes for the first hour', async () => {
    const nurse = await t.services.accounts.people.actorFor(team.practitioner.id);
    const now = t.clock();
    const given = new Date(now.getTime() - 20 * 60_000).toISOString();
    const base = typicalIncident(team, now, {}, 30);
    const id = await t.services.force.incidents.record(
      nurse,
      {
        ...base,
        interventions: [
          ...base.interventions,
          {
            typeCode: '14',
            startAt: given,
            endAt: given,
            positionNote: '',
            medication: 'Lorazepam 2 mg intramuscular',
            staff: [{ name: 'Sam Okafor', jobTitle: 'Doctor', roleCode: 'lead' }],
          },
        ],
      },
      ctx,
    );
    const reviews = await t.conn.db
      .selectFrom('force_reviews')
      .select(['kind', 'due_at'])
      .where('incident_id', '=', id)
      .where('kind', '=', 'rt_observations')
      .orderBy('due_at')
      .execute();
    assert.deepEqual(
      reviews.map((r) => (Date.parse(r.due_at) - Date.parse(given)) / 60_000),
      [15, 30, 45, 60],
    );
    // The first check is already due; the record asks for the observations themselves.
    const nurseAgent = await signedInAgent(t.app, team.practitioner);
    const page = textOf((await nurseAgent.get(`/force/incidents/${id}`)).body);
    assert.match(page, /Physical health observations after rapid tranquillisation/);
    assert.match(page, /Pulse, blood pressure, breathing rate/);
  });

  it("overdue reviews show on the unit manager's home page, and the person is offered their account on theirs", async () => {
    const local = await createTestContext();
    try {
      const lteam = await makeTeam(local.services);
      await recordTeamIncident(local.services, lteam);
      local.clock.advance(4 * DAY);
      const manager = await signedInAgent(local.app, lteam.manager);
      assert.match(textOf((await manager.get('/')).body), /After use of force: 3 overdue/);
      const person = await signedInAgent(local.app, lteam.person);
      assert.match(
        textOf((await person.get('/')).body),
        /You can give your own account of 1 time force was used/,
      );
      // Annual statistics and the export are there for the administrator.
      const admin = await signedInAgent(local.app, lteam.admin);
      const year = String(local.clock().getUTCFullYear());
      assert.match(
        textOf((await admin.get(`/force/returns?year=${year}`)).body),
        /Incidents All fewer than 5/,
      );
      const exportRes = await admin.get('/force/export.csv');
      assert.equal(exportRes.status, 200);
      void makeAccount;
    } finally {
      await local.close();
    }
  });
});
