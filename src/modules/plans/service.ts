/**
 * My plan: the person's crisis plan and advance choices. Guarantees: only the person writes
 * their plan (practitioners suggest, the person decides); every save is a new version and a
 * save made from an out-of-date copy is refused, never merged silently; staff read a plan only
 * through the access policy, checked on every request; every read, print or export by anyone
 * other than the person is audited in the same transaction as the read, naming the person, so
 * it appears in their "Who has seen my information" list; emergency access needs a reason, is
 * time-boxed and goes to the unit manager for review.
 */
import { createHash, randomInt } from 'node:crypto';
import type { Db } from '../../db/index.ts';
import type { AuditContext, AuditLog } from '../audit/index.ts';
import type { AccountsPeople, Actor } from '../accounts/index.ts';
import { AppError } from '../../lib/app-error.ts';
import type { Clock } from '../../lib/clock.ts';
import { DAY, MINUTE, addMs, toIso } from '../../lib/clock.ts';
import { hashToken, newId, newToken } from '../../lib/tokens.ts';
import type { PlanAccess } from './policy.ts';
import { isClinical, mayWorkOnPlan, planAccessFor } from './policy.ts';
import type { PlansStore } from './store.ts';
import type {
  PlanAgreementsTable,
  PlanEmergencyAccessTable,
  PlanProposalsTable,
  PlanSupporterLinksTable,
  PlanVersionsTable,
  PlansTable,
} from './tables.ts';
import type {
  AgreementInput,
  EmergencyAccessInput,
  PlanContent,
  SharingInput,
  SupporterLinkInput,
} from './schema.ts';
import { sectionTitles } from './schema.ts';
import { fieldByName, sectionKeys, sections } from './sections.ts';
import type { GlanceView, SectionView } from './present.ts';
import {
  changedFields,
  parseContent,
  presentGlance,
  presentSections,
  visibleFields,
} from './present.ts';
import { buildFhirBundle } from './fhir.ts';
import type { FhirBundle } from './fhir.ts';

/** How long emergency access lasts. */
export const EMERGENCY_ACCESS_MS = 60 * MINUTE;
/** The longest a supporter link may work. */
export const SUPPORTER_LINK_MAX_DAYS = 30;
/** Wrong codes allowed before a supporter link locks. */
export const SUPPORTER_CODE_TRIES = 5;
/** How long the person's home page shows an emergency look at their plan. */
const EMERGENCY_SHOWN_MS = 30 * DAY;

/** What the plans service needs. */
export interface PlansDeps {
  db: Db;
  store: PlansStore;
  audit: AuditLog;
  clock: Clock;
  publicUrl: string;
  accounts: Pick<
    AccountsPeople,
    | 'requirePersonVisibleTo'
    | 'unitIdsOfPerson'
    | 'describeAccounts'
    | 'describeUnits'
    | 'unitsInOrganisation'
    | 'clinicalStaffInOrganisation'
    | 'caseloadOf'
    | 'peopleInMyUnits'
  >;
}

/** The agreement on a plan, as shown. */
export interface AgreementView {
  version: number;
  outcome: 'agreed' | 'differ';
  whoAgreed: string | null;
  personView: string | null;
  teamView: string | null;
  recordedBy: string;
  recordedAt: string;
  isCurrent: boolean;
}

/** A plan as one reader sees it. */
export interface PlanView {
  planId: string;
  personId: string;
  personName: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
  reviewBy: string | null;
  reviewDue: boolean;
  sections: SectionView[];
  glance: GlanceView;
  agreement: AgreementView | null;
  access: 'owner' | 'shared' | 'emergency' | 'supporter';
  emergencyUntil: string | null;
  privateCount: number;
  /** When this view was made (for "printed on" and "saved on"). */
  openedAt: string;
}

/** A share as the person sees it. */
export interface ShareView {
  id: string;
  kind: 'unit' | 'practitioner';
  name: string;
}

/** A supporter link as the person sees it (never the token). */
export interface LinkView {
  id: string;
  supporterName: string;
  expiresAt: string;
  state: 'waiting' | 'used' | 'expired' | 'revoked' | 'locked';
  createdAt: string;
}

/** A suggested change as shown to the person. */
export interface ProposalView {
  id: string;
  proposedBy: string;
  createdAt: string;
  note: string | null;
  baseVersion: number;
  status: PlanProposalsTable['status'];
  changes: { section: string; label: string; now: string; suggested: string }[];
}

/** An emergency look as shown to the person or their manager. */
export interface EmergencyView {
  id: string;
  personName: string;
  who: string;
  unit: string | null;
  reason: string;
  startedAt: string;
  expiresAt: string;
  reviewedAt: string | null;
  planId: string;
}

/** Choices from a person's plan, for the use-of-force record. */
export interface PlanChoicesForForce {
  planId: string;
  version: number;
  updatedAt: string;
  /** Plain words, for example "Face-down (prone)". */
  restraintPositionsToAvoid: string[];
  staffGenderPreference: string | null;
  medicationChoices: string | null;
  seclusionChoices: string | null;
  searchChoices: string | null;
  observationChoices: string | null;
  whatHelps: string | null;
  whatMakesWorse: string | null;
}

const VIEW_ACTIONS = {
  full: 'plan.view',
  glance: 'plan.view_glance',
  print: 'plan.print',
  card: 'plan.print_card',
} as const;

/** Which page of a plan a reader is opening. */
export type PlanReadKind = keyof typeof VIEW_ACTIONS;

function privateOf(plan: PlansTable): string[] {
  const list = JSON.parse(plan.private_sections) as unknown;
  return Array.isArray(list) ? list.filter((k): k is string => typeof k === 'string') : [];
}

function codeHash(token: string, code: string): string {
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

/** Creates the plans service. */
export function createPlansService(deps: PlansDeps) {
  const { db, store, audit, clock, accounts } = deps;

  async function nameOf(conn: Db, id: string): Promise<string> {
    return (await accounts.describeAccounts(conn, [id])).get(id)?.displayName ?? '';
  }

  function todayIso(): string {
    return toIso(clock()).slice(0, 10);
  }

  async function requireOwnPlan(conn: Db, actor: Actor): Promise<PlansTable> {
    if (actor.role !== 'service_user') throw AppError.notFound();
    const plan = await store.findPlanOfPerson(conn, actor.organisationId, actor.id);
    if (!plan) throw AppError.notFound();
    return plan;
  }

  async function currentVersion(conn: Db, plan: PlansTable): Promise<PlanVersionsTable> {
    const version = await store.findVersion(conn, plan.id, plan.current_version);
    if (!version) throw new Error('plan has no current version');
    return version;
  }

  async function accessTo(conn: Db, actor: Actor, plan: PlansTable): Promise<PlanAccess | null> {
    const shares = await store.listShares(conn, plan.id);
    const grants = isClinical(actor) ? await store.grantsFor(conn, plan.id, actor.id) : [];
    return planAccessFor(actor, plan, shares, grants, clock());
  }

  async function agreementView(conn: Db, plan: PlansTable): Promise<AgreementView | null> {
    const row = await store.latestAgreement(conn, plan.id);
    if (!row) return null;
    return {
      version: row.version,
      outcome: row.outcome,
      whoAgreed: row.who_agreed,
      personView: row.person_view,
      teamView: row.team_view,
      recordedBy: await nameOf(conn, row.recorded_by),
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
    const names = await accounts.describeAccounts(conn, [plan.person_id, version.author_id]);
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

  function contextFor(ctx: AuditContext, access: PlanAccess): AuditContext {
    // Record the unit through which the plan was shared, so the person sees the right ward.
    if (access.kind === 'shared' && access.unitId && ctx.actor) {
      return { ...ctx, actor: { ...ctx.actor, unitId: access.unitId } };
    }
    return ctx;
  }

  /** Loads a plan a staff member may read, or 404; the caller audits in the same transaction. */
  async function loadForStaff(
    trx: Db,
    actor: Actor,
    planId: string,
  ): Promise<{ plan: PlansTable; access: PlanAccess }> {
    if (!isClinical(actor) && actor.role !== 'service_user') throw AppError.notFound();
    const plan = await store.findPlan(trx, actor.organisationId, planId);
    if (!plan) throw AppError.notFound();
    const access = await accessTo(trx, actor, plan);
    if (!access) throw AppError.notFound();
    return { plan, access };
  }

  async function describeShares(conn: Db, plan: PlansTable): Promise<ShareView[]> {
    const active = (await store.listShares(conn, plan.id)).filter((s) => s.revoked_at === null);
    const units = await accounts.describeUnits(
      conn,
      active.map((s) => s.unit_id).filter((x): x is string => x !== null),
    );
    const people = await accounts.describeAccounts(
      conn,
      active.map((s) => s.account_id).filter((x): x is string => x !== null),
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

  async function describeProposal(conn: Db, plan: PlansTable, p: PlanProposalsTable) {
    const current = parseContent((await currentVersion(conn, plan)).content);
    const changes = JSON.parse(p.changes) as Record<string, string | string[]>;
    return {
      id: p.id,
      proposedBy: await nameOf(conn, p.proposed_by),
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
    } satisfies ProposalView;
  }

  async function describeEmergency(
    conn: Db,
    rows: PlanEmergencyAccessTable[],
  ): Promise<EmergencyView[]> {
    const people = await accounts.describeAccounts(
      conn,
      rows.flatMap((r) => [r.actor_id, r.person_id]),
    );
    const units = await accounts.describeUnits(
      conn,
      rows.map((r) => r.actor_unit_id).filter((x): x is string => x !== null),
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
    if (!(await store.advancePlan(trx, plan.id, fromVersion, { reviewBy, at }))) {
      throw AppError.conflict(
        'Your plan was changed somewhere else after you opened it. Nothing has been lost: what you wrote is below, next to what is saved now.',
      );
    }
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

  function checkDeclined(content: PlanContent): void {
    const fields: Record<string, string> = {};
    for (const key of content.declined) {
      const answered = Object.keys(content.fields).some((n) => fieldByName(n)?.section === key);
      if (answered) {
        fields[`declined-${key}`] =
          `You ticked "I'd rather not say" for "${sectionTitles[key]}" and also wrote answers there. Untick it to keep your answers, or clear the answers if you would rather not say.`;
      }
    }
    if (Object.keys(fields).length) throw AppError.invalidFields(fields);
  }

  return {
    /** The person's own plan with everything they manage, or null before they start one. */
    async getMyPlan(actor: Actor) {
      if (actor.role !== 'service_user') throw AppError.notFound();
      const plan = await store.findPlanOfPerson(db, actor.organisationId, actor.id);
      if (!plan) return null;
      const version = await currentVersion(db, plan);
      const view = await buildView(db, plan, version, 'owner');
      const proposals = (await store.listProposals(db, plan.id)).filter((p) => p.status === 'open');
      const links = await store.listLinks(db, plan.id);
      return {
        view,
        content: parseContent(version.content),
        privateSections: privateOf(plan),
        shares: await describeShares(db, plan),
        links: links.map((l): LinkView => ({
          id: l.id,
          supporterName: l.supporter_name,
          expiresAt: l.expires_at,
          state: linkState(l),
          createdAt: l.created_at,
        })),
        proposals: await Promise.all(proposals.map((p) => describeProposal(db, plan, p))),
        emergency: await describeEmergency(
          db,
          await store.emergencyOfPlan(db, plan.id, toIso(addMs(clock(), -EMERGENCY_SHOWN_MS))),
        ),
      };
    },

    /**
     * Saves the person's plan as a new version.
     * @param input.version - the version the person opened (0 for a new plan)
     * @throws AppError conflict when the plan changed since it was opened
     */
    async saveMyPlan(
      actor: Actor,
      input: { version: number; content: PlanContent; reviewBy: string | null },
      ctx: AuditContext,
    ): Promise<{ planId: string; version: number; unchanged: boolean }> {
      if (actor.role !== 'service_user') throw AppError.notFound();
      checkDeclined(input.content);
      return db.transaction().execute(async (trx) => {
        let plan = await store.findPlanOfPerson(trx, actor.organisationId, actor.id);
        const now = toIso(clock());
        if (!plan) {
          if (input.version !== 0) throw AppError.notFound();
          plan = {
            id: newId(),
            organisation_id: actor.organisationId,
            person_id: actor.id,
            current_version: 0,
            review_by: null,
            private_sections: JSON.stringify(
              sections.filter((s) => s.privateByDefault).map((s) => s.key),
            ),
            created_at: now,
            updated_at: now,
          };
          try {
            await store.insertPlan(trx, plan);
          } catch {
            // Another tab started the plan at the same moment.
            throw AppError.conflict('Your plan was started somewhere else after you opened it.');
          }
        } else if (plan.current_version !== input.version) {
          throw AppError.conflict(
            'Your plan was changed somewhere else after you opened it. Nothing has been lost: what you wrote is below, next to what is saved now.',
          );
        } else {
          const current = parseContent((await currentVersion(trx, plan)).content);
          const same =
            changedFields(current, input.content).length === 0 &&
            JSON.stringify(current.declined) === JSON.stringify(input.content.declined) &&
            plan.review_by === input.reviewBy;
          if (same) return { planId: plan.id, version: plan.current_version, unchanged: true };
        }
        const version = await writeVersion(
          trx,
          plan,
          input.version,
          input.content,
          actor.id,
          input.reviewBy,
          null,
        );
        await audit.record(trx, ctx, {
          organisationId: actor.organisationId,
          action: 'plan.save',
          recordType: 'plan',
          recordId: plan.id,
          subjectPersonId: actor.id,
          detail: { version },
        });
        return { planId: plan.id, version, unchanged: false };
      });
    },

    /** Every version of the person's own plan, newest first. */
    async listMyVersions(actor: Actor) {
      const plan = await store.findPlanOfPerson(db, actor.organisationId, actor.id);
      if (!plan || actor.role !== 'service_user') return [];
      const versions = await store.listVersions(db, plan.id);
      const names = await accounts.describeAccounts(
        db,
        versions.map((v) => v.author_id),
      );
      return versions.map((v) => ({
        version: v.version,
        createdAt: v.created_at,
        author: names.get(v.author_id)?.displayName ?? '',
        byMe: v.author_id === actor.id,
        note: v.note,
        isCurrent: v.version === plan.current_version,
      }));
    },

    /** One earlier version of the person's own plan. */
    async getMyVersion(actor: Actor, version: number): Promise<PlanView> {
      const plan = await requireOwnPlan(db, actor);
      const row = await store.findVersion(db, plan.id, version);
      if (!row) throw AppError.notFound();
      return buildView(db, plan, row, 'owner');
    },

    /** Who the person can share with, and who they share with now. */
    async sharingOptions(actor: Actor) {
      if (actor.role !== 'service_user') throw AppError.notFound();
      const plan = await store.findPlanOfPerson(db, actor.organisationId, actor.id);
      const shares = plan ? await store.listShares(db, plan.id) : [];
      const active = shares.filter((s) => s.revoked_at === null);
      return {
        hasPlan: plan !== undefined,
        units: (await accounts.unitsInOrganisation(actor.organisationId)).map((u) => ({
          id: u.id,
          name: u.name,
          checked: active.some((s) => s.kind === 'unit' && s.unit_id === u.id),
        })),
        staff: (await accounts.clinicalStaffInOrganisation(actor.organisationId)).map((p) => ({
          id: p.id,
          name: p.displayName,
          detail: [p.roleLabel, ...p.unitNames].join(', '),
          checked: active.some((s) => s.kind === 'practitioner' && s.account_id === p.id),
        })),
        privateSections: plan
          ? privateOf(plan)
          : sections.filter((s) => s.privateByDefault).map((s) => s.key),
        links: plan
          ? (await store.listLinks(db, plan.id)).map((l): LinkView => ({
              id: l.id,
              supporterName: l.supporter_name,
              expiresAt: l.expires_at,
              state: linkState(l),
              createdAt: l.created_at,
            }))
          : [],
      };
    },

    /** Sets who the plan is shared with. Stopping takes effect on the very next request. */
    async updateSharing(actor: Actor, input: SharingInput, ctx: AuditContext): Promise<void> {
      const plan = await requireOwnPlan(db, actor);
      const units = new Set(
        (await accounts.unitsInOrganisation(actor.organisationId)).map((u) => u.id),
      );
      const staff = new Set(
        (await accounts.clinicalStaffInOrganisation(actor.organisationId)).map((p) => p.id),
      );
      const unitIds = [...new Set(input.unitIds)];
      const accountIds = [...new Set(input.accountIds)];
      if (unitIds.some((id) => !units.has(id))) {
        throw AppError.invalid('unitIds', 'Choose units from the list');
      }
      if (accountIds.some((id) => !staff.has(id))) {
        throw AppError.invalid('accountIds', 'Choose people from the list');
      }
      await db.transaction().execute(async (trx) => {
        const now = toIso(clock());
        const active = (await store.listShares(trx, plan.id)).filter((s) => s.revoked_at === null);
        let added = 0;
        let stopped = 0;
        for (const share of active) {
          const keep =
            share.kind === 'unit'
              ? unitIds.includes(share.unit_id ?? '')
              : accountIds.includes(share.account_id ?? '');
          if (!keep) {
            await store.revokeShare(trx, share.id, now);
            stopped++;
          }
        }
        for (const unitId of unitIds) {
          if (active.some((s) => s.kind === 'unit' && s.unit_id === unitId)) continue;
          await store.insertShare(trx, {
            id: newId(),
            organisation_id: plan.organisation_id,
            plan_id: plan.id,
            kind: 'unit',
            unit_id: unitId,
            account_id: null,
            created_at: now,
            revoked_at: null,
          });
          added++;
        }
        for (const accountId of accountIds) {
          if (active.some((s) => s.kind === 'practitioner' && s.account_id === accountId)) continue;
          await store.insertShare(trx, {
            id: newId(),
            organisation_id: plan.organisation_id,
            plan_id: plan.id,
            kind: 'practitioner',
            unit_id: null,
            account_id: accountId,
            created_at: now,
            revoked_at: null,
          });
          added++;
        }
        const privateSections = sectionKeys.filter((k) => input.privateSections.includes(k));
        await store.setPrivateSections(trx, plan.id, privateSections);
        await audit.record(trx, ctx, {
          organisationId: plan.organisation_id,
          action: 'plan.share_change',
          recordType: 'plan',
          recordId: plan.id,
          subjectPersonId: plan.person_id,
          detail: { added, stopped, privateSections: privateSections.length },
        });
      });
    },

    /**
     * Makes a link for a supporter outside the service, with a one-time code.
     * @returns the link and code, shown once and never stored in readable form
     */
    async createSupporterLink(actor: Actor, input: SupporterLinkInput, ctx: AuditContext) {
      const plan = await requireOwnPlan(db, actor);
      if (input.days > SUPPORTER_LINK_MAX_DAYS) {
        throw AppError.invalid('days', 'A link can work for 30 days at most');
      }
      const token = newToken();
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const now = clock();
      const row: PlanSupporterLinksTable = {
        id: newId(),
        organisation_id: plan.organisation_id,
        plan_id: plan.id,
        supporter_name: input.supporterName,
        token_hash: hashToken(token),
        code_hash: codeHash(token, code),
        failed_attempts: 0,
        expires_at: toIso(addMs(now, input.days * DAY)),
        revoked_at: null,
        used_at: null,
        created_at: toIso(now),
      };
      await db.transaction().execute(async (trx) => {
        await store.insertLink(trx, row);
        await audit.record(trx, ctx, {
          organisationId: plan.organisation_id,
          action: 'plan.supporter_link_create',
          recordType: 'plan_supporter_link',
          recordId: row.id,
          subjectPersonId: plan.person_id,
          detail: { days: input.days },
        });
      });
      return {
        id: row.id,
        link: `${deps.publicUrl}/shared-plan/${token}`,
        code,
        supporterName: row.supporter_name,
        expiresAt: row.expires_at,
      };
    },

    /** Stops a supporter link at once. */
    async revokeSupporterLink(actor: Actor, linkId: string, ctx: AuditContext): Promise<void> {
      const plan = await requireOwnPlan(db, actor);
      await db.transaction().execute(async (trx) => {
        if (!(await store.revokeLink(trx, plan.id, linkId, toIso(clock())))) {
          const exists = (await store.listLinks(trx, plan.id)).some((l) => l.id === linkId);
          if (!exists) throw AppError.notFound();
          return;
        }
        await audit.record(trx, ctx, {
          organisationId: plan.organisation_id,
          action: 'plan.supporter_link_revoke',
          recordType: 'plan_supporter_link',
          recordId: linkId,
          subjectPersonId: plan.person_id,
        });
      });
    },

    /** Checks a supporter link before asking for the code. */
    async checkSupporterLink(token: string): Promise<{ supporterName: string }> {
      const link = await store.findLinkByTokenHash(db, hashToken(token));
      if (!link) throw AppError.notFound();
      this.assertLinkUsable(link);
      return { supporterName: link.supporter_name };
    },

    /** Explains, kindly, why a supporter link no longer works. */
    assertLinkUsable(link: PlanSupporterLinksTable): void {
      switch (linkState(link)) {
        case 'waiting':
          return;
        case 'used':
          throw new AppError(
            'gone',
            'This link has already been used, so it no longer works. If you need to see the plan again, ask the person who shared it to make a new link.',
          );
        case 'expired':
          throw new AppError(
            'gone',
            'This link has expired. If you still need to see the plan, ask the person who shared it to make a new link.',
          );
        case 'revoked':
          throw new AppError(
            'gone',
            'The person who shared this plan has stopped this link. It no longer works.',
          );
        case 'locked':
          throw new AppError(
            'gone',
            'This link has stopped working because the code was typed wrongly too many times. Ask the person who shared it to make a new link.',
          );
      }
    },

    /**
     * Shows the plan to a supporter who has the link and the right one-time code. The link
     * then stops working. Wrong codes are counted; five lock the link.
     */
    async viewAsSupporter(token: string, code: string, ip: string | null): Promise<PlanView> {
      const link = await store.findLinkByTokenHash(db, hashToken(token));
      if (!link) throw AppError.notFound();
      this.assertLinkUsable(link);
      if (codeHash(token, code) !== link.code_hash) {
        await db.transaction().execute(async (trx) => {
          await store.countFailedCode(trx, link.id);
          await audit.record(
            trx,
            { actor: null, ip },
            {
              organisationId: link.organisation_id,
              action: 'plan.supporter_code_wrong',
              recordType: 'plan_supporter_link',
              recordId: link.id,
              outcome: 'failure',
            },
          );
        });
        const left = SUPPORTER_CODE_TRIES - link.failed_attempts - 1;
        if (left <= 0) this.assertLinkUsable({ ...link, failed_attempts: SUPPORTER_CODE_TRIES });
        throw AppError.invalid(
          'code',
          `That code is not right. Check the 6 digits you were given and try again. You have ${left} ${left === 1 ? 'try' : 'tries'} left.`,
        );
      }
      return db.transaction().execute(async (trx) => {
        if (!(await store.claimLink(trx, link.id, toIso(clock())))) {
          throw new AppError('gone', 'This link has already been used, so it no longer works.');
        }
        const plan = await store.findPlan(trx, link.organisation_id, link.plan_id);
        if (!plan) throw AppError.notFound();
        const version = await currentVersion(trx, plan);
        await audit.record(
          trx,
          { actor: null, ip },
          {
            organisationId: plan.organisation_id,
            action: 'plan.view_supporter',
            recordType: 'plan',
            recordId: plan.id,
            subjectPersonId: plan.person_id,
            detail: {
              version: version.version,
              actorName: `${link.supporter_name} (your supporter)`,
            },
          },
        );
        return buildView(trx, plan, version, 'supporter');
      });
    },

    /** Plans shared with a member of staff, newest change first. */
    async listPlansSharedWith(actor: Actor) {
      if (!isClinical(actor)) return [];
      const shares = await store.sharesReaching(db, actor.organisationId, actor.id, actor.unitIds);
      const plans = await store.listPlansByIds(db, actor.organisationId, [
        ...new Set(shares.map((s) => s.plan_id)),
      ]);
      const names = await accounts.describeAccounts(
        db,
        plans.map((p) => p.person_id),
      );
      const units = await accounts.describeUnits(
        db,
        shares.map((s) => s.unit_id).filter((x): x is string => x !== null),
      );
      const today = todayIso();
      return plans
        .map((p) => {
          const via = shares.filter((s) => s.plan_id === p.id);
          return {
            planId: p.id,
            personName: names.get(p.person_id)?.displayName ?? '',
            updatedAt: p.updated_at,
            reviewDue: p.review_by !== null && p.review_by <= today,
            sharedVia: via
              .map((s) =>
                s.kind === 'unit' ? (units.get(s.unit_id ?? '')?.name ?? '') : 'you by name',
              )
              .join(', '),
          };
        })
        .sort((a, b) => a.personName.localeCompare(b.personName));
    },

    /**
     * Opens a plan for a member of staff (or the person), auditing the read in the same
     * transaction. Answers 404 unless the plan is shared with them or they have emergency access.
     */
    async openPlan(
      actor: Actor,
      planId: string,
      kind: PlanReadKind,
      ctx: AuditContext,
    ): Promise<PlanView & { mayWork: boolean }> {
      return db.transaction().execute(async (trx) => {
        const { plan, access } = await loadForStaff(trx, actor, planId);
        const version = await currentVersion(trx, plan);
        if (access.kind !== 'owner') {
          await audit.record(trx, contextFor(ctx, access), {
            organisationId: plan.organisation_id,
            action: VIEW_ACTIONS[kind],
            recordType: 'plan',
            recordId: plan.id,
            subjectPersonId: plan.person_id,
            detail:
              access.kind === 'emergency'
                ? { version: version.version, reason: access.grant.reason, emergency: true }
                : { version: version.version },
          });
        }
        const view = await buildView(
          trx,
          plan,
          version,
          access.kind,
          access.kind === 'emergency' ? access.grant.expires_at : null,
        );
        return { ...view, mayWork: mayWorkOnPlan(access) };
      });
    },

    /** The FHIR R4 Bundle for a plan, for anyone who may see it; audited for anyone but the person. */
    async exportFhir(actor: Actor, planId: string, ctx: AuditContext): Promise<FhirBundle> {
      return db.transaction().execute(async (trx) => {
        const { plan, access } = await loadForStaff(trx, actor, planId);
        const bundle = await this.buildBundle(trx, plan, access.kind === 'owner');
        if (access.kind !== 'owner') {
          await audit.record(trx, contextFor(ctx, access), {
            organisationId: plan.organisation_id,
            action: 'plan.export_fhir',
            recordType: 'plan',
            recordId: plan.id,
            subjectPersonId: plan.person_id,
            detail:
              access.kind === 'emergency'
                ? { reason: access.grant.reason, emergency: true }
                : { version: plan.current_version },
          });
        }
        return bundle;
      });
    },

    /** Builds the Bundle; private sections are left out unless `forOwner`. */
    async buildBundle(trx: Db, plan: PlansTable, forOwner: boolean): Promise<FhirBundle> {
      const version = await currentVersion(trx, plan);
      const shares = await store.listShares(trx, plan.id);
      const links = await store.listLinks(trx, plan.id);
      const people = await accounts.describeAccounts(trx, [
        plan.person_id,
        ...shares.map((s) => s.account_id).filter((x): x is string => x !== null),
      ]);
      const units = await accounts.describeUnits(
        trx,
        shares.map((s) => s.unit_id).filter((x): x is string => x !== null),
      );
      return buildFhirBundle({
        plan,
        version,
        content: parseContent(version.content),
        privateSections: privateOf(plan),
        includePrivate: forOwner,
        personName: people.get(plan.person_id)?.displayName ?? '',
        shares: shares.map((s) => ({
          ...s,
          name:
            s.kind === 'unit'
              ? (units.get(s.unit_id ?? '')?.name ?? '')
              : (people.get(s.account_id ?? '')?.displayName ?? ''),
        })),
        links,
        now: clock(),
      });
    },

    /** The person's own whole plan, for them to keep: every version's content is theirs. */
    async exportMyPlan(actor: Actor) {
      if (actor.role !== 'service_user') throw AppError.notFound();
      const mine = await this.getMyPlan(actor);
      if (!mine) return { plan: null };
      const history = await this.listMyVersions(actor);
      return {
        exportedAt: toIso(clock()),
        plan: {
          person: mine.view.personName,
          version: mine.view.version,
          updatedAt: mine.view.updatedAt,
          reviewBy: mine.view.reviewBy,
          sections: mine.view.sections.map((s) => ({
            title: s.title,
            state: s.state,
            keptPrivate: s.isPrivate,
            answers: s.items.map((i) => ({ question: i.label, answer: i.text ?? i.list ?? null })),
          })),
          sharedWith: mine.shares.map((s) => ({ kind: s.kind, name: s.name })),
          agreement: mine.view.agreement,
          history: history.map((h) => ({ version: h.version, savedAt: h.createdAt, by: h.author })),
        },
      };
    },

    /** The FHIR Bundle of a person's plan for the command line; audited with no member of staff named. */
    async exportForCommandLine(personId: string, organisationId: string): Promise<FhirBundle> {
      return db.transaction().execute(async (trx) => {
        const plan = await store.findPlanOfPerson(trx, organisationId, personId);
        if (!plan) throw AppError.notFound();
        const bundle = await this.buildBundle(trx, plan, false);
        await audit.record(
          trx,
          { actor: null, ip: null },
          {
            organisationId: plan.organisation_id,
            action: 'plan.export_cli',
            recordType: 'plan',
            recordId: plan.id,
            subjectPersonId: plan.person_id,
            detail: { version: plan.current_version },
          },
        );
        return bundle;
      });
    },

    /** The current content a practitioner may suggest changes to (shared sections only). */
    async contentForProposal(actor: Actor, planId: string) {
      if (actor.role !== 'practitioner') throw AppError.notFound();
      const plan = await store.findPlan(db, actor.organisationId, planId);
      if (!plan) throw AppError.notFound();
      const access = await accessTo(db, actor, plan);
      if (!mayWorkOnPlan(access)) throw AppError.notFound();
      const version = await currentVersion(db, plan);
      const content = parseContent(version.content);
      const hidden = privateOf(plan);
      return {
        planId: plan.id,
        personName: await nameOf(db, plan.person_id),
        version: version.version,
        hiddenSections: hidden,
        content: { fields: visibleFields(content, hidden), declined: [] } as PlanContent,
      };
    },

    /** A practitioner suggests changes; the person decides. Only changed, visible fields are kept. */
    async proposeChange(
      actor: Actor,
      planId: string,
      input: { content: PlanContent; note: string },
      ctx: AuditContext,
    ): Promise<string> {
      const base = await this.contentForProposal(actor, planId);
      const changes: Record<string, string | string[]> = {};
      for (const name of changedFields(base.content, input.content)) {
        const field = fieldByName(name);
        if (!field || base.hiddenSections.includes(field.section)) continue;
        changes[name] = input.content.fields[name] ?? (field.kind === 'text' ? '' : []);
      }
      if (Object.keys(changes).length === 0) {
        throw AppError.invalid(
          'form',
          'You have not changed anything yet. Change the answers you want to suggest, then send them.',
        );
      }
      return db.transaction().execute(async (trx) => {
        const id = newId();
        await store.insertProposal(trx, {
          id,
          organisation_id: actor.organisationId,
          plan_id: planId,
          base_version: base.version,
          changes: JSON.stringify(changes),
          note: input.note || null,
          proposed_by: actor.id,
          status: 'open',
          decided_at: null,
          created_at: toIso(clock()),
        });
        const plan = await store.findPlan(trx, actor.organisationId, planId);
        await audit.record(trx, ctx, {
          organisationId: actor.organisationId,
          action: 'plan.propose',
          recordType: 'plan_proposal',
          recordId: id,
          subjectPersonId: plan?.person_id ?? null,
          detail: { fields: Object.keys(changes).length },
        });
        return id;
      });
    },

    /** A suggested change to the person's own plan. */
    async getMyProposal(actor: Actor, proposalId: string): Promise<ProposalView> {
      const plan = await requireOwnPlan(db, actor);
      const proposal = await store.findProposal(db, plan.id, proposalId);
      if (!proposal) throw AppError.notFound();
      return describeProposal(db, plan, proposal);
    },

    /** The person accepts (a new version) or declines a suggested change. */
    async decideProposal(
      actor: Actor,
      proposalId: string,
      decision: 'accept' | 'decline',
      ctx: AuditContext,
    ): Promise<void> {
      const plan = await requireOwnPlan(db, actor);
      await db.transaction().execute(async (trx) => {
        const fresh = await store.findPlan(trx, plan.organisation_id, plan.id);
        const proposal = await store.findProposal(trx, plan.id, proposalId);
        if (!fresh || !proposal) throw AppError.notFound();
        if (
          !(await store.decideProposal(
            trx,
            proposal.id,
            decision === 'accept' ? 'accepted' : 'declined',
            toIso(clock()),
          ))
        ) {
          throw AppError.conflict('You have already answered this suggestion.');
        }
        if (decision === 'accept') {
          const current = parseContent((await currentVersion(trx, fresh)).content);
          const changes = JSON.parse(proposal.changes) as Record<string, string | string[]>;
          const merged = { ...current.fields, ...changes };
          const fields = Object.fromEntries(
            Object.entries(merged).filter(
              ([, v]) => v !== '' && !(Array.isArray(v) && v.length === 0),
            ),
          );
          const touched = new Set(Object.keys(changes).map((n) => fieldByName(n)?.section));
          const declined = current.declined.filter((k) => !touched.has(k));
          const who = await nameOf(trx, proposal.proposed_by);
          await writeVersion(
            trx,
            fresh,
            fresh.current_version,
            { fields, declined },
            actor.id,
            fresh.review_by,
            `Accepted a change suggested by ${who}`,
          );
        }
        await audit.record(trx, ctx, {
          organisationId: plan.organisation_id,
          action: decision === 'accept' ? 'plan.proposal_accept' : 'plan.proposal_decline',
          recordType: 'plan_proposal',
          recordId: proposal.id,
          subjectPersonId: plan.person_id,
        });
      });
    },

    /** What the agreement form needs: the plan's current version and the latest agreement. */
    async agreementContext(actor: Actor, planId: string | null) {
      const plan = await this.planForAgreement(db, actor, planId);
      if (!plan) return null;
      return {
        planId: plan.id,
        version: plan.current_version,
        personName: await nameOf(db, plan.person_id),
        agreement: await agreementView(db, plan),
      };
    },

    /** The plan an actor may record agreement on: their own, or one shared with them. */
    async planForAgreement(
      conn: Db,
      actor: Actor,
      planId: string | null,
    ): Promise<PlansTable | null> {
      if (actor.role === 'service_user') {
        return (await store.findPlanOfPerson(conn, actor.organisationId, actor.id)) ?? null;
      }
      if (!planId || !isClinical(actor)) throw AppError.notFound();
      const plan = await store.findPlan(conn, actor.organisationId, planId);
      if (!plan || !mayWorkOnPlan(await accessTo(conn, actor, plan))) throw AppError.notFound();
      return plan;
    },

    /** Records that person and team agree with the current version, or both views where they differ. */
    async recordAgreement(
      actor: Actor,
      planId: string | null,
      input: AgreementInput,
      ctx: AuditContext,
    ): Promise<string> {
      return db.transaction().execute(async (trx) => {
        const plan = await this.planForAgreement(trx, actor, planId);
        if (!plan) throw AppError.notFound();
        const latest = await store.latestAgreement(trx, plan.id);
        const row: PlanAgreementsTable = {
          id: newId(),
          organisation_id: plan.organisation_id,
          plan_id: plan.id,
          seq: (latest?.seq ?? 0) + 1,
          version: plan.current_version,
          outcome: input.outcome,
          who_agreed: input.outcome === 'agreed' ? input.whoAgreed : null,
          person_view: input.outcome === 'differ' ? input.personView || null : null,
          team_view: input.outcome === 'differ' ? input.teamView || null : null,
          recorded_by: actor.id,
          created_at: toIso(clock()),
        };
        await store.insertAgreement(trx, row);
        await audit.record(trx, ctx, {
          organisationId: plan.organisation_id,
          action: 'plan.agreement',
          recordType: 'plan',
          recordId: plan.id,
          subjectPersonId: plan.person_id,
          detail: { version: row.version, outcome: row.outcome },
        });
        return plan.id;
      });
    },

    /** People a clinician works with whose plan is not shared with them (for emergency access). */
    async emergencyCandidates(actor: Actor): Promise<{ personId: string; name: string }[]> {
      if (!isClinical(actor)) throw AppError.notFound();
      const people = [
        ...(await accounts.caseloadOf(actor)),
        ...(await accounts.peopleInMyUnits(actor)),
      ].filter((p) => p.role === 'service_user');
      const unique = new Map(people.map((p) => [p.id, p.displayName]));
      const plans = await store.listPlansOfPeople(db, actor.organisationId, [...unique.keys()]);
      const result: { personId: string; name: string }[] = [];
      for (const plan of plans) {
        const access = await accessTo(db, actor, plan);
        if (access?.kind === 'shared') continue;
        result.push({ personId: plan.person_id, name: unique.get(plan.person_id) ?? '' });
      }
      return result.sort((a, b) => a.name.localeCompare(b.name));
    },

    /**
     * Opens a plan not shared with a clinician, for 60 minutes, on a stated reason. The person
     * sees it on their home page; the unit manager gets a review item.
     * @returns the plan and the emergency access record
     */
    async startEmergencyAccess(
      actor: Actor,
      input: EmergencyAccessInput,
      ctx: AuditContext,
    ): Promise<{ planId: string; accessId: string }> {
      if (!isClinical(actor)) throw AppError.notFound();
      const person = await accounts.requirePersonVisibleTo(actor, input.personId);
      const plan = await store.findPlanOfPerson(db, actor.organisationId, person.id);
      if (!plan) throw AppError.invalid('personId', 'This person does not have a plan in Hearth');
      const personUnits = await accounts.unitIdsOfPerson(person.id);
      const now = clock();
      const row: PlanEmergencyAccessTable = {
        id: newId(),
        organisation_id: actor.organisationId,
        plan_id: plan.id,
        person_id: person.id,
        actor_id: actor.id,
        actor_unit_id: ctx.actor?.unitId ?? actor.unitIds[0] ?? null,
        review_unit_ids: JSON.stringify(personUnits),
        reason: input.reason,
        started_at: toIso(now),
        expires_at: toIso(addMs(now, EMERGENCY_ACCESS_MS)),
        reviewed_at: null,
        reviewed_by: null,
      };
      await db.transaction().execute(async (trx) => {
        await store.insertEmergency(trx, row);
        await audit.record(trx, ctx, {
          organisationId: actor.organisationId,
          action: 'plan.emergency_access',
          recordType: 'plan',
          recordId: plan.id,
          subjectPersonId: person.id,
          detail: { reason: input.reason, minutes: EMERGENCY_ACCESS_MS / MINUTE },
        });
      });
      return { planId: plan.id, accessId: row.id };
    },

    /** Emergency looks waiting for a unit manager's review (people in their units). */
    async emergencyToReview(actor: Actor): Promise<EmergencyView[]> {
      if (actor.role !== 'unit_manager') return [];
      const rows = (await store.unreviewedEmergency(db, actor.organisationId)).filter((r) =>
        (JSON.parse(r.review_unit_ids) as string[]).some((u) => actor.unitIds.includes(u)),
      );
      return describeEmergency(db, rows);
    },

    /** A unit manager marks an emergency look as reviewed. */
    async reviewEmergencyAccess(actor: Actor, accessId: string, ctx: AuditContext): Promise<void> {
      if (actor.role !== 'unit_manager') throw AppError.notFound();
      const row = await store.findEmergency(db, actor.organisationId, accessId);
      if (
        !row ||
        !(JSON.parse(row.review_unit_ids) as string[]).some((u) => actor.unitIds.includes(u))
      ) {
        throw AppError.notFound();
      }
      await db.transaction().execute(async (trx) => {
        if (!(await store.markEmergencyReviewed(trx, row.id, actor.id, toIso(clock())))) return;
        await audit.record(trx, ctx, {
          organisationId: actor.organisationId,
          action: 'plan.emergency_review',
          recordType: 'plan_emergency_access',
          recordId: row.id,
          subjectPersonId: row.person_id,
        });
      });
    },

    /**
     * The person's choices about force and medication, for the use-of-force record. Null when
     * there is no plan or it is not shared with the actor (no emergency access here). Audited
     * as a view when returned.
     */
    async getPlanChoicesForStaff(
      actor: Actor,
      personId: string,
      ctx: AuditContext,
    ): Promise<PlanChoicesForForce | null> {
      if (!isClinical(actor)) return null;
      return db.transaction().execute(async (trx) => {
        const plan = await store.findPlanOfPerson(trx, actor.organisationId, personId);
        if (!plan) return null;
        const shares = await store.listShares(trx, plan.id);
        const access = planAccessFor(actor, plan, shares, [], clock());
        if (access?.kind !== 'shared') return null;
        const version = await currentVersion(trx, plan);
        const glance = presentGlance(parseContent(version.content), privateOf(plan));
        await audit.record(trx, contextFor(ctx, access), {
          organisationId: plan.organisation_id,
          action: 'plan.view_choices',
          recordType: 'plan',
          recordId: plan.id,
          subjectPersonId: plan.person_id,
          detail: { version: version.version },
        });
        const join = (...parts: (string | null)[]) =>
          parts.filter((p): p is string => !!p).join('\n\n') || null;
        return {
          planId: plan.id,
          version: version.version,
          updatedAt: version.created_at,
          restraintPositionsToAvoid: glance.restraintPositionsToAvoid,
          staffGenderPreference: glance.staffGender,
          medicationChoices: join(
            glance.medicationRoutes.length
              ? `Ways of taking medication I can accept: ${glance.medicationRoutes.join(', ')}`
              : null,
            glance.medicationText,
          ),
          seclusionChoices: glance.seclusionText,
          searchChoices: join(glance.searchGender, glance.searchText),
          observationChoices: glance.observationText,
          whatHelps: glance.helpsText,
          whatMakesWorse: join(
            glance.worseStaff.length ? glance.worseStaff.join(', ') : null,
            glance.worseText,
          ),
        };
      });
    },

    /** What the home page shows about plans, for each role; null hides the panel. */
    async homePanel(actor: Actor): Promise<Record<string, unknown> | null> {
      if (actor.role === 'service_user') {
        const plan = await store.findPlanOfPerson(db, actor.organisationId, actor.id);
        if (!plan) return { kind: 'person', hasPlan: false };
        const proposals = (await store.listProposals(db, plan.id)).filter(
          (p) => p.status === 'open',
        );
        const shares = await describeShares(db, plan);
        return {
          kind: 'person',
          hasPlan: true,
          updatedAt: plan.updated_at,
          reviewBy: plan.review_by,
          reviewDue: plan.review_by !== null && plan.review_by <= todayIso(),
          proposals: proposals.length,
          sharedWith: shares.map((s) => s.name),
          emergency: await describeEmergency(
            db,
            await store.emergencyOfPlan(db, plan.id, toIso(addMs(clock(), -EMERGENCY_SHOWN_MS))),
          ),
        };
      }
      if (!isClinical(actor)) return null;
      return {
        kind: 'staff',
        shared: (await this.listPlansSharedWith(actor)).length,
        toReview: await this.emergencyToReview(actor),
      };
    },
  };
}

/** The plans service's functions. */
export type PlansService = ReturnType<typeof createPlansService>;
