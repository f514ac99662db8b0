// check-language called as a function with in-memory streams.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { runCheckLanguage } from './check-language.ts';
import type { CheckLanguageFormat } from './check-language.ts';

async function run(format: CheckLanguageFormat, stdinText: string, file?: string) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await runCheckLanguage(
    { format, ...(file === undefined ? {} : { file }) },
    { stdin: Readable.from([Buffer.from(stdinText)]), stdout, stderr },
  );
  return { code, out, err };
}

describe('hearth check-language', () => {
  it('text: prints file:line:col like a linter and exits 1', async () => {
    const { code, out } = await run('text', 'Slept well.\nHe refused his depot.\n');
    assert.equal(code, 1);
    assert.match(out, /^<stdin>:2:4: medium blame: "refused": .+ Try: .+\[refused\]\n$/);
  });
  it('text: exits 0 and prints nothing when the wording is fine', async () => {
    const { code, out } = await run('text', 'Declined medication; we talked about side effects.');
    assert.equal(code, 0);
    assert.equal(out, '');
  });
  it('empty input is fine', async () => {
    assert.equal((await run('text', '')).code, 0);
    assert.equal((await run('json', '')).out, '[]\n');
  });
  it('json: prints an array of findings with positions', async () => {
    const { code, out } = await run('json', 'PD patient in room 4.');
    assert.equal(code, 1);
    const findings = JSON.parse(out) as { text: string; line: number; column: number }[];
    assert.deepEqual(
      findings.map((f) => [f.text, f.line, f.column]),
      [['PD patient', 1, 1]],
    );
  });
  it('reads a file and names it in the output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hearth-language-'));
    const file = join(dir, 'note.txt');
    writeFileSync(file, 'Known to services.');
    const { code, out } = await run('text', '', file);
    assert.equal(code, 1);
    assert.ok(out.startsWith(`${file}:1:1: low jargon`));
  });
  it('exits 2 when the file cannot be read', async () => {
    const { code, err } = await run('text', '', '/no/such/file.txt');
    assert.equal(code, 2);
    assert.match(err, /Could not read/);
  });
  it('jsonl: writes one line of findings per input line', async () => {
    const input = [
      JSON.stringify({ id: 'a', text: 'He refused.' }),
      JSON.stringify({ id: 'b', text: 'Slept well.' }),
    ].join('\n');
    const { code, out } = await run('jsonl', input);
    assert.equal(code, 1);
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; findings: unknown[] });
    assert.deepEqual(
      lines.map((l) => [l.id, l.findings.length]),
      [
        ['a', 1],
        ['b', 0],
      ],
    );
  });
  it('jsonl: reports malformed lines by number, checks the rest, exits 2', async () => {
    const input = [
      JSON.stringify({ id: 'a', text: 'Slept well.' }),
      '{not json',
      JSON.stringify({ id: 'c', words: 'no text field' }),
      JSON.stringify({ id: 'd', text: 'He absconded.' }),
    ].join('\n');
    const { code, out, err } = await run('jsonl', input);
    assert.equal(code, 2);
    assert.match(err, /line 2: not valid JSON/);
    assert.match(err, /line 3: needs a "text" string/);
    assert.deepEqual(
      out
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { id: string }).id),
      ['a', 'd'],
    );
  });
  it('rejects an unknown format with exit 2', async () => {
    const { code } = await run('yaml' as CheckLanguageFormat, 'text');
    assert.equal(code, 2);
  });
});
