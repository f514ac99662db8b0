/**
 * `hearth check-language [FILE|-] --format text|json|jsonl`: runs the language checker
 * over a file or standard input. Exit status: 0 no findings, 1 findings, 2 bad input.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { checkText } from '../modules/language/index.ts';
import type { Finding } from '../modules/language/index.ts';

/** Output formats: linter-style text, one JSON array, or JSON Lines in and out. */
export const CHECK_LANGUAGE_FORMATS = ['text', 'json', 'jsonl'] as const;

/** An output format for check-language. */
export type CheckLanguageFormat = (typeof CHECK_LANGUAGE_FORMATS)[number];

interface Streams {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** Offsets of line starts, so any offset can be turned into line:column. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function position(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] as number) + 1 };
}

/** One line per finding, like a linter: file:line:col: severity category: message. */
export function formatFindingText(name: string, text: string, findings: Finding[]): string {
  const starts = lineStarts(text);
  return findings
    .map((f) => {
      const { line, column } = position(starts, f.start);
      const last = f.alternatives.at(-1) ?? '';
      const stop = /[.…]$/.test(last) ? '' : '.';
      const tryInstead =
        f.alternatives.length > 0 ? ` Try: ${f.alternatives.join('; ')}${stop}` : '';
      const quoted = f.text.replace(/\s+/g, ' ');
      return `${name}:${line}:${column}: ${f.severity} ${f.category}: "${quoted}": ${f.reason}${tryInstead} [${f.ruleId}]\n`;
    })
    .join('');
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function openInput(file: string | undefined, io: Streams): Promise<NodeJS.ReadableStream> {
  if (file === undefined || file === '-') return io.stdin;
  const info = await stat(file);
  if (!info.isFile()) throw new Error(`${file} is not a file`);
  return createReadStream(file);
}

function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (stream.write(text)) resolve();
    else stream.once('drain', resolve);
  });
}

async function runJsonl(input: NodeJS.ReadableStream, io: Streams): Promise<number> {
  let lineNumber = 0;
  let bad = 0;
  let found = 0;
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      bad++;
      await write(io.stderr, `line ${lineNumber}: not valid JSON; skipped\n`);
      continue;
    }
    const { id, text } = (record ?? {}) as { id?: unknown; text?: unknown };
    if (typeof record !== 'object' || typeof text !== 'string') {
      bad++;
      await write(io.stderr, `line ${lineNumber}: needs a "text" string; skipped\n`);
      continue;
    }
    const findings = checkText(text);
    found += findings.length;
    await write(io.stdout, `${JSON.stringify({ id: id ?? null, findings })}\n`);
  }
  if (bad > 0) return 2;
  return found > 0 ? 1 : 0;
}

/**
 * Runs check-language with the given input and streams; returns the exit status
 * (0 no findings, 1 findings, 2 bad input). Never throws for bad input.
 */
export async function runCheckLanguage(
  input: { file?: string; format: CheckLanguageFormat },
  io: Streams,
): Promise<number> {
  if (!CHECK_LANGUAGE_FORMATS.includes(input.format)) {
    await write(io.stderr, `Unknown format "${String(input.format)}": use text, json or jsonl.\n`);
    return 2;
  }
  let stream: NodeJS.ReadableStream;
  try {
    stream = await openInput(input.file, io);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await write(io.stderr, `Could not read ${input.file ?? 'input'}: ${reason}\n`);
    return 2;
  }
  try {
    if (input.format === 'jsonl') return await runJsonl(stream, io);
    const text = await readAll(stream);
    const findings = checkText(text);
    if (input.format === 'json') {
      const starts = lineStarts(text);
      const withPositions = findings.map((f) => ({ ...f, ...position(starts, f.start) }));
      await write(io.stdout, `${JSON.stringify(withPositions, null, 2)}\n`);
    } else {
      const name = input.file === undefined || input.file === '-' ? '<stdin>' : input.file;
      await write(io.stdout, formatFindingText(name, text, findings));
    }
    return findings.length > 0 ? 1 : 0;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await write(io.stderr, `Could not check ${input.file ?? 'input'}: ${reason}\n`);
    return 2;
  }
}
