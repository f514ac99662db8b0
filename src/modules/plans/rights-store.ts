/**
 * SQL for people's rights over their plan: every row about one plan (to export or delete it),
 * and the rows past the organisation's retention period. Every statement filters on
 * organisation_id.
 */
import type { Db } from '../../db/index.ts';
import type {
  PlanAgreementsTable,
  PlanEmergencyAccessTable,
  PlanProposalsTable,
  PlanSharesTable,
  PlanSupporterLinksTable,
  PlanVersionsTable,
} from './tables.ts';

/** The tables that hang off a plan, children first (the order they are deleted in). */
export const planChildTables = [
  'plan_emergency_access',
  'plan_agreements',
  'plan_proposals',
  'plan_supporter_links',
  'plan_shares',
  'plan_versions',
] as const;

/** One of the tables that hang off a plan. */
export type PlanChildTable = (typeof planChildTables)[number];

/** Every row about one plan, by table. */
export interface PlanRows {
  plan_emergency_access: PlanEmergencyAccessTable[];
  plan_agreements: PlanAgreementsTable[];
  plan_proposals: PlanProposalsTable[];
  plan_supporter_links: PlanSupporterLinksTable[];
  plan_shares: PlanSharesTable[];
  plan_versions: PlanVersionsTable[];
}

/** Creates the statements for rights and retention over plans. */
export function createPlanRightsStore() {
  return {
    /** Every row of every child table of a plan. */
    async rowsOfPlan(db: Db, organisationId: string, planId: string): Promise<PlanRows> {
      const rows = {} as Record<PlanChildTable, unknown[]>;
      for (const table of planChildTables) {
        rows[table] = await db
          .selectFrom(table)
          .selectAll()
          .where('organisation_id', '=', organisationId)
          .where('plan_id', '=', planId)
          .orderBy('id')
          .execute();
      }
      return rows as unknown as PlanRows;
    },

    /** Deletes a plan and every row about it, children first. */
    async deletePlan(db: Db, organisationId: string, planId: string): Promise<void> {
      for (const table of planChildTables) {
        await db
          .deleteFrom(table)
          .where('organisation_id', '=', organisationId)
          .where('plan_id', '=', planId)
          .execute();
      }
      await db
        .deleteFrom('plans')
        .where('organisation_id', '=', organisationId)
        .where('id', '=', planId)
        .execute();
    },

    /** Earlier versions (never the current one) saved before the cut-off. */
    async oldVersions(db: Db, organisationId: string, before: string) {
      return db
        .selectFrom('plan_versions as v')
        .innerJoin('plans as p', (j) =>
          j.onRef('p.id', '=', 'v.plan_id').onRef('p.organisation_id', '=', 'v.organisation_id'),
        )
        .selectAll('v')
        .where('v.organisation_id', '=', organisationId)
        .whereRef('v.version', '<', 'p.current_version')
        .where('v.created_at', '<', before)
        .orderBy('v.id')
        .execute();
    },

    /** Sharing stopped, supporter links ended and suggestions decided before the cut-off. */
    async endedAround(db: Db, organisationId: string, before: string) {
      const shares = await db
        .selectFrom('plan_shares')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('revoked_at', '<', before)
        .orderBy('id')
        .execute();
      const links = await db
        .selectFrom('plan_supporter_links')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where((eb) => eb.or([eb('revoked_at', '<', before), eb('expires_at', '<', before)]))
        .orderBy('id')
        .execute();
      const proposals = await db
        .selectFrom('plan_proposals')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('decided_at', '<', before)
        .orderBy('id')
        .execute();
      return { plan_shares: shares, plan_supporter_links: links, plan_proposals: proposals };
    },

    /** Deletes rows of one child table by id. */
    async deleteByIds(
      db: Db,
      table: PlanChildTable,
      organisationId: string,
      ids: string[],
    ): Promise<void> {
      for (let i = 0; i < ids.length; i += 500) {
        if (table === 'plan_supporter_links') {
          // A link's open supporter visits go with it.
          await db
            .deleteFrom('plan_supporter_visits')
            .where('organisation_id', '=', organisationId)
            .where('link_id', 'in', ids.slice(i, i + 500))
            .execute();
        }
        await db
          .deleteFrom(table)
          .where('organisation_id', '=', organisationId)
          .where('id', 'in', ids.slice(i, i + 500))
          .execute();
      }
    },
  };
}

/** The plan rights statements. */
export type PlanRightsStore = ReturnType<typeof createPlanRightsStore>;
