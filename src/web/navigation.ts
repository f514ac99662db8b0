/** The header navigation for each role: a few plain links to where each person's work is. */
import type { Actor } from '../lib/actor.ts';
import type { Role } from '../lib/roles.ts';

/** One link in the header, as rendered. */
export interface NavItem {
  href: string;
  text: string;
  current?: boolean;
}

/** A header link a module offers, and the roles that see it. */
export interface NavLink {
  href: string;
  text: string;
  roles: readonly Role[];
}

/** The header navigation for an actor (none before sign-in), from the modules' links in order. */
export function navigationFor(
  links: readonly NavLink[],
  actor: Actor | null,
  currentUrl: string,
): NavItem[] {
  if (!actor) return [];
  const path = currentUrl.split('?')[0] ?? '/';
  return links
    .filter((l) => l.roles.includes(actor.role))
    .map((l) => ({
      href: l.href,
      text: l.text,
      current: l.href === '/' ? path === '/' : path.startsWith(l.href),
    }));
}
