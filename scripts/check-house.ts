/**
 * `npm run check` runs this: the rules that keep the house easy to live in, checked on every
 * source file under src/ (tests and data excepted). It prints each problem with its file and
 * exits 1 when there is any.
 *
 * - Layers: src/lib, src/db and src/web import no module (but src/db/database.ts gathers each
 *   module's row types from its tables.ts, which imports nothing above src/lib); a module imports another module only
 *   through its index.ts; only a module's web face (web.ts, web/) and commands (cli.ts, cli/)
 *   may import Fastify or src/web, so services and stores can run without HTTP.
 * - No import circle anywhere in src/.
 * - No source file over 500 lines and no function over 300 lines.
 * - Role checks live in each module's policy: elsewhere in a module there are no role names
 *   and no comparisons of an actor's role (a word that only looks like a role is marked
 *   `// house: not a role`).
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** One broken rule, in words a reviewer can act on. */
export interface HouseProblem {
  file: string;
  rule: 'layer' | 'circle' | 'size' | 'role';
  message: string;
}

/** A source file as the checks see it: its path relative to the repository and its text. */
export interface SourceFile {
  file: string;
  text: string;
}

export const MAX_FILE_LINES = 500;
export const MAX_FUNCTION_LINES = 300;

const ROLE_NAMES = new Set([
  'service_user',
  'practitioner',
  'unit_manager',
  'org_admin',
  'lived_experience_partner',
  'national_operator',
]);

/** Files whose role names are data, not checks: seeded demo people and generated records. */
const ROLE_DATA_FILES = /\/(demo|generate)\.ts$/;

type Place =
  | { layer: 'lib' | 'config' | 'db' | 'web' | 'top' }
  | { layer: 'module'; module: string; rest: string };

function placeOf(file: string): Place {
  const m = /^src\/modules\/([^/]+)\/(.+)$/.exec(file);
  if (m?.[1] && m[2]) return { layer: 'module', module: m[1], rest: m[2] };
  if (file.startsWith('src/lib/')) return { layer: 'lib' };
  if (file.startsWith('src/db/')) return { layer: 'db' };
  if (file.startsWith('src/web/')) return { layer: 'web' };
  if (file === 'src/config.ts') return { layer: 'config' };
  return { layer: 'top' };
}

/** A module file that may speak HTTP or the command line. */
function isFace(rest: string): boolean {
  return /^(web\.ts|web\/|cli\.ts|cli\/)/.test(rest);
}

/** The face files other layers may import from a module. */
function isPublicFace(rest: string): boolean {
  return rest === 'index.ts' || rest === 'web.ts' || rest === 'cli.ts';
}

interface ImportRef {
  spec: string;
  line: number;
}

function importsOf(source: ts.SourceFile): ImportRef[] {
  const refs: ImportRef[] = [];
  const add = (node: ts.Node, spec: ts.Expression | undefined) => {
    if (spec && ts.isStringLiteral(spec)) {
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      refs.push({ spec: spec.text, line });
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
      add(node, node.moduleSpecifier);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0]
    ) {
      add(node, node.arguments[0]);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return refs;
}

function checkLayer(file: string, target: string | null, spec: string): string | null {
  const from = placeOf(file);
  if (target === null) {
    // A package: only faces and the composition root speak HTTP.
    const http = spec === 'fastify' || spec.startsWith('@fastify/');
    if (!http) return null;
    if (from.layer === 'web' || from.layer === 'top') return null;
    if (from.layer === 'module' && isFace(from.rest)) return null;
    return `imports ${spec}; only web.ts, web/ and cli files may speak HTTP`;
  }
  if (!target.startsWith('src/')) return null;
  const to = placeOf(target);
  switch (from.layer) {
    case 'lib':
      return to.layer === 'lib' ? null : `src/lib imports ${target}; lib is the bottom layer`;
    case 'config':
      return to.layer === 'lib' || to.layer === 'config' ? null : `config imports ${target}`;
    case 'db':
      // database.ts types the whole database from each module's row types (declarations only).
      if (file === 'src/db/database.ts' && to.layer === 'module' && to.rest === 'tables.ts') {
        return null;
      }
      return to.layer === 'module' || to.layer === 'web' || to.layer === 'top'
        ? `src/db imports ${target}; the database layer knows no module or page`
        : null;
    case 'web':
      return to.layer === 'module' || to.layer === 'top'
        ? `src/web imports ${target}; the web layer knows no module (modules plug in through WebModule)`
        : null;
    case 'module': {
      if (from.rest === 'tables.ts' && to.layer !== 'lib' && target !== file) {
        return `imports ${target}; row types (tables.ts) stand on src/lib alone, as src/db reads them`;
      }
      if (to.layer === 'top') return `a module imports ${target}, a layer above it`;
      if (to.layer === 'web' && !isFace(from.rest)) {
        return `imports ${target}; only web.ts, web/ and cli files may use the web layer`;
      }
      if (to.layer !== 'module' || to.module === from.module) return null;
      return to.rest === 'index.ts'
        ? null
        : `reaches inside the ${to.module} module (${target}); import its index.ts`;
    }
    case 'top':
      return to.layer === 'module' && !isPublicFace(to.rest)
        ? `reaches inside the ${to.module} module (${target}); import its index.ts, web.ts or cli.ts`
        : null;
  }
}

function functionName(node: ts.Node, source: ts.SourceFile): string {
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name !== undefined) {
    return node.name.getText(source);
  }
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent)) return parent.name.getText(source);
  if (parent && ts.isPropertyAssignment(parent)) return parent.name.getText(source);
  return '(anonymous function)';
}

function lineOf(source: ts.SourceFile, node: ts.Node): number {
  return source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
}

/**
 * A word that happens to be a role's name but means something else (a choice in a form, say)
 * is marked `// house: not a role` on its line or the line above.
 */
function saysNotARole(source: ts.SourceFile, node: ts.Node): boolean {
  const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
  const lines = source.text.split('\n');
  return [lines[line], lines[line - 1]].some((l) => l?.includes('house: not a role'));
}

function sizeAndRoleProblems(file: string, source: ts.SourceFile): HouseProblem[] {
  const problems: HouseProblem[] = [];
  const lines = source.text.split('\n').length - (source.text.endsWith('\n') ? 1 : 0);
  if (lines > MAX_FILE_LINES) {
    problems.push({
      file,
      rule: 'size',
      message: `${lines} lines; split it by capability (at most ${MAX_FILE_LINES})`,
    });
  }
  const place = placeOf(file);
  const checksRoles =
    place.layer === 'module' &&
    !/(^|\/)policy(\.ts|\/)/.test(place.rest) &&
    !ROLE_DATA_FILES.test(file);
  const isRoleProperty = (e: ts.Expression) =>
    ts.isPropertyAccessExpression(e) && e.name.text === 'role';
  const visit = (node: ts.Node): void => {
    if (
      ts.isFunctionDeclaration(node) ||
      ts.isFunctionExpression(node) ||
      ts.isArrowFunction(node) ||
      ts.isMethodDeclaration(node)
    ) {
      const start = lineOf(source, node);
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line + 1;
      if (end - start + 1 > MAX_FUNCTION_LINES) {
        problems.push({
          file,
          rule: 'size',
          message: `${functionName(node, source)} (line ${start}) is ${end - start + 1} lines (at most ${MAX_FUNCTION_LINES})`,
        });
      }
    }
    if (checksRoles) {
      if (
        (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) &&
        ROLE_NAMES.has(node.text) &&
        !ts.isImportDeclaration(node.parent) &&
        !ts.isLiteralTypeNode(node.parent) &&
        !saysNotARole(source, node)
      ) {
        problems.push({
          file,
          rule: 'role',
          message: `line ${lineOf(source, node)} names the role '${node.text}'; ask the module's policy instead`,
        });
      }
      if (
        ts.isBinaryExpression(node) &&
        [
          ts.SyntaxKind.EqualsEqualsEqualsToken,
          ts.SyntaxKind.ExclamationEqualsEqualsToken,
        ].includes(node.operatorToken.kind) &&
        (isRoleProperty(node.left) || isRoleProperty(node.right))
      ) {
        problems.push({
          file,
          rule: 'role',
          message: `line ${lineOf(source, node)} compares a role; ask the module's policy instead`,
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return problems;
}

/** The repository path a relative import names, or null for a package. */
function resolveImport(file: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  return path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
}

/** Finds the import circles: each strongly connected group of more than one file, or a self-import. */
export function findCircles(graph: Map<string, string[]>): string[][] {
  // Tarjan's algorithm, iterative so a deep tree cannot overflow the stack.
  let counter = 0;
  const order = new Map<string, { index: number; low: number }>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const circles: string[][] = [];
  const visit = (node: string) => {
    order.set(node, { index: counter, low: counter });
    counter++;
    stack.push(node);
    onStack.add(node);
  };
  for (const root of graph.keys()) {
    if (order.has(root)) continue;
    const work: { node: string; edges: string[]; next: number }[] = [];
    visit(root);
    work.push({ node: root, edges: graph.get(root) ?? [], next: 0 });
    for (let frame = work.at(-1); frame; frame = work.at(-1)) {
      const mine = order.get(frame.node) ?? { index: 0, low: 0 };
      const to = frame.edges[frame.next++];
      if (to !== undefined) {
        const seen = order.get(to);
        if (!graph.has(to)) continue;
        if (!seen) {
          visit(to);
          work.push({ node: to, edges: graph.get(to) ?? [], next: 0 });
        } else if (onStack.has(to)) {
          mine.low = Math.min(mine.low, seen.index);
        }
        continue;
      }
      work.pop();
      const parent = work.at(-1);
      const parentOrder = parent && order.get(parent.node);
      if (parentOrder) parentOrder.low = Math.min(parentOrder.low, mine.low);
      if (mine.low !== mine.index) continue;
      const group: string[] = [];
      for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
        onStack.delete(member);
        group.push(member);
        if (member === frame.node) break;
      }
      if (group.length > 1 || frame.edges.includes(frame.node)) circles.push(group.sort());
    }
  }
  return circles;
}

/** Checks a set of source files against every house rule. */
export function checkHouse(files: readonly SourceFile[]): HouseProblem[] {
  const problems: HouseProblem[] = [];
  const known = new Set(files.map((f) => f.file));
  const graph = new Map<string, string[]>();
  for (const { file, text } of files) {
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const edges: string[] = [];
    for (const ref of importsOf(source)) {
      const target = resolveImport(file, ref.spec);
      if (target && known.has(target)) edges.push(target);
      const problem = checkLayer(file, target, ref.spec);
      if (problem) problems.push({ file, rule: 'layer', message: `line ${ref.line} ${problem}` });
    }
    graph.set(file, edges);
    problems.push(...sizeAndRoleProblems(file, source));
  }
  for (const circle of findCircles(graph)) {
    problems.push({
      file: circle[0] ?? '',
      rule: 'circle',
      message: `import circle through ${circle.join(' → ')}`,
    });
  }
  return problems;
}

/** The source files under src/ the rules apply to: TypeScript, not tests. */
export function readSourceTree(root: string): SourceFile[] {
  return fs
    .readdirSync(path.join(root, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => {
      const file = `src/${f.split(path.sep).join('/')}`;
      return { file, text: fs.readFileSync(path.join(root, file), 'utf8') };
    })
    .sort((a, b) => a.file.localeCompare(b.file));
}

if (import.meta.main) {
  const root = path.resolve(import.meta.dirname, '..');
  const files = readSourceTree(root);
  const problems = checkHouse(files);
  for (const p of problems) console.error(`${p.file}: [${p.rule}] ${p.message}`);
  if (problems.length > 0) {
    console.error(`\n${problems.length} house rule problem(s) in ${files.length} files.`);
    process.exit(1);
  }
  console.log(`House rules: ${files.length} source files, no problems.`);
}
