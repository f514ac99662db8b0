/**
 * SQL for My plan. No rules here: the service decides who may call what. Every statement
 * filters on (or inserts) organisation_id, beneath the access checks.
 */
import type { Db } from '../../db/index.ts';
import type {
  PlanAgreementsTable,
  PlanEmergencyAccessTable,
  PlanProposalsTable,
  PlanSharesTable,
  PlanSupporterLinksTable,
  PlanSupporterVisitsTable,
  PlanVersionsTable,
  PlansTable,
} from './tables.ts';
import { acrossOrganisations } from '../../db/tenancy.ts';
import { compiledOnce } from '../../db/compiled.ts';
import {
  grantsOfActor,
  latestAgreementOf,
  planById,
  sharesOfPlan,
  versionOfPlan,
} from './store/glance.ts';

function num<T extends Record<string, unknown>>(row: T, ...keys: (keyof T)[]): T {
  const copy = { ...row };
  for (const k of keys) copy[k] = Number(copy[k]) as T[keyof T];
  return copy;
}

/** Supporter links, proposals, agreements and emergency access: the statements about people around a plan. */
function peopleAroundThePlan() {
  return {
    async insertLink(db: Db, row: PlanSupporterLinksTable): Promise<void> {
      await db.insertInto('plan_supporter_links').values(row).execute();
    },
    async listLinks(
      db: Db,
      organisationId: string,
      planId: string,
    ): Promise<PlanSupporterLinksTable[]> {
      const rows = await db
        .selectFrom('plan_supporter_links')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('plan_id', '=', planId)
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map((r) => num(r, 'failed_attempts', 'idle_minutes'));
    },
    /**
     * The one lookup across organisations: a supporter has only the link's secret token, so the
     * organisation is learned from the row it finds (every later statement filters on it).
     */
    async findLinkByTokenHash(
      db: Db,
      tokenHash: string,
    ): Promise<PlanSupporterLinksTable | undefined> {
      // A supporter holds only the link's token; the link names the organisation.
      const row = await acrossOrganisations('a supporter link found by its token', () =>
        db
          .selectFrom('plan_supporter_links')
          .selectAll()
          .where('token_hash', '=', tokenHash)
          .executeTakeFirst(),
      );
      return row && num(row, 'failed_attempts', 'idle_minutes');
    },
    async revokeLink(
      db: Db,
      organisationId: string,
      planId: string,
      id: string,
      at: string,
    ): Promise<boolean> {
      const result = await db
        .updateTable('plan_supporter_links')
        .set({ revoked_at: at })
        .where('organisation_id', '=', organisationId)
        .where('plan_id', '=', planId)
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async countFailedCode(db: Db, organisationId: string, id: string): Promise<void> {
      await db
        .updateTable('plan_supporter_links')
        .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .execute();
    },
    /** Marks a link used only if it is still unused; false when it was used already. */
    async claimLink(db: Db, organisationId: string, id: string, at: string): Promise<boolean> {
      const result = await db
        .updateTable('plan_supporter_links')
        .set({ used_at: at })
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .where('used_at', 'is', null)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async insertVisit(db: Db, row: PlanSupporterVisitsTable): Promise<void> {
      await db.insertInto('plan_supporter_visits').values(row).execute();
    },
    /** An open visit on this link only: a cookie from another link finds nothing. */
    async findVisit(
      db: Db,
      organisationId: string,
      linkId: string,
      tokenHash: string,
    ): Promise<PlanSupporterVisitsTable | undefined> {
      return db
        .selectFrom('plan_supporter_visits')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('link_id', '=', linkId)
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
    },
    async touchVisit(db: Db, organisationId: string, id: string, at: string): Promise<void> {
      await db
        .updateTable('plan_supporter_visits')
        .set({ last_seen_at: at })
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .execute();
    },
    async deleteVisit(db: Db, organisationId: string, id: string): Promise<void> {
      await db
        .deleteFrom('plan_supporter_visits')
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .execute();
    },
    async insertProposal(db: Db, row: PlanProposalsTable): Promise<void> {
      await db.insertInto('plan_proposals').values(row).execute();
    },
    async findProposal(
      db: Db,
      organisationId: string,
      planId: string,
      id: string,
    ): Promise<PlanProposalsTable | undefined> {
      const row = await db
        .selectFrom('plan_proposals')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('plan_id', '=', planId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && num(row, 'base_version');
    },
    async listProposals(
      db: Db,
      organisationId: string,
      planId: string,
    ): Promise<PlanProposalsTable[]> {
      const rows = await db
        .selectFrom('plan_proposals')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('plan_id', '=', planId)
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map((r) => num(r, 'base_version'));
    },
    /** Decides a proposal only if it is still open; false when it was decided already. */
    async decideProposal(
      db: Db,
      organisationId: string,
      id: string,
      status: 'accepted' | 'declined',
      at: string,
    ): Promise<boolean> {
      const result = await db
        .updateTable('plan_proposals')
        .set({ status, decided_at: at })
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .where('status', '=', 'open')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async insertAgreement(db: Db, row: PlanAgreementsTable): Promise<void> {
      await db.insertInto('plan_agreements').values(row).execute();
    },
    async latestAgreement(
      db: Db,
      organisationId: string,
      planId: string,
    ): Promise<PlanAgreementsTable | undefined> {
      const [row] = await latestAgreementOf(db, { organisationId, planId });
      return row && num(row, 'version', 'seq');
    },
    async insertEmergency(db: Db, row: PlanEmergencyAccessTable): Promise<void> {
      await db.insertInto('plan_emergency_access').values(row).execute();
    },
    async grantsFor(
      db: Db,
      organisationId: string,
      planId: string,
      actorId: string,
    ): Promise<PlanEmergencyAccessTable[]> {
      return grantsOfActor(db, { organisationId, planId, actorId });
    },
    async emergencyOfPlan(
      db: Db,
      organisationId: string,
      planId: string,
      since: string,
    ): Promise<PlanEmergencyAccessTable[]> {
      return db
        .selectFrom('plan_emergency_access')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('plan_id', '=', planId)
        .where('started_at', '>=', since)
        .orderBy('started_at', 'desc')
        .execute();
    },
    async unreviewedEmergency(db: Db, organisationId: string): Promise<PlanEmergencyAccessTable[]> {
      return db
        .selectFrom('plan_emergency_access')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('reviewed_at', 'is', null)
        .orderBy('started_at', 'desc')
        .limit(200)
        .execute();
    },
    async findEmergency(
      db: Db,
      organisationId: string,
      id: string,
    ): Promise<PlanEmergencyAccessTable | undefined> {
      return db
        .selectFrom('plan_emergency_access')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    async markEmergencyReviewed(
      db: Db,
      organisationId: string,
      id: string,
      by: string,
      at: string,
    ): Promise<boolean> {
      const result = await db
        .updateTable('plan_emergency_access')
        .set({ reviewed_at: at, reviewed_by: by })
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .where('reviewed_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}

/**
 * Active shares reaching an account or its units: built once per number of units (compiled.ts),
 * as every home page with a plans panel runs it.
 */
const sharesReachingQuery = compiledOnce(
  (db: Db, v: { organisationId: string; accountId: string; unitIds: string[] }) =>
    db
      .selectFrom('plan_shares')
      .selectAll()
      .where('organisation_id', '=', v.organisationId)
      .where('revoked_at', 'is', null)
      .where((eb) =>
        eb.or([
          // house: not a role (a share with one member of staff)
          eb.and([eb('kind', '=', 'practitioner'), eb('account_id', '=', v.accountId)]),
          ...(v.unitIds.length
            ? [eb.and([eb('kind', '=', 'unit'), eb('unit_id', 'in', v.unitIds)])]
            : []),
        ]),
      ),
);

/** Plans by id, for the home page's plans panel: built once per number of ids (compiled.ts). */
const plansByIds = compiledOnce((db: Db, v: { organisationId: string; ids: string[] }) =>
  db
    .selectFrom('plans')
    .selectAll()
    .where('organisation_id', '=', v.organisationId)
    .where('id', 'in', v.ids),
);

/** Creates the plans store. */
export function createPlansStore() {
  return {
    async insertPlan(db: Db, row: PlansTable): Promise<void> {
      await db.insertInto('plans').values(row).execute();
    },
    async findPlan(db: Db, organisationId: string, id: string): Promise<PlansTable | undefined> {
      const [row] = await planById(db, { organisationId, id });
      return row && num(row, 'current_version');
    },
    async findPlanOfPerson(
      db: Db,
      organisationId: string,
      personId: string,
    ): Promise<PlansTable | undefined> {
      const row = await db
        .selectFrom('plans')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('person_id', '=', personId)
        .executeTakeFirst();
      return row && num(row, 'current_version');
    },
    async listPlansOfPeople(
      db: Db,
      organisationId: string,
      personIds: string[],
    ): Promise<PlansTable[]> {
      if (personIds.length === 0) return [];
      const rows = await db
        .selectFrom('plans')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('person_id', 'in', personIds)
        .execute();
      return rows.map((r) => num(r, 'current_version'));
    },
    /** Moves a plan on one version only if nobody else has; false when someone got there first. */
    async advancePlan(
      db: Db,
      organisationId: string,
      id: string,
      fromVersion: number,
      set: { reviewBy: string | null; at: string },
    ): Promise<boolean> {
      const result = await db
        .updateTable('plans')
        .set({ current_version: fromVersion + 1, review_by: set.reviewBy, updated_at: set.at })
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .where('current_version', '=', fromVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async setPrivateSections(
      db: Db,
      organisationId: string,
      id: string,
      sections: string[],
    ): Promise<void> {
      await db
        .updateTable('plans')
        .set({ private_sections: JSON.stringify(sections) })
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .execute();
    },
    async insertVersion(db: Db, row: PlanVersionsTable): Promise<void> {
      await db.insertInto('plan_versions').values(row).execute();
    },
    async findVersion(
      db: Db,
      organisationId: string,
      planId: string,
      version: number,
    ): Promise<PlanVersionsTable | undefined> {
      const [row] = await versionOfPlan(db, { organisationId, planId, version });
      return row && num(row, 'version');
    },
    async listVersions(
      db: Db,
      organisationId: string,
      planId: string,
    ): Promise<Omit<PlanVersionsTable, 'content'>[]> {
      const rows = await db
        .selectFrom('plan_versions')
        .select(['id', 'organisation_id', 'plan_id', 'version', 'author_id', 'note', 'created_at'])
        .where('organisation_id', '=', organisationId)
        .where('plan_id', '=', planId)
        .orderBy('version', 'desc')
        .execute();
      return rows.map((r) => num(r, 'version'));
    },
    async listShares(db: Db, organisationId: string, planId: string): Promise<PlanSharesTable[]> {
      return sharesOfPlan(db, { organisationId, planId });
    },
    async insertShare(db: Db, row: PlanSharesTable): Promise<void> {
      await db.insertInto('plan_shares').values(row).execute();
    },
    async revokeShare(db: Db, organisationId: string, id: string, at: string): Promise<void> {
      await db
        .updateTable('plan_shares')
        .set({ revoked_at: at })
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .execute();
    },
    /** Active shares in an organisation that reach an account by name or through its units. */
    async sharesReaching(
      db: Db,
      organisationId: string,
      accountId: string,
      unitIds: string[],
    ): Promise<PlanSharesTable[]> {
      return sharesReachingQuery(db, { organisationId, accountId, unitIds });
    },
    async listPlansByIds(db: Db, organisationId: string, ids: string[]): Promise<PlansTable[]> {
      if (ids.length === 0) return [];
      const rows = await plansByIds(db, { organisationId, ids });
      return rows.map((r) => num(r, 'current_version'));
    },
    ...peopleAroundThePlan(),
  };
}

/** The plans store's functions. */
export type PlansStore = ReturnType<typeof createPlansStore>;
