/**
 * Queries built and compiled once per shape: Kysely builds an operation tree and compiles it to
 * SQL on every call, which was 17-20% of the CPU of the nurse's home page. `compiledOnce` builds a
 * query once per database handle (and per length of each list value), with stand-in values, and
 * afterwards only puts the call's values into the kept SQL's parameters.
 *
 * The first build goes through Kysely's plugins like any query, so the test suite's tenancy guard
 * (test/tenant-guard.ts) checks the SQL every later call runs, and refuses it (nothing kept) when
 * a tenant table is not filtered on organisation_id. Later calls run through the same executor,
 * so result plugins still see them. The statement runs as a prepared statement (prepared.ts).
 */
import { createQueryId } from 'kysely';
import type { Compilable, CompiledQuery, InferResult, Kysely } from 'kysely';
import { Prepared } from './prepared.ts';

/** A stand-in for one value while the query is built: it must reach the SQL as a parameter. */
class Slot {
  readonly name: string;
  readonly index: number;
  constructor(name: string, index: number) {
    this.name = name;
    this.index = index;
  }
}

/** A kept statement: its SQL and, per parameter, where its value comes from. */
interface Kept {
  compiled: CompiledQuery;
  /** A Slot (the call's value goes there) or the constant the builder wrote. */
  sources: readonly unknown[];
}

/** Values of one call: scalars, or lists (one parameter per item, e.g. for `in`). */
export type CompiledValues = Record<string, unknown>;

/** Shapes kept per query and handle; a query with more list lengths than this is built per call. */
const MOST_SHAPES = 64;

/**
 * Wraps `build` so that it runs once per handle and shape. `build` must take every value that
 * varies from `values` and pass each one to Kysely as a value (never in a JavaScript decision, an
 * identifier or `sql.lit`): it is called with stand-ins, and a stand-in that does not reach the
 * SQL as a parameter is an error. Lists may differ in length between calls.
 */
export function compiledOnce<V extends CompiledValues, Q extends Compilable<unknown>>(
  build: (db: Kysely<never>, values: V) => Q,
): <DB>(db: Kysely<DB>, values: V) => Promise<InferResult<Q>> {
  const kept = new WeakMap<object, Map<string, Kept>>();
  return async (db, values) => {
    const handle = db as unknown as Kysely<never>;
    const shape = shapeOf(values);
    let shapes = kept.get(handle);
    if (!shapes) {
      shapes = new Map();
      kept.set(handle, shapes);
    }
    let entry = shapes.get(shape);
    if (!entry) {
      entry = keep(build, handle, values);
      if (shapes.size < MOST_SHAPES) shapes.set(shape, entry);
    }
    const parameters = entry.sources.map((source) => valueFor(source, values));
    const result = await handle.executeQuery({
      ...entry.compiled,
      // A fresh id per run: result plugins may key their per-query state on it.
      queryId: createQueryId(),
      parameters: [new Prepared(parameters)],
    });
    return result.rows as InferResult<Q>;
  };
}

/** The lengths of the list values: one kept statement per combination. */
function shapeOf(values: CompiledValues): string {
  let shape = '';
  for (const [name, value] of Object.entries(values)) {
    if (Array.isArray(value)) shape += `${name}:${value.length};`;
  }
  return shape;
}

/** Builds and compiles with stand-ins (through every plugin), and checks each one was bound. */
function keep<V extends CompiledValues>(
  build: (db: Kysely<never>, values: V) => Compilable<unknown>,
  db: Kysely<never>,
  values: V,
): Kept {
  const standIns: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    standIns[name] = Array.isArray(value)
      ? value.map((_, i) => new Slot(name, i))
      : new Slot(name, -1);
  }
  const compiled = build(db, standIns as V).compile();
  const bound = new Set<string>();
  for (const parameter of compiled.parameters) {
    if (parameter instanceof Slot) bound.add(`${parameter.name}:${parameter.index}`);
  }
  for (const [name, value] of Object.entries(values)) {
    const needed = Array.isArray(value) ? value.map((_, i) => i) : [-1];
    if (needed.some((i) => !bound.has(`${name}:${i}`))) {
      throw new Error(`compiledOnce: the value "${name}" must reach the SQL as a parameter`);
    }
  }
  return { compiled, sources: compiled.parameters };
}

/** The call's value for one parameter of the kept statement. */
function valueFor(source: unknown, values: CompiledValues): unknown {
  if (!(source instanceof Slot)) return source;
  const value = values[source.name];
  return source.index < 0 ? value : (value as readonly unknown[])[source.index];
}
