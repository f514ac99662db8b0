/**
 * `hearth assessment instrument --format fhir` (the Questionnaire to stdout),
 * `hearth assessment codes --round ID --count N [--group people|staff|partners]` (one code a line)
 * `hearth assessment export --round ID --format csv|fhir` (a closed round's results) and
 * `hearth assessment rebuild-aggregates` (once, for rounds answered before migration 0032).
 */
import type { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { instrumentQuestionnaire } from './fhir.ts';
import { loadInstrument } from './instrument.ts';
import type { RespondentGroup } from './policy.ts';
import { respondentGroups } from './policy.ts';
import { resultsCsvRows } from './results.ts';
import { resultsBundle } from './results-fhir.ts';
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
  assessment
    .command('export')
    .description(
      "write a closed round's results to stdout, as a manager sees them (groups under 5 left out)",
    )
    .requiredOption('--round <id>', 'the round')
    .option(
      '--format <format>',
      'csv (the results table) or fhir (a Bundle of MeasureReports)',
      'csv',
    )
    .action(async (opts: { round: string; format: string }) => {
      if (opts.format !== 'csv' && opts.format !== 'fhir') {
        throw new Error('--format must be csv or fhir');
      }
      const results = await deps.withService((a) => a.results.forCommandLine(opts.round));
      if (!results.ready)
        throw new Error('This round is still open: results show once it has closed.');
      process.stdout.write(
        opts.format === 'csv'
          ? stringify(resultsCsvRows(results))
          : `${JSON.stringify(resultsBundle(results, await deps.publicUrl()), null, 2)}\n`,
      );
    });
  assessment
    .command('rebuild-aggregates')
    .description("count every round's results again from its responses (after migration 0032)")
    .action(async () => {
      const n = await deps.withService((a) => a.aggregates.rebuildAll());
      process.stdout.write(`Counted ${n} rounds again.\n`);
    });
}
