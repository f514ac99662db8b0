/**
 * Long writes from the command line in short transactions. SQLite has one writer at a time, so a
 * command that writes for seconds in one transaction makes every web write wait that long (and
 * give up with "Hearth is busy" after the write deadline). Instead a long command commits a batch
 * when it has run for about BATCH_MS, then pauses so waiting web writes go first. Batches are cut
 * by time, not by a count of rows, because the cost of a row differs by command and by machine.
 */

/** How long one batch of a long command-line write may hold the write lock. */
export const BATCH_MS = 50;

/**
 * The pause between batches. Web writes that found the lock taken retry at least this often
 * (sqlite-busy.ts caps their backoff below it), so one of them takes the lock in the pause.
 */
export const BATCH_PAUSE_MS = 30;

/** A clock for one batch: `over()` turns true once the batch has had its time. */
export interface BatchTimer {
  over(): boolean;
}

/** Starts the clock for one batch of `ms` milliseconds. */
export function startBatch(ms: number = BATCH_MS): BatchTimer {
  const ends = performance.now() + ms;
  return { over: () => performance.now() >= ends };
}

/** Waits between two batches, so that web requests waiting to write go first. */
export function pauseBetweenBatches(ms: number = BATCH_PAUSE_MS): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
