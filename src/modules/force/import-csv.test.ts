/**
 * The CSV import: reading the file (line numbers, blank lines, byte order mark, broken quotes,
 * the formula guard), UTC times, NHS numbers, grouping rows by incident; and, through the real
 * service, a file of more than one batch that is imported whole or not at all, with the
 * dashboards' rollups agreeing with a recount of the register afterwards.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import { recountedRollups, storedRollups } from '../../../test/force-rollups.ts';
import { createTestContext, makeTeam } from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';
import { typicalIncident } from '../../../test/force-fixtures.ts';
import type { Actor } from '../accounts/index.ts';
import { CSV_COLUMNS, neutralise, readCsv, rowFromCells, unneutralise } from './csv.ts';
import type { CsvColumn, CsvRecord } from './csv.ts';
import { groupRows, isValidNhsNumber } from './import-csv.ts';
import { idsOf } from './import-check.ts';
import type { ImportProblem } from './import-csv.ts';
import { seededRandom } from './generate.ts';
import { parseUtc } from './time.ts';

describe('readCsv', () => {
  it('numbers records by the line they start on, counting breaks inside quoted cells (CRLF)', () => {
    const text = 'a,b\r\n1,"two\r\nlines"\r\n\r\n3,"three\r\nmore\r\nlines"\r\n4,4\r\n';
    const read = readCsv(text);
    assert.ok(read.ok);
    assert.deepEqual(read.header, ['a', 'b']);
    assert.deepEqual(read.records, [
      { line: 2, cells: ['1', 'two\r\nlines'] },
      { line: 5, cells: ['3', 'three\r\nmore\r\nlines'] },
      { line: 8, cells: ['4', '4'] },
    ]);
  });

  it('numbers records the same way in an LF file', () => {
    const read = readCsv('a,b\n1,"two\nlines"\n\n3,"three\nmore\nlines"\n4,4\n');
    assert.ok(read.ok);
    assert.deepEqual(
      read.records.map((r) => r.line),
      [2, 5, 8],
    );
    assert.deepEqual(read.records[0]!.cells, ['1', 'two\nlines']);
  });

  it('skips blank lines but counts them', () => {
    const read = readCsv('a,b\n\n\n1,2\n\n3,4\n\n');
    assert.ok(read.ok);
    assert.deepEqual(read.records, [
      { line: 4, cells: ['1', '2'] },
      { line: 6, cells: ['3', '4'] },
    ]);
  });

  it('takes off a byte order mark, so the first column keeps its name', () => {
    const read = readCsv('\uFEFFRestrictiveIntIncID,b\r\n1,2\r\n');
    assert.ok(read.ok);
    assert.deepEqual(read.header, ['RestrictiveIntIncID', 'b']);
    assert.deepEqual(read.records, [{ line: 2, cells: ['1', '2'] }]);
  });

  it('keeps commas, quotes and a last line without a line break', () => {
    const read = readCsv('a,b\n"x, y","say ""hi"""\n5,6');
    assert.ok(read.ok);
    assert.deepEqual(read.records, [
      { line: 2, cells: ['x, y', 'say "hi"'] },
      { line: 3, cells: ['5', '6'] },
    ]);
  });

  it('reports the line where an unterminated quote starts, and why', () => {
    for (const [text, line] of [
      ['a,b\n1,2\n3,"never closed\n4,5\n', 3],
      ['a,b\r\n1,"x\r\ny\r\nz"\r\n\r\n\r\n3,"unterminated\r\n4,5\r\n', 7],
      ['a,b\n"1\n2\n3",x\n5,"6\n7', 5],
    ] as const) {
      const read = readCsv(text);
      assert.equal(read.ok, false, text);
      assert.ok(!read.ok);
      assert.equal(read.line, line, JSON.stringify(text));
      assert.match(read.reason, /not valid CSV.*[Qq]uote/);
    }
  });
});

describe('rowFromCells and the formula guard', () => {
  const identity = CSV_COLUMNS.map((_, i) => i);
  const cellsWith = (values: Partial<Record<CsvColumn, string>>) =>
    CSV_COLUMNS.map((c) => values[c] ?? '');

  it('takes the apostrophe off a guarded formula, and leaves other apostrophes alone', () => {
    const row = rowFromCells(
      cellsWith({
        Outcome: "'=cmd",
        Place: "'+1",
        HowForceUsed: "'-2",
        ReasonNarrative: "'@SUM(1)",
        PositionNote: "'\tindented",
        Medication: "'\rreturn",
        AvoidanceNarrative: "'hello",
        NonStaffReason: "'",
        PlanNotFollowedReason: "''=twice",
        Staff: "O'Brien|Nurse|lead",
        UnitID: '=plain',
      }),
      identity,
    );
    assert.equal(row.Outcome, '=cmd');
    assert.equal(row.Place, '+1');
    assert.equal(row.HowForceUsed, '-2');
    assert.equal(row.ReasonNarrative, '@SUM(1)');
    assert.equal(row.PositionNote, '\tindented');
    assert.equal(row.Medication, '\rreturn');
    assert.equal(row.AvoidanceNarrative, "'hello");
    assert.equal(row.NonStaffReason, "'");
    // Exactly one apostrophe comes off: "''=twice" is how the export writes "'=twice".
    assert.equal(row.PlanNotFollowedReason, "'=twice");
    assert.equal(row.Staff, "O'Brien|Nurse|lead");
    assert.equal(row.UnitID, '=plain');
  });

  it('reads columns by where the header put them, and gives missing ones as empty', () => {
    const order = [...CSV_COLUMNS].reverse();
    const cells = order.map((c) => `v-${c}`);
    const row = rowFromCells(
      cells,
      CSV_COLUMNS.map((c) => (c === 'Staff' ? -1 : order.indexOf(c))),
    );
    for (const c of CSV_COLUMNS) assert.equal(row[c], c === 'Staff' ? '' : `v-${c}`);
  });

  it('undoes exactly what neutralise did, for text that needed the guard', () => {
    for (const v of ['=1+1', '+44 20', '-5', '@here', '\tx', '\ry', 'plain', '', "it's"]) {
      assert.equal(unneutralise(neutralise(v)), v, JSON.stringify(v));
    }
  });

  it('round-trips text that already starts with an apostrophe and a formula character', () => {
    for (const v of ["'=x", "'-5 mg", "'+1"]) {
      assert.equal(unneutralise(neutralise(v)), v, JSON.stringify(v));
    }
  });
});

describe('parseUtc', () => {
  it('accepts short and fractional forms and gives the full form', () => {
    assert.equal(parseUtc('2024-02-29T10:00Z'), '2024-02-29T10:00:00.000Z');
    assert.equal(parseUtc('2000-02-29T00:00Z'), '2000-02-29T00:00:00.000Z');
    assert.equal(parseUtc('2026-05-03T14:30:59.5Z'), '2026-05-03T14:30:59.500Z');
    assert.equal(parseUtc('2026-05-03T14:30:59.05Z'), '2026-05-03T14:30:59.050Z');
    assert.equal(parseUtc('2026-05-03T14:30:07Z'), '2026-05-03T14:30:07.000Z');
    assert.equal(parseUtc('2026-12-31T23:59:59.999Z'), '2026-12-31T23:59:59.999Z');
    assert.equal(parseUtc('2026-01-01T00:00:00.000Z'), '2026-01-01T00:00:00.000Z');
  });

  it('refuses days and times that do not exist', () => {
    for (const v of [
      '2026-02-29T10:00Z',
      '1900-02-29T10:00Z',
      '2026-02-30T10:00Z',
      '2026-04-31T10:00Z',
      '2026-06-31T10:00:00.000Z',
      '2026-01-32T10:00Z',
      '2026-05-00T10:00Z',
      '2026-00-10T10:00Z',
      '2026-13-01T10:00Z',
      '2026-05-03T24:00Z',
      '2026-05-03T24:00:00.000Z',
      '2026-05-03T10:60Z',
      '2026-05-03T10:00:60Z',
      '2026-05-03T10:00:60.000Z',
    ]) {
      assert.equal(parseUtc(v), null, v);
    }
  });

  it('refuses anything but UTC written the one way', () => {
    for (const v of [
      '2026-05-03T10:00',
      '2026-05-03T10:00:00.000',
      '2026-05-03T10:00+01:00',
      '2026-05-03T10:00:00.000+00:00',
      '2026-05-03 10:00Z',
      ' 2026-05-03T10:00Z',
      '2026-05-03T10:00Z ',
      '2026-05-03T10:00:00.000Z\n',
      '2026-05-03t10:00z',
      '2026-5-3T10:00Z',
      '2026-05-03T1:00Z',
      '2026-05-03T10:00:00.1234Z',
      '2026-05-03T10Z',
      '2026-05-03',
      '',
    ]) {
      assert.equal(parseUtc(v), null, JSON.stringify(v));
    }
  });
});

describe('isValidNhsNumber', () => {
  /** The modulus 11 rule, written out independently. */
  function expectedValid(digits: string): boolean {
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
    const remainder = sum % 11;
    if (remainder === 1) return false; // the check digit would be 10: never issued
    return (remainder === 0 ? 0 : 11 - remainder) === Number(digits[9]);
  }

  it('accepts published examples and refuses a changed digit', () => {
    assert.equal(isValidNhsNumber('9434765919'), true);
    assert.equal(isValidNhsNumber('4010232137'), true);
    assert.equal(isValidNhsNumber('9434765918'), false);
    assert.equal(isValidNhsNumber('9434765910'), false);
    assert.equal(isValidNhsNumber('4010232173'), false);
  });

  it('takes 0 for a check of 11, and refuses every number whose check would be 10', () => {
    // 0000000006: 6 × 2 = 12, remainder 1, so the check would be 10.
    for (let d = 0; d <= 9; d++) assert.equal(isValidNhsNumber(`000000006${d}`), false);
    // Random prefixes against the rule written out above, including both special cases.
    const rand = seededRandom(11);
    let zeros = 0;
    let tens = 0;
    for (let n = 0; n < 3000; n++) {
      const prefix = String(Math.floor(rand() * 1e9)).padStart(9, '0');
      for (let d = 0; d <= 9; d++) {
        const candidate = `${prefix}${d}`;
        assert.equal(isValidNhsNumber(candidate), expectedValid(candidate), candidate);
      }
      let sum = 0;
      for (let i = 0; i < 9; i++) sum += Number(prefix[i]) * (10 - i);
      if (sum % 11 === 0) {
        zeros++;
        assert.equal(isValidNhsNumber(`${prefix}0`), true, `${prefix}0`);
      }
      if (sum % 11 === 1) tens++;
    }
    assert.ok(zeros > 0 && tens > 0);
  });

  it('refuses anything but ten digits', () => {
    for (const v of [
      '943 476 5919',
      '943-476-5919',
      '943476591',
      '94347659190',
      '',
      'abcdefghij',
      '９４３４７６５９１９',
      ' 9434765919',
      '9434765919\n',
    ]) {
      assert.equal(isValidNhsNumber(v), false, JSON.stringify(v));
    }
  });
});

describe('idsOf', () => {
  const header = ['RestrictiveIntIncID', 'RestrictiveIntTypeID', 'PersonID'];
  const records = (rows: string[][]): CsvRecord[] =>
    rows.map((cells, n) => ({ line: n + 2, cells }));

  it('lists each id once, in file order, and sees whether the rows of each incident are together', () => {
    const ids = idsOf(
      header,
      records([
        ['i1', 't1', 'p1'],
        ['i1', 't2', 'p1'],
        ['i2', 't3', 'p2'],
        ['i3', 't4', 'p1'],
      ]),
    );
    assert.deepEqual(ids, {
      incidents: ['i1', 'i2', 'i3'],
      types: ['t1', 't2', 't3', 't4'],
      people: ['p1', 'p2'],
      together: true,
    });
  });

  it('sees an incident whose rows are apart, and reads ids as the rows do (formula guard off)', () => {
    const ids = idsOf(
      header,
      records([
        ['i1', 't1', 'p1'],
        ['i2', 't2', 'p2'],
        ['i1', "'-t3", 'p1'],
      ]),
    );
    assert.equal(ids.together, false);
    assert.deepEqual(ids.types, ['t1', 't2', '-t3']);
  });
});

describe('groupRows', () => {
  const header = [...CSV_COLUMNS];
  let nextLine = 2;
  const record = (values: Partial<Record<CsvColumn, string>>, line = nextLine++): CsvRecord => ({
    line,
    cells: CSV_COLUMNS.map((c) => values[c] ?? `${c.toLowerCase()}-value`),
  });
  const group = (records: CsvRecord[], head: readonly string[] = header) => {
    const problems: ImportProblem[] = [];
    const result = groupRows(head, records, problems);
    return { ...result, problems };
  };

  it('groups the rows of each incident in order, with their lines', () => {
    const { groups, typeIds, problems } = group([
      record({ RestrictiveIntIncID: 'a', RestrictiveIntTypeID: 'a-1' }, 2),
      record({ RestrictiveIntIncID: 'b', RestrictiveIntTypeID: 'b-1' }, 3),
      record(
        { RestrictiveIntIncID: 'a', RestrictiveIntTypeID: 'a-2', RestrictiveIntType: '01' },
        5,
      ),
    ]);
    assert.deepEqual(problems, []);
    assert.deepEqual([...groups.keys()], ['a', 'b']);
    assert.deepEqual(groups.get('a')!.lines, [2, 5]);
    assert.deepEqual(
      groups.get('a')!.rows.map((r) => [r.RestrictiveIntTypeID, r.RestrictiveIntType]),
      [
        ['a-1', 'restrictiveinttype-value'],
        ['a-2', '01'],
      ],
    );
    assert.deepEqual(groups.get('b')!.lines, [3]);
    assert.deepEqual(
      [...typeIds],
      [
        ['a-1', 2],
        ['b-1', 3],
        ['a-2', 5],
      ],
    );
  });

  it('reports a row with the wrong number of cells, and leaves it out', () => {
    const short = record({ RestrictiveIntIncID: 'a', RestrictiveIntTypeID: 'a-1' }, 7);
    short.cells.pop();
    const long = record({ RestrictiveIntIncID: 'b', RestrictiveIntTypeID: 'b-1' }, 9);
    long.cells.push('extra');
    const { groups, problems } = group([short, long]);
    assert.deepEqual(problems, [
      {
        line: 7,
        reason: `This row has ${header.length - 1} cells but the header has ${header.length}`,
      },
      {
        line: 9,
        reason: `This row has ${header.length + 1} cells but the header has ${header.length}`,
      },
    ]);
    assert.equal(groups.size, 0);
  });

  it('reports missing or odd incident and intervention ids', () => {
    const badIds = ['', 'has space', 'slash/no', 'semi;colon', 'x'.repeat(101), 'café', "o'neil"];
    const records = [
      ...badIds.map((id, n) =>
        record({ RestrictiveIntIncID: id, RestrictiveIntTypeID: `t${n}` }, 10 + n),
      ),
      ...badIds.map((id, n) =>
        record({ RestrictiveIntIncID: `i${n}`, RestrictiveIntTypeID: id }, 30 + n),
      ),
    ];
    const { groups, problems } = group(records);
    assert.deepEqual(
      problems.map((p) => p.line),
      [...badIds.map((_, n) => 10 + n), ...badIds.map((_, n) => 30 + n)],
    );
    for (const p of problems.slice(0, badIds.length))
      assert.match(p.reason, /^RestrictiveIntIncID is missing or has characters other than/);
    for (const p of problems.slice(badIds.length))
      assert.match(p.reason, /^RestrictiveIntTypeID is missing or has characters other than/);
    assert.equal(groups.size, 0);
  });

  it('accepts ids of letters, digits and - . : _ up to 100 characters', () => {
    const ok = ['A1', 'a-b.c:d_e', 'x'.repeat(100), '0', '2026-05-03T14:30'];
    const { groups, problems } = group(
      ok.map((id, n) => record({ RestrictiveIntIncID: id, RestrictiveIntTypeID: `${n}-t` })),
    );
    assert.deepEqual(problems, []);
    assert.deepEqual([...groups.keys()], ok);
  });

  it('names both lines when an intervention id is repeated, in one incident or across two', () => {
    const { groups, problems } = group([
      record({ RestrictiveIntIncID: 'a', RestrictiveIntTypeID: 'same' }, 2),
      record({ RestrictiveIntIncID: 'a', RestrictiveIntTypeID: 'other' }, 3),
      record({ RestrictiveIntIncID: 'b', RestrictiveIntTypeID: 'same' }, 6),
      record({ RestrictiveIntIncID: 'a', RestrictiveIntTypeID: 'other' }, 8),
    ]);
    assert.deepEqual(problems, [
      { line: 6, reason: 'RestrictiveIntTypeID same is also on line 2' },
      { line: 8, reason: 'RestrictiveIntTypeID other is also on line 3' },
    ]);
    assert.deepEqual(groups.get('a')!.lines, [2, 3]);
    assert.equal(groups.has('b'), false);
  });

  it('reports incident columns that differ between rows of one incident', () => {
    const { groups, problems } = group([
      record({ RestrictiveIntIncID: 'a', RestrictiveIntTypeID: 'a-1', Outcome: 'Settled' }, 2),
      record({ RestrictiveIntIncID: 'a', RestrictiveIntTypeID: 'a-2', Outcome: 'Settled.' }, 3),
      record(
        {
          RestrictiveIntIncID: 'a',
          RestrictiveIntTypeID: 'a-3',
          Outcome: 'Settled',
          UnitID: 'elsewhere',
        },
        4,
      ),
      record(
        {
          RestrictiveIntIncID: 'a',
          RestrictiveIntTypeID: 'a-4',
          Outcome: 'Settled',
          AccountStatus: 'given',
        },
        5,
      ),
      // Intervention columns may differ.
      record(
        {
          RestrictiveIntIncID: 'a',
          RestrictiveIntTypeID: 'a-5',
          Outcome: 'Settled',
          RestrictiveIntType: '01',
          Staff: 'Someone|Nurse|lead',
          DurationMinutes: '99',
        },
        6,
      ),
    ]);
    assert.deepEqual(problems, [
      { line: 3, reason: 'Outcome differs from line 2 for the same incident' },
      { line: 4, reason: 'UnitID differs from line 2 for the same incident' },
      { line: 5, reason: 'AccountStatus differs from line 2 for the same incident' },
    ]);
    assert.deepEqual(groups.get('a')!.lines, [2, 6]);
  });

  it('finds columns by name when the header is in another order or has extra columns', () => {
    const head = ['Extra', ...[...CSV_COLUMNS].reverse()];
    const values: Partial<Record<CsvColumn, string>> = {
      RestrictiveIntIncID: 'inc',
      RestrictiveIntTypeID: 'inc-t',
      Outcome: "'=guarded",
    };
    const cells = head.map((c) =>
      c === 'Extra' ? 'ignored' : (values[c as CsvColumn] ?? `${c}-value`),
    );
    const { groups, problems } = group([{ line: 2, cells }], head);
    assert.deepEqual(problems, []);
    const row = groups.get('inc')!.rows[0]!;
    assert.equal(row.RestrictiveIntTypeID, 'inc-t');
    assert.equal(row.Outcome, '=guarded');
    assert.equal(row.Place, 'Place-value');
  });
});

// ---- End to end through the service ------------------------------------------------------------

type Row = Record<CsvColumn, string>;

const TIME_COLUMNS: readonly CsvColumn[] = [
  'StartDateTimeRestrictiveIntInc',
  'EndDateTimeRestrictiveIntInc',
  'PoliceRequestedDateTime',
  'PoliceArrivedDateTime',
  'StartDateTimeRestrictiveIntType',
  'EndDateTimeRestrictiveIntType',
];

function hoursEarlier(iso: string, hours: number): string {
  return iso === '' ? '' : new Date(new Date(iso).getTime() - hours * 3_600_000).toISOString();
}

/** Everything the import could change: counts of the register and the rollups in full. */
async function snapshot(db: Db) {
  const count = async (table: string) =>
    Number(
      (await sql<{ n: string | number }>`select count(*) as n from ${sql.table(table)}`.execute(db))
        .rows[0]!.n,
    );
  const all = async (table: string) =>
    (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db)).rows
      .map((r) => JSON.stringify(Object.entries(r).map(([k, v]) => [k, String(v)])))
      .sort();
  return {
    incidents: await count('force_incidents'),
    interventions: await count('force_interventions'),
    amendments: await count('force_amendments'),
    reviews: await count('force_reviews'),
    month: await all('force_rollup_month'),
    type: await all('force_rollup_type'),
    group: await all('force_rollup_group'),
  };
}

/** The dashboards' rollups as stored, and as recounted with GROUP BY from the register. */
async function rollupsAndRecount(db: Db) {
  return { stored: await storedRollups(db), recounted: await recountedRollups(db) };
}

describe('importing a file of more than one batch', () => {
  const ctx = { actor: null, ip: null };
  const INCIDENTS = 2_100; // the import checks and writes 2,000 incidents to a batch
  let t: TestContext;
  let admin: Actor;
  let rows: Row[];
  /** Index in `rows` of the first row of each incident. */
  let firstRowOf: number[];

  before(async () => {
    t = await createTestContext();
    const team = await makeTeam(t.services);
    const secondWard = await t.services.accounts.provisioning.provisionUnit(
      team.organisationId,
      'Second ward',
      'ward',
    );
    const nurse = await t.services.accounts.people.actorFor(team.practitioner.id);
    admin = await t.services.accounts.people.actorFor(team.admin.id);
    await t.services.force.incidents.record(nurse, typicalIncident(team, t.clock()), ctx);
    const exported = parse(
      await t.services.force.transfer.exportCsv(
        admin,
        { from: '2000-01', to: '9999-12' },
        'combined',
        ctx,
      ),
      { columns: true },
    ) as Row[];
    assert.equal(exported.length, 1);
    const base = exported[0]!;
    // The same record re-issued under new ids, spread over about twenty months and two wards,
    // with varied characteristics; every third incident also has a prone restraint.
    const sexes = ['female', 'male', 'other', 'not_stated'];
    const yesNo = ['yes', 'no', 'not_stated'];
    rows = [];
    firstRowOf = [];
    for (let n = 0; n < INCIDENTS; n++) {
      const row = { ...base } as Row;
      for (const c of TIME_COLUMNS) row[c] = hoursEarlier(base[c], (n + 1) * 7);
      row.RestrictiveIntIncID = `bulk-${n}`;
      row.RestrictiveIntTypeID = `bulk-${n}-a`;
      row.UnitID = n % 2 === 0 ? team.unitId : secondWard.id;
      row.Sex = sexes[n % sexes.length]!;
      row.Disability = yesNo[n % yesNo.length]!;
      row.InjuryPerson = n % 5 === 0 ? 'Y' : 'N';
      firstRowOf.push(rows.length);
      rows.push(row);
      if (n % 3 === 0)
        rows.push({ ...row, RestrictiveIntTypeID: `bulk-${n}-b`, RestrictiveIntType: '01' });
    }
  });
  after(() => t.close());

  const fileOf = (list: readonly Row[]) =>
    stringify([...list], { header: true, columns: [...CSV_COLUMNS] });
  /** The line a row is on: the header is line 1 and no cell here spans lines. */
  const lineOf = (index: number) => index + 2;

  it('imports nothing when the only bad row is near the end, after the first batch was written', async () => {
    const before = await snapshot(t.conn.db);
    const badIncident = 2_050;
    assert.notEqual(badIncident % 3, 0, 'an incident with one row');
    const badIndex = firstRowOf[badIncident]!;
    const file = rows.map((r, i) => (i === badIndex ? { ...r, RestrictiveIntType: '02' } : r));
    const stages: string[] = [];
    const result = await t.services.force.transfer.importCsv(
      admin,
      fileOf(file),
      ctx,
      (_d, _t, stage) => stages.push(stage),
    );
    assert.deepEqual(result, {
      ok: false,
      rows: rows.length,
      problems: [
        {
          line: lineOf(badIndex),
          reason: 'Choose the type of force for intervention 1 from the list',
        },
      ],
    });
    // The first batch had been saved in the transaction before the bad row was found.
    assert.ok(stages.includes('saving'), 'a batch was written before the bad row');
    assert.deepEqual(await snapshot(t.conn.db), before);
  });

  it('names every bad row, in the first batch and the last, and still imports nothing', async () => {
    const before = await snapshot(t.conn.db);
    const early = firstRowOf[10]!;
    const late = firstRowOf[2_090]!;
    const file = rows.map((r, i) =>
      i === early ? { ...r, Sex: 'unknown' } : i === late ? { ...r, RestrictiveIntType: '02' } : r,
    );
    const result = await t.services.force.transfer.importCsv(admin, fileOf(file), ctx);
    assert.ok(!result.ok);
    assert.deepEqual(
      result.problems.map((p) => p.line),
      [lineOf(early), lineOf(late)],
    );
    assert.match(result.problems[0]!.reason, /^Sex is not one of/);
    assert.deepEqual(await snapshot(t.conn.db), before);
  });

  it('imports a good file whole, and the rollups agree with a recount of the register', async () => {
    const before = await snapshot(t.conn.db);
    const result = await t.services.force.transfer.importCsv(admin, fileOf(rows), ctx);
    assert.deepEqual(result, {
      ok: true,
      rows: rows.length,
      created: INCIDENTS,
      updated: 0,
      unchanged: 0,
    });
    const after = await snapshot(t.conn.db);
    assert.equal(after.incidents, before.incidents + INCIDENTS);
    assert.equal(after.interventions, before.interventions + rows.length);
    const { stored, recounted } = await rollupsAndRecount(t.conn.db);
    const national = Object.entries(stored.month).filter(([k]) => k.startsWith('*||'));
    assert.equal(
      national.reduce((s, [, m]) => s + m.incidents!, 0),
      after.incidents,
    );
    assert.equal(
      national.reduce((s, [, m]) => s + m.prone_interventions!, 0),
      Math.ceil(INCIDENTS / 3),
    );
    assert.ok(Object.keys(recounted.month).length > 40, 'many months, two wards');
    assert.deepEqual(stored.month, recounted.month);
    assert.deepEqual(stored.type, recounted.type);
    assert.deepEqual(stored.group, recounted.group);
  });

  it('imports a file whose incidents have rows apart from each other (grouped before checking)', async () => {
    // The second intervention of each of these incidents comes at the very end of the file.
    const some = rows.slice(0, 60).map((r) => ({
      ...r,
      RestrictiveIntIncID: `apart-${r.RestrictiveIntIncID}`,
      RestrictiveIntTypeID: `apart-${r.RestrictiveIntTypeID}`,
    }));
    const seconds = some.filter((r) => r.RestrictiveIntTypeID.endsWith('-b'));
    assert.ok(seconds.length > 5);
    const file = [...some.filter((r) => !seconds.includes(r)), ...seconds];
    const before = await snapshot(t.conn.db);
    const result = await t.services.force.transfer.importCsv(admin, fileOf(file), ctx);
    const incidents = new Set(some.map((r) => r.RestrictiveIntIncID)).size;
    assert.deepEqual(result, {
      ok: true,
      rows: file.length,
      created: incidents,
      updated: 0,
      unchanged: 0,
    });
    const after = await snapshot(t.conn.db);
    assert.equal(after.incidents, before.incidents + incidents);
    assert.equal(after.interventions, before.interventions + some.length);
    const stored = await t.conn.db
      .selectFrom('force_interventions')
      .select(['local_id', 'seq'])
      .where(
        'local_id',
        'in',
        seconds.map((r) => r.RestrictiveIntTypeID),
      )
      .execute();
    assert.equal(stored.length, seconds.length);
    assert.ok(
      stored.every((iv) => iv.seq === 1),
      "each stays its incident's second intervention",
    );
    const { stored: totals, recounted } = await rollupsAndRecount(t.conn.db);
    assert.deepEqual(totals.type, recounted.type);
  });

  it('leaves everything as it was when the same file is sent again', async () => {
    const before = await snapshot(t.conn.db);
    const result = await t.services.force.transfer.importCsv(admin, fileOf(rows), ctx);
    assert.deepEqual(result, {
      ok: true,
      rows: rows.length,
      created: 0,
      updated: 0,
      unchanged: INCIDENTS,
    });
    assert.deepEqual(await snapshot(t.conn.db), before);
  });

  it('leaves a record whose text starts with an apostrophe and + or - unchanged when re-imported', async () => {
    const team = await makeTeam(t.services);
    const nurse = await t.services.accounts.people.actorFor(team.practitioner.id);
    const other = await t.services.accounts.people.actorFor(team.admin.id);
    const id = await t.services.force.incidents.record(
      nurse,
      typicalIncident(team, t.clock(), { place: "'+' shaped room" }),
      ctx,
    );
    const csv = await t.services.force.transfer.exportCsv(
      other,
      { from: '2000-01', to: '9999-12' },
      'combined',
      ctx,
    );
    assert.deepEqual(await t.services.force.transfer.importCsv(other, csv, ctx), {
      ok: true,
      rows: 1,
      created: 0,
      updated: 0,
      unchanged: 1,
    });
    const stored = await t.conn.db
      .selectFrom('force_incidents')
      .select('place')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(stored.place, "'+' shaped room");
  });

  it('keeps ids within the organisation: another may use the same ids, and each corrects only its own', async () => {
    const team = await makeTeam(t.services);
    const nurse = await t.services.accounts.people.actorFor(team.practitioner.id);
    const otherAdmin = await t.services.accounts.people.actorFor(team.admin.id);
    await t.services.force.incidents.record(nurse, typicalIncident(team, t.clock()), ctx);
    const exportOf = async (who: Actor) =>
      parse(
        await t.services.force.transfer.exportCsv(
          who,
          { from: '2000-01', to: '9999-12' },
          'combined',
          ctx,
        ),
        { columns: true },
      ) as Row[];
    const own = (await exportOf(otherAdmin))[0]!;
    // The other organisation's provider happens to use the ids this organisation imported.
    const clash = { ...own, RestrictiveIntIncID: 'bulk-0', RestrictiveIntTypeID: 'bulk-0-a' };
    const mineBefore = await snapshot(t.conn.db);
    const firstBefore = await t.conn.db
      .selectFrom('force_incidents')
      .selectAll()
      .where('organisation_id', '=', admin.organisationId)
      .where('local_id', '=', 'bulk-0')
      .executeTakeFirstOrThrow();
    assert.deepEqual(await t.services.force.transfer.importCsv(otherAdmin, fileOf([clash]), ctx), {
      ok: true,
      rows: 1,
      created: 1,
      updated: 0,
      unchanged: 0,
    });
    const theirs = await t.conn.db
      .selectFrom('force_incidents')
      .selectAll()
      .where('organisation_id', '=', otherAdmin.organisationId)
      .where('local_id', '=', 'bulk-0')
      .executeTakeFirstOrThrow();
    assert.notEqual(theirs.id, firstBefore.id, 'a record id of its own');
    assert.equal((await snapshot(t.conn.db)).incidents, mineBefore.incidents + 1);
    // A correction from the other organisation changes its record only.
    const corrected = { ...clash, Outcome: 'Settled after a walk outside' };
    assert.deepEqual(
      await t.services.force.transfer.importCsv(otherAdmin, fileOf([corrected]), ctx),
      {
        ok: true,
        rows: 1,
        created: 0,
        updated: 1,
        unchanged: 0,
      },
    );
    const firstAfter = await t.conn.db
      .selectFrom('force_incidents')
      .selectAll()
      .where('id', '=', firstBefore.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual({ ...firstAfter }, { ...firstBefore });
    const exported = (await exportOf(otherAdmin)).find((r) => r.RestrictiveIntIncID === 'bulk-0');
    assert.equal(exported?.Outcome, 'Settled after a walk outside');
    assert.equal(exported?.RestrictiveIntTypeID, 'bulk-0-a');
    // Within one organisation an intervention id still belongs to one incident only.
    const moved = { ...own, RestrictiveIntIncID: 'moved-1', RestrictiveIntTypeID: 'bulk-0-a' };
    const refused = await t.services.force.transfer.importCsv(otherAdmin, fileOf([moved]), ctx);
    assert.deepEqual(refused, {
      ok: false,
      rows: 1,
      problems: [
        { line: 2, reason: 'RestrictiveIntTypeID already belongs to a different incident' },
      ],
    });
  });
});
