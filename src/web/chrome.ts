/**
 * The page chrome (skip link, header with its navigation, footer), rendered once per distinct
 * input and kept as HTML. The nhsuk-frontend header macro alone cost about 3 ms a page, more than
 * a page's queries together, and its output depends only on the signed-in person's name and
 * their navigation links (bench/README.md, "CPU time per request").
 */
import type nunjucks from 'nunjucks';
import type { NavItem } from './navigation.ts';

/** How many distinct headers are kept: about one per person and page they use at once. */
export const CHROME_CACHE_SIZE = 1000;

/** What the header shows, and all that it depends on. */
export interface HeaderInput {
  signedIn: boolean;
  displayName: string;
  navigation: readonly NavItem[];
}

/** Cached HTML for the parts of the layout that are the same from page to page. */
export interface Chrome {
  skipLink(): string;
  header(input: HeaderInput): string;
  footer(): string;
}

/**
 * Renders the chrome templates in src/web/views/chrome/. Each is rendered with only its own
 * input as context, so the kept HTML cannot carry anything from another request.
 */
export function createChrome(views: nunjucks.Environment, size = CHROME_CACHE_SIZE): Chrome {
  const headers = new Map<string, string>();
  let skipLink: string | undefined;
  let footer: string | undefined;
  return {
    skipLink: () => (skipLink ??= views.render('chrome/skip-link.njk', {})),
    footer: () => (footer ??= views.render('chrome/footer.njk', {})),
    header(input) {
      const key = JSON.stringify([input.signedIn, input.displayName, input.navigation]);
      let html = headers.get(key);
      if (html !== undefined) {
        // Map keeps insertion order: moving a hit to the back leaves the least recent in front.
        headers.delete(key);
      } else {
        html = views.render('chrome/header.njk', {
          displayName: input.signedIn ? input.displayName : null,
          signedIn: input.signedIn,
          navigation: input.navigation,
        });
        if (headers.size >= size) {
          const oldest = headers.keys().next().value;
          if (oldest !== undefined) headers.delete(oldest);
        }
      }
      headers.set(key, html);
      return html;
    },
  };
}
