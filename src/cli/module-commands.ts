/** Sub-commands that belong to feature modules (language, plans, force), kept apart from the core ones. */
import type { Command } from 'commander';

/** Adds each module's sub-commands to the program. */
export function registerModuleCommands(_program: Command): void {
  // Modules add their commands here.
}
