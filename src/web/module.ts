/**
 * What a module's web face (`src/modules/<name>/web.ts`) gives the web layer. The web layer
 * knows no module by name: the composition root hands it a list of these, and it installs their
 * access rules, routes, header links and home page panels.
 */
import type { FastifyInstance } from 'fastify';
import type { AccessRule } from './access.ts';
import type { HomePanel } from './home-panels.ts';
import type { NavLink } from './navigation.ts';

/** One module's web face. */
export interface WebModule {
  /** Every route the module registers, with who may call it (deny by default). */
  accessRules: readonly AccessRule[];
  /** Header links, in the order they appear. */
  navLinks?: readonly NavLink[];
  /** Panels on the home page (the accounts module renders them). */
  homePanels?: readonly HomePanel[];
  /** Registers the module's routes (and any hooks they need). */
  register(app: FastifyInstance): void;
}
