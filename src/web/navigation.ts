/** The header navigation for each role: a few plain links to where each person's work is. */
import type { Actor } from '../modules/accounts/index.ts';

/** One link in the header. */
export interface NavItem {
  href: string;
  text: string;
  current?: boolean;
}

type Role = Actor['role'];

const links: { href: string; text: string; roles: readonly Role[] }[] = [
  {
    href: '/',
    text: 'Home',
    roles: [
      'service_user',
      'practitioner',
      'unit_manager',
      'org_admin',
      'lived_experience_partner',
    ],
  },
  {
    href: '/who-has-seen-my-information',
    text: 'Who has seen my information',
    roles: ['service_user'],
  },
  {
    href: '/invitations',
    text: 'Invitations',
    roles: ['practitioner', 'unit_manager', 'org_admin'],
  },
];

/** Extra header links that modules add (kept in one list so the header stays short). */
export const moduleLinks: { href: string; text: string; roles: readonly Role[] }[] = [
  { href: '/my-plan', text: 'My plan', roles: ['service_user'] },
  { href: '/plans', text: 'Plans shared with me', roles: ['practitioner', 'unit_manager'] },
  {
    href: '/check-my-writing',
    text: 'Check my writing',
    roles: ['practitioner', 'unit_manager', 'org_admin', 'lived_experience_partner'],
  },
  { href: '/admin/language', text: 'Language rules', roles: ['org_admin'] },
  {
    href: '/enquiry',
    text: 'Asking about trauma',
    roles: ['practitioner', 'unit_manager', 'org_admin'],
  },
  { href: '/force', text: 'Use of force', roles: ['practitioner', 'unit_manager', 'org_admin'] },
  {
    href: '/force/dashboards',
    text: 'Dashboards',
    roles: ['unit_manager', 'org_admin', 'national_operator', 'lived_experience_partner'],
  },
];

/** The header navigation for an actor (none before sign-in). */
export function navigationFor(actor: Actor | null, currentUrl: string): NavItem[] {
  if (!actor) return [];
  const path = currentUrl.split('?')[0] ?? '/';
  return [...links, ...moduleLinks]
    .filter((l) => l.roles.includes(actor.role))
    .map((l) => ({
      href: l.href,
      text: l.text,
      current: l.href === '/' ? path === '/' : path.startsWith(l.href),
    }));
}
