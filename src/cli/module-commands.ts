/** Sub-commands that belong to feature modules (language, plans, force), kept apart from the core ones. */
import type { Command } from 'commander';
import { CHECK_LANGUAGE_FORMATS, runCheckLanguage } from './check-language.ts';
import type { CheckLanguageFormat } from './check-language.ts';

/** Adds each module's sub-commands to the program. */
export function registerModuleCommands(program: Command): void {
  program
    .command('check-language [file]')
    .description('suggest the language of human experience in notes (FILE, or - for stdin)')
    .option('--format <format>', `one of: ${CHECK_LANGUAGE_FORMATS.join(', ')}`, 'text')
    .action(async (file: string | undefined, opts: { format: string }) => {
      process.exitCode = await runCheckLanguage(
        { file: file === '-' ? undefined : file, format: opts.format as CheckLanguageFormat },
        { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
      );
    });

  // Other modules add their commands below.
}
