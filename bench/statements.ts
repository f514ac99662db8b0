/**
 * `npm exec -- node bench/statements.ts [--dialect sqlite|postgres] [--page /|glance] [--as email] [--plans]`
 *
 * Lists every SQL statement one request runs: builds Hearth in this process over the bench
 * database with a Kysely plugin that records each query, signs in, requests the page once to
 * warm up and once to count, and prints the statements in order with their count. `--page glance`
 * is the first plan of /plans at a glance (as bench/http.ts and bench/cpu.ts request it).
 */
import type { AddressInfo } from 'node:net';
import type { SQLInputValue } from 'node:sqlite';
import type { CompiledQuery, QueryExecutor } from 'kysely';
import { Prepared } from '../src/db/prepared.ts';
import { connect } from '../src/db/index.ts';
import { createApp, createServices } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { getPage, prepareDatabase, signIn } from './http-setup.ts';

const args = process.argv.slice(2);
function arg(name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return (i >= 0 ? args[i + 1] : undefined) ?? fallback;
}
const dialect = arg('dialect', 'sqlite') as 'sqlite' | 'postgres';
const page = arg('page', '/');
const email = arg('as', 'jo@demo.hearth.test');
const showPlans = args.includes('--plans');
const showValues = args.includes('--values');
const pgAdmin =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres:hearth-ci@127.0.0.1:5432/postgres';

/** The statements of the counted request, in order, with their wall time through the executor. */
const recorded: { sql: string; parameters: readonly unknown[]; ms: number }[] = [];
let recording = false;

/**
 * Records at the executor rather than in a plugin: a plugin sees a query when it is built, and a
 * query kept by compiledOnce (src/db/compiled.ts) is built only once, then only executed. The
 * executor's class is patched, not the one object: a transaction (the audited write of the
 * at-a-glance page) runs on a new executor of the same class.
 */
function record(executor: QueryExecutor): void {
  const shared = Object.getPrototypeOf(executor) as QueryExecutor;
  const run = shared.executeQuery;
  shared.executeQuery = async function (this: QueryExecutor, compiled: CompiledQuery) {
    const at = performance.now();
    const result = await run.call(this, compiled);
    if (recording) {
      const only = compiled.parameters.length === 1 ? compiled.parameters[0] : undefined;
      const parameters = only instanceof Prepared ? only.values : compiled.parameters;
      recorded.push({ sql: compiled.sql, parameters, ms: performance.now() - at });
    }
    return result;
  } as QueryExecutor['executeQuery'];
}

/**
 * On SQLite, the statement alone (no Kysely, no driver): the mean of 200 runs straight on the
 * node:sqlite handle, so the engine's share can be told from the rest.
 */
function engineMs(sql: string, parameters: readonly unknown[]): string {
  if (!conn.sqliteHandle || !/^\s*select/i.test(sql)) return '-';
  const statement = conn.sqliteHandle.prepare(sql);
  const values = parameters as SQLInputValue[];
  statement.all(...values);
  const start = performance.now();
  for (let i = 0; i < 200; i++) statement.all(...values);
  return ((performance.now() - start) / 200).toFixed(3);
}

/** The first plan the signed-in person can see, at a glance (the page bench/http.ts times). */
async function glanceUrl(base: string, who: Awaited<ReturnType<typeof signIn>>): Promise<string> {
  const planId = /href="\/plans\/([\w-]{20,})"/.exec(await getPage(base, who, '/plans'))?.[1];
  if (!planId) throw new Error('no plan found on /plans');
  return `/plans/${planId}/at-a-glance`;
}

const bench = await prepareDatabase(dialect, 0, pgAdmin);
const conn = await connect(bench.url);
const db = conn.db.withoutPlugins();
record(db.getExecutor());
const config = loadConfig({ HEARTH_DATA_DIR: bench.dataDir, DATABASE_URL: bench.url });
const app = await createApp(createServices({ ...conn, db }, config), {
  logStream: { write: () => true } as unknown as NodeJS.WritableStream,
});
try {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const who = await signIn(base, email);
  const url = page === 'glance' ? await glanceUrl(base, who) : page;
  const get = () => fetch(`${base}${url}`, { headers: { cookie: who.cookie } });
  await (await get()).text();
  recording = true;
  const res = await get();
  await res.text();
  recording = false;
  console.log('   wall ms  sqlite ms  statement');
  for (const { sql, parameters, ms: spent } of recorded) {
    const ms = spent.toFixed(2).padStart(9);
    const values = showValues ? `  [${parameters.join(', ')}]` : '';
    console.log(
      `${ms}  ${engineMs(sql, parameters).padStart(9)}  ${sql.replace(/\s+/g, ' ')}${values}`,
    );
    if (showPlans && conn.sqliteHandle) {
      const plan = conn.sqliteHandle
        .prepare(`explain query plan ${sql}`)
        .all(...(parameters as SQLInputValue[]));
      for (const step of plan) console.log(`                      plan: ${String(step.detail)}`);
    }
  }
  console.log(JSON.stringify({ dialect, page, status: res.status, statements: recorded.length }));
} finally {
  await app.close();
  await conn.close();
  await bench.drop();
}
