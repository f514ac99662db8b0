/**
 * Nunjucks set up for NHS.UK frontend: pages extend nhsuk-frontend's template and use its
 * macros. Autoescaping is on, so anything a person typed is shown as text, never as markup.
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import nunjucks from 'nunjucks';
import { assetUrl } from './assets.ts';
import { keepTemplateExports, speedUpTemplateVariables } from './template-imports.ts';

const require = createRequire(import.meta.url);
const nhsukDist = path.join(path.dirname(require.resolve('nhsuk-frontend/package.json')), 'dist');
const root = path.resolve(import.meta.dirname, '..');

const londonDate = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const londonDateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
});

/** The folder holding nhsuk-frontend's built files (CSS, JS, images, templates). */
export const nhsukDistDir = nhsukDist;

/** Creates the template environment. Module views live in src/modules/<name>/views/. */
export function createViews(): nunjucks.Environment {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader(
      [path.join(root, 'web/views'), path.join(root, 'modules'), nhsukDist],
      { noCache: process.env.NODE_ENV === 'development' },
    ),
    { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true },
  );
  // Every home panel is a card with a fixed heading: its markup is kept (macro-parts.ts).
  keepTemplateExports(env, { 'nhsuk/components/card/macro.njk': ['card'] });
  speedUpTemplateVariables();
  env.addFilter('date', (value: unknown) => formatWith(londonDate, value));
  env.addFilter('dateTime', (value: unknown) => formatWith(londonDateTime, value));
  // asset("css/app.css"): the content-hashed address; a page that sets plainAssets (the
  // offline plan, cached by fixed names) gets the plain one.
  env.addGlobal('asset', function asset(this: { ctx?: Record<string, unknown> }, name: string) {
    return assetUrl(name, this.ctx?.plainAssets === true);
  });
  return env;
}

function formatWith(format: Intl.DateTimeFormat, value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  const date = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(date.getTime()) ? '' : format.format(date);
}
