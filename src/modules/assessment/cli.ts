/**
 * `hearth assessment instrument --format fhir` (the Questionnaire to stdout) and
 * `hearth assessment codes --round ID --count N [--group people|staff|partners]` (one code a line).
 */
import type { Command } from 'commander';
import { instrumentQuestionnaire } from './fhir.ts';
import { loadInstrument } from './instrument.ts';
import type { RespondentGroup } from './policy.ts';
import { respondentGroups } from './policy.ts';
import type { AssessmentService } from './service.ts';

/** Adds `hearth assessment …`. */
export function registerAssessmentCommands(
  program: Command,
  deps: {
    publicUrl: () => Promise<string>;
    withService: <T>(fn: (assessment: AssessmentService) => Promise<T>) => Promise<T>;
  },
): void {
  const assessment = program
    .command('assessment')
    .description('the self-assessment against the ten principles');
  assessment
    .command('instrument')
    .description('write the instrument to stdout')
    .option('--format <format>', 'fhir (an R4 Questionnaire)', 'fhir')
    .action(async (opts: { format: string }) => {
      if (opts.format !== 'fhir') throw new Error('--format must be fhir');
      const instrument = loadInstrument();
      process.stdout.write(
        `${JSON.stringify(instrumentQuestionnaire(instrument, await deps.publicUrl()), null, 2)}\n`,
      );
    });
  assessment
    .command('codes')
    .description('make one-time codes for a round and print them, one a line (they are not kept)')
    .requiredOption('--round <id>', 'the round')
    .requiredOption('--count <n>', 'how many codes')
    .option('--group <group>', `who the codes are for: ${respondentGroups.join(', ')}`, 'people')
    .action(async (opts: { round: string; count: string; group: string }) => {
      if (!(respondentGroups as readonly string[]).includes(opts.group)) {
        throw new Error(`--group must be one of: ${respondentGroups.join(', ')}`);
      }
      const codes = await deps.withService((a) =>
        a.codes.makeForCommandLine(opts.round, Number(opts.count), opts.group as RespondentGroup),
      );
      process.stdout.write(`${codes.join('\n')}\n`);
    });
}
