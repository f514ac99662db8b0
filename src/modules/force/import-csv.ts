/**
 * Bulk import of the MHSDS-shaped CSV (the same shape as the export).
 *
 * Guarantees: all rows or none. Every row is checked and every bad row is reported with its line
 * and reason. The checking runs on its own thread (import-worker.ts), which hands over batches
 * of checked rows; they are written inside one transaction as the checking goes on, so the
 * database stores one batch while the next is checked. The first bad row stops the writing,
 * and any bad row rolls the whole transaction back, so nothing is half-written. Rows with known
 * ids correct the existing record (kept as an amendment); unchanged rows are left alone.
 * Rollups are updated in the same transaction, and the import is audited either way.
 */
import { Worker } from 'node:worker_threads';
import type { Db } from '../../db/index.ts';
import { insertPacked } from '../../db/bulk.ts';
import { dialectOf } from '../../db/dialect.ts';
import type { PackedRows } from '../../db/pack.ts';
import { AppError } from '../../lib/app-error.ts';
import type { Clock } from '../../lib/clock.ts';
import { toIso } from '../../lib/clock.ts';
import type { Actor } from '../accounts/index.ts';
import type { AuditContext, AuditLog } from '../audit/index.ts';
import type { CsvRow } from './csv.ts';
import { CALM_DOWN_COLUMNS, CSV_COLUMNS } from './csv.ts';
import type { FileIds, ImportProblem } from './import-check.ts';
import type { FromChecker, KnownLists, ToChecker } from './import-worker.ts';
import { mayForce } from './policy.ts';
import { emptyDeltas, partsOf } from './rollups.ts';
import { RETENTION_YEARS } from './records.ts';
import type { AmendInTransaction } from './amend.ts';
import type { ForceDirectory } from './deps.ts';
import type { ForceStore } from './store.ts';
import type { ForceIncidentsTable } from './tables.ts';
import { addYears, shiftPeriod } from './time.ts';

export type { ImportProblem } from './import-check.ts';
export { groupRows, isValidNhsNumber } from './import-check.ts';

/** The outcome of an import. */
export type ImportResult =
  | { ok: true; rows: number; created: number; updated: number; unchanged: number }
  | { ok: false; rows: number; problems: ImportProblem[] };

/** Reports progress: rows done of the total, and the stage. */
export type ImportProgress = (done: number, total: number, stage: 'checking' | 'saving') => void;

/** Whether the text has more than `n` line breaks (stops counting there). */
function hasMoreLinesThan(text: string, n: number): boolean {
  let at = -1;
  for (let count = 0; count <= n; count++) {
    at = text.indexOf('\n', at + 1);
    if (at < 0) return false;
  }
  return true;
}

/** Thrown inside the import's transaction to roll it back when any row is bad. */
class RollBack extends Error {}

/** What the import (and the rest of the transfer module) is built from. */
export interface TransferDeps {
  db: Db;
  store: ForceStore;
  audit: AuditLog;
  clock: Clock;
  directory: ForceDirectory;
  amendInTransaction: AmendInTransaction;
}

/** Creates the import. */
export function createCsvImport(
  deps: TransferDeps & {
    /** The export's rows for these incidents, to tell unchanged re-sent rows from corrections. */
    rowsForIncidents: (
      organisationId: string,
      incidents: readonly ForceIncidentsTable[],
    ) => Promise<CsvRow[]>;
  },
) {
  const { db, store, audit, clock, directory } = deps;

  /** Everything the checks need to know about the database, for the whole file at once. */
  async function lookUp(
    actor: Actor,
    file: FileIds,
    keys: ReturnType<ForceStore['organisationKeys']> | null,
  ) {
    const org = actor.organisationId;
    const personIds = file.people;
    // For a large file, look up only the ids the organisation already has.
    const already = await keys;
    // Ids in the file are the organisation's own (local) ids, so every lookup stays within it.
    // Independent reads: on PostgreSQL each runs on its own connection, at the same time.
    const [incidents, typeOwners, people] = await Promise.all([
      store.incidentIdsByLocalId(
        db,
        org,
        already ? file.incidents.filter((id) => already.incidents.has(id)) : file.incidents,
      ),
      store.incidentsOfInterventions(
        db,
        org,
        already ? file.types.filter((id) => already.interventions.has(id)) : file.types,
      ),
      already ? already.people : store.peopleWithCharacteristics(db, org, personIds),
    ]);
    for (const p of personIds) {
      if (people.has(p) || !p) continue;
      try {
        await directory.requirePersonVisibleTo(actor, p);
        people.add(p);
      } catch {
        // not a person in this organisation: reported per row
      }
    }
    const units = new Set((await directory.unitsOf(actor)).map((u) => u.id));
    // The file's incidents already in the register, by local id (the file's id).
    const recordIds = file.incidents.flatMap((id) => incidents.get(id) ?? []);
    const existing = new Map(
      (await store.findIncidentsByIds(db, org, recordIds)).map((r) => [r.local_id, r]),
    );
    const existingRows = Map.groupBy(
      await deps.rowsForIncidents(org, [...existing.values()]),
      (r) => r.RestrictiveIntIncID,
    );
    const known: KnownLists = {
      organisationId: org,
      units: [...units],
      // Only the file's own people cross to the checking thread, not every person on record.
      people: personIds.filter((p) => people.has(p)),
      incidents: [...incidents],
      typeOwners: [...typeOwners],
      now: toIso(clock()),
    };
    return { known, existing, existingRows };
  }

  async function recordFailure(actor: Actor, ctx: AuditContext, rows: number, badRows: number) {
    await audit.audited(db, ctx, (_trx, record) =>
      record({
        organisationId: actor.organisationId,
        action: 'force.import',
        recordType: 'force_import',
        outcome: 'failure',
        detail: { rows, badRows },
      }),
    );
  }

  /** Imports the combined CSV into the actor's organisation: all rows or none. */
  return async function importCsv(
    actor: Actor,
    text: string,
    ctx: AuditContext,
    onProgress?: ImportProgress,
  ): Promise<ImportResult> {
    if (!mayForce(actor, { kind: 'export', organisationId: actor.organisationId }))
      throw AppError.notFound();
    // A large file is checked against all of the organisation's keys, read in one pass each
    // (far quicker than probing for tens of thousands of ids), while the file is being read.
    const keys = hasMoreLinesThan(text, 1000)
      ? store.organisationKeys(db, actor.organisationId)
      : null;
    keys?.catch(() => undefined); // awaited below unless the file cannot be read at all
    const checker = startChecker();
    try {
      checker.send({ kind: 'read', text });
      const read = await checker.next('read');
      if (!read.ok) return { ok: false, rows: 0, problems: [read.problem] };
      const { total, ids } = read;
      onProgress?.(0, total, 'checking');
      const { known, existing, existingRows } = await lookUp(actor, ids, keys);
      const at = known.now;
      checker.send({
        kind: 'check',
        known,
        context: {
          engine: dialectOf(db),
          organisationId: actor.organisationId,
          at,
          retainUntil: addYears(at, RETENTION_YEARS),
          existing: [...existing.keys()],
        },
      });

      const problems: ImportProblem[] = [];
      const counts = { created: 0, updated: 0, unchanged: 0 };
      try {
        await audit.audited(db, ctx, async (trx, record) => {
          const deltas = emptyDeltas();
          // A batch is sent without waiting, so PostgreSQL stores it while the next batch is
          // received (SQLite writes it at once); it is awaited before anything else is written.
          let writing: Promise<void> = Promise.resolve();
          const write = async (incidents: PackedRows, interventions: PackedRows) => {
            await writing;
            writing = (async () => {
              await insertPacked(trx, 'force_incidents', incidents);
              await insertPacked(trx, 'force_interventions', interventions);
            })();
            writing.catch(() => undefined); // reported by the next await, not as unhandled
          };
          let done = 0;
          for (;;) {
            const reply = await checker.next('batch', 'end');
            if (reply.kind === 'end') {
              await writing;
              if (problems.length) throw new RollBack();
              // The new incidents' totals, then any corrections' (each adds to what is stored).
              await store.applyPackedRollups(trx, reply.rollups);
              await store.applyDeltas(trx, deltas);
              // The evidence counts, recounted once for every month the import touched: a
              // London month holds instants of its own UTC month and the last hour of the one
              // before, so both are recounted.
              const periods = [
                ...reply.periods,
                ...[...deltas.month.keys()].flatMap((k) => partsOf(k).slice(2, 3)),
              ];
              await store.recountEvidenceForOrganisation(
                trx,
                actor.organisationId,
                periods.flatMap((p) => [p, shiftPeriod(p, -1)]),
              );
              break;
            }
            checker.send({ kind: 'more' });
            const batch = reply.batch;
            for (const p of batch.problems) problems.push(p);
            done += batch.lines;
            if (problems.length) {
              onProgress?.(done, total, 'checking');
              continue; // keep checking, so every bad row is named; nothing more is written
            }
            for (const { id, rows, input } of batch.corrections) {
              const before = existing.get(id);
              if (!before) throw new Error('import: a correction of an unknown incident');
              const old = existingRows.get(id) ?? [];
              // The calm-down answers count only when the file has their columns (else kept).
              const columns =
                input.calmDown === undefined ? CSV_COLUMNS : [...CSV_COLUMNS, ...CALM_DOWN_COLUMNS];
              const same =
                old.length === rows.length &&
                old.every((o, n) =>
                  columns.every((c) => c === 'DurationMinutes' || o[c] === rows[n]?.[c]),
                );
              if (same) {
                counts.unchanged++;
                continue;
              }
              await writing;
              await deps.amendInTransaction(
                trx,
                actor.id,
                before,
                input,
                'Corrected by import',
                ctx,
                deltas,
              );
              counts.updated++;
            }
            await write(batch.incidents, batch.interventions);
            counts.created += batch.incidents.count;
            onProgress?.(done, total, 'saving');
          }
          await record({
            organisationId: actor.organisationId,
            action: 'force.import',
            recordType: 'force_import',
            detail: { rows: total, ...counts },
          });
        });
      } catch (error) {
        if (!(error instanceof RollBack)) throw error;
      }
      if (problems.length) {
        problems.sort((a, b) => a.line - b.line);
        await recordFailure(actor, ctx, total, problems.length);
        return { ok: false, rows: total, problems };
      }
      onProgress?.(total, total, 'saving');
      return { ok: true, rows: total, ...counts };
    } finally {
      await checker.stop();
    }
  };
}

/**
 * Starts the checking thread for one import. `next` waits for its next message, which must be of
 * one of the kinds named; a failure on that thread, or its exit, rejects.
 */
function startChecker() {
  const worker = new Worker(new URL('./import-worker.ts', import.meta.url));
  const inbox: FromChecker[] = [];
  let waiting: { resolve: (m: FromChecker) => void; reject: (e: Error) => void } | null = null;
  let failure: Error | null = null;
  const fail = (error: Error) => {
    failure ??= error;
    waiting?.reject(failure);
    waiting = null;
  };
  worker.on('message', (message: FromChecker) => {
    if (message.kind === 'failed')
      return fail(new Error(`import checking failed: ${message.message}`));
    if (waiting) {
      const w = waiting;
      waiting = null;
      w.resolve(message);
    } else inbox.push(message);
  });
  worker.on('error', fail);
  worker.on('exit', () => fail(new Error('import checking stopped')));
  return {
    send(message: ToChecker) {
      worker.postMessage(message);
    },
    async next<K extends FromChecker['kind']>(
      ...kinds: K[]
    ): Promise<Extract<FromChecker, { kind: K }>> {
      const message =
        inbox.shift() ??
        (await new Promise<FromChecker>((resolve, reject) => {
          if (failure) reject(failure);
          else waiting = { resolve, reject };
        }));
      if (!kinds.includes(message.kind as K))
        throw new Error(`import checking: expected ${kinds.join(' or ')}, got ${message.kind}`);
      return message as Extract<FromChecker, { kind: K }>;
    },
    async stop() {
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}
