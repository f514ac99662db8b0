/**
 * Finding a person by name. Guarantees: only people the actor may see are searched (their
 * caseload and the people in their units, as the accounts module lists them), never the rest of
 * the organisation, so a name outside that finds nothing; each person shown in the results is
 * audited as a read naming them, in one transaction before the results are returned.
 */
import type { Actor } from '../accounts/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { isPersonUsingServices, mayUseCaseload } from './policy.ts';
import type { CaseloadDeps } from './types.ts';

/** The most results one search shows (a narrower name finds the rest). */
export const MAX_RESULTS = 20;

/** One person found. */
export interface SearchResult {
  id: string;
  name: string;
  unitNames: string[];
  /** The shared plan's id, so the result can link straight to "at a glance". */
  planId: string | null;
}

/** Lower case, accents and extra spaces removed, so "zoë  o'neil" finds "Zoe O'Neil". */
function folded(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Creates the search capability. */
export function createSearch(deps: CaseloadDeps) {
  const { db, audit, people, plans } = deps;
  return {
    /** People the actor may see whose name contains the text; empty text finds no one. */
    async find(
      actor: Actor,
      name: string,
      ctx: AuditContext,
    ): Promise<{ results: SearchResult[]; more: boolean }> {
      if (!mayUseCaseload(actor)) throw AppError.notFound();
      const wanted = folded(name);
      if (wanted === '') return { results: [], more: false };
      const seen = new Map<string, { id: string; displayName: string; unitNames: string[] }>();
      for (const p of [
        ...(await people.caseloadOf(actor)),
        ...(await people.peopleInMyUnits(actor)),
      ]) {
        if (
          isPersonUsingServices(p) &&
          p.status === 'active' &&
          folded(p.displayName).includes(wanted)
        ) {
          seen.set(p.id, p);
        }
      }
      const matches = [...seen.values()].sort((a, b) => a.displayName.localeCompare(b.displayName));
      const shown = matches.slice(0, MAX_RESULTS);
      const results: SearchResult[] = [];
      for (const p of shown) {
        const plan = await plans.sharedPlanOf(actor, p.id);
        results.push({
          id: p.id,
          name: p.displayName,
          unitNames: p.unitNames,
          planId: plan?.planId ?? null,
        });
      }
      if (results.length) {
        await audit.audited(db, ctx, async (_trx, record) => {
          for (const r of results) {
            await record({
              organisationId: actor.organisationId,
              action: 'caseload.search',
              recordType: 'account',
              recordId: r.id,
              subjectPersonId: r.id,
            });
          }
        });
      }
      return { results, more: matches.length > shown.length };
    },
  };
}
