/**
 * `hearth units add|list|close` and `hearth staff import`: organisation set-up from the command
 * line, acting as an administrator named with --by (their rules apply, and the audit trail
 * names them).
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import type { Actor } from '../accounts/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { unitSchema } from './schema.ts';
import type { OrganisationService } from './service.ts';

/** What the commands need: the set-up service and a way to act as an account. */
export interface OrganisationCommandDeps {
  organisation: OrganisationService;
  /** The actor and audit context for an account's email, or an error when there is none. */
  actAs(email: string): Promise<{ actor: Actor; ctx: AuditContext }>;
}

/** Opens the configured database and runs `fn` with what the commands need. */
export type WithOrganisation = (
  fn: (deps: OrganisationCommandDeps) => Promise<void>,
) => Promise<void>;

const by = ['--by <email>', 'the organisation administrator doing this'] as const;

/** Adds the set-up sub-commands. */
export function registerOrganisationCommands(program: Command, withDeps: WithOrganisation): void {
  const units = program.command('units').description("an organisation's wards and community teams");
  units
    .command('add')
    .description('add a ward or community team')
    .requiredOption(...by)
    .requiredOption('--name <name>', 'the name staff know it by')
    .option('--kind <kind>', 'ward or team', 'ward')
    .option('--beds <n>', 'the number of beds on a ward')
    .action(async (opts: { by: string; name: string; kind: string; beds?: string }) => {
      await withDeps(async ({ organisation, actAs }) => {
        const parsed = unitSchema.safeParse({
          name: opts.name,
          kind: opts.kind,
          bedCount: opts.beds,
        });
        if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('; '));
        const { actor, ctx } = await actAs(opts.by);
        const { id } = await organisation.units.add(actor, parsed.data, ctx);
        console.log(id);
      });
    });
  units
    .command('list')
    .description('list units (open ones, then closed ones)')
    .requiredOption(...by)
    .action(async (opts: { by: string }) => {
      await withDeps(async ({ organisation, actAs }) => {
        const { actor } = await actAs(opts.by);
        const { open, closed } = await organisation.units.list(actor);
        for (const u of open)
          console.log([u.id, u.name, u.kind, u.bed_count ?? '', 'open'].join('\t'));
        for (const u of closed)
          console.log(
            [u.id, u.name, u.kind, u.bed_count ?? '', `closed ${u.closed_at}`].join('\t'),
          );
      });
    });
  units
    .command('close <unitId>')
    .description('close a unit: it leaves every list and keeps its history')
    .requiredOption(...by)
    .action(async (unitId: string, opts: { by: string }) => {
      await withDeps(async ({ organisation, actAs }) => {
        const { actor, ctx } = await actAs(opts.by);
        await organisation.units.close(actor, unitId, ctx);
        console.log(`Closed. Its records and figures are kept.`);
      });
    });

  program
    .command('staff')
    .description('staff of an organisation')
    .command('import <file>')
    .description('invite staff from an ESR-shaped CSV (checks only, unless --commit)')
    .requiredOption(...by)
    .option('--commit', 'invite everyone when every line is right (all or none)')
    .action(async (file: string, opts: { by: string; commit?: boolean }) => {
      await withDeps(async ({ organisation, actAs }) => {
        const { actor, ctx } = await actAs(opts.by);
        const csv = fs.readFileSync(file, 'utf8');
        const result = opts.commit
          ? await organisation.staffImport.commit(actor, csv, ctx)
          : { ...(await organisation.staffImport.preview(actor, csv)), links: [] as string[] };
        if (result.problems.length > 0) {
          for (const p of result.problems)
            console.error(p.line ? `line ${p.line}: ${p.text}` : p.text);
          console.error('Nobody was invited.');
          process.exitCode = 1;
          return;
        }
        for (const [i, l] of result.lines.entries())
          console.log([l.line, l.email, l.roleLabel, l.unitName, result.links[i] ?? ''].join('\t'));
        console.log(
          opts.commit
            ? `Invited ${result.lines.length}. Send each person their own link.`
            : `Every line is right (${result.lines.length}). Run again with --commit to invite them.`,
        );
      });
    });
}
