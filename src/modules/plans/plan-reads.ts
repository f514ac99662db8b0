/**
 * What every plans capability shares: loading a plan and its current version, deciding access
 * through the policy, and turning rows into the views people see. No writes and no audit here;
 * each capability audits its own reads and changes.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../db/index.ts';
import type { AuditContext } from '../audit/index.ts';
import type { Actor } from '../accounts/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { toIso } from '../../lib/clock.ts';
import { newId } from '../../lib/tokens.ts';
import type { PlanAccess } from './policy.ts';
import { isClinical, isPlanOwnerRole, planAccessFor } from './policy.ts';
import type {
  PlanEmergencyAccessTable,
  PlanProposalsTable,
  PlanSupporterLinksTable,
  PlanVersionsTable,
  PlansTable,
} from './tables.ts';
import type { PlanContent } from './schema.ts';
import { sectionTitles } from './schema.ts';
import { fieldByName } from './sections.ts';
import { parseContent, presentGlance, presentSections } from './present.ts';
import { SUPPORTER_CODE_TRIES } from './types.ts';
import type {
  AgreementView,
  EmergencyView,
  LinkView,
  PlanView,
  PlansDeps,
  ProposalView,
  ShareView,
} from './types.ts';

/** The sections the person keeps private, from the plan row. */
export function privateOf(plan: PlansTable): string[] {
  const list = JSON.parse(plan.private_sections) as unknown;
  return Array.isArray(list) ? list.filter((k): k is string => typeof k === 'string') : [];
}

/** The stored hash of a supporter link's one-time code. */
export function codeHash(token: string, code: string): string {
  // The code is short, so it is hashed with the link's secret token: a copy of the database
  // alone cannot be used to try every code.
  return createHash('sha256').update(`${token}:${code}`).digest('hex');
}

function describeValue(name: string, value: string | string[] | undefined): string {
  const field = fieldByName(name);
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
    return '';
  }
  if (!field || field.kind === 'text') return Array.isArray(value) ? value.join(', ') : value;
  return (Array.isArray(value) ? value : [value])
    .map((v) => field.options.find((o) => o.value === v)?.text ?? v)
    .join(', ');
}

/** The audit context of a read: records the unit through which the plan was shared. */
export function contextFor(ctx: AuditContext, access: PlanAccess): AuditContext {
  // Record the unit through which the plan was shared, so the person sees the right ward.
  if (access.kind === 'shared' && access.unitId && ctx.actor) {
    return { ...ctx, actor: { ...ctx.actor, unitId: access.unitId } };
  }
  return ctx;
}

/** The kind words of the conflict a save from an out-of-date copy gets. */
export const CHANGED_ELSEWHERE =
  'Your plan was changed somewhere else after you opened it. Nothing has been lost: what you wrote is below, next to what is saved now.';

/** Creates the shared loading and describing helpers over the plans store. */
export function createPlanReads(deps: PlansDeps) {
  const { store, clock, accounts } = deps;

  async function nameOf(conn: Db, organisationId: string, id: string): Promise<string> {
    return (await accounts.describeAccounts(conn, [id], organisationId)).get(id)?.displayName ?? '';
  }

  function todayIso(): string {
    return toIso(clock()).slice(0, 10);
  }

  async function requireOwnPlan(conn: Db, actor: Actor): Promise<PlansTable> {
    if (!isPlanOwnerRole(actor)) throw AppError.notFound();
    const plan = await store.findPlanOfPerson(conn, actor.organisationId, actor.id);
    if (!plan) throw AppError.notFound();
    return plan;
  }

  async function currentVersion(conn: Db, plan: PlansTable): Promise<PlanVersionsTable> {
    const version = await store.findVersion(
      conn,
      plan.organisation_id,
      plan.id,
      plan.current_version,
    );
    if (!version) throw new Error('plan has no current version');
    return version;
  }

  async function accessTo(conn: Db, actor: Actor, plan: PlansTable): Promise<PlanAccess | null> {
    const shares = await store.listShares(conn, plan.organisation_id, plan.id);
    const grants = isClinical(actor)
      ? await store.grantsFor(conn, plan.organisation_id, plan.id, actor.id)
      : [];
    return planAccessFor(actor, plan, shares, grants, clock());
  }

  async function agreementView(conn: Db, plan: PlansTable): Promise<AgreementView | null> {
    const row = await store.latestAgreement(conn, plan.organisation_id, plan.id);
    if (!row) return null;
    return {
      version: row.version,
      outcome: row.outcome,
      whoAgreed: row.who_agreed,
      personView: row.person_view,
      teamView: row.team_view,
      recordedBy: await nameOf(conn, row.organisation_id, row.recorded_by),
      recordedAt: row.created_at,
      isCurrent: row.version === plan.current_version,
    };
  }

  async function buildView(
    conn: Db,
    plan: PlansTable,
    version: PlanVersionsTable,
    access: PlanView['access'],
    emergencyUntil: string | null = null,
  ): Promise<PlanView> {
    const content = parseContent(version.content);
    const privateKeys = privateOf(plan);
    const hidden = access === 'owner' ? [] : privateKeys;
    const names = await accounts.describeAccounts(
      conn,
      [plan.person_id, version.author_id],
      plan.organisation_id,
    );
    return {
      planId: plan.id,
      personId: plan.person_id,
      personName: names.get(plan.person_id)?.displayName ?? '',
      version: version.version,
      updatedAt: version.created_at,
      updatedBy: names.get(version.author_id)?.displayName ?? '',
      reviewBy: plan.review_by,
      reviewDue: plan.review_by !== null && plan.review_by <= todayIso(),
      sections: presentSections(content, hidden, access === 'owner' ? privateKeys : []),
      glance: presentGlance(content, hidden),
      agreement: await agreementView(conn, plan),
      access,
      emergencyUntil,
      privateCount: access === 'owner' ? 0 : privateKeys.length,
      openedAt: toIso(clock()),
    };
  }

  /** Loads a plan a staff member (or the person) may read, or 404; the caller audits the read. */
  async function loadForReader(
    trx: Db,
    actor: Actor,
    planId: string,
  ): Promise<{ plan: PlansTable; access: PlanAccess }> {
    if (!isClinical(actor) && !isPlanOwnerRole(actor)) throw AppError.notFound();
    const plan = await store.findPlan(trx, actor.organisationId, planId);
    if (!plan) throw AppError.notFound();
    const access = await accessTo(trx, actor, plan);
    if (!access) throw AppError.notFound();
    return { plan, access };
  }

  async function describeShares(conn: Db, plan: PlansTable): Promise<ShareView[]> {
    const active = (await store.listShares(conn, plan.organisation_id, plan.id)).filter(
      (s) => s.revoked_at === null,
    );
    const units = await accounts.describeUnits(
      conn,
      active.map((s) => s.unit_id).filter((x): x is string => x !== null),
      plan.organisation_id,
    );
    const people = await accounts.describeAccounts(
      conn,
      active.map((s) => s.account_id).filter((x): x is string => x !== null),
      plan.organisation_id,
    );
    return active.map((s) => ({
      id: s.id,
      kind: s.kind,
      name:
        s.kind === 'unit'
          ? (units.get(s.unit_id ?? '')?.name ?? '')
          : (people.get(s.account_id ?? '')?.displayName ?? ''),
    }));
  }

  function linkState(link: PlanSupporterLinksTable): LinkView['state'] {
    if (link.revoked_at) return 'revoked';
    if (link.used_at) return 'used';
    if (link.failed_attempts >= SUPPORTER_CODE_TRIES) return 'locked';
    if (new Date(link.expires_at) <= clock()) return 'expired';
    return 'waiting';
  }

  async function describeLinks(conn: Db, plan: PlansTable): Promise<LinkView[]> {
    return (await store.listLinks(conn, plan.organisation_id, plan.id)).map((l) => ({
      id: l.id,
      supporterName: l.supporter_name,
      expiresAt: l.expires_at,
      state: linkState(l),
      createdAt: l.created_at,
      visits: l.visits,
      idleMinutes: l.idle_minutes,
    }));
  }

  async function describeProposal(
    conn: Db,
    plan: PlansTable,
    p: PlanProposalsTable,
  ): Promise<ProposalView> {
    const current = parseContent((await currentVersion(conn, plan)).content);
    const changes = JSON.parse(p.changes) as Record<string, string | string[]>;
    return {
      id: p.id,
      proposedBy: await nameOf(conn, p.organisation_id, p.proposed_by),
      createdAt: p.created_at,
      note: p.note,
      baseVersion: p.base_version,
      status: p.status,
      changes: Object.entries(changes).map(([name, value]) => {
        const field = fieldByName(name);
        return {
          section: sectionTitles[field?.section ?? ''] ?? '',
          label: field?.label ?? name,
          now: describeValue(name, current.fields[name]),
          suggested: describeValue(name, value),
        };
      }),
    };
  }

  async function describeEmergency(
    conn: Db,
    organisationId: string,
    rows: PlanEmergencyAccessTable[],
  ): Promise<EmergencyView[]> {
    const people = await accounts.describeAccounts(
      conn,
      rows.flatMap((r) => [r.actor_id, r.person_id]),
      organisationId,
    );
    const units = await accounts.describeUnits(
      conn,
      rows.map((r) => r.actor_unit_id).filter((x): x is string => x !== null),
      organisationId,
    );
    return rows.map((r) => ({
      id: r.id,
      personName: people.get(r.person_id)?.displayName ?? '',
      who: people.get(r.actor_id)?.displayName ?? 'A member of staff',
      unit: r.actor_unit_id ? (units.get(r.actor_unit_id)?.name ?? null) : null,
      reason: r.reason,
      startedAt: r.started_at,
      expiresAt: r.expires_at,
      reviewedAt: r.reviewed_at,
      planId: r.plan_id,
    }));
  }

  /** Writes a new version from `fromVersion`; throws conflict when the plan has moved on. */
  async function writeVersion(
    trx: Db,
    plan: PlansTable,
    fromVersion: number,
    content: PlanContent,
    authorId: string,
    reviewBy: string | null,
    note: string | null,
  ): Promise<number> {
    const at = toIso(clock());
    const moved = await store.advancePlan(trx, plan.organisation_id, plan.id, fromVersion, {
      reviewBy,
      at,
    });
    if (!moved) throw AppError.conflict(CHANGED_ELSEWHERE);
    await store.insertVersion(trx, {
      id: newId(),
      organisation_id: plan.organisation_id,
      plan_id: plan.id,
      version: fromVersion + 1,
      content: JSON.stringify(content),
      author_id: authorId,
      note,
      created_at: at,
    });
    return fromVersion + 1;
  }

  return {
    nameOf,
    todayIso,
    requireOwnPlan,
    currentVersion,
    accessTo,
    agreementView,
    buildView,
    loadForReader,
    describeShares,
    linkState,
    describeLinks,
    describeProposal,
    describeEmergency,
    writeVersion,
  };
}

/** The shared helpers each capability is given. */
export type PlanReads = ReturnType<typeof createPlanReads>;
