/**
 * People's rights over their plan. Guarantees: the export holds only the person's own plan
 * (callers have checked who is asking); deleting removes the plan and everything that hangs off
 * it (versions, sharing, supporter links, suggestions, agreements, emergency looks) in the
 * caller's transaction and returns only counts and a digest, never content; the retention sweep
 * never touches a plan's current version.
 */
import type { Db } from '../../db/index.ts';
import type { PersonRef, Removal, RetentionCutoffs, SweepResult } from '../../lib/person-data.ts';
import { removalOf } from '../../lib/person-data.ts';
import { createPlanRightsStore } from './rights-store.ts';
import { sections } from './sections.ts';
import type { PlanContent } from './schema.ts';
import type { PlansDeps } from './types.ts';

/** The retention category plans offer, and its plain-words description. */
export const planRetentionCategories = {
  plan_history:
    'Earlier versions of plans, ended sharing, ended supporter links and decided suggestions',
} as const;

/** One answer in a plan, with the question it answers. */
export interface PlanAnswer {
  section: string;
  question: string;
  answer: string;
}

function answersOf(content: PlanContent): PlanAnswer[] {
  const out: PlanAnswer[] = [];
  for (const section of sections) {
    for (const field of section.fields) {
      const value = content.fields[field.name];
      if (value === undefined || value === null || value === '') continue;
      const values = Array.isArray(value) ? value.map(String) : [String(value)];
      if (values.length === 0) continue;
      const text =
        field.kind === 'choices'
          ? values.map((v) => field.options.find((o) => o.value === v)?.text ?? v).join('; ')
          : values.join('; ');
      out.push({ section: section.title, question: field.label, answer: text });
    }
  }
  return out;
}

/** Creates the plans module's part of people's rights. */
export function createPlanRights(deps: PlansDeps) {
  const { db, store, accounts } = deps;
  const rights = createPlanRightsStore();

  return {
    /** Everything about the person's plan, in words they can read; null when they have none. */
    async exportForPerson(person: PersonRef, conn: Db = db) {
      const org = person.organisationId;
      const plan = await store.findPlanOfPerson(conn, org, person.personId);
      if (!plan) return null;
      const rows = await rights.rowsOfPlan(conn, org, plan.id);
      const names = await accounts.describeAccounts(
        conn,
        [
          ...rows.plan_versions.map((v) => v.author_id),
          ...rows.plan_shares.flatMap((s) => (s.account_id ? [s.account_id] : [])),
          ...rows.plan_proposals.map((p) => p.proposed_by),
          ...rows.plan_agreements.map((a) => a.recorded_by),
          ...rows.plan_emergency_access.map((e) => e.actor_id),
        ],
        org,
      );
      const units = await accounts.describeUnits(
        conn,
        rows.plan_shares.flatMap((s) => (s.unit_id ? [s.unit_id] : [])),
        org,
      );
      const nameOf = (id: string) => names.get(id)?.displayName ?? 'Someone no longer here';
      const versions = [...rows.plan_versions].sort((a, b) => b.version - a.version);
      return {
        createdAt: plan.created_at,
        updatedAt: plan.updated_at,
        reviewBy: plan.review_by,
        currentVersion: plan.current_version,
        privateSections: JSON.parse(plan.private_sections) as string[],
        versions: versions.map((v) => ({
          version: v.version,
          savedAt: v.created_at,
          savedBy: v.author_id === person.personId ? 'You' : nameOf(v.author_id),
          note: v.note,
          answers: answersOf(JSON.parse(v.content) as PlanContent),
          declined: ((JSON.parse(v.content) as PlanContent).declined ?? []).map(
            (key) => sections.find((sec) => sec.key === key)?.title ?? key,
          ),
        })),
        sharing: rows.plan_shares.map((s) => ({
          with: s.unit_id ? (units.get(s.unit_id)?.name ?? 'A team') : nameOf(s.account_id ?? ''),
          from: s.created_at,
          stopped: s.revoked_at,
        })),
        supporterLinks: rows.plan_supporter_links.map((l) => ({
          supporter: l.supporter_name,
          made: l.created_at,
          expires: l.expires_at,
          stopped: l.revoked_at,
          used: l.used_at,
        })),
        suggestions: rows.plan_proposals.map((p) => ({
          suggestedBy: nameOf(p.proposed_by),
          suggestedAt: p.created_at,
          note: p.note,
          changes: Object.keys(JSON.parse(p.changes) as Record<string, unknown>).length,
          status: p.status,
          decidedAt: p.decided_at,
        })),
        agreements: rows.plan_agreements.map((a) => ({
          version: a.version,
          outcome: a.outcome,
          yourView: a.person_view,
          teamView: a.team_view,
          recordedBy: nameOf(a.recorded_by),
          recordedAt: a.created_at,
        })),
        emergencyLooks: rows.plan_emergency_access.map((e) => ({
          by: nameOf(e.actor_id),
          reason: e.reason,
          at: e.started_at,
        })),
      };
    },

    /** Deletes the person's plan and everything hanging off it, in the caller's transaction. */
    async deleteOwnedByPerson(trx: Db, person: PersonRef): Promise<Removal> {
      const org = person.organisationId;
      const plan = await store.findPlanOfPerson(trx, org, person.personId);
      if (!plan) return { counts: {}, digest: null };
      const rows = await rights.rowsOfPlan(trx, org, plan.id);
      await rights.deletePlan(trx, org, plan.id);
      return removalOf({ ...rows, plans: [plan] });
    },

    /**
     * Finds (dry run) or removes plan history past the organisation's period. The current version
     * of every plan stays: it is what the person has chosen and what staff need in a crisis.
     */
    async sweepRetention(
      trx: Db,
      organisationId: string,
      cutoffs: RetentionCutoffs,
      dryRun: boolean,
    ): Promise<SweepResult[]> {
      const before = cutoffs.plan_history;
      if (!before) return [];
      const found = {
        plan_versions: await rights.oldVersions(trx, organisationId, before),
        ...(await rights.endedAround(trx, organisationId, before)),
      };
      if (!dryRun) {
        for (const [table, rows] of Object.entries(found)) {
          await rights.deleteByIds(
            trx,
            table as keyof typeof found,
            organisationId,
            rows.map((r) => r.id),
          );
        }
      }
      return [{ category: 'plan_history', ...removalOf(found) }];
    },
  };
}

/** The plans module's part of people's rights. */
export type PlanRights = ReturnType<typeof createPlanRights>;
