/**
 * The person's own account of what happened. Guarantees: only the person, or the helper they
 * chose, may write it (anyone else is refused and the attempt audited); staff reads of the
 * record for the helper are audited; each version is kept.
 */
import type { Actor } from '../accounts/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { newId } from '../../lib/tokens.ts';
import type { ForceDeps } from './deps.ts';
import type { IncidentDetails } from './incident-details.ts';
import { isPersonWithRecords, mayForce, mayHelpWithAccount } from './policy.ts';
import { addIncident, emptyDeltas } from './rollups.ts';
import type { ForceIncidentsTable } from './tables.ts';

/** What the person (or their helper) writes. */
export interface AccountInput {
  kind: 'account' | 'reply';
  status: 'given' | 'declined' | 'not_yet_able';
  body: string;
}

/** Creates the person's-account capability. */
export function createPersonAccount(deps: ForceDeps, details: IncidentDetails) {
  const { db, store, audit, directory } = deps;

  async function helpersOf(actor: Actor) {
    return (await directory.peopleInMyUnits(actor)).filter((p) => mayHelpWithAccount(p.role));
  }

  async function findOwn(actor: Actor, id: string): Promise<ForceIncidentsTable> {
    const incident = await store.findIncident(db, actor.organisationId, id);
    if (
      !incident ||
      !mayForce(actor, {
        kind: 'view-own',
        organisationId: incident.organisation_id,
        personId: incident.person_id,
      })
    ) {
      throw AppError.notFound();
    }
    return incident;
  }

  return {
    /** The person's own incidents (only for the person). */
    async mine(actor: Actor) {
      if (!isPersonWithRecords(actor)) return [];
      const rows = await store.incidentsOfPerson(db, actor.organisationId, actor.id);
      const units = await directory.describeUnits(
        db,
        rows.map((r) => r.unit_id),
        actor.organisationId,
      );
      return rows.map((r) => ({ ...r, unitName: units.get(r.unit_id)?.name ?? '' }));
    },

    /** One of the person's own incidents, with the staff account and theirs side by side. */
    async mineOne(actor: Actor, id: string) {
      const incident = await findOwn(actor, id);
      const helpers = await helpersOf(actor);
      return { ...(await details.describeForPage(incident)), helpers };
    },

    /** An incident as the helper the person chose sees it (to write the account with them). */
    async forHelper(actor: Actor, id: string, ctx: AuditContext) {
      const incident = await store.findIncident(db, actor.organisationId, id);
      if (!incident) throw AppError.notFound();
      const maySee =
        mayForce(actor, {
          kind: 'view-incident',
          organisationId: incident.organisation_id,
          unitId: incident.unit_id,
        }) || incident.account_helper_id === actor.id;
      if (!maySee) throw AppError.notFound();
      const mayWrite = mayForce(actor, {
        kind: 'write-account',
        organisationId: incident.organisation_id,
        personId: incident.person_id,
        helperId: incident.account_helper_id,
      });
      const described = await audit.audited(db, ctx, async (trx, record) => {
        await record({
          organisationId: incident.organisation_id,
          action: 'force.view',
          recordType: 'force_incident',
          recordId: incident.id,
          subjectPersonId: incident.person_id,
        });
        return details.describeForPage(incident, trx);
      });
      return { ...described, mayWrite };
    },

    /**
     * Saves the person's account (kind 'account') or their reply to the staff account
     * (kind 'reply'). Only the person, or the helper they chose, may write it; anyone else is
     * refused and the attempt is audited.
     */
    async write(actor: Actor, incidentId: string, input: AccountInput, ctx: AuditContext) {
      const incident = await store.findIncident(db, actor.organisationId, incidentId);
      if (!incident) throw AppError.notFound();
      const isPerson = actor.id === incident.person_id;
      const staffMaySee =
        isPerson ||
        incident.account_helper_id === actor.id ||
        mayForce(actor, {
          kind: 'view-incident',
          organisationId: incident.organisation_id,
          unitId: incident.unit_id,
        });
      if (!staffMaySee) throw AppError.notFound();
      if (
        !mayForce(actor, {
          kind: 'write-account',
          organisationId: incident.organisation_id,
          personId: incident.person_id,
          helperId: incident.account_helper_id,
        })
      ) {
        await audit.audited(db, ctx, (_trx, record) =>
          record({
            organisationId: incident.organisation_id,
            action: 'force.account.write',
            recordType: 'force_incident',
            recordId: incident.id,
            subjectPersonId: incident.person_id,
            outcome: 'denied',
          }),
        );
        throw AppError.forbidden(
          "Only the person, or someone they have chosen to help them, can write their account. Staff can add to the record itself, but never change the person's own words.",
        );
      }
      if (input.status === 'given' && !input.body.trim())
        throw AppError.invalid(
          'body',
          input.kind === 'account'
            ? 'Write your account, or choose another option'
            : 'Write your reply, or choose another option',
        );
      if (input.body.length > 20000)
        throw AppError.invalid('body', 'Write 20,000 characters or fewer');
      await audit.audited(db, ctx, async (trx, record) => {
        const org = incident.organisation_id;
        const [latest] = await store.personAccountsOf(trx, org, incident.id);
        await store.insertPersonAccount(trx, {
          version: (latest?.version ?? 0) + 1,
          id: newId(),
          organisation_id: org,
          incident_id: incident.id,
          person_id: incident.person_id,
          kind: input.kind,
          status: input.status,
          body: input.status === 'given' ? input.body : null,
          written_by: actor.id,
          written_by_helper: isPerson ? 0 : 1,
          created_at: details.now(),
        });
        if (input.kind === 'account' && incident.account_status !== input.status) {
          const deltas = emptyDeltas();
          addIncident(deltas, incident, [], -1);
          const after = { ...incident, account_status: input.status, account_offered: 1 };
          addIncident(deltas, after, [], 1);
          // The intervention counts are unchanged; only incident-level measures move.
          await store.applyDeltas(trx, deltas);
          await store.setAccountState(trx, org, incident.id, {
            account_status: input.status,
            account_offered: 1,
          });
        }
        await record({
          organisationId: org,
          action: isPerson ? 'force.account.own' : 'force.account.write',
          recordType: 'force_incident',
          recordId: incident.id,
          subjectPersonId: incident.person_id,
          detail: { kind: input.kind, status: input.status },
        });
      });
    },

    /** The person chooses someone to write their account with them (or nobody). */
    async chooseHelper(
      actor: Actor,
      incidentId: string,
      helperId: string | null,
      ctx: AuditContext,
    ) {
      const incident = await store.findIncident(db, actor.organisationId, incidentId);
      if (
        !incident ||
        !mayForce(actor, {
          kind: 'choose-helper',
          organisationId: incident.organisation_id,
          personId: incident.person_id,
        })
      ) {
        throw AppError.notFound();
      }
      if (helperId !== null) {
        const helpers = await helpersOf(actor);
        if (!helpers.some((h) => h.id === helperId))
          throw AppError.invalid('helperId', 'Choose someone from the list');
      }
      await audit.audited(db, ctx, async (trx, record) => {
        await store.setAccountState(trx, incident.organisation_id, incident.id, {
          account_helper_id: helperId,
        });
        await record({
          organisationId: incident.organisation_id,
          action: 'force.account.helper',
          recordType: 'force_incident',
          recordId: incident.id,
          subjectPersonId: incident.person_id,
          detail: { chosen: helperId !== null },
        });
      });
    },
  };
}
