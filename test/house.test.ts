/**
 * The house rules (scripts/check-house.ts): each rule is shown to fail on a small made-up tree,
 * and the real tree keeps them all.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  MAX_FILE_LINES,
  MAX_FUNCTION_LINES,
  checkHouse,
  findCircles,
  readSourceTree,
} from '../scripts/check-house.ts';
import type { SourceFile } from '../scripts/check-house.ts';

const root = path.resolve(import.meta.dirname, '..');

function messages(files: SourceFile[]): string[] {
  return checkHouse(files).map((p) => `${p.file} [${p.rule}] ${p.message}`);
}

describe('house rules', () => {
  it('finds import circles, and only circles', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
      ['e', ['e']],
    ]);
    assert.deepEqual(findCircles(graph), [['a', 'b', 'c'], ['e']]);
    assert.deepEqual(
      findCircles(
        new Map([
          ['x', ['y']],
          ['y', []],
        ]),
      ),
      [],
    );
  });

  it('refuses a circle between files', () => {
    const found = messages([
      { file: 'src/lib/a.ts', text: "import { b } from './b.ts';\nexport const a = 1;\n" },
      { file: 'src/lib/b.ts', text: "import { a } from './a.ts';\nexport const b = a;\n" },
    ]);
    assert.equal(found.length, 1);
    assert.match(found[0]!, /\[circle\] import circle through src\/lib\/a.ts → src\/lib\/b.ts/);
  });

  it('refuses a reach inside another module, and allows its index', () => {
    const found = messages([
      { file: 'src/modules/plans/service.ts', text: "import '../force/store.ts';\n" },
      { file: 'src/modules/plans/store.ts', text: "import '../force/index.ts';\n" },
      { file: 'src/app.ts', text: "import '../src/modules/force/web.ts';\n" },
    ]);
    assert.equal(found.length, 1);
    assert.match(found[0]!, /plans\/service.ts \[layer\].*reaches inside the force module/);
  });

  it('keeps Fastify and the web layer out of services and stores', () => {
    const found = messages([
      {
        file: 'src/modules/force/service.ts',
        text: "import type { FastifyReply } from 'fastify';\n",
      },
      { file: 'src/modules/force/store.ts', text: "import '../../web/forms.ts';\n" },
      {
        file: 'src/modules/force/web.ts',
        text: "import 'fastify';\nimport '../../web/forms.ts';\n",
      },
      { file: 'src/modules/force/web/incidents.ts', text: "import '@fastify/multipart';\n" },
    ]);
    assert.equal(found.length, 2);
    assert.match(found[0]!, /force\/service.ts \[layer\] line 1 imports fastify/);
    assert.match(found[1]!, /force\/store.ts \[layer\] line 1 imports src\/web\/forms.ts/);
  });

  it('keeps lower layers from importing modules', () => {
    const found = messages([
      { file: 'src/web/navigation.ts', text: "import '../modules/accounts/index.ts';\n" },
      { file: 'src/lib/x.ts', text: "import '../db/index.ts';\n" },
      {
        file: 'src/db/database.ts',
        text: "import type { T } from '../modules/force/tables.ts';\n",
      },
      { file: 'src/db/other.ts', text: "import type { T } from '../modules/force/tables.ts';\n" },
    ]);
    assert.equal(found.length, 3);
    assert.match(found[0]!, /src\/web\/navigation.ts \[layer\].*knows no module/);
    assert.match(found[1]!, /src\/lib\/x.ts \[layer\]/);
    assert.match(found[2]!, /src\/db\/other.ts \[layer\]/);
  });

  it('refuses long files and long functions', () => {
    const longFile = 'export const x = 1;\n'.repeat(MAX_FILE_LINES + 1);
    const body = '  x++;\n'.repeat(MAX_FUNCTION_LINES);
    const longFunction = `let x = 0;\nexport function grow() {\n${body}}\n`;
    const found = messages([
      { file: 'src/lib/long.ts', text: longFile },
      { file: 'src/lib/fn.ts', text: longFunction },
      { file: 'src/lib/ok.ts', text: 'export const x = 1;\n'.repeat(MAX_FILE_LINES) },
    ]);
    assert.equal(found.length, 2);
    assert.match(found[0]!, /long.ts \[size\] 501 lines/);
    assert.match(found[1]!, /fn.ts \[size\] grow \(line 2\) is 302 lines/);
  });

  it('keeps role checks in the policy', () => {
    const found = messages([
      {
        file: 'src/modules/force/web/panels.ts',
        text: "export const f = (a: { role: string }) => a.role === 'org_admin';\n",
      },
      {
        file: 'src/modules/force/policy.ts',
        text: "export const f = (a: { role: string }) => a.role === 'org_admin';\n",
      },
      { file: 'src/modules/force/demo.ts', text: "export const r = 'practitioner';\n" },
      {
        file: 'src/modules/force/content.ts',
        text: "// house: not a role (a choice)\nexport const way = 'practitioner';\n",
      },
    ]);
    assert.equal(found.length, 2);
    assert.match(found[0]!, /panels.ts \[role\] line 1 compares a role/);
    assert.match(found[1]!, /panels.ts \[role\] line 1 names the role 'org_admin'/);
  });

  it('holds for every source file in src/', () => {
    const files = readSourceTree(root);
    assert.ok(files.length > 50, 'the tree was read');
    assert.deepEqual(messages(files), []);
  });
});
