/**
 * Retention: each organisation's periods, and the run that removes records past them.
 * Guarantees: only an organisation administrator changes their organisation's periods, each
 * change audited; use-of-force records can never be set below three years and the force module
 * also refuses any record before its own `retain_until`; a run removes each organisation's
 * records in one transaction with one audit event per kind of record, holding counts and a
 * SHA-256 digest of what went (never the content), so the audit chain is never touched and
 * still verifies; a dry run changes nothing.
 */
import type { Actor } from '../../lib/actor.ts';
import type { AuditContext } from '../../lib/actor.ts';
import { AppError } from '../../lib/app-error.ts';
import { toIso } from '../../lib/clock.ts';
import type { RetentionCutoffs, SweepResult } from '../../lib/person-data.ts';
import { totalRows } from '../../lib/person-data.ts';
import type { RetentionCategory } from './categories.ts';
import { monthsBefore, retentionCategories } from './categories.ts';
import type { RightsDeps } from './deps.ts';
import { mayRights } from './policy.ts';

/** One kind of record with the organisation's period for it. */
export interface RetentionSetting extends RetentionCategory {
  months: number;
  isDefault: boolean;
}

/** What a run found or removed in one organisation. */
export interface RetentionReport {
  organisationId: string;
  dryRun: boolean;
  results: (SweepResult & { label: string; rows: number; before: string })[];
}

/** The context retention runs are audited under: the system, from the command line. */
const systemRun: AuditContext = { actor: null, ip: null };

/** Creates the retention capability. */
export function createRetention(deps: RightsDeps) {
  const { db, store, audit, clock, plans, enquiry, force } = deps;

  async function settingsOf(organisationId: string): Promise<RetentionSetting[]> {
    const saved = new Map(
      (await store.listSettings(db, organisationId)).map((s) => [s.category, s.months]),
    );
    return retentionCategories.map((c) => {
      const months = saved.get(c.key);
      // A stored period below the minimum (set before a rule changed) never wins over the law.
      const safe = months === undefined ? c.defaultMonths : Math.max(months, c.minimumMonths);
      return { ...c, months: safe, isDefault: months === undefined };
    });
  }

  async function runFor(organisationId: string, dryRun: boolean): Promise<RetentionReport> {
    const now = clock();
    const settings = await settingsOf(organisationId);
    const cutoffs: RetentionCutoffs = Object.fromEntries(
      settings.map((s) => [s.key, toIso(monthsBefore(now, s.months))]),
    );
    const sweep = async (trx: typeof db) => [
      ...(await plans.sweepRetention(trx, organisationId, cutoffs, dryRun)),
      ...(await enquiry.sweepRetention(trx, organisationId, cutoffs, dryRun)),
      ...(await force.sweepRetention(trx, organisationId, cutoffs, dryRun)),
    ];
    const results = dryRun
      ? await sweep(db)
      : await audit.audited(db, systemRun, async (trx, record) => {
          const found = await sweep(trx);
          for (const r of found) {
            if (totalRows(r) === 0) continue;
            await record({
              organisationId,
              action: 'retention.remove',
              recordType: 'retention_category',
              recordId: r.category,
              detail: {
                category: r.category,
                before: cutoffs[r.category] ?? null,
                rows: totalRows(r),
                tables: Object.entries(r.counts)
                  .map(([t, n]) => `${t}=${n}`)
                  .join(','),
                digest: r.digest,
              },
            });
          }
          return found;
        });
    return {
      organisationId,
      dryRun,
      results: results.map((r) => ({
        ...r,
        label: settings.find((s) => s.key === r.category)?.label ?? r.category,
        rows: totalRows(r),
        before: cutoffs[r.category] ?? '',
      })),
    };
  }

  return {
    /** The organisation's periods, for its administrator. */
    async settings(actor: Actor): Promise<RetentionSetting[]> {
      if (!mayRights(actor, 'retention')) throw AppError.notFound();
      return settingsOf(actor.organisationId);
    },

    /** Saves the organisation's periods (already checked against each minimum by the schema). */
    async saveSettings(
      actor: Actor,
      input: Record<string, number>,
      ctx: AuditContext,
    ): Promise<void> {
      if (!mayRights(actor, 'retention')) throw AppError.notFound();
      for (const c of retentionCategories) {
        const months = input[c.key];
        if (months === undefined || months < c.minimumMonths)
          throw AppError.invalid(c.key, 'Enter a period that is at least the minimum');
      }
      const before = await settingsOf(actor.organisationId);
      await audit.audited(db, ctx, async (trx, record) => {
        for (const c of retentionCategories) {
          const months = input[c.key] ?? c.defaultMonths;
          const was = before.find((b) => b.key === c.key);
          if (was && was.months === months && !was.isDefault) continue;
          await store.saveSetting(trx, {
            organisation_id: actor.organisationId,
            category: c.key,
            months,
            updated_at: toIso(clock()),
            updated_by: actor.id,
          });
          await record({
            organisationId: actor.organisationId,
            action: 'retention.settings',
            recordType: 'retention_category',
            recordId: c.key,
            detail: { months, previous: was?.months ?? null },
          });
        }
      });
    },

    /**
     * Finds (dry run) or removes records past their period, in one organisation or in all.
     * For the command line and scheduled jobs; there is no web route for it.
     */
    async run(options: { dryRun: boolean; organisationId?: string }): Promise<RetentionReport[]> {
      const ids = options.organisationId ? [options.organisationId] : await deps.organisationIds();
      const reports: RetentionReport[] = [];
      for (const id of ids) reports.push(await runFor(id, options.dryRun));
      return reports;
    },
  };
}
