/**
 * Addresses of static files. The build (scripts/hash-assets.ts) copies each file to a name
 * carrying a hash of its content and lists them in public/build/manifest.json; pages ask for
 * files through `asset("css/app.css")` and get the hashed address, which is cached for a year.
 * Without a build (or for a file not listed) the plain /static/ address is used, cached briefly.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const publicDir = path.resolve(import.meta.dirname, '../../public');

/** The folder the hashed files are served from (at /static/h/). */
export const hashedAssetsDir = path.join(publicDir, 'build', 'h');

function readManifest(): Record<string, string> {
  try {
    return JSON.parse(readFileSync(path.join(publicDir, 'build', 'manifest.json'), 'utf8'));
  } catch {
    return {};
  }
}

const manifest = readManifest();

/**
 * The address of a static file by its plain name ("css/app.css"); `plain` asks for the
 * un-hashed address (the offline plan page, whose service worker caches fixed names).
 */
export function assetUrl(name: string, plain = false): string {
  const hashed = manifest[name];
  if (hashed && !plain) return hashed;
  return name.startsWith('nhsuk/') ? `/${name}` : `/static/${name}`;
}
