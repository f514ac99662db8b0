/**
 * A macro called with a body (`{% call card({...}) %}…{% endcall %}`) whose markup around the
 * body depends only on its parameters, rendered once per distinct set of parameters and kept as
 * the HTML before and after the body. nhsuk-frontend's card is such a macro, and every home panel
 * is a card: its template (variants, headings, attribute macros) cost about 20 µs a call, against
 * about 1 µs for joining the kept parts (bench/README.md, "seventh round").
 *
 * What keeps this correct: only plain parameters are kept (strings, numbers, booleans, null), so
 * the key is the whole input and two different inputs never share HTML; the body is rendered for
 * every call, as before, and placed where the macro places it (checked on the first rendering:
 * the stand-in body must appear exactly once, or nothing is kept). Anything else goes to the macro
 * as it is. The kept HTML holds only what the parameters put there, escaped by the macro itself.
 */
import { randomBytes } from 'node:crypto';
import nunjucks from 'nunjucks';

/** How many distinct parameter sets are kept per macro (headings are fixed text in the panels). */
export const MACRO_PARTS_KEPT = 500;

type Macro = (this: unknown, ...args: unknown[]) => unknown;
interface Keywords {
  caller?: () => unknown;
  __keywords?: true;
}

const SafeString = (nunjucks.runtime as unknown as { SafeString: new (s: string) => object })
  .SafeString;

function isPlain(value: unknown): boolean {
  const kind = typeof value;
  return value === null || kind === 'string' || kind === 'number' || kind === 'boolean';
}

/** Parameters made of plain values only: nothing whose identity or type the macro could test. */
function plainParams(value: unknown): value is Record<string, unknown> {
  if (
    typeof value !== 'object' ||
    value === null ||
    Object.getPrototypeOf(value) !== Object.prototype
  )
    return false;
  for (const key in value) {
    const field = (value as Record<string, unknown>)[key];
    if (field !== undefined && !isPlain(field)) return false;
  }
  return true;
}

/** A call with one parameter object and a body: `macro(params, { caller })`. */
function callerOf(args: unknown[]): (() => unknown) | null {
  if (args.length !== 2) return null;
  const keywords = args[1] as Keywords | null;
  if (typeof keywords !== 'object' || keywords === null || keywords.__keywords !== true)
    return null;
  const names = Object.keys(keywords);
  if (names.length !== 2 || typeof keywords.caller !== 'function') return null;
  return keywords.caller;
}

/** Wraps `macro` so that its markup around the body is rendered once per parameter set. */
export function keepMacroParts(macro: Macro, size = MACRO_PARTS_KEPT): Macro {
  const kept = new Map<string, readonly [string, string] | null>();
  // Unguessable, so no body (which may hold what a person typed) can look like it.
  const stand = `\u0001hearth-body-${randomBytes(12).toString('hex')}\u0001`;
  return function keptParts(this: unknown, ...args: unknown[]) {
    const caller = callerOf(args);
    const params = args[0];
    if (!caller || !plainParams(params)) return macro.apply(this, args);
    const key = JSON.stringify(params);
    let parts = kept.get(key);
    if (parts === undefined) {
      const html = String(
        macro.call(this, params, { caller: () => new SafeString(stand), __keywords: true }),
      );
      const at = html.indexOf(stand);
      parts =
        at >= 0 && html.indexOf(stand, at + 1) < 0
          ? [html.slice(0, at), html.slice(at + stand.length)]
          : null;
      if (kept.size >= size) {
        const oldest = kept.keys().next().value;
        if (oldest !== undefined) kept.delete(oldest);
      }
      kept.set(key, parts);
    }
    if (parts === null) return macro.apply(this, args);
    return new SafeString(parts[0] + String(caller()) + parts[1]);
  };
}
