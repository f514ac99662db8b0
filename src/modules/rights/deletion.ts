/**
 * Deleting what a person alone owns. Guarantees: only the person deletes, and only their own
 * plan (with its versions, sharing, supporter links, suggestions and agreements) and their own
 * reflections; everything goes in one transaction with its audit event, which records what kind
 * of thing and how many rows went and a SHA-256 digest of them, never the content; records the
 * law requires (use-of-force records, the care record) are not touched.
 */
import type { Actor } from '../../lib/actor.ts';
import type { AuditContext } from '../../lib/actor.ts';
import { AppError } from '../../lib/app-error.ts';
import type { Removal } from '../../lib/person-data.ts';
import { totalRows } from '../../lib/person-data.ts';
import type { RightsDeps } from './deps.ts';
import { mayRights } from './policy.ts';
import type { DeletionInput } from './schema.ts';

/** What a deletion removed, for the confirmation page. */
export interface DeletionResult {
  plan: boolean;
  reflections: number;
}

/** Creates the deletion capability. */
export function createDeletion(deps: RightsDeps) {
  const { db, audit, plans, enquiry } = deps;

  return {
    /** Deletes what the person chose, at once, in one audited transaction. */
    async deleteOwned(
      actor: Actor,
      input: DeletionInput,
      ctx: AuditContext,
    ): Promise<DeletionResult> {
      if (!mayRights(actor, 'ownData')) throw AppError.notFound();
      const person = { organisationId: actor.organisationId, personId: actor.id };
      return audit.audited(db, ctx, async (trx, record) => {
        const none: Removal = { counts: {}, digest: null };
        const plan = input.parts.includes('plan')
          ? await plans.deleteOwnedByPerson(trx, person)
          : none;
        const reflections = input.parts.includes('reflections')
          ? await enquiry.deleteOwnedByPerson(trx, person)
          : none;
        await record({
          organisationId: person.organisationId,
          action: 'rights.delete',
          recordType: 'person',
          recordId: person.personId,
          subjectPersonId: person.personId,
          detail: {
            parts: input.parts.join(','),
            planRows: totalRows(plan),
            planDigest: plan.digest,
            reflectionRows: totalRows(reflections),
            reflectionsDigest: reflections.digest,
          },
        });
        return {
          plan: (plan.counts.plans ?? 0) > 0,
          reflections: reflections.counts.enquiry_reflections ?? 0,
        };
      });
    },
  };
}
