/**
 * The import's checking thread. Reading, grouping and checking a large file, and laying its rows
 * out for the database, took about two thirds of an import's time on the main thread, where it
 * also held up the database: PostgreSQL waited for the next batch, and SQLite could not write
 * while JavaScript ran. Here it runs beside the writing.
 *
 * Messages from the main thread, and what this thread sends back:
 * - `read` (the file's text): `read`, with the number of rows and the ids they name, or the
 *   first reason the file cannot be read;
 * - `check` (what the register holds for those ids): a `batch` at a time, never more than two
 *   ahead of the main thread's `more`, then `end` with the totals not yet handed out;
 * - `more`: one more batch may be sent.
 * Anything thrown is sent back as `failed`; the main thread then rolls the import back.
 */
import { parentPort } from 'node:worker_threads';
import type { CsvRecord } from './csv.ts';
import { CALM_DOWN_COLUMNS, CSV_COLUMNS, readCsv } from './csv.ts';
import type { BuildContext, BuiltBatch, FileIds, ImportProblem } from './import-check.ts';
import { buildBatches, idsOf } from './import-check.ts';
import type { PackedRollups } from './rollups.ts';
import { emptyDeltas, rollupRowsOf, widenUnitDeltas } from './rollups.ts';
import { packRows } from '../../db/pack.ts';
import type { Engine } from '../../db/pack.ts';

/** What the register holds for the file's ids, as plain lists (they cross between threads). */
export interface KnownLists {
  organisationId: string;
  units: string[];
  people: string[];
  incidents: [string, string][];
  typeOwners: [string, string][];
  now: string;
}

/** A message to this thread. */
export type ToChecker =
  | { kind: 'read'; text: string }
  | {
      kind: 'check';
      known: KnownLists;
      context: Omit<BuildContext, 'existing'> & { existing: string[]; engine: Engine };
    }
  | { kind: 'more' };

/** A message from this thread. */
export type FromChecker =
  | { kind: 'read'; ok: false; problem: ImportProblem }
  | { kind: 'read'; ok: true; total: number; ids: FileIds }
  | { kind: 'batch'; batch: BuiltBatch }
  | { kind: 'end'; rollups: PackedRollups; periods: string[] }
  | { kind: 'failed'; message: string };

const port = parentPort;
if (!port) throw new Error('import-worker.ts runs as a worker thread');
const send = (message: FromChecker) => port.postMessage(message);

let file: { header: string[]; records: CsvRecord[]; together: boolean } | null = null;
let credits = 2;
let wake: (() => void) | null = null;

function read(text: string): void {
  const result = readCsv(text);
  if (!result.ok) {
    send({ kind: 'read', ok: false, problem: { line: result.line, reason: result.reason } });
    return;
  }
  const missing: string[] = CSV_COLUMNS.filter((c) => !result.header.includes(c));
  // The calm-down columns are optional, but as a set: some without the others is a mistake.
  const calm = CALM_DOWN_COLUMNS.filter((c) => !result.header.includes(c));
  if (calm.length > 0 && calm.length < CALM_DOWN_COLUMNS.length)
    missing.push(...calm.map((c) => `${c} (the calm-down columns come as all three or none)`));
  if (missing.length) {
    send({
      kind: 'read',
      ok: false,
      problem: { line: 1, reason: `Columns missing: ${missing.join(', ')}` },
    });
    return;
  }
  const ids = idsOf(result.header, result.records);
  file = { header: result.header, records: result.records, together: ids.together };
  send({ kind: 'read', ok: true, total: result.records.length, ids });
}

async function check(message: Extract<ToChecker, { kind: 'check' }>): Promise<void> {
  if (!file) throw new Error('check before read');
  const { known, context } = message;
  const unitDeltas = emptyDeltas();
  const batches = buildBatches(
    file.header,
    file.records,
    file.together,
    {
      organisationId: known.organisationId,
      units: new Set(known.units),
      people: new Set(known.people),
      incidents: new Map(known.incidents),
      typeOwners: new Map(known.typeOwners),
      now: new Date(known.now),
    },
    { ...context, existing: new Set(context.existing) },
    unitDeltas,
  );
  for (const batch of batches) {
    while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
    credits--;
    send({ kind: 'batch', batch });
  }
  // The new incidents' totals, spread to the organisation and national scopes and laid out here,
  // so the main thread hands them straight to the database.
  const rows = rollupRowsOf(widenUnitDeltas(unitDeltas, emptyDeltas()));
  send({
    kind: 'end',
    // The London months of the new incidents, for the evidence counts the main thread recounts.
    periods: [...new Set(rows.month.map((r) => r.period))],
    rollups: {
      month: packRows(context.engine, rows.month),
      type: packRows(context.engine, rows.type),
      group: packRows(context.engine, rows.group),
    },
  });
}

const failed = (error: unknown) =>
  send({
    kind: 'failed',
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });

port.on('message', (message: ToChecker) => {
  try {
    if (message.kind === 'read') read(message.text);
    else if (message.kind === 'check') check(message).catch(failed);
    else {
      credits++;
      wake?.();
      wake = null;
    }
  } catch (error) {
    failed(error);
  }
});
