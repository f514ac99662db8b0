/**
 * The test suite's tenancy guard: a Kysely plugin that refuses, with an error naming the table
 * and the SQL, any statement on a tenant table (one with an `organisation_id` column) that does
 * not filter on that table's organisation_id, unless it runs inside `acrossOrganisations`.
 * Every route and service test runs under it, so the whole suite is the proof. Statements a
 * test writes itself, to read back what the app stored, are not the app's and pass.
 */
import { SqliteQueryCompiler } from 'kysely';
import type { KyselyPlugin, RootOperationNode, UnknownRow, QueryResult } from 'kysely';
import type { Db } from '../src/db/index.ts';
import { crossingReason } from '../src/db/tenancy.ts';

/** The tables that carry organisation_id, read from the migrated database. */
export async function tenantTables(db: Db): Promise<Set<string>> {
  const tables = await db.introspection.getTables();
  return new Set(
    tables.filter((t) => t.columns.some((c) => c.name === 'organisation_id')).map((t) => t.name),
  );
}

const ident = String.raw`"?([A-Za-z_][\w]*)"?`;
const TABLE_REF = new RegExp(
  String.raw`\b(from|join|update|into)\s+"?([A-Za-z_]\w*)"?(?:\s+(?:as\s+)?"([A-Za-z_]\w*)")?`,
  'gi',
);
const FILTER_LEFT = new RegExp(
  String.raw`(?:${ident}\.)?"?organisation_id"?\s*(?:=|in\b|is\b|<>)`,
  'gi',
);
const FILTER_RIGHT = new RegExp(String.raw`=\s*(?:${ident}\.)?"?organisation_id"?`, 'gi');

/**
 * The tenant tables a statement reads or changes without filtering on their organisation_id
 * (empty when it keeps to one organisation). Inserts must name organisation_id among their
 * columns. A comparison on an unqualified organisation_id counts for every table.
 */
export function unfilteredTenantTables(sqlText: string, tenants: Set<string>): string[] {
  const text = sqlText.replace(/\s+/g, ' ');
  const refs: { table: string; names: string[]; insert: boolean }[] = [];
  for (const m of text.matchAll(TABLE_REF)) {
    const table = m[2]!;
    if (!tenants.has(table)) continue;
    const insert = m[1]!.toLowerCase() === 'into';
    refs.push({ table, names: [table, m[3] ?? table], insert });
  }
  if (refs.length === 0) return [];
  const filtered = new Set<string>();
  let unqualified = false;
  for (const re of [FILTER_LEFT, FILTER_RIGHT]) {
    for (const m of text.matchAll(re)) {
      if (m[1]) filtered.add(m[1]);
      else unqualified = true;
    }
  }
  const missing = new Set<string>();
  for (const ref of refs) {
    if (ref.insert) {
      const columns = new RegExp(String.raw`into "?${ref.table}"? \(([^)]*)\)`, 'i').exec(text);
      if (!columns?.[1]?.includes('organisation_id')) missing.add(ref.table);
      continue;
    }
    if (unqualified || ref.names.some((n) => filtered.has(n))) continue;
    missing.add(ref.table);
  }
  return [...missing];
}

/**
 * Whether the statement was written in a test file (a test reading the raw database to check
 * what the app did) rather than in Hearth's own code, which is what the guard is for.
 */
function builtByATest(): boolean {
  const frames = (new Error().stack ?? '').split('\n').slice(1);
  const first = frames.find(
    (f) => !f.includes('node_modules') && !f.includes('tenant-guard.ts') && f.includes('file://'),
  );
  return first !== undefined && (/\.test\.ts:/.test(first) || /\/test\/[^/]*\.ts:/.test(first));
}

/** The plugin: checks each statement as it is built, before it reaches the database. */
export function tenantGuard(
  tenants: Set<string>,
  options: { includeTests?: boolean } = {},
): KyselyPlugin {
  const compiler = new SqliteQueryCompiler();
  return {
    transformQuery({ node, queryId }) {
      if (crossingReason() !== undefined) return node;
      if (!options.includeTests && builtByATest()) return node;
      const compiled = compiler.compileQuery(node as RootOperationNode, queryId);
      const missing = unfilteredTenantTables(compiled.sql, tenants);
      if (missing.length > 0) {
        throw new Error(
          `Tenancy: a statement on ${missing.join(', ')} does not filter on organisation_id ` +
            `(filter it, or run it inside acrossOrganisations with a reason): ${compiled.sql}`,
        );
      }
      return node;
    },
    async transformResult(args: { result: QueryResult<UnknownRow> }) {
      return args.result;
    },
  };
}
