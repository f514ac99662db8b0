/**
 * A memo of reads for one read-only request: several home panels ask for the same rows (the
 * open units, a caseload, people's units), and inside `withRequestMemo` each such read runs once.
 * The memo lives only for the call it wraps (AsyncLocalStorage), so it is never shared between
 * requests or people; outside it `memoRead` always reads. Use it only around work that writes
 * nothing, so no read can miss a change made earlier in the same request.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const memos = new AsyncLocalStorage<Map<string, Promise<unknown>>>();

/** Runs `fn` with a fresh memo that ends when it does. */
export function withRequestMemo<T>(fn: () => Promise<T>): Promise<T> {
  return memos.run(new Map(), fn);
}

/**
 * Reads once per memo: `key` must name the read and every value it depends on (organisation,
 * ids). `copy` gives each caller its own container, so one caller sorting or changing the list
 * cannot change another's.
 */
export async function memoRead<T>(
  key: string,
  read: () => Promise<T>,
  copy: (value: T) => T,
): Promise<T> {
  const memo = memos.getStore();
  if (!memo) return read();
  let pending = memo.get(key) as Promise<T> | undefined;
  if (!pending) {
    pending = read();
    memo.set(key, pending);
    // A failed read is not remembered: the next caller tries again.
    pending.catch(() => memo.delete(key));
  }
  return copy(await pending);
}
