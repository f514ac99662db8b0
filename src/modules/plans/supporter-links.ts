/**
 * Links for a supporter outside the service: a secret link and a one-time code, shown once.
 * Guarantees: the link works once (or, if the person chose, for several visits), for at most 30
 * days; five wrong codes lock it; the person can stop it at any time; every look by the supporter
 * appears in "Who has seen my information".
 *
 * The several-visits rule: the right code opens a visit, kept as a random token in a cookie for
 * this link only (the database keeps its SHA-256 and when it was last used). Coming back with the
 * same link and cookie shows the plan without the code, until the visit has gone unused for
 * longer than the link's idle minutes; then the code is asked again. The end of the link's days,
 * stopping the link and the wrong-code lock end every visit at once, because each visit checks
 * the link first.
 */
import { randomInt } from 'node:crypto';
import type { AuditContext, AuditEventInput } from '../audit/index.ts';
import type { Actor } from '../accounts/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { DAY, MINUTE, addMs, toIso } from '../../lib/clock.ts';
import { hashToken, newId, newToken } from '../../lib/tokens.ts';
import type { PlanSupporterLinksTable, SupporterLinkVisits } from './tables.ts';
import type { SupporterLinkInput } from './schema.ts';
import { codeHash } from './plan-reads.ts';
import type { PlanReads } from './plan-reads.ts';
import type { Db } from '../../db/index.ts';
import { SUPPORTER_CODE_TRIES, SUPPORTER_IDLE_MINUTES, SUPPORTER_LINK_MAX_DAYS } from './types.ts';
import type { PlanView, PlansDeps } from './types.ts';

/** Creates the supporter-links capability. */
export function createSupporterLinks(deps: PlansDeps, reads: PlanReads) {
  const { db, store, audit, clock } = deps;

  /** Explains, kindly, why a supporter link no longer works. */
  function assertLinkUsable(link: PlanSupporterLinksTable): void {
    switch (reads.linkState(link)) {
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
  }

  async function usableLink(token: string): Promise<PlanSupporterLinksTable> {
    // The secret token is the only key a supporter has, so this is the one lookup made before
    // the organisation is known.
    const link = await store.findLinkByTokenHash(db, hashToken(token));
    if (!link) throw AppError.notFound();
    assertLinkUsable(link);
    return link;
  }

  /** Records the supporter's look (the person sees it) and builds what they are shown. */
  async function showPlan(
    trx: Db,
    record: (event: AuditEventInput) => Promise<void>,
    link: PlanSupporterLinksTable,
  ): Promise<PlanView> {
    const plan = await store.findPlan(trx, link.organisation_id, link.plan_id);
    if (!plan) throw AppError.notFound();
    const version = await reads.currentVersion(trx, plan);
    await record({
      organisationId: plan.organisation_id,
      action: 'plan.view_supporter',
      recordType: 'plan',
      recordId: plan.id,
      subjectPersonId: plan.person_id,
      detail: {
        version: version.version,
        actorName: `${link.supporter_name} (your supporter)`,
      },
    });
    return reads.buildView(trx, plan, version, 'supporter');
  }

  return {
    /**
     * Makes a link for a supporter outside the service, with a one-time code.
     * @returns the link and code, shown once and never stored in readable form
     */
    async create(
      actor: Actor,
      input: Omit<SupporterLinkInput, 'visits'> & { visits?: SupporterLinkVisits },
      ctx: AuditContext,
    ) {
      const plan = await reads.requireOwnPlan(db, actor);
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
        visits: input.visits ?? 'once',
        idle_minutes: SUPPORTER_IDLE_MINUTES,
      };
      await audit.audited(db, ctx, async (trx, record) => {
        await store.insertLink(trx, row);
        await record({
          organisationId: plan.organisation_id,
          action: 'plan.supporter_link_create',
          recordType: 'plan_supporter_link',
          recordId: row.id,
          subjectPersonId: plan.person_id,
          detail: { days: input.days, visits: row.visits },
        });
      });
      return {
        id: row.id,
        link: `${deps.publicUrl}/shared-plan/${token}`,
        code,
        supporterName: row.supporter_name,
        expiresAt: row.expires_at,
        visits: row.visits,
        idleMinutes: row.idle_minutes,
      };
    },

    /** Stops a supporter link at once. */
    async revoke(actor: Actor, linkId: string, ctx: AuditContext): Promise<void> {
      const plan = await reads.requireOwnPlan(db, actor);
      const org = plan.organisation_id;
      await audit.audited(db, ctx, async (trx, record) => {
        if (!(await store.revokeLink(trx, org, plan.id, linkId, toIso(clock())))) {
          const exists = (await store.listLinks(trx, org, plan.id)).some((l) => l.id === linkId);
          if (!exists) throw AppError.notFound();
          return;
        }
        await record({
          organisationId: org,
          action: 'plan.supporter_link_revoke',
          recordType: 'plan_supporter_link',
          recordId: linkId,
          subjectPersonId: plan.person_id,
        });
      });
    },

    /** Checks a supporter link before asking for the code. */
    async check(token: string) {
      const link = await usableLink(token);
      return {
        supporterName: link.supporter_name,
        visits: link.visits,
        idleMinutes: link.idle_minutes,
        expiresAt: link.expires_at,
      };
    },

    /**
     * Shows the plan to a supporter who has the link and the right one-time code. A one-visit
     * link then stops working; a several-visit link opens a visit, whose token goes in a cookie.
     * Wrong codes are counted; five lock the link.
     */
    async view(token: string, code: string, ip: string | null): Promise<SupporterVisit> {
      const link = await usableLink(token);
      const org = link.organisation_id;
      const ctx: AuditContext = { actor: null, ip };
      if (codeHash(token, code) !== link.code_hash) {
        await audit.audited(db, ctx, async (trx, record) => {
          await store.countFailedCode(trx, org, link.id);
          await record({
            organisationId: org,
            action: 'plan.supporter_code_wrong',
            recordType: 'plan_supporter_link',
            recordId: link.id,
            outcome: 'failure',
          });
        });
        const left = SUPPORTER_CODE_TRIES - link.failed_attempts - 1;
        if (left <= 0) assertLinkUsable({ ...link, failed_attempts: SUPPORTER_CODE_TRIES });
        throw AppError.invalid(
          'code',
          `That code is not right. Check the 6 digits you were given and try again. You have ${left} ${left === 1 ? 'try' : 'tries'} left.`,
        );
      }
      return audit.audited(db, ctx, async (trx, record) => {
        const now = clock();
        let visitToken: string | null = null;
        if (link.visits === 'several') {
          visitToken = newToken();
          await store.insertVisit(trx, {
            id: newId(),
            organisation_id: org,
            link_id: link.id,
            token_hash: hashToken(visitToken),
            last_seen_at: toIso(now),
            created_at: toIso(now),
          });
        } else if (!(await store.claimLink(trx, org, link.id, toIso(now)))) {
          throw new AppError('gone', 'This link has already been used, so it no longer works.');
        }
        const view = await showPlan(trx, record, link);
        return { view, visitToken, visits: link.visits, idleMinutes: link.idle_minutes };
      });
    },

    /**
     * Shows the plan again, without the code, to a supporter with an open visit on this
     * several-visit link. Null when there is no such visit or it has been idle too long (the
     * code is then asked again). Throws, as for the code, when the link has ended.
     */
    async revisit(
      token: string,
      visitToken: string | undefined,
      ip: string | null,
    ): Promise<SupporterVisit | null> {
      const link = await usableLink(token);
      if (link.visits !== 'several' || !visitToken) return null;
      const org = link.organisation_id;
      const visit = await store.findVisit(db, org, link.id, hashToken(visitToken));
      if (!visit) return null;
      const now = clock();
      const idleUntil = addMs(new Date(visit.last_seen_at), link.idle_minutes * MINUTE);
      if (idleUntil <= now) {
        // Idle too long: this visit is over and the code is asked again.
        await store.deleteVisit(db, org, visit.id);
        return null;
      }
      return audit.audited(db, { actor: null, ip }, async (trx, record) => {
        await store.touchVisit(trx, org, visit.id, toIso(now));
        const view = await showPlan(trx, record, link);
        return { view, visitToken, visits: link.visits, idleMinutes: link.idle_minutes };
      });
    },
  };
}

/** What a supporter is shown, and the visit token to keep when the link allows several visits. */
export interface SupporterVisit {
  view: PlanView;
  visitToken: string | null;
  visits: SupporterLinkVisits;
  idleMinutes: number;
}

/** The supporter-link functions. */
export type SupporterLinks = ReturnType<typeof createSupporterLinks>;
