/**
 * Keeps what a macro file exports, so `{% from "x" import y %}` runs the file once instead of on
 * every use. Nunjucks runs an imported file's top level on every import, and nhsuk-frontend's
 * macros import other macro files inside every call (an input imports its label, hint, error
 * message and attributes macros, which import more): a form field cost about 1.5 ms a page.
 *
 * Only imports without context are kept (Nunjucks' default, and the only kind Hearth and
 * nhsuk-frontend use): those run in a fresh, empty context, so what they export is the same for
 * every page and person. An import `with context` still runs every time.
 */
import nunjucks from 'nunjucks';
import { keepMacroParts } from './macro-parts.ts';

type Callback = (error: unknown, exported: Record<string, unknown> | null) => void;
type GetExported = (
  this: nunjucks.Template,
  ctx?: object | Callback,
  parentFrame?: unknown,
  cb?: Callback,
) => void;

const KEEP = Symbol('hearth.keepTemplateExports');
const PARTS = Symbol('hearth.keepMacroParts');
// Kept on the template object itself: a template the loader compiles again (NODE_ENV=development)
// is a new object, so nothing stale is kept.
const EXPORTS = Symbol('hearth.templateExports');
type KeptTemplate = nunjucks.Template & { [EXPORTS]?: Record<string, unknown> };
const prototype = nunjucks.Template.prototype as unknown as {
  getExported: GetExported;
  [KEEP]?: true;
};

/**
 * Turns on kept exports for templates of `env` (other environments are left as they were).
 * `macroParts` names, by macro file, the macros whose markup around a body is kept
 * (macro-parts.ts).
 */
export function keepTemplateExports(
  env: nunjucks.Environment,
  macroParts: Readonly<Record<string, readonly string[]>> = {},
): void {
  (env as unknown as Record<symbol, boolean>)[KEEP] = true;
  (env as unknown as Record<symbol, unknown>)[PARTS] = macroParts;
  if (prototype[KEEP]) return;
  prototype[KEEP] = true;
  const getExported = prototype.getExported;
  prototype.getExported = function keptExports(this: nunjucks.Template, ctx, parentFrame, cb) {
    const env = (this as unknown as { env: Record<symbol, boolean> }).env;
    // Called with only a callback: an import without context (see the top of this file).
    if (typeof ctx !== 'function' || parentFrame !== undefined || !env[KEEP]) {
      getExported.call(this, ctx, parentFrame, cb);
      return;
    }
    const done = ctx;
    const exported = (this as KeptTemplate)[EXPORTS];
    if (exported) {
      done(null, exported);
      return;
    }
    getExported.call(this, (error: unknown, result: Record<string, unknown> | null) => {
      if (!error && result) {
        const parts = (env as unknown as Record<symbol, Record<string, readonly string[]>>)[PARTS];
        const name = (this as unknown as { path?: string }).path ?? '';
        for (const [file, macros] of Object.entries(parts ?? {})) {
          if (!name.endsWith(`/${file}`)) continue;
          for (const macro of macros) {
            const exported = result[macro];
            if (typeof exported === 'function') {
              result[macro] = keepMacroParts(exported as (...args: unknown[]) => unknown);
            }
          }
        }
        (this as KeptTemplate)[EXPORTS] = result;
      }
      done(error, result);
    });
  };
}

interface Frame {
  variables: Record<string, unknown>;
  resolve(name: string, forWrite: boolean): Frame | undefined;
  set(name: string, value: unknown, resolveUp?: boolean): void;
}
const frame = (nunjucks as unknown as { runtime: { Frame: { prototype: Frame } } }).runtime.Frame
  .prototype;
const FAST_SET = Symbol('hearth.fastFrameSet');

/**
 * Sets a template variable as Nunjucks does, without splitting its name on dots every time:
 * Nunjucks splits every name it sets (a new array each time), and a `for` loop sets seven
 * `loop.*` names per item. The profile put a fifth of a page's rendering there. A name without a
 * dot is set directly; a dotted name's parts are split once and kept.
 */
export function speedUpTemplateVariables(): void {
  const record = frame as Frame & { [FAST_SET]?: true };
  if (record[FAST_SET]) return;
  record[FAST_SET] = true;
  frame.set = function fastSet(this: Frame, name, value, resolveUp) {
    if (!name.includes('.')) {
      const owner = resolveUp ? this.resolve(name, true) : undefined;
      (owner ?? this).variables[name] = value;
      return;
    }
    const parts = partsOf(name);
    if (resolveUp) {
      const owner = this.resolve(parts[0] ?? name, true);
      if (owner) {
        owner.set(name, value);
        return;
      }
    }
    let target = this.variables;
    for (let i = 0; i < parts.length - 1; i++) {
      const id = parts[i] ?? '';
      target[id] ||= {};
      target = target[id] as Record<string, unknown>;
    }
    target[parts[parts.length - 1] ?? name] = value;
  };
}

// Dotted names come from the templates' own text (`loop.index` and the like), so there are few.
const splitNames = new Map<string, string[]>();
function partsOf(name: string): string[] {
  let parts = splitNames.get(name);
  if (!parts) {
    parts = name.split('.');
    if (splitNames.size < 10_000) splitNames.set(name, parts);
  }
  return parts;
}
