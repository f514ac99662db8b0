/**
 * Pages kept while what they show stands still. A nurse at handover goes from the home page to a
 * person's plan and back, again and again; each time the home page read about twenty statements
 * and rendered six panels to produce the same HTML. A kept page is served again while its key
 * is the same: the data generation (src/db/generation.ts: any committed change to a record moves
 * it, whichever process made it), the minute (so anything that depends on the time, such as a
 * review falling due, is at most a minute late), the address, the signed-in person as the
 * session found them, and the values the hooks gave the page.
 *
 * The page's CSRF and form tokens are not kept: the page is rendered with stand-ins, and every
 * response puts fresh tokens in their place, exactly as an ordinary render would.
 *
 * Only for pages that read records and nothing that changes on reads (the audit trail, sessions,
 * sign-in state: GENERATION_EXEMPT_TABLES), and whose only write is the audit event of the look,
 * which the page names as work to do on every serving (`beforeSend`), kept or not.
 */
import { randomBytes } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { negotiate } from '@fastify/accept-negotiator';

/** Most pages kept per process; the oldest used goes first. About 15 KB each. */
export const MOST_KEPT_PAGES = 500;

/** Random per process, so no page's own words can ever contain them. */
export const CSRF_STAND_IN = `csrf-${randomBytes(16).toString('hex')}`;
export const FORM_TOKEN_STAND_IN = `form-${randomBytes(16).toString('hex')}`;

/** A bounded map of rendered pages, emptied whenever what they depend on moves. */
export class KeptPages<T = string> {
  readonly #pages = new Map<string, T>();
  #depends: string | null = null;
  readonly #most: number;

  constructor(most = MOST_KEPT_PAGES) {
    this.#most = most;
  }

  /**
   * The page kept under `key` for the state `depends` (the generation and minute), if any.
   * Pages kept for an earlier state are dropped on the first look with a new one.
   */
  get(depends: string, key: string): T | undefined {
    if (depends !== this.#depends) {
      this.#pages.clear();
      this.#depends = depends;
      return undefined;
    }
    const page = this.#pages.get(key);
    if (page !== undefined) {
      // Most recently used last, so the first is the one to drop.
      this.#pages.delete(key);
      this.#pages.set(key, page);
    }
    return page;
  }

  /** Keeps a page rendered in state `depends`; one rendered in an older state is not kept. */
  set(depends: string, key: string, page: T): void {
    if (depends !== this.#depends) return;
    if (this.#pages.size >= this.#most) {
      const oldest = this.#pages.keys().next().value;
      if (oldest !== undefined) this.#pages.delete(oldest);
    }
    this.#pages.set(key, page);
  }

  get size(): number {
    return this.#pages.size;
  }
}

/**
 * Small values worked out from records for every page (the organisation's help numbers, its
 * language rules), kept while the data generation read with the session stands still, so a
 * page does not read them again. Without a generation (no session) they are read every time.
 * The values are shared between requests: callers must not change them.
 */
export class KeptByGeneration<T> {
  // The same bounded map as the pages, with the generation alone as the state.
  readonly #kept: KeptPages<T>;

  constructor(most = 1000) {
    this.#kept = new KeptPages<T>(most);
  }

  async get(
    generation: string | null | undefined,
    key: string,
    load: () => Promise<T>,
  ): Promise<T> {
    if (generation === null || generation === undefined) return load();
    const kept = this.#kept.get(generation, key);
    if (kept !== undefined) return kept;
    const value = await load();
    // Not kept if a newer generation was seen meanwhile (KeptPages.set checks).
    this.#kept.set(generation, key, value);
    return value;
  }
}

/**
 * The encodings pages are sent in, in order of preference: server.ts gives this list to
 * @fastify/compress, and kept pages choose from it the same way.
 */
export const PAGE_ENCODINGS = ['br', 'gzip'] as const;

/** The encodings a kept page's bytes are kept in. */
export type KeptEncoding = (typeof PAGE_ENCODINGS)[number];

/**
 * The encoding @fastify/compress would choose for this Accept-Encoding (it reads `*` and
 * `x-gzip` as gzip), or null when it would send the page as it is.
 */
export function keptEncodingFor(acceptEncoding: string | undefined): KeptEncoding | null {
  if (!acceptEncoding) return null;
  const chosen = negotiate(acceptEncoding.toLowerCase().replace(/\*|x-gzip/gu, 'gzip'), [
    ...PAGE_ENCODINGS,
  ]);
  return chosen === 'br' || chosen === 'gzip' ? chosen : null;
}

/**
 * A kept page's bytes in one encoding, made once. Quality a little above the per-response
 * setting (brotli 1, gzip 1), as the work is done once for many responses.
 */
export function encodeKeptPage(html: string, encoding: KeptEncoding): Buffer {
  if (encoding === 'br') {
    return brotliCompressSync(html, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 5,
        [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(html),
      },
    });
  }
  return gzipSync(html, { level: 6 });
}
