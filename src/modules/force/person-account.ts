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
import { withheldFromPerson } from './incident-details.ts';
import { readAdvocacy } from './person-view.ts';
import { isPersonWithRecords, mayForce, mayHelpWithAccount } from './policy.ts';
import { addIncident, emptyDeltas } from './rollups.ts';
import type { ForceIncidentsTable } from './tables.ts';

/** What the person (or their helper) writes. */
export interface AccountInput {
  kind: 'account' | 'reply';
  status: 'given' | 'declined' | 'not_yet_able';
  body: string;
}

/** Everything the person's one form saves: their account, their reply and their helper. */
export interface PersonFormInput {
  /** Null when they chose nothing (then words in `body` mean they give their account). */
  status: AccountInput['status'] | null;
  body: string;
  replyBody: string;
  helperId: string | null;
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

  // One new version of the account or reply; the account's status moves the figures.
  async function saveVersion(
    trx: typeof db,
    incident: ForceIncidentsTable,
    actor: Actor,
    input: AccountInput,
  ) {
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
      written_by_helper: actor.id === incident.person_id ? 0 : 1,
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

    /**
     * One of the person's own incidents, with their account. What staff wrote is left out until
     * it is ready for them (see person-view.ts); the language notes are for staff only.
     */
    async mineOne(actor: Actor, id: string) {
      const incident = await findOwn(actor, id);
      const helpers = await helpersOf(actor);
      const d = await details.describeForPage(incident);
      return {
        ...d,
        incident: d.personView.ready ? d.incident : withheldFromPerson(d.incident),
        language: [],
        helpers,
        advocacy: await readAdvocacy(deps, incident.organisation_id),
      };
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
        await saveVersion(trx, incident, actor, input);
        await record({
          organisationId: incident.organisation_id,
          action: isPerson ? 'force.account.own' : 'force.account.write',
          recordType: 'force_incident',
          recordId: incident.id,
          subjectPersonId: incident.person_id,
          detail: { kind: input.kind, status: input.status },
        });
      });
    },

    /**
     * The person's one form: their account, their reply to what staff wrote and who helps them,
     * checked together and saved together in one transaction. Only what changed is saved.
     * @returns what was saved ('account', 'reply', 'helper'), empty when nothing changed
     */
    async saveAll(actor: Actor, incidentId: string, input: PersonFormInput, ctx: AuditContext) {
      const incident = await findOwn(actor, incidentId);
      const current = await details.describe(incident);
      const status = input.status ?? (input.body.trim() ? 'given' : null);
      if (status === 'given' && !input.body.trim())
        throw AppError.invalid('body', 'Write your account, or choose another option');
      if (input.body.length > 20000)
        throw AppError.invalid('body', 'Write 20,000 characters or fewer');
      if (input.replyBody.length > 20000)
        throw AppError.invalid('replyBody', 'Write 20,000 characters or fewer');
      if (input.helperId !== null && !(await helpersOf(actor)).some((h) => h.id === input.helperId))
        throw AppError.invalid('helperId', 'Choose someone from the list');
      const saved: string[] = [];
      const account = current.account;
      const body = status === 'given' ? input.body : '';
      if (status && (status !== account?.status || body !== (account?.body ?? '')))
        saved.push('account');
      const reply = input.replyBody.trim();
      const hadReply = current.reply?.status === 'given' ? (current.reply.body ?? '') : '';
      if (reply !== hadReply.trim()) saved.push('reply');
      if (input.helperId !== incident.account_helper_id) saved.push('helper');
      if (saved.length === 0) return saved;
      await audit.audited(db, ctx, async (trx, record) => {
        const event = {
          organisationId: incident.organisation_id,
          recordType: 'force_incident',
          recordId: incident.id,
          subjectPersonId: incident.person_id,
        };
        if (saved.includes('account') && status) {
          await saveVersion(trx, incident, actor, { kind: 'account', status, body });
          await record({
            ...event,
            action: 'force.account.own',
            detail: { kind: 'account', status },
          });
        }
        if (saved.includes('reply')) {
          // Emptying the reply takes it back; the earlier words stay in the kept versions.
          const replyStatus = reply ? 'given' : 'declined';
          await saveVersion(trx, incident, actor, {
            kind: 'reply',
            status: replyStatus,
            body: reply,
          });
          await record({
            ...event,
            action: 'force.account.own',
            detail: { kind: 'reply', status: replyStatus },
          });
        }
        if (saved.includes('helper')) {
          await store.setAccountState(trx, incident.organisation_id, incident.id, {
            account_helper_id: input.helperId,
          });
          await record({
            ...event,
            action: 'force.account.helper',
            detail: { chosen: input.helperId !== null },
          });
        }
      });
      return saved;
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
