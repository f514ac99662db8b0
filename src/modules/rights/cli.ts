/**
 * `hearth retention run [--dry-run] [--organisation <id>]`: removes records past each
 * organisation's retention period (or, with --dry-run, lists them and changes nothing). It calls
 * the same service as everything else, so the minimums and the audit trail apply.
 */
import type { Command } from 'commander';
import type { RetentionReport, RightsService } from './service.ts';

/** The lines a run prints: one per organisation and kind of record with anything past its period. */
export function describeReports(reports: readonly RetentionReport[]): string[] {
  const lines: string[] = [];
  for (const report of reports) {
    for (const r of report.results) {
      if (r.rows === 0) continue;
      const tables = Object.entries(r.counts)
        .map(([t, n]) => `${t} ${n}`)
        .join(', ');
      lines.push(
        `${report.organisationId}  ${r.category}: ${r.rows} ${report.dryRun ? 'would be removed' : 'removed'} (before ${r.before.slice(0, 10)}; ${tables})`,
      );
    }
  }
  const total = reports.reduce((n, rep) => n + rep.results.reduce((m, r) => m + r.rows, 0), 0);
  const dry = reports.some((r) => r.dryRun);
  lines.push(
    total === 0
      ? `Nothing is past its retention period in ${reports.length} organisation(s).`
      : dry
        ? `Dry run: ${total} row(s) would be removed. Nothing was changed.`
        : `Removed ${total} row(s). Each removal is in the audit trail with a digest of what went.`,
  );
  return lines;
}

/** Adds `hearth retention run`. */
export function registerRightsCommands(
  program: Command,
  withServices: <T>(fn: (rights: RightsService) => Promise<T>) => Promise<T>,
): void {
  program
    .command('retention')
    .description("keeping records only as long as each organisation's periods say")
    .command('run')
    .description(
      'remove records past their retention period (use-of-force records never before three years)',
    )
    .option('--dry-run', 'list what would be removed, and change nothing')
    .option('--organisation <id>', 'only this organisation (default: every organisation)')
    .action(async (options: { dryRun?: boolean; organisation?: string }) => {
      await withServices(async (rights) => {
        const reports = await rights.retention.run({
          dryRun: options.dryRun === true,
          organisationId: options.organisation,
        });
        for (const line of describeReports(reports)) console.log(line);
      });
    });
}
