/**
 * Who the person shares their plan with: units and named staff in their organisation, and the
 * sections they keep private. Stopping a share takes effect on the very next request.
 */
import type { AuditContext } from '../audit/index.ts';
import type { Actor } from '../accounts/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { toIso } from '../../lib/clock.ts';
import { newId } from '../../lib/tokens.ts';
import { isPlanOwnerRole } from './policy.ts';
import type { SharingInput } from './schema.ts';
import { sectionKeys, sections } from './sections.ts';
import { privateOf } from './plan-reads.ts';
import type { PlanReads } from './plan-reads.ts';
import type { PlansDeps } from './types.ts';

/** Creates the sharing capability. */
export function createSharing(deps: PlansDeps, reads: PlanReads) {
  const { db, store, audit, clock, accounts } = deps;

  return {
    /** Who the person can share with, and who they share with now. */
    async options(actor: Actor) {
      if (!isPlanOwnerRole(actor)) throw AppError.notFound();
      const plan = await store.findPlanOfPerson(db, actor.organisationId, actor.id);
      const shares = plan ? await store.listShares(db, plan.organisation_id, plan.id) : [];
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
          // house: not a role (a share with one member of staff)
          checked: active.some((s) => s.kind === 'practitioner' && s.account_id === p.id),
        })),
        privateSections: plan
          ? privateOf(plan)
          : sections.filter((s) => s.privateByDefault).map((s) => s.key),
        links: plan ? await reads.describeLinks(db, plan) : [],
      };
    },

    /** Sets who the plan is shared with. Stopping takes effect on the very next request. */
    async update(actor: Actor, input: SharingInput, ctx: AuditContext): Promise<void> {
      const plan = await reads.requireOwnPlan(db, actor);
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
      await audit.audited(db, ctx, async (trx, record) => {
        const now = toIso(clock());
        const org = plan.organisation_id;
        const active = (await store.listShares(trx, org, plan.id)).filter(
          (s) => s.revoked_at === null,
        );
        let added = 0;
        let stopped = 0;
        for (const share of active) {
          const keep =
            share.kind === 'unit'
              ? unitIds.includes(share.unit_id ?? '')
              : accountIds.includes(share.account_id ?? '');
          if (!keep) {
            await store.revokeShare(trx, org, share.id, now);
            stopped++;
          }
        }
        const base = { organisation_id: org, plan_id: plan.id, created_at: now, revoked_at: null };
        for (const unitId of unitIds) {
          if (active.some((s) => s.kind === 'unit' && s.unit_id === unitId)) continue;
          await store.insertShare(trx, {
            ...base,
            id: newId(),
            kind: 'unit',
            unit_id: unitId,
            account_id: null,
          });
          added++;
        }
        for (const accountId of accountIds) {
          // house: not a role (a share with one member of staff)
          if (active.some((s) => s.kind === 'practitioner' && s.account_id === accountId)) continue;
          await store.insertShare(trx, {
            ...base,
            id: newId(),
            // house: not a role (a share with one member of staff)
            kind: 'practitioner',
            unit_id: null,
            account_id: accountId,
          });
          added++;
        }
        const privateSections = sectionKeys.filter((k) => input.privateSections.includes(k));
        await store.setPrivateSections(trx, org, plan.id, privateSections);
        await record({
          organisationId: org,
          action: 'plan.share_change',
          recordType: 'plan',
          recordId: plan.id,
          subjectPersonId: plan.person_id,
          detail: { added, stopped, privateSections: privateSections.length },
        });
      });
    },
  };
}

/** The sharing functions. */
export type Sharing = ReturnType<typeof createSharing>;
