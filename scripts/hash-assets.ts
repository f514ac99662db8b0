/**
 * Static files for long caching: copies each CSS and JS file (ours, and nhsuk-frontend's
 * stylesheet) to public/build/h/ under a name that carries a hash of its content, writes a
 * brotli (.br) and a gzip (.gz) copy beside each, and a manifest that maps the plain name to
 * the hashed address. Templates ask for files through `asset()` (src/web/assets.ts), so a
 * changed file gets a new address and browsers may keep each version for a year.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Where hashed files go, and the address they are served from. */
export const HASHED_DIR = join('public', 'build', 'h');
const HASHED_PREFIX = '/static/h/';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(css|js)$/.test(f))
    .map((f) => join(dir, f));
}

/** The hashed name of a file: "css/app.css" becomes "css/app.3f2a9c1d0b.css". */
function hashedName(name: string, content: Buffer): string {
  const hash = createHash('sha256').update(content).digest('hex').slice(0, 10);
  return name.replace(/(\.[a-z]+)$/, `.${hash}$1`);
}

/**
 * Writes the hashed and precompressed copies and the manifest; returns how many files.
 * `root` is the repository; `nhsukDir` holds nhsuk-frontend's built files.
 */
export function hashAssets(root: string, nhsukDir: string): number {
  const out = join(root, HASHED_DIR);
  rmSync(out, { recursive: true, force: true });
  const sources: { name: string; file: string }[] = [
    ...filesUnder(join(root, 'public', 'css')).map((file) => ({ name: '', file })),
    ...filesUnder(join(root, 'public', 'js')).map((file) => ({ name: '', file })),
    // The bundles esbuild wrote (language checker, passkeys): the top level of public/build.
    ...readdirSync(join(root, 'public', 'build'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => ({ name: `build/${f}`, file: join(root, 'public', 'build', f) })),
    { name: 'nhsuk/nhsuk-frontend.min.css', file: join(nhsukDir, 'nhsuk-frontend.min.css') },
  ].map((s) => ({ ...s, name: s.name || relative(join(root, 'public'), s.file) }));
  const manifest: Record<string, string> = {};
  for (const { name, file } of sources) {
    const content = readFileSync(file);
    const hashed = hashedName(name.split('\\').join('/'), content);
    const target = join(out, hashed);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    writeFileSync(
      `${target}.br`,
      brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    );
    writeFileSync(`${target}.gz`, gzipSync(content, { level: 9 }));
    manifest[name.split('\\').join('/')] = HASHED_PREFIX + hashed;
  }
  writeFileSync(join(root, 'public', 'build', 'manifest.json'), JSON.stringify(manifest, null, 2));
  return sources.length;
}
