/**
 * People and units: who works with whom, the staff pages' lists, turning accounts off and on,
 * and the directory other modules ask before they show or name anyone.
 * Guarantees: staff see a person only as the policy allows (404 otherwise); a disabled account's
 * sessions all end with it, in one audited transaction.
 */
import type { Db } from '../../db/index.ts';
import type { AuditContext } from '../../lib/actor.ts';
import { AppError } from '../../lib/app-error.ts';
import { toIso } from '../../lib/clock.ts';
import type { AccountsDeps, PersonSummary } from './internals.ts';
import { auditActor, describePeople, toActor } from './internals.ts';
import { roleLabels } from '../../lib/roles.ts';
import type { Actor } from './policy.ts';
import {
  hasCaseload,
  isClinicalStaff,
  isPersonUsingServices,
  mayAccounts,
  seesWholeOrganisation,
} from './policy.ts';
import type { AccountsTable, UnitsTable } from './tables.ts';

/** Creates the people-and-units capability. */
export function createPeople(deps: AccountsDeps) {
  const { db, store, audit, clock } = deps;

  async function accountToChange(actor: Actor, accountId: string): Promise<AccountsTable> {
    const target = await store.findAccountInOrganisation(db, actor.organisationId, accountId);
    if (
      !target ||
      !mayAccounts(actor, {
        kind: 'disable-account',
        targetOrganisationId: target.organisation_id,
        targetId: target.id,
      })
    ) {
      throw AppError.notFound();
    }
    return target;
  }

  const people = {
    /** Builds the actor for an account (CLI use, where there is no session). */
    async actorFor(accountId: string): Promise<Actor> {
      const account = await store.findAccount(db, accountId);
      if (!account || account.status !== 'active') throw AppError.notFound();
      return toActor(deps, account);
    },

    /** The audit trail's view of an actor. */
    auditActor,

    /** Disables an account and ends all of its sessions at once. */
    async disableAccount(actor: Actor, accountId: string, ctx: AuditContext): Promise<void> {
      const target = await accountToChange(actor, accountId);
      await audit.audited(db, ctx, async (trx, record) => {
        await store.setAccountStatus(
          trx,
          actor.organisationId,
          target.id,
          'disabled',
          toIso(clock()),
        );
        await store.deleteSessionsOf(trx, actor.organisationId, target.id);
        await record({
          organisationId: actor.organisationId,
          action: 'account.disable',
          recordType: 'account',
          recordId: target.id,
          subjectPersonId: isPersonUsingServices(target) ? target.id : null,
        });
      });
    },

    /** Turns a disabled account back on (the person signs in again with their password). */
    async enableAccount(actor: Actor, accountId: string, ctx: AuditContext): Promise<void> {
      const target = await accountToChange(actor, accountId);
      await audit.audited(db, ctx, async (trx, record) => {
        await store.setAccountStatus(trx, actor.organisationId, target.id, 'active', null);
        await record({
          organisationId: actor.organisationId,
          action: 'account.enable',
          recordType: 'account',
          recordId: target.id,
        });
      });
    },

    /** The actor's own job title (staff only; 404 for a person using services). */
    async ownJobTitle(actor: Actor): Promise<string | null> {
      if (isPersonUsingServices(actor)) throw AppError.notFound();
      const account = await store.findAccountInOrganisation(db, actor.organisationId, actor.id);
      if (!account) throw AppError.notFound();
      return account.job_title ?? null;
    },

    /** Sets the actor's own job title, shown on records of force they are named in. */
    async setOwnJobTitle(actor: Actor, jobTitle: string | null, ctx: AuditContext) {
      if (isPersonUsingServices(actor)) throw AppError.notFound();
      await audit.audited(db, ctx, async (trx, record) => {
        await store.setJobTitle(trx, actor.organisationId, actor.id, jobTitle);
        await record({
          organisationId: actor.organisationId,
          action: 'account.job_title',
          recordType: 'account',
          recordId: actor.id,
        });
      });
    },

    /** Units the actor belongs to (everyone's for an admin). */
    async unitsOf(actor: Actor): Promise<UnitsTable[]> {
      const units = await store.listUnits(db, actor.organisationId);
      return seesWholeOrganisation(actor)
        ? units
        : units.filter((u) => actor.unitIds.includes(u.id));
    },

    /**
     * One open unit the actor belongs to (any open unit for an admin), or undefined: one indexed
     * read, for pages about a single unit, where listing every unit would grow with the
     * organisation.
     */
    async unitOf(actor: Actor, unitId: string): Promise<UnitsTable | undefined> {
      if (!seesWholeOrganisation(actor) && !actor.unitIds.includes(unitId)) return undefined;
      const unit = await store.findUnit(db, actor.organisationId, unitId);
      return unit && unit.closed_at === null ? unit : undefined;
    },

    /** The people on a practitioner's caseload. */
    async caseloadOf(actor: Actor): Promise<PersonSummary[]> {
      if (!hasCaseload(actor)) return [];
      return describePeople(
        deps,
        actor.organisationId,
        await store.caseloadOf(db, actor.organisationId, actor.id),
      );
    },

    /** Everyone in the actor's units (everyone in the organisation for an admin). */
    async peopleInMyUnits(actor: Actor): Promise<PersonSummary[]> {
      if (seesWholeOrganisation(actor)) {
        return describePeople(
          deps,
          actor.organisationId,
          await store.listAccountsInOrganisation(db, actor.organisationId),
        );
      }
      const members = await store.membersOfUnits(db, actor.organisationId, actor.unitIds);
      const seen = new Map<string, AccountsTable>();
      for (const m of members) seen.set(m.account.id, m.account);
      return describePeople(deps, actor.organisationId, [...seen.values()]);
    },

    /** People using services in the actor's units (everyone's in the organisation for an admin). */
    async peopleUsingServicesInMyUnits(actor: Actor): Promise<PersonSummary[]> {
      return (await people.peopleInMyUnits(actor)).filter(isPersonUsingServices);
    },

    /** The people page's list: a practitioner's caseload, or everyone in the actor's units. */
    async peopleListFor(actor: Actor): Promise<{ people: PersonSummary[]; canDisable: boolean }> {
      return {
        people: hasCaseload(actor)
          ? await people.caseloadOf(actor)
          : await people.peopleInMyUnits(actor),
        canDisable: seesWholeOrganisation(actor),
      };
    },

    /** The practitioners who work with a person, for the person's own home page. */
    async myPractitioners(actor: Actor): Promise<{ displayName: string }[]> {
      const rows = await store.practitionersOf(db, actor.organisationId, actor.id);
      return rows.map((r) => ({ displayName: r.display_name }));
    },

    /**
     * Checks that staff may see a person, returning the person or throwing 404.
     * Other modules call this before any read of a person's records.
     */
    async requirePersonVisibleTo(actor: Actor, personId: string): Promise<AccountsTable> {
      const person = await store.findAccountInOrganisation(db, actor.organisationId, personId);
      if (!person || !isPersonUsingServices(person)) throw AppError.notFound();
      const personUnits = await store.unitIdsOf(db, actor.organisationId, person.id);
      const onCaseload =
        hasCaseload(actor) &&
        (await store.isOnCaseload(db, actor.organisationId, actor.id, person.id));
      const sharesUnit = personUnits.some((u) => actor.unitIds.includes(u));
      if (
        !mayAccounts(actor, {
          kind: 'view-person',
          personOrganisationId: person.organisation_id,
          personId: person.id,
          onCaseload,
          sharesUnit,
        })
      ) {
        throw AppError.notFound();
      }
      return person;
    },

    /** The units a person's care sits with (pass the organisation: the lookup then stays in it). */
    async unitIdsOfPerson(personId: string, organisationId: string): Promise<string[]> {
      return store.unitIdsOf(db, organisationId, personId);
    },

    /** Every unit of an organisation (for choosing whom to share with). */
    async unitsInOrganisation(organisationId: string): Promise<UnitsTable[]> {
      return store.listUnits(db, organisationId);
    },

    /** Active practitioners and unit managers of an organisation (for choosing whom to share with). */
    async clinicalStaffInOrganisation(organisationId: string): Promise<PersonSummary[]> {
      const accounts = await store.listAccountsInOrganisation(db, organisationId);
      return describePeople(
        deps,
        organisationId,
        accounts.filter((a) => a.status === 'active' && isClinicalStaff(a)),
      );
    },

    /**
     * Active clinical staff of one unit with their job titles, for the staff list of a record.
     * A missing job title is given as the role's words, so a pre-filled row is never blank.
     */
    async staffOfUnit(
      organisationId: string,
      unitId: string,
    ): Promise<{ id: string; displayName: string; jobTitle: string }[]> {
      const members = await store.membersOfUnits(db, organisationId, [unitId]);
      return members
        .map((m) => m.account)
        .filter((a) => a.status === 'active' && isClinicalStaff(a))
        .map((a) => ({
          id: a.id,
          displayName: a.display_name,
          jobTitle: a.job_title?.trim() || roleLabels[a.role],
        }));
    },

    /** Names for audit and lists; returns only what is asked for (within one organisation when named). */
    async describeAccounts(
      conn: Db,
      ids: string[],
      organisationId: string,
    ): Promise<Map<string, { displayName: string }>> {
      const rows = await store.listAccountsByIds(conn, [...new Set(ids)], organisationId);
      return new Map(rows.map((r) => [r.id, { displayName: r.display_name }]));
    },

    /** Organisation names for figures that span organisations (names only). */
    async describeOrganisations(conn: Db, ids: string[]): Promise<Map<string, { name: string }>> {
      const rows = await store.listOrganisationsByIds(conn, [...new Set(ids)]);
      return new Map(rows.map((r) => [r.id, { name: r.name }]));
    },

    /** Unit names for audit and lists (within one organisation when named). */
    async describeUnits(
      conn: Db,
      ids: string[],
      organisationId: string | null,
    ): Promise<Map<string, { name: string }>> {
      const rows = await store.listUnitsByIds(conn, [...new Set(ids)], organisationId);
      return new Map(rows.map((r) => [r.id, { name: r.name }]));
    },
  };
  return people;
}

/** The people-and-units functions: the directory other modules use. */
export type People = ReturnType<typeof createPeople>;
