/** Panels that modules add to a person's home page, so each module owns its own summary. */
import type { Actor } from '../lib/actor.ts';

/** One panel: a template under src/modules and the data it needs, or null to hide it. */
export interface HomePanel {
  template: string;
  load(actor: Actor): Promise<Record<string, unknown> | null>;
}
