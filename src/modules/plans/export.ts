/**
 * The plan taken out of Hearth: the FHIR R4 document for another health record system, and the
 * person's own whole plan as JSON for them to keep. Private sections go only to the person;
 * every export by anyone else is audited in the same transaction.
 */
import type { Db } from '../../db/index.ts';
import type { AuditContext } from '../audit/index.ts';
import type { Actor } from '../accounts/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { toIso } from '../../lib/clock.ts';
import { isPlanOwnerRole } from './policy.ts';
import type { PlansTable } from './tables.ts';
import { parseContent } from './present.ts';
import { buildFhirBundle } from './fhir.ts';
import type { FhirBundle } from './fhir.ts';
import { contextFor, privateOf } from './plan-reads.ts';
import type { PlanReads } from './plan-reads.ts';
import type { OwnPlan } from './own-plan.ts';
import type { PlansDeps } from './types.ts';

/** Creates the export capability. */
export function createPlanExport(deps: PlansDeps, reads: PlanReads, ownPlan: OwnPlan) {
  const { db, store, audit, clock, accounts } = deps;

  /** Builds the Bundle; private sections are left out unless `forOwner`. */
  async function buildBundle(trx: Db, plan: PlansTable, forOwner: boolean): Promise<FhirBundle> {
    const version = await reads.currentVersion(trx, plan);
    const shares = await store.listShares(trx, plan.organisation_id, plan.id);
    const links = await store.listLinks(trx, plan.organisation_id, plan.id);
    const people = await accounts.describeAccounts(
      trx,
      [plan.person_id, ...shares.map((s) => s.account_id).filter((x): x is string => x !== null)],
      plan.organisation_id,
    );
    const units = await accounts.describeUnits(
      trx,
      shares.map((s) => s.unit_id).filter((x): x is string => x !== null),
      plan.organisation_id,
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
  }

  return {
    /** The FHIR R4 Bundle for a plan, for anyone who may see it; audited for anyone but the person. */
    async fhir(actor: Actor, planId: string, ctx: AuditContext): Promise<FhirBundle> {
      return audit.audited(db, ctx, async (trx) => {
        const { plan, access } = await reads.loadForReader(trx, actor, planId);
        const bundle = await buildBundle(trx, plan, access.kind === 'owner');
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

    /** The FHIR Bundle of a person's plan for the command line; audited with no member of staff named. */
    async fhirForCommandLine(personId: string, organisationId: string): Promise<FhirBundle> {
      return audit.audited(db, { actor: null, ip: null }, async (trx, record) => {
        const plan = await store.findPlanOfPerson(trx, organisationId, personId);
        if (!plan) throw AppError.notFound();
        const bundle = await buildBundle(trx, plan, false);
        await record({
          organisationId: plan.organisation_id,
          action: 'plan.export_cli',
          recordType: 'plan',
          recordId: plan.id,
          subjectPersonId: plan.person_id,
          detail: { version: plan.current_version },
        });
        return bundle;
      });
    },

    /** The person's own whole plan, for them to keep: every version's content is theirs. */
    async mine(actor: Actor) {
      if (!isPlanOwnerRole(actor)) throw AppError.notFound();
      const mine = await ownPlan.get(actor);
      if (!mine) return { plan: null };
      const history = await ownPlan.listVersions(actor);
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
  };
}

/** The export functions. */
export type PlanExport = ReturnType<typeof createPlanExport>;
