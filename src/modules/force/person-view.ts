/**
 * What the person reads of a record, and the organisation's advocacy contacts they are shown.
 * Guarantees: words the language checker flags in what staff wrote never reach the person until
 * a member of staff who may correct the record has seen the suggestions and released it (or
 * corrected the words); a correction that changes the words needs a new release; every release
 * and every change of the contacts is audited.
 */
import type { Actor } from '../accounts/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { AppError } from '../../lib/app-error.ts';
import type { ForceDeps } from './deps.ts';
import type { IncidentDetails } from './incident-details.ts';
import { languageNotes } from './incident-details.ts';
import { mayForce } from './policy.ts';

/** The advocacy contacts an organisation sets. */
export interface AdvocacyInput {
  advocacyName: string;
  advocacyContact: string;
  imhaName: string;
  imhaContact: string;
}

/** The organisation's advocacy contacts (empty strings where not set). */
export async function readAdvocacy(
  deps: Pick<ForceDeps, 'db' | 'store'>,
  organisationId: string,
): Promise<AdvocacyInput> {
  const row = await deps.store.findSettings(deps.db, organisationId);
  return {
    advocacyName: row?.advocacy_name ?? '',
    advocacyContact: row?.advocacy_contact ?? '',
    imhaName: row?.imha_name ?? '',
    imhaContact: row?.imha_contact ?? '',
  };
}

/** Creates the person's-view capability. */
export function createPersonView(deps: ForceDeps, details: IncidentDetails) {
  const { db, store, audit } = deps;

  return {
    /**
     * Staff have seen the language checker's suggestions and let the person read the record as
     * it is. Refused (409) when nothing is flagged or it is already released.
     */
    async release(actor: Actor, incidentId: string, ctx: AuditContext) {
      const incident = await details.loadForStaff(actor, incidentId, 'release');
      const notes = await languageNotes(incident, deps.checkLanguage);
      if (notes.length === 0 || incident.person_view_released_at)
        throw AppError.conflict('The person can already read this record.');
      await audit.audited(db, ctx, async (trx, record) => {
        await store.setPersonViewRelease(
          trx,
          incident.organisation_id,
          incident.id,
          details.now(),
          actor.id,
        );
        await record({
          organisationId: incident.organisation_id,
          action: 'force.person-view.release',
          recordType: 'force_incident',
          recordId: incident.id,
          subjectPersonId: incident.person_id,
        });
      });
    },

    /** Sets the organisation's advocacy contacts (administrators only; others get 404). */
    async saveAdvocacy(actor: Actor, input: AdvocacyInput, ctx: AuditContext) {
      if (!mayForce(actor, { kind: 'settings', organisationId: actor.organisationId }))
        throw AppError.notFound();
      await audit.audited(db, ctx, async (trx, record) => {
        await store.saveSettings(trx, {
          organisation_id: actor.organisationId,
          advocacy_name: input.advocacyName,
          advocacy_contact: input.advocacyContact,
          imha_name: input.imhaName,
          imha_contact: input.imhaContact,
          updated_at: details.now(),
          updated_by: actor.id,
        });
        await record({
          organisationId: actor.organisationId,
          action: 'force.settings.save',
          recordType: 'force_settings',
          recordId: actor.organisationId,
        });
      });
    },

    /** The advocacy form for an administrator (404 for anyone else). */
    async advocacyForm(actor: Actor): Promise<AdvocacyInput> {
      if (!mayForce(actor, { kind: 'settings', organisationId: actor.organisationId }))
        throw AppError.notFound();
      return readAdvocacy(deps, actor.organisationId);
    },
  };
}
