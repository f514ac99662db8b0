/**
 * A person's characteristics as they gave them (each may be "prefer not to say"), kept for the
 * register's statistics. Guarantees: only staff who can see the person read or change them, and
 * every read and change is audited with it.
 */
import type { Actor } from '../accounts/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { AppError } from '../../lib/app-error.ts';
import type { ForceDeps } from './deps.ts';
import type { IncidentDetails } from './incident-details.ts';
import { isStaff } from './policy.ts';

/** Characteristics input from the person's page. */
export interface CharacteristicsInput {
  nhsNumber: string | null;
  ethnicCodes: string[];
  sex: string;
  dateOfBirth: string | null;
  disability: string;
  ldAutism: string;
  mentalDisorder: string | null;
  legalStatus: string | null;
}

/** Creates the characteristics capability. */
export function createCharacteristics(deps: ForceDeps, details: IncidentDetails) {
  const { db, store, audit, directory } = deps;

  async function requireVisible(actor: Actor, personId: string) {
    if (!isStaff(actor)) throw AppError.notFound();
    return directory.requirePersonVisibleTo(actor, personId);
  }

  return {
    /** A person's recorded characteristics, for staff who can see the person (audited). */
    async view(actor: Actor, personId: string, ctx: AuditContext) {
      const person = await requireVisible(actor, personId);
      const row = await audit.audited(db, ctx, async (trx, record) => {
        await record({
          organisationId: actor.organisationId,
          action: 'force.characteristics.view',
          recordType: 'person_characteristics',
          recordId: personId,
          subjectPersonId: personId,
        });
        const [found] = await store.findCharacteristics(trx, actor.organisationId, [personId]);
        return found;
      });
      return {
        person: { id: person.id, displayName: person.display_name },
        characteristics: row ?? null,
      };
    },

    /** Saves a person's characteristics as they gave them (each may be "prefer not to say"). */
    async save(actor: Actor, personId: string, input: CharacteristicsInput, ctx: AuditContext) {
      await requireVisible(actor, personId);
      await audit.audited(db, ctx, async (trx, record) => {
        await store.saveCharacteristics(trx, [
          {
            person_id: personId,
            organisation_id: actor.organisationId,
            nhs_number: input.nhsNumber,
            ethnic_codes: JSON.stringify(input.ethnicCodes),
            sex: input.sex,
            date_of_birth: input.dateOfBirth,
            disability: input.disability,
            ld_autism: input.ldAutism,
            mental_disorder: input.mentalDisorder,
            legal_status: input.legalStatus,
            updated_at: details.now(),
            updated_by: actor.id,
          },
        ]);
        await record({
          organisationId: actor.organisationId,
          action: 'force.characteristics.save',
          recordType: 'person_characteristics',
          recordId: personId,
          subjectPersonId: personId,
        });
      });
    },
  };
}
