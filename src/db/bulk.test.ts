/**
 * Bulk writes on both engines (SQLite by default, PostgreSQL with TEST_DATABASE_URL): plain
 * inserts of awkward text through COPY or batched statements, upserts that add or replace,
 * inside and outside transactions, refused names, and `isIn` with long lists. Also the pieces
 * underneath: `copyLine` (PostgreSQL's COPY text format) and the node:sqlite adapter's statement
 * cache and batches.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DatabaseSync } from 'node:sqlite';
import { CompiledQuery, Kysely, SqliteDialect, sql } from 'kysely';
import { freshDatabase } from '../../test/factories.ts';
import { bulkInsert, insertPacked, isIn } from './bulk.ts';
import { dialectOf } from './dialect.ts';
import { packRows } from './pack.ts';
import { adaptNodeSqlite, batchOf } from './node-sqlite-driver.ts';
import { copyLine } from './pg-pool.ts';

/** The scratch tables these tests make. */
interface Scratch {
  bulk_rows: {
    id: number;
    label: string | null;
    amount: number | null;
    ratio: number | null;
    note: string | null;
  };
  bulk_totals: { org: string; period: string; n: number; m: number; label: string | null };
  bulk_ids: { id: string };
}

interface Total {
  org: string;
  period: string;
  n: number;
  m: number;
  label: string | null;
}

/** Text that each engine's bulk path must carry exactly. */
const AWKWARD = [
  'tab\there',
  'line\nbreak',
  'carriage\rreturn',
  'windows\r\nline',
  'back\\slash',
  '\\N',
  '\\',
  '\\\\t not a tab',
  'quote " double',
  "quote ' single",
  'comma, separated',
  'café, crème brûlée é',
  'emoji 🔥 👩🏽‍⚕️',
  '',
  '  spaces around  ',
  'NULL',
  '=1+1',
  'mix\t\n\r\\"\',é🔥',
] as const;

const awkward = (i: number): string => AWKWARD[i % AWKWARD.length]!;

/** Plain objects, so rows from either driver compare by value. */
const plain = <T extends object>(rows: readonly T[]): T[] => rows.map((r) => ({ ...r }));

describe('bulkInsert and isIn', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let db: Kysely<Scratch>;

  before(async () => {
    database = await freshDatabase();
    db = database.conn.db as unknown as Kysely<Scratch>;
    await sql`create table bulk_rows (id integer primary key, label text, amount integer, ratio double precision, note text)`.execute(
      db,
    );
    await sql`create table bulk_totals (org text not null, period text not null, n integer not null, m integer not null, label text, primary key (org, period))`.execute(
      db,
    );
    await sql`create table bulk_ids (id text primary key)`.execute(db);
  });
  after(() => database.drop());

  async function totals(from: Kysely<Scratch> = db): Promise<Total[]> {
    const rows = await from
      .selectFrom('bulk_totals')
      .selectAll()
      .orderBy('org')
      .orderBy('period')
      .execute();
    return plain(rows).map((r) => ({ ...r, n: Number(r.n), m: Number(r.m) }));
  }

  async function clearTotals(): Promise<void> {
    await db.deleteFrom('bulk_totals').execute();
  }

  it('inserts 12,345 rows of awkward text, numbers and nulls, and reads them back exactly', async () => {
    const rows: Scratch['bulk_rows'][] = Array.from({ length: 12_345 }, (_, i) => ({
      id: i + 1,
      label: i % 3 === 0 ? awkward(i) : `${awkward(i)}-${i}`,
      amount: i % 4 === 0 ? null : (i % 2 === 0 ? -1 : 1) * i * 7919,
      ratio: i % 6 === 0 ? null : i / 8,
      note: i % 5 === 0 ? null : awkward(i * 7 + 3),
    }));
    // Every awkward value appears whole, and next to a null, somewhere in the file.
    for (const [k, text] of AWKWARD.entries()) {
      rows[k * 3] = { id: k * 3 + 1, label: text, amount: null, ratio: null, note: text };
    }
    await bulkInsert(db, 'bulk_rows', rows);
    const back = await db.selectFrom('bulk_rows').selectAll().orderBy('id').execute();
    assert.equal(back.length, rows.length);
    const normalised = plain(back).map((r) => ({
      ...r,
      id: Number(r.id),
      amount: r.amount === null ? null : Number(r.amount),
      ratio: r.ratio === null ? null : Number(r.ratio),
    }));
    for (let i = 0; i < rows.length; i++) {
      if (JSON.stringify(normalised[i]) !== JSON.stringify(rows[i]))
        assert.deepEqual(normalised[i], rows[i], `row ${i + 1} differs`);
    }
    assert.deepEqual(normalised, rows);
    // An empty string is not a null, and the two-character text \N is neither.
    const empties = await db.selectFrom('bulk_rows').select('id').where('label', '=', '').execute();
    assert.ok(empties.length > 0);
    const backslashN = await db
      .selectFrom('bulk_rows')
      .select('id')
      .where('label', '=', '\\N')
      .execute();
    assert.ok(backslashN.length > 0);
  });

  it('writes rows packed elsewhere (as the import does on its checking thread), exactly', async () => {
    const rows: Scratch['bulk_rows'][] = AWKWARD.map((text, k) => ({
      id: 100_000 + k,
      label: text,
      amount: k % 2 ? null : k,
      ratio: k % 3 ? k / 4 : null,
      note: k % 2 ? text : null,
    }));
    // Packed rows cross between threads by structured clone, as here.
    const packed = structuredClone(packRows(dialectOf(db), rows));
    assert.equal(packed.count, rows.length);
    await db.transaction().execute((trx) => insertPacked(trx, 'bulk_rows', packed));
    const back = await db
      .selectFrom('bulk_rows')
      .selectAll()
      .where('id', '>=', 100_000)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      plain(back).map((r) => ({
        ...r,
        id: Number(r.id),
        amount: r.amount === null ? null : Number(r.amount),
        ratio: r.ratio === null ? null : Number(r.ratio),
      })),
      rows,
    );
    await db.deleteFrom('bulk_rows').where('id', '>=', 100_000).execute();
  });

  it('refuses rows packed for the other engine, names it cannot trust, or no transaction', async () => {
    const other = dialectOf(db) === 'postgres' ? 'sqlite' : 'postgres';
    const row = [{ id: 200_000, label: 'x', amount: 1, ratio: 1, note: null }];
    await assert.rejects(
      db.transaction().execute((trx) => insertPacked(trx, 'bulk_rows', packRows(other, row))),
      /packed for/,
    );
    await assert.rejects(
      db
        .transaction()
        .execute((trx) => insertPacked(trx, 'bulk_rows; drop', packRows(dialectOf(db), row))),
      /unsafe name/,
    );
    await assert.rejects(
      insertPacked(db, 'bulk_rows', packRows(dialectOf(db), row)),
      /inside a transaction/,
    );
    assert.equal(
      (await db.selectFrom('bulk_rows').select('id').where('id', '=', 200_000).execute()).length,
      0,
    );
  });

  it('does nothing for an empty list (not even look at the table)', async () => {
    await bulkInsert(db, 'no_such_table', []);
    await bulkInsert(db, 'no_such_table', [], { keys: ['id'], add: ['n'] });
  });

  it('upserts with add: existing totals grow, new keys are inserted, other columns stay', async () => {
    await clearTotals();
    const conflict = { keys: ['org', 'period'], add: ['n', 'm'] };
    await bulkInsert(
      db,
      'bulk_totals',
      [
        { org: 'a', period: '2026-01', n: 1, m: 10, label: 'first' },
        { org: 'a', period: '2026-02', n: 2, m: 20, label: 'second' },
      ],
      conflict,
    );
    await bulkInsert(
      db,
      'bulk_totals',
      [
        { org: 'a', period: '2026-02', n: 5, m: -3, label: 'ignored' },
        { org: 'b', period: '2026-01', n: 7, m: 0, label: "o'new" },
      ],
      conflict,
    );
    assert.deepEqual(await totals(), [
      { org: 'a', period: '2026-01', n: 1, m: 10, label: 'first' },
      { org: 'a', period: '2026-02', n: 7, m: 17, label: 'second' },
      { org: 'b', period: '2026-01', n: 7, m: 0, label: "o'new" },
    ]);
  });

  it('upserts with replace: stored values are replaced by the new ones', async () => {
    await clearTotals();
    await bulkInsert(db, 'bulk_totals', [
      { org: 'a', period: '2026-01', n: 1, m: 10, label: 'old' },
      { org: 'a', period: '2026-02', n: 2, m: 20, label: 'old' },
    ]);
    await bulkInsert(
      db,
      'bulk_totals',
      [
        { org: 'a', period: '2026-02', n: 9, m: 99, label: 'new\ttext\n' },
        { org: 'c', period: '2026-03', n: 3, m: 30, label: null },
      ],
      { keys: ['org', 'period'], replace: ['n', 'label'] },
    );
    assert.deepEqual(await totals(), [
      { org: 'a', period: '2026-01', n: 1, m: 10, label: 'old' },
      { org: 'a', period: '2026-02', n: 9, m: 20, label: 'new\ttext\n' },
      { org: 'c', period: '2026-03', n: 3, m: 30, label: null },
    ]);
  });

  it('upserts with add and replace together, and with neither leaves existing rows alone', async () => {
    await clearTotals();
    await bulkInsert(db, 'bulk_totals', [
      { org: 'a', period: '2026-01', n: 1, m: 10, label: 'old' },
    ]);
    await bulkInsert(db, 'bulk_totals', [{ org: 'a', period: '2026-01', n: 4, m: 5, label: 'x' }], {
      keys: ['org', 'period'],
      add: ['n'],
      replace: ['label'],
    });
    await bulkInsert(
      db,
      'bulk_totals',
      [
        { org: 'a', period: '2026-01', n: 100, m: 100, label: 'not used' },
        { org: 'z', period: '2026-01', n: 1, m: 1, label: 'inserted' },
      ],
      { keys: ['org', 'period'] },
    );
    assert.deepEqual(await totals(), [
      { org: 'a', period: '2026-01', n: 5, m: 10, label: 'x' },
      { org: 'z', period: '2026-01', n: 1, m: 1, label: 'inserted' },
    ]);
  });

  it('upserts 12,000 rows outside a transaction, twice', async () => {
    await clearTotals();
    const rows = Array.from({ length: 12_000 }, (_, i) => ({
      org: `org-${i % 40}`,
      period: `p-${String(i).padStart(5, '0')}`,
      n: i,
      m: 1,
      label: awkward(i),
    }));
    const conflict = { keys: ['org', 'period'], add: ['n', 'm'] };
    await bulkInsert(db, 'bulk_totals', rows, conflict);
    await bulkInsert(db, 'bulk_totals', rows, conflict);
    const back = await totals();
    assert.equal(back.length, 12_000);
    const byKey = new Map(back.map((r) => [`${r.org}|${r.period}`, r]));
    for (const r of rows) {
      assert.deepEqual(byKey.get(`${r.org}|${r.period}`), { ...r, n: 2 * r.n, m: 2 });
    }
  });

  it('upserts twice into the same table inside one transaction, and the transaction sees both', async () => {
    await clearTotals();
    const conflict = { keys: ['org', 'period'], add: ['n', 'm'] };
    const first = Array.from({ length: 1_200 }, (_, i) => ({
      org: 'a',
      period: String(i).padStart(4, '0'),
      n: 1,
      m: i,
      label: null,
    }));
    const inside = await db.transaction().execute(async (trx) => {
      await bulkInsert(trx, 'bulk_totals', first, conflict);
      await bulkInsert(
        trx,
        'bulk_totals',
        [...first.slice(0, 600), { org: 'b', period: '0000', n: 5, m: 5, label: 'b' }],
        conflict,
      );
      // A plain insert of another table in the same transaction still works after the upserts.
      await bulkInsert(trx, 'bulk_ids', [{ id: 'in-transaction' }]);
      await bulkInsert(trx, 'bulk_totals', [{ org: 'b', period: '0000', n: 1, m: 1, label: 'c' }], {
        keys: ['org', 'period'],
        add: ['n'],
        replace: ['label'],
      });
      return totals(trx);
    });
    const expected = [
      ...first.map((r, i) => ({ ...r, n: i < 600 ? 2 : 1, m: i < 600 ? 2 * r.m : r.m })),
      { org: 'b', period: '0000', n: 6, m: 5, label: 'c' },
    ];
    assert.deepEqual(inside, expected);
    assert.deepEqual(await totals(), expected);
    await db.deleteFrom('bulk_ids').where('id', '=', 'in-transaction').execute();
  });

  it('joins the open transaction: a rollback takes back plain inserts and upserts', async () => {
    await clearTotals();
    await bulkInsert(db, 'bulk_totals', [{ org: 'a', period: '1', n: 1, m: 1, label: 'kept' }]);
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await bulkInsert(
          trx,
          'bulk_ids',
          Array.from({ length: 1_500 }, (_, i) => ({ id: `rolled-back-${i}` })),
        );
        await bulkInsert(
          trx,
          'bulk_totals',
          [
            { org: 'a', period: '1', n: 100, m: 100, label: 'gone' },
            { org: 'new', period: '1', n: 1, m: 1, label: 'gone' },
          ],
          { keys: ['org', 'period'], add: ['n', 'm'], replace: ['label'] },
        );
        throw new Error('stop here');
      }),
      /stop here/,
    );
    assert.deepEqual(await totals(), [{ org: 'a', period: '1', n: 1, m: 1, label: 'kept' }]);
    const ids = await db
      .selectFrom('bulk_ids')
      .select('id')
      .where('id', 'like', 'rolled-back-%')
      .execute();
    assert.equal(ids.length, 0);
    // And an upsert after the rolled-back one starts clean (no rows left in a scratch table).
    await bulkInsert(db, 'bulk_totals', [{ org: 'a', period: '1', n: 1, m: 1, label: 'kept' }], {
      keys: ['org', 'period'],
      add: ['n'],
    });
    assert.deepEqual(await totals(), [{ org: 'a', period: '1', n: 2, m: 1, label: 'kept' }]);
  });

  it('refuses unsafe table, column and key names, and writes nothing', async () => {
    await clearTotals();
    const row = { org: 'a', period: '1', n: 1, m: 1, label: null };
    const cases: [string, object[], { keys: string[]; add?: string[] } | undefined][] = [
      ['bulk_totals; drop table bulk_ids', [row], undefined],
      ['Bulk_totals', [row], undefined],
      ['"bulk_totals"', [row], undefined],
      ['1bulk', [row], undefined],
      ['bulk_totals', [{ ...row, 'label) values (1); --': 'x' }], undefined],
      ['bulk_totals', [{ org: 'a', Period: '1', n: 1, m: 1 }], undefined],
      ['bulk_totals', [{ org: 'a', 'per iod': '1', n: 1, m: 1 }], undefined],
      ['bulk_totals', [row], { keys: ['org', 'period); drop table bulk_ids; --'], add: ['n'] }],
      ['bulk_totals', [row], { keys: ['org', 'pe-riod'] }],
    ];
    for (const [table, rows, conflict] of cases) {
      await assert.rejects(
        bulkInsert(db, table, rows, conflict),
        /unsafe name/,
        `${table} ${JSON.stringify(rows[0])} ${JSON.stringify(conflict)}`,
      );
    }
    assert.deepEqual(await totals(), []);
    // The table the injections name is still there.
    await db.selectFrom('bulk_ids').select('id').execute();
  });

  it('refuses unsafe names in add and replace too', async () => {
    await clearTotals();
    const row = { org: 'a', period: '1', n: 1, m: 1, label: null };
    await assert.rejects(
      bulkInsert(db, 'bulk_totals', [row], { keys: ['org', 'period'], add: ['n; --'] }),
      /unsafe name/,
    );
    await assert.rejects(
      bulkInsert(db, 'bulk_totals', [row], { keys: ['org', 'period'], replace: ['Label'] }),
      /unsafe name/,
    );
  });

  describe('isIn', () => {
    const idOf = (i: number): string =>
      [`o'brien-${i}`, `say "hi" ${i}`, `back\\slash,{brace}-${i}`, `plain-${i}`][i % 4]!;

    before(async () => {
      await bulkInsert(db, 'bulk_ids', [
        ...Array.from({ length: 20_000 }, (_, i) => ({ id: idOf(i) })),
        { id: 'NULL' },
      ]);
    });

    const find = async (values: readonly string[]): Promise<string[]> =>
      (
        await db
          .selectFrom('bulk_ids')
          .select('id')
          .where(isIn(db, 'id', values))
          .execute()
      )
        .map((r) => r.id)
        .sort();

    it('finds exactly the one row for a list of one', async () => {
      assert.deepEqual(await find([`o'brien-0`]), [`o'brien-0`]);
      assert.deepEqual(await find([`say "hi" 1`]), [`say "hi" 1`]);
      assert.deepEqual(await find(['NULL']), ['NULL']);
      assert.deepEqual(await find([`o'brien-1`]), []);
    });

    it('finds exactly the matching rows for a list of 20,000 values with quotes', async () => {
      const present = Array.from({ length: 10_000 }, (_, k) => idOf(2 * k + 1));
      const absent = Array.from({ length: 10_000 }, (_, k) => `${idOf(2 * k + 1)}'x`);
      const values = present.flatMap((p, k) => [p, absent[k]!]);
      assert.equal(values.length, 20_000);
      assert.deepEqual(await find(values), [...present].sort());
    });

    it('works inside a transaction and with other conditions', async () => {
      const got = await db.transaction().execute((trx) =>
        trx
          .selectFrom('bulk_ids')
          .select('id')
          .where(isIn(trx, 'id', [idOf(0), idOf(1), idOf(2), idOf(3)]))
          .where('id', 'like', 'plain-%')
          .execute(),
      );
      assert.deepEqual(plain(got), [{ id: 'plain-3' }]);
    });
  });
});

/** Decodes one line of PostgreSQL's COPY text format (the reverse of `copyLine`). */
function decodeCopyLine(line: string): (string | null)[] {
  assert.ok(line.endsWith('\n'));
  return line
    .slice(0, -1)
    .split('\t')
    .map((field) =>
      field === '\\N'
        ? null
        : field.replace(
            /\\(.)/g,
            (_, c: string) => ({ '\\': '\\', t: '\t', r: '\r', n: '\n' })[c] ?? `\\${c}`,
          ),
    );
}

describe('copyLine (PostgreSQL COPY text format)', () => {
  it('separates fields with tabs, ends with a line feed, and writes null as \\N', () => {
    assert.equal(copyLine(['a', 1, null, undefined, 'b']), 'a\t1\t\\N\t\\N\tb\n');
    assert.equal(copyLine([]), '\n');
    assert.equal(copyLine(['']), '\n');
    assert.equal(copyLine([null]), '\\N\n');
  });

  it('escapes backslash, tab, carriage return and line feed', () => {
    assert.equal(copyLine(['a\\b']), 'a\\\\b\n');
    assert.equal(copyLine(['c\td']), 'c\\td\n');
    assert.equal(copyLine(['e\rf']), 'e\\rf\n');
    assert.equal(copyLine(['g\nh']), 'g\\nh\n');
    assert.equal(copyLine(['\r\n\t\\']), '\\r\\n\\t\\\\\n');
    // The text \N is not a null once escaped.
    assert.equal(copyLine(['\\N']), '\\\\N\n');
    assert.equal(copyLine(['quote " and \' comma, é 🔥']), 'quote " and \' comma, é 🔥\n');
  });

  it('writes numbers, bigints and booleans as PostgreSQL reads them', () => {
    assert.equal(copyLine([0, -1, 1.5, 1e21, 10n, true, false]), '0\t-1\t1.5\t1e+21\t10\tt\tf\n');
  });

  it('refuses a NUL character, which COPY cannot carry', () => {
    assert.throws(() => copyLine(['before\0after']), /NUL/);
    assert.throws(() => copyLine(['ok', '\0']), /NUL/);
  });

  it('round-trips awkward text through the text format', () => {
    const values = [...AWKWARD, null, 'a\\tb', 'end\\'];
    const line = copyLine(values);
    assert.equal(line.split('\n').length, 2, 'one line only');
    assert.deepEqual(decodeCopyLine(line), values);
  });
});

describe('node:sqlite adapter', () => {
  /** An adapter over an in-memory database that counts how often SQL is compiled. */
  function counted() {
    const real = new DatabaseSync(':memory:');
    const count = { prepared: 0 };
    const handle = {
      prepare(text: string) {
        count.prepared++;
        return real.prepare(text);
      },
      close() {
        real.close();
      },
    } as unknown as DatabaseSync;
    return { adapter: adaptNodeSqlite(handle), count, real };
  }

  const valueOf = (rows: unknown[]): number => (rows[0] as { v: number }).v;

  it('compiles the same SQL once and reuses it with new parameters', () => {
    const { adapter, count } = counted();
    for (let i = 0; i < 50; i++) {
      const statement = adapter.prepare('select ? * 2 as v');
      assert.equal(valueOf(statement.all([i]) as unknown[]), i * 2);
    }
    assert.equal(count.prepared, 1);
    adapter.close();
  });

  it('gives right answers for 250 distinct statements, more than the cache holds', () => {
    const { adapter, count } = counted();
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 250; i++) {
        const statement = adapter.prepare(`select ${i} + ? as v`);
        assert.equal(statement.reader, true);
        assert.equal(valueOf(statement.all([round * 1000]) as unknown[]), i + round * 1000);
      }
    }
    // Cycling through more statements than fit evicts each before its next use.
    assert.equal(count.prepared, 500);
    adapter.close();
  });

  it('evicts the least recently used statement, not the oldest compiled', () => {
    const { adapter, count } = counted();
    const ask = (i: number) =>
      valueOf(adapter.prepare(`select ${i} + ? as v`).all([1]) as unknown[]);
    for (let i = 0; i < 200; i++) assert.equal(ask(i), i + 1);
    assert.equal(count.prepared, 200);
    assert.equal(ask(0), 1); // used again: now the most recent
    assert.equal(count.prepared, 200);
    assert.equal(ask(200), 201); // one more than fits: statement 1 goes
    assert.equal(count.prepared, 201);
    assert.equal(ask(0), 1);
    assert.equal(count.prepared, 201);
    assert.equal(ask(1), 2);
    assert.equal(count.prepared, 202);
    adapter.close();
  });

  it('tells readers (including RETURNING) from writers', () => {
    const { adapter } = counted();
    adapter.prepare('create table t (id integer primary key, b text)').run([]);
    assert.equal(adapter.prepare('select id from t').reader, true);
    assert.equal(adapter.prepare('insert into t (b) values (?)').reader, false);
    const returning = adapter.prepare('insert into t (b) values (?) returning id');
    assert.equal(returning.reader, true);
    assert.deepEqual(plain(returning.all(['x']) as object[]), [{ id: 1 }]);
    adapter.close();
  });

  it('runs a batch once per parameter row and counts the changes', () => {
    const { adapter, real } = counted();
    adapter.prepare('create table t (a integer primary key, b text, grp integer)').run([]);
    const insert = adapter.prepare('insert into t (a, b, grp) values (?, ?, ?)');
    const result = insert.run(
      batchOf([
        [1, 'one', 1],
        [2, 'two\ttab', 1],
        [3, null, 2],
        [4, 'four', 2],
        [5, 'five', 2],
      ]),
    );
    assert.equal(Number(result.changes), 5);
    assert.deepEqual(plain(real.prepare('select a, b from t order by a').all()), [
      { a: 1, b: 'one' },
      { a: 2, b: 'two\ttab' },
      { a: 3, b: null },
      { a: 4, b: 'four' },
      { a: 5, b: 'five' },
    ]);
    const ignore = adapter.prepare('insert or ignore into t (a, b, grp) values (?, ?, ?)');
    assert.equal(
      Number(
        ignore.run(
          batchOf([
            [1, 'dup', 9],
            [6, 'six', 3],
            [7, 'seven', 3],
          ]),
        ).changes,
      ),
      2,
    );
    const update = adapter.prepare('update t set b = ? where grp = ?');
    assert.equal(
      Number(
        update.run(
          batchOf([
            ['g1', 1],
            ['g2', 2],
            ['none', 99],
          ]),
        ).changes,
      ),
      5,
    );
    // A plain parameter list is one row, not a batch.
    const single = insert.run([8, 'eight', 4]);
    assert.equal(Number(single.changes), 1);
    assert.equal(Number(single.lastInsertRowid), 8);
    adapter.close();
  });

  it('batchOf copies the rows and leaves the caller’s list unmarked', () => {
    const rows = [[1, 'x']];
    const batch = batchOf(rows);
    assert.notEqual(batch, rows);
    assert.deepEqual([...batch], rows);
    assert.deepEqual(Object.getOwnPropertySymbols(rows), []);
  });

  it('runs batches through Kysely, counting affected rows, and rolls them back with the transaction', async () => {
    const real = new DatabaseSync(':memory:');
    const db = new Kysely<Scratch>({
      dialect: new SqliteDialect({ database: adaptNodeSqlite(real) }),
    });
    try {
      await sql`create table t (a integer primary key, b text not null)`.execute(db);
      const text = 'insert into t (a, b) values (?, ?)';
      const rows = Array.from({ length: 1_000 }, (_, i) => [i, `row ${i}`]);
      const result = await db.executeQuery(CompiledQuery.raw(text, batchOf(rows)));
      assert.equal(result.numAffectedRows, 1000n);
      await assert.rejects(
        db.transaction().execute(async (trx) => {
          await trx.executeQuery(
            CompiledQuery.raw(
              text,
              batchOf([
                [5000, 'ok'],
                [5001, 'ok'],
                [5002, null],
                [5003, 'never'],
              ]),
            ),
          );
        }),
        /NOT NULL/,
      );
      const count = real.prepare('select count(*) as n, max(a) as top from t').get() as {
        n: number;
        top: number;
      };
      assert.deepEqual({ ...count }, { n: 1000, top: 999 });
    } finally {
      await db.destroy();
    }
  });
});
