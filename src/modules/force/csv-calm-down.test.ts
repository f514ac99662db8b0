/**
 * The calm-down answers in the register's CSV: three optional columns at the end of the export
 * and the import. A round trip through an empty organisation gives the same file back; a file
 * made before the columns existed still imports, and a correction from it keeps the answers;
 * a bad answer is a named bad line and nothing is written.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { createTestContext, makeTeam } from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';
import { typicalIncident } from '../../../test/force-fixtures.ts';
import type { Actor } from '../accounts/index.ts';
import { CALM_DOWN_COLUMNS, CSV_COLUMNS, EXPORT_COLUMNS } from './csv.ts';

type Row = Record<string, string>;
const ctx = { actor: null, ip: null };
const ALL = { from: '2000-01', to: '9999-12' };

describe('calm-down answers in the CSV export and import', () => {
  let t: TestContext;
  let from: Awaited<ReturnType<typeof makeTeam>>;
  let fromAdmin: Actor;
  before(async () => {
    t = await createTestContext();
    from = await makeTeam(t.services);
    fromAdmin = await t.services.accounts.people.actorFor(from.admin.id);
    const nurse = await t.services.accounts.people.actorFor(from.practitioner.id);
    const record = (minutesAgo: number, extra: Parameters<typeof typicalIncident>[2]) =>
      t.services.force.incidents.record(
        nurse,
        typicalIncident(from, t.clock(), extra, minutesAgo),
        ctx,
      );
    await record(300, {
      calmDown: { offered: 'yes', methods: ['quiet_space', 'music'], othersReassured: 'yes' },
    });
    await record(240, {
      calmDown: { offered: 'not_possible', methods: [], othersReassured: 'not_needed' },
      reasonNarrative: '=a formula-looking start, kept as written',
    });
    await record(180, { calmDown: { offered: null, methods: [], othersReassured: null } });
    await record(120, {
      calmDown: { offered: 'no', methods: ['own_plan'], othersReassured: null },
      interventions: [
        ...typicalIncident(from, t.clock(), {}, 120).interventions,
        { ...typicalIncident(from, t.clock(), {}, 115).interventions[0]!, typeCode: '09' },
      ],
    });
  });
  after(() => t.close());

  const exportOf = (actor: Actor, shape: 'combined' | 'incidents' | 'types' = 'combined') =>
    t.services.force.transfer.exportCsv(actor, ALL, shape, ctx);
  const rowsOf = (text: string) => parse(text, { columns: true }) as Row[];

  /** A new, empty organisation with a ward, a person and an administrator. */
  async function emptyOrganisation() {
    const team = await makeTeam(t.services);
    return { team, admin: await t.services.accounts.people.actorFor(team.admin.id) };
  }

  /** The text with one organisation's ids swapped for another's (ids are unique UUIDs). */
  function swapIds(text: string, a: typeof from, b: typeof from): string {
    return text
      .replaceAll(a.organisationId, b.organisationId)
      .replaceAll(a.unitId, b.unitId)
      .replaceAll(a.person.id, b.person.id);
  }

  async function incidentCount(organisationId: string): Promise<number> {
    const rows = await t.conn.db
      .selectFrom('force_incidents')
      .select('id')
      .where('organisation_id', '=', organisationId)
      .execute();
    return rows.length;
  }

  it('writes the three columns last, with codes, and only in the incident-level tables', async () => {
    const combined = await exportOf(fromAdmin);
    assert.deepEqual(parse(combined, { to: 1 })[0], [...EXPORT_COLUMNS]);
    assert.deepEqual(EXPORT_COLUMNS.slice(-3), [...CALM_DOWN_COLUMNS]);
    const rows = rowsOf(combined);
    assert.equal(rows.length, 5);
    const calm = rows.map((r) => [r.CalmDownOffered, r.CalmDownMethods, r.OthersReassured]);
    assert.deepEqual(calm, [
      ['yes', 'quiet_space;music', 'yes'],
      ['not_possible', '', 'not_needed'],
      ['', '', ''],
      ['no', 'own_plan', ''],
      ['no', 'own_plan', ''],
    ]);
    const incidents = parse(await exportOf(fromAdmin, 'incidents'), { to: 1 })[0] as string[];
    assert.deepEqual(incidents.slice(-3), [...CALM_DOWN_COLUMNS]);
    const types = parse(await exportOf(fromAdmin, 'types'), { to: 1 })[0] as string[];
    for (const c of CALM_DOWN_COLUMNS) assert.ok(!types.includes(c), c);
  });

  it('round-trips: export, import into an empty organisation, export again gives the same file', async () => {
    const first = await exportOf(fromAdmin);
    const { team, admin } = await emptyOrganisation();
    const result = await t.services.force.transfer.importCsv(
      admin,
      swapIds(first, from, team),
      ctx,
    );
    assert.deepEqual(result, { ok: true, rows: 5, created: 4, updated: 0, unchanged: 0 });
    const second = await exportOf(admin);
    assert.notEqual(second, first, 'the ids are the new organisation’s');
    assert.equal(swapIds(second, team, from), first);
    // Sent again, nothing changes.
    const again = await t.services.force.transfer.importCsv(admin, second, ctx);
    assert.deepEqual(again, { ok: true, rows: 5, created: 0, updated: 0, unchanged: 4 });
    assert.equal(await exportOf(admin), second);
  });

  it('imports a file made before the columns existed, with the answers left empty', async () => {
    const { team, admin } = await emptyOrganisation();
    const old = stringify(rowsOf(swapIds(await exportOf(fromAdmin), from, team)), {
      header: true,
      columns: [...CSV_COLUMNS],
    });
    assert.doesNotMatch(old, /CalmDown/);
    const result = await t.services.force.transfer.importCsv(admin, old, ctx);
    assert.deepEqual(result, { ok: true, rows: 5, created: 4, updated: 0, unchanged: 0 });
    for (const r of rowsOf(await exportOf(admin)))
      assert.deepEqual([r.CalmDownOffered, r.CalmDownMethods, r.OthersReassured], ['', '', '']);
  });

  it('keeps the answers when a correction comes from a file without the columns', async () => {
    const { team, admin } = await emptyOrganisation();
    const full = rowsOf(swapIds(await exportOf(fromAdmin), from, team));
    await t.services.force.transfer.importCsv(admin, stringify(full, { header: true }), ctx);
    const oldShape = (rows: Row[]) => stringify(rows, { header: true, columns: [...CSV_COLUMNS] });
    // Unchanged apart from the missing columns: left alone, not "corrected".
    assert.deepEqual(await t.services.force.transfer.importCsv(admin, oldShape(full), ctx), {
      ok: true,
      rows: 5,
      created: 0,
      updated: 0,
      unchanged: 4,
    });
    // A real correction from an old file: the record changes, the answers stay.
    const changed = [{ ...full[0]!, Outcome: 'They settled after a walk outside.' }];
    assert.deepEqual(await t.services.force.transfer.importCsv(admin, oldShape(changed), ctx), {
      ok: true,
      rows: 1,
      created: 0,
      updated: 1,
      unchanged: 0,
    });
    const back = rowsOf(await exportOf(admin))[0]!;
    assert.equal(back.Outcome, 'They settled after a walk outside.');
    assert.deepEqual(
      [back.CalmDownOffered, back.CalmDownMethods, back.OthersReassured],
      ['yes', 'quiet_space;music', 'yes'],
    );
    // A correction from a new file changes the answers, and an empty cell clears one.
    const answers = [{ ...full[0]!, CalmDownMethods: 'talking', OthersReassured: '' }];
    const withColumns = stringify(answers, { header: true, columns: [...EXPORT_COLUMNS] });
    assert.deepEqual(await t.services.force.transfer.importCsv(admin, withColumns, ctx), {
      ok: true,
      rows: 1,
      created: 0,
      updated: 1,
      unchanged: 0,
    });
    const stored = await t.conn.db
      .selectFrom('force_incidents')
      .select(['calm_down_offered', 'calm_down_methods', 'others_reassured'])
      .where('organisation_id', '=', team.organisationId)
      .where('local_id', '=', full[0]!.RestrictiveIntIncID!)
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      { ...stored },
      {
        calm_down_offered: 'yes',
        calm_down_methods: JSON.stringify(['talking']),
        others_reassured: null,
      },
    );
  });

  it('names each bad answer with its line, and writes nothing', async () => {
    const { team, admin } = await emptyOrganisation();
    const good = rowsOf(swapIds(await exportOf(fromAdmin), from, team));
    const bad: [Partial<Row>, string][] = [
      [
        { CalmDownOffered: 'Yes' },
        'CalmDownOffered must be empty or one of: yes, no, not_possible',
      ],
      [
        { CalmDownMethods: 'quiet_space;shouting' },
        'CalmDownMethods must be empty or codes separated by ;, from: quiet_space, talking, music, sensory, own_plan, other',
      ],
      [
        { CalmDownMethods: 'music;' },
        'CalmDownMethods must be empty or codes separated by ;, from: quiet_space, talking, music, sensory, own_plan, other',
      ],
      [
        { OthersReassured: 'maybe' },
        'OthersReassured must be empty or one of: yes, no, not_needed',
      ],
      [
        { CalmDownOffered: ' yes' },
        'CalmDownOffered must be empty or one of: yes, no, not_possible',
      ],
    ];
    for (const [change, reason] of bad) {
      // The bad answer is on the third incident (line 4); the rest of the file is good.
      const rows = good.map((r, n) => (n === 2 ? { ...r, ...change } : r));
      const text = stringify(rows, { header: true, columns: [...EXPORT_COLUMNS] });
      const result = await t.services.force.transfer.importCsv(admin, text, ctx);
      assert.deepEqual(result, { ok: false, rows: 5, problems: [{ line: 4, reason }] });
      assert.equal(await incidentCount(team.organisationId), 0, JSON.stringify(change));
    }
    // Two rows of one incident must agree on its answers.
    const split = good.map((r, n) => (n === 4 ? { ...r, CalmDownOffered: 'yes' } : r));
    const result = await t.services.force.transfer.importCsv(
      admin,
      stringify(split, { header: true, columns: [...EXPORT_COLUMNS] }),
      ctx,
    );
    assert.deepEqual(result, {
      ok: false,
      rows: 5,
      problems: [{ line: 6, reason: 'CalmDownOffered differs from line 5 for the same incident' }],
    });
    assert.equal(await incidentCount(team.organisationId), 0);
  });

  it('refuses a file with some of the three columns but not all', async () => {
    const { team, admin } = await emptyOrganisation();
    const good = rowsOf(swapIds(await exportOf(fromAdmin), from, team));
    const text = stringify(good, {
      header: true,
      columns: [...CSV_COLUMNS, 'CalmDownOffered'],
    });
    const result = await t.services.force.transfer.importCsv(admin, text, ctx);
    assert.equal(result.ok, false);
    assert.ok(!result.ok);
    assert.equal(result.problems.length, 1);
    assert.equal(result.problems[0]!.line, 1);
    assert.match(
      result.problems[0]!.reason,
      /^Columns missing: CalmDownMethods \(.*all three or none\), OthersReassured/,
    );
    assert.equal(await incidentCount(team.organisationId), 0);
  });
});
