/**
 * Accounts: sign-in, sessions, invitations, and who works with whom.
 * Guarantees: session tokens are 256-bit, stored only as SHA-256, renewed at sign-in, ended at
 * sign-out and when an account is disabled, and expire after 30 idle minutes or 12 hours;
 * sign-in failures look and take the same whether or not the email exists, and are rate
 * limited per account and per address; every change is audited in its own transaction.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../db/index.ts';
import type { AuditContext, AuditLog } from '../audit/index.ts';
import { AppError } from '../../lib/app-error.ts';
import type { Clock } from '../../lib/clock.ts';
import { DAY, HOUR, MINUTE, addMs, toIso } from '../../lib/clock.ts';
import { hashToken, newId, newToken } from '../../lib/tokens.ts';
import {
  checkPasswordPolicy,
  dummyHashPromise,
  hashPassword,
  verifyPassword,
} from './passwords.ts';
import type { Actor } from './policy.ts';
import { mayAccounts } from './policy.ts';
import { invitableStaffRoles, roleLabels } from '../../lib/roles.ts';
import type { Role } from '../../lib/roles.ts';
import type { AccountsStore } from './store.ts';
import type { AccountsTable, InvitationsTable, UnitsTable } from './tables.ts';
import type { InvitationInput, SignInInput } from './schema.ts';

/** How long a session may sit unused. */
export const IDLE_TIMEOUT_MS = 30 * MINUTE;
/** How long a session may last in all. */
export const ABSOLUTE_TIMEOUT_MS = 12 * HOUR;
/** How long an invitation link works. */
export const INVITATION_TTL_MS = 7 * DAY;
/** Failed sign-ins allowed per account, and per address, in one window. */
export const SIGN_IN_LIMITS = { account: 5, ip: 50, windowMs: 15 * MINUTE } as const;

/** What the app needs to run accounts. */
export interface AccountsDeps {
  db: Db;
  store: AccountsStore;
  audit: AuditLog;
  clock: Clock;
  publicUrl: string;
}

/** A session that resolved to a signed-in person. */
export interface ResolvedSession {
  actor: Actor;
  sessionId: string;
}

/** A person as staff lists show them. */
export interface PersonSummary {
  id: string;
  displayName: string;
  role: Role;
  roleLabel: string;
  status: AccountsTable['status'];
  unitNames: string[];
}

const WRONG_DETAILS =
  'The email address or password is not right. Check them and try again, or ask the person who invited you for a new link.';

/** Creates the accounts service. */
export function createAccountsService(deps: AccountsDeps) {
  const { db, store, audit, clock } = deps;

  const throttleKey = {
    account: (email: string) => `account:${createHash('sha256').update(email).digest('hex')}`,
    ip: (ip: string) => `ip:${ip}`,
  };

  async function isThrottled(key: string, limit: number): Promise<boolean> {
    const row = await store.readThrottle(db, key);
    if (!row) return false;
    const windowEnds = addMs(new Date(row.window_started_at), SIGN_IN_LIMITS.windowMs);
    return windowEnds > clock() && row.failures >= limit;
  }

  async function countFailure(key: string): Promise<void> {
    const now = clock();
    const row = await store.readThrottle(db, key);
    const fresh = !row || addMs(new Date(row.window_started_at), SIGN_IN_LIMITS.windowMs) <= now;
    await store.writeThrottle(
      db,
      key,
      fresh ? toIso(now) : row.window_started_at,
      fresh ? 1 : row.failures + 1,
    );
  }

  async function startSession(trx: Db, account: AccountsTable): Promise<string> {
    const token = newToken();
    const now = clock();
    await store.insertSession(trx, {
      id: hashToken(token),
      account_id: account.id,
      organisation_id: account.organisation_id,
      created_at: toIso(now),
      last_seen_at: toIso(now),
      expires_at: toIso(addMs(now, ABSOLUTE_TIMEOUT_MS)),
    });
    return token;
  }

  async function toActor(account: AccountsTable): Promise<Actor> {
    return {
      id: account.id,
      organisationId: account.organisation_id,
      role: account.role,
      displayName: account.display_name,
      unitIds: await store.unitIdsOf(db, account.id),
    };
  }

  function auditActor(actor: Actor) {
    return {
      id: actor.id,
      role: actor.role,
      organisationId: actor.organisationId,
      unitId: actor.unitIds[0] ?? null,
    };
  }

  async function invitationFromToken(token: string): Promise<InvitationsTable> {
    const invitation = await store.findInvitationByTokenHash(db, hashToken(token));
    if (!invitation) throw AppError.notFound();
    if (invitation.used_at !== null) {
      throw new AppError(
        'gone',
        'This invitation link has already been used. If you have set your password, you can sign in. If not, ask the person who invited you for a new link.',
      );
    }
    if (new Date(invitation.expires_at) <= clock()) {
      throw new AppError(
        'gone',
        'This invitation link has expired. Links work for 7 days. Ask the person who invited you for a new one.',
      );
    }
    return invitation;
  }

  async function describePeople(accounts: AccountsTable[]): Promise<PersonSummary[]> {
    const units = await store.listUnits(db, accounts[0]?.organisation_id ?? '');
    const unitName = new Map(units.map((u) => [u.id, u.name]));
    const result: PersonSummary[] = [];
    for (const a of accounts) {
      const ids = await store.unitIdsOf(db, a.id);
      result.push({
        id: a.id,
        displayName: a.display_name,
        role: a.role,
        roleLabel: roleLabels[a.role],
        status: a.status,
        unitNames: ids.map((id) => unitName.get(id) ?? '').filter(Boolean),
      });
    }
    return result;
  }

  return {
    /**
     * Signs a person in and starts a new session.
     * @returns the new session token for the cookie
     */
    async signIn(input: SignInInput, ip: string): Promise<{ token: string; actor: Actor }> {
      const accountKey = throttleKey.account(input.email);
      const ipKey = throttleKey.ip(ip);
      if (
        (await isThrottled(accountKey, SIGN_IN_LIMITS.account)) ||
        (await isThrottled(ipKey, SIGN_IN_LIMITS.ip))
      ) {
        throw AppError.tooMany(
          'There have been too many attempts to sign in. Please wait 15 minutes and try again.',
        );
      }
      const account = await store.findAccountByEmail(db, input.email);
      // Verify against a stand-in hash when there is no account, so timing gives nothing away.
      const hash = account?.password_hash ?? (await dummyHashPromise);
      const passwordOk = await verifyPassword(input.password, hash);
      if (!account || !passwordOk || account.status !== 'active' || !account.password_hash) {
        await countFailure(accountKey);
        await countFailure(ipKey);
        await db.transaction().execute((trx) =>
          audit.record(
            trx,
            { actor: null, ip },
            {
              organisationId: account?.organisation_id ?? null,
              action: 'auth.sign_in',
              recordType: 'account',
              recordId: account?.id,
              outcome: 'failure',
            },
          ),
        );
        throw AppError.invalid('email', WRONG_DETAILS);
      }
      await store.clearThrottle(db, accountKey);
      const actor = await toActor(account);
      const token = await db.transaction().execute(async (trx) => {
        const t = await startSession(trx, account);
        await audit.record(
          trx,
          { actor: auditActor(actor), ip },
          {
            organisationId: account.organisation_id,
            action: 'auth.sign_in',
            recordType: 'account',
            recordId: account.id,
          },
        );
        return t;
      });
      return { token, actor };
    },

    /** Finds the signed-in person for a cookie token, ending the session if it has expired. */
    async resolveSession(token: string): Promise<ResolvedSession | null> {
      if (!/^[\w-]{43}$/.test(token)) return null;
      const id = hashToken(token);
      const session = await store.findSession(db, id);
      if (!session) return null;
      const now = clock();
      const idleEnds = addMs(new Date(session.last_seen_at), IDLE_TIMEOUT_MS);
      if (new Date(session.expires_at) <= now || idleEnds <= now) {
        await store.deleteSession(db, id);
        return null;
      }
      const account = await store.findAccount(db, session.account_id);
      if (!account || account.status !== 'active') {
        await store.deleteSession(db, id);
        return null;
      }
      // Write at most once a minute, so reading pages does not turn into a stream of writes.
      if (now.getTime() - new Date(session.last_seen_at).getTime() > MINUTE) {
        await store.touchSession(db, id, toIso(now));
      }
      return { actor: await toActor(account), sessionId: id };
    },

    /** Ends a session. */
    async signOut(token: string, ctx: AuditContext): Promise<void> {
      const id = hashToken(token);
      const session = await store.findSession(db, id);
      if (!session) return;
      await db.transaction().execute(async (trx) => {
        await store.deleteSession(trx, id);
        await audit.record(trx, ctx, {
          organisationId: session.organisation_id,
          action: 'auth.sign_out',
          recordType: 'account',
          recordId: session.account_id,
        });
      });
    },

    /** Creates a one-time invitation link for a new member of staff or a person using services. */
    async createInvitation(
      actor: Actor,
      input: InvitationInput,
      ctx: AuditContext,
    ): Promise<{ link: string; invitation: InvitationsTable }> {
      const unitId =
        input.unitId || (input.role === 'service_user' ? (actor.unitIds[0] ?? null) : null);
      if (!mayAccounts(actor, { kind: 'invite', role: input.role, unitId })) {
        throw AppError.invalid(
          'role',
          'You cannot invite someone to this role. Choose another role.',
        );
      }
      if (unitId !== null && !(await store.findUnit(db, actor.organisationId, unitId))) {
        throw AppError.invalid('unitId', 'Choose a unit from the list');
      }
      if ((input.role === 'practitioner' || input.role === 'unit_manager') && unitId === null) {
        throw AppError.invalid('unitId', 'Choose the unit they will work in');
      }
      if (await store.findAccountByEmail(db, input.email)) {
        throw AppError.invalid('email', 'There is already an account for this email address');
      }
      const token = newToken();
      const now = clock();
      const invitation: InvitationsTable = {
        id: newId(),
        organisation_id: actor.organisationId,
        email: input.email,
        display_name: input.displayName,
        role: input.role,
        unit_id: unitId,
        invited_by: actor.id,
        token_hash: hashToken(token),
        expires_at: toIso(addMs(now, INVITATION_TTL_MS)),
        used_at: null,
        created_at: toIso(now),
      };
      await db.transaction().execute(async (trx) => {
        await store.insertInvitation(trx, invitation);
        await audit.record(trx, ctx, {
          organisationId: actor.organisationId,
          action: 'account.invite',
          recordType: 'invitation',
          recordId: invitation.id,
          detail: { role: input.role },
        });
      });
      return { link: `${deps.publicUrl}/invitations/${token}`, invitation };
    },

    /** Shows who an invitation is for, or explains why the link no longer works. */
    async viewInvitation(
      token: string,
    ): Promise<{ displayName: string; email: string; role: string; organisationName: string }> {
      const invitation = await invitationFromToken(token);
      const organisation = await store.findOrganisation(db, invitation.organisation_id);
      return {
        displayName: invitation.display_name,
        email: invitation.email,
        role: roleLabels[invitation.role],
        organisationName: organisation?.name ?? '',
      };
    },

    /**
     * Accepts an invitation: the person chooses their password, their account is made, and
     * they are signed in. A link works once.
     */
    async acceptInvitation(
      token: string,
      input: { password: string; confirmPassword: string },
      ip: string,
    ): Promise<{ token: string; actor: Actor }> {
      const invitation = await invitationFromToken(token);
      const problem = checkPasswordPolicy(input.password);
      if (problem) throw AppError.invalid('password', problem);
      if (input.password !== input.confirmPassword) {
        throw AppError.invalid(
          'confirmPassword',
          'The two passwords are different. Type the same password in both boxes.',
        );
      }
      if (await store.findAccountByEmail(db, invitation.email)) {
        throw new AppError(
          'gone',
          'There is already an account for this email address. You can sign in.',
        );
      }
      const passwordHash = await hashPassword(input.password);
      const now = toIso(clock());
      const account: AccountsTable = {
        id: newId(),
        organisation_id: invitation.organisation_id,
        email: invitation.email,
        display_name: invitation.display_name,
        role: invitation.role,
        password_hash: passwordHash,
        status: 'active',
        created_at: now,
        disabled_at: null,
      };
      const sessionToken = await db.transaction().execute(async (trx) => {
        if (!(await store.claimInvitation(trx, invitation.id, now))) {
          throw new AppError('gone', 'This invitation link has already been used.');
        }
        await store.insertAccount(trx, account);
        if (invitation.unit_id) {
          await store.addMembership(trx, account.organisation_id, invitation.unit_id, account.id);
        }
        if (invitation.role === 'service_user') {
          const inviter = invitation.invited_by
            ? await store.findAccount(trx, invitation.invited_by)
            : undefined;
          if (inviter?.role === 'practitioner') {
            await store.addToCaseload(trx, account.organisation_id, inviter.id, account.id);
          }
        }
        await audit.record(
          trx,
          {
            actor: { id: account.id, role: account.role, organisationId: account.organisation_id },
            ip,
          },
          {
            organisationId: account.organisation_id,
            action: 'account.accept_invitation',
            recordType: 'account',
            recordId: account.id,
          },
        );
        return startSession(trx, account);
      });
      return { token: sessionToken, actor: await toActor(account) };
    },

    /** Disables an account and ends all of its sessions at once. */
    async disableAccount(actor: Actor, accountId: string, ctx: AuditContext): Promise<void> {
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
      await db.transaction().execute(async (trx) => {
        await store.setAccountStatus(trx, target.id, 'disabled', toIso(clock()));
        await store.deleteSessionsOf(trx, target.id);
        await audit.record(trx, ctx, {
          organisationId: actor.organisationId,
          action: 'account.disable',
          recordType: 'account',
          recordId: target.id,
          subjectPersonId: target.role === 'service_user' ? target.id : null,
        });
      });
    },

    /** Turns a disabled account back on (the person signs in again with their password). */
    async enableAccount(actor: Actor, accountId: string, ctx: AuditContext): Promise<void> {
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
      await db.transaction().execute(async (trx) => {
        await store.setAccountStatus(trx, target.id, 'active', null);
        await audit.record(trx, ctx, {
          organisationId: actor.organisationId,
          action: 'account.enable',
          recordType: 'account',
          recordId: target.id,
        });
      });
    },

    /** The units an actor may choose from when inviting. */
    async unitsForInvitation(actor: Actor): Promise<UnitsTable[]> {
      const units = await store.listUnits(db, actor.organisationId);
      return actor.role === 'org_admin' ? units : units.filter((u) => actor.unitIds.includes(u.id));
    },

    /** The roles an actor may invite. */
    rolesForInvitation(actor: Actor): { value: Role; text: string }[] {
      const allowed: Role[] =
        actor.role === 'org_admin'
          ? [...invitableStaffRoles]
          : ['practitioner', 'unit_manager'].includes(actor.role)
            ? ['service_user']
            : [];
      return allowed.map((r) => ({ value: r, text: roleLabels[r] }));
    },

    /** Recent invitations the actor may see: all in the organisation for admins, their own otherwise. */
    async listInvitations(
      actor: Actor,
    ): Promise<(InvitationsTable & { state: 'waiting' | 'used' | 'expired' })[]> {
      if (!mayAccounts(actor, { kind: 'list-invitations' })) throw AppError.notFound();
      const rows = await store.listInvitations(
        db,
        actor.organisationId,
        actor.role === 'org_admin' ? undefined : actor.id,
      );
      const now = clock();
      return rows.map((r) => ({
        ...r,
        state: r.used_at ? 'used' : new Date(r.expires_at) <= now ? 'expired' : 'waiting',
      }));
    },

    /** Units the actor belongs to (everyone's for an admin). */
    async unitsOf(actor: Actor): Promise<UnitsTable[]> {
      const units = await store.listUnits(db, actor.organisationId);
      return actor.role === 'org_admin' ? units : units.filter((u) => actor.unitIds.includes(u.id));
    },

    /** The people on a practitioner's caseload. */
    async caseloadOf(actor: Actor): Promise<PersonSummary[]> {
      if (actor.role !== 'practitioner') return [];
      return describePeople(await store.caseloadOf(db, actor.id));
    },

    /** Everyone in the actor's units (everyone in the organisation for an admin). */
    async peopleInMyUnits(actor: Actor): Promise<PersonSummary[]> {
      if (actor.role === 'org_admin') {
        return describePeople(await store.listAccountsInOrganisation(db, actor.organisationId));
      }
      const members = await store.membersOfUnits(db, actor.unitIds);
      const seen = new Map<string, AccountsTable>();
      for (const m of members) seen.set(m.account.id, m.account);
      return describePeople([...seen.values()]);
    },

    /** The practitioners who work with a person, for the person's own home page. */
    async myPractitioners(actor: Actor): Promise<{ displayName: string }[]> {
      const rows = await store.practitionersOf(db, actor.id);
      return rows.map((r) => ({ displayName: r.display_name }));
    },

    /**
     * Checks that staff may see a person, returning the person or throwing 404.
     * Other modules call this before any read of a person's records.
     */
    async requirePersonVisibleTo(actor: Actor, personId: string): Promise<AccountsTable> {
      const person = await store.findAccountInOrganisation(db, actor.organisationId, personId);
      if (!person || person.role !== 'service_user') throw AppError.notFound();
      const personUnits = await store.unitIdsOf(db, person.id);
      const onCaseload =
        actor.role === 'practitioner' && (await store.isOnCaseload(db, actor.id, person.id));
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

    /** The units a person's care sits with. */
    async unitIdsOfPerson(personId: string): Promise<string[]> {
      return store.unitIdsOf(db, personId);
    },

    /** Every unit of an organisation (for choosing whom to share with). */
    async unitsInOrganisation(organisationId: string): Promise<UnitsTable[]> {
      return store.listUnits(db, organisationId);
    },

    /** Active practitioners and unit managers of an organisation (for choosing whom to share with). */
    async clinicalStaffInOrganisation(organisationId: string): Promise<PersonSummary[]> {
      const accounts = await store.listAccountsInOrganisation(db, organisationId);
      return describePeople(
        accounts.filter(
          (a) => a.status === 'active' && (a.role === 'practitioner' || a.role === 'unit_manager'),
        ),
      );
    },

    /** Names for audit and lists; returns only what is asked for. */
    async describeAccounts(conn: Db, ids: string[]): Promise<Map<string, { displayName: string }>> {
      const rows = await store.listAccountsByIds(conn, [...new Set(ids)]);
      return new Map(rows.map((r) => [r.id, { displayName: r.display_name }]));
    },

    /** Organisation names for figures that span organisations (names only). */
    async describeOrganisations(conn: Db, ids: string[]): Promise<Map<string, { name: string }>> {
      const rows = await store.listOrganisationsByIds(conn, [...new Set(ids)]);
      return new Map(rows.map((r) => [r.id, { name: r.name }]));
    },

    /** Unit names for audit and lists. */
    async describeUnits(conn: Db, ids: string[]): Promise<Map<string, { name: string }>> {
      const rows = await store.listUnitsByIds(conn, [...new Set(ids)]);
      return new Map(rows.map((r) => [r.id, { name: r.name }]));
    },

    /**
     * Creates an organisation directly (for `hearth demo`, set-up and tests; not on the web).
     */
    async provisionOrganisation(name: string): Promise<{ id: string }> {
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await store.insertOrganisation(trx, { id, name, created_at: toIso(clock()) });
        await audit.record(
          trx,
          { actor: null, ip: null },
          {
            organisationId: id,
            action: 'organisation.create',
            recordType: 'organisation',
            recordId: id,
          },
        );
      });
      return { id };
    },

    /** Creates a unit directly (set-up, demo and tests). */
    async provisionUnit(
      organisationId: string,
      name: string,
      kind: UnitsTable['kind'],
    ): Promise<{ id: string }> {
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await store.insertUnit(trx, {
          id,
          organisation_id: organisationId,
          name,
          kind,
          created_at: toIso(clock()),
        });
        await audit.record(
          trx,
          { actor: null, ip: null },
          { organisationId, action: 'unit.create', recordType: 'unit', recordId: id },
        );
      });
      return { id };
    },

    /**
     * Creates an account directly with a known password (set-up, demo and tests). Web users
     * always join through an invitation instead.
     */
    async provisionAccount(input: {
      organisationId: string;
      email: string;
      displayName: string;
      role: Role;
      password: string;
      passwordHash?: string;
      unitIds?: string[];
      practitionerIds?: string[];
    }): Promise<{ id: string }> {
      const id = newId();
      const passwordHash = input.passwordHash ?? (await hashPassword(input.password));
      await db.transaction().execute(async (trx) => {
        await store.insertAccount(trx, {
          id,
          organisation_id: input.organisationId,
          email: input.email.toLowerCase(),
          display_name: input.displayName,
          role: input.role,
          password_hash: passwordHash,
          status: 'active',
          created_at: toIso(clock()),
          disabled_at: null,
        });
        for (const unitId of input.unitIds ?? [])
          await store.addMembership(trx, input.organisationId, unitId, id);
        for (const p of input.practitionerIds ?? [])
          await store.addToCaseload(trx, input.organisationId, p, id);
        await audit.record(
          trx,
          { actor: null, ip: null },
          {
            organisationId: input.organisationId,
            action: 'account.create',
            recordType: 'account',
            recordId: id,
          },
        );
      });
      return { id };
    },

    /**
     * Sets up a new organisation from the command line and invites its first administrator.
     * @returns the one-time link
     */
    async inviteFirstAdmin(input: {
      organisationName: string;
      email: string;
      displayName: string;
    }): Promise<{ link: string; organisationId: string }> {
      const email = input.email.trim().toLowerCase();
      if (await store.findAccountByEmail(db, email))
        throw AppError.invalid('email', 'There is already an account for this email address');
      const token = newToken();
      const now = clock();
      const organisationId = newId();
      await db.transaction().execute(async (trx) => {
        await store.insertOrganisation(trx, {
          id: organisationId,
          name: input.organisationName,
          created_at: toIso(now),
        });
        const invitation: InvitationsTable = {
          id: newId(),
          organisation_id: organisationId,
          email,
          display_name: input.displayName,
          role: 'org_admin',
          unit_id: null,
          invited_by: null,
          token_hash: hashToken(token),
          expires_at: toIso(addMs(now, INVITATION_TTL_MS)),
          used_at: null,
          created_at: toIso(now),
        };
        await store.insertInvitation(trx, invitation);
        await audit.record(
          trx,
          { actor: null, ip: null },
          {
            organisationId,
            action: 'account.invite',
            recordType: 'invitation',
            recordId: invitation.id,
            detail: { role: 'org_admin' },
          },
        );
      });
      return { link: `${deps.publicUrl}/invitations/${token}`, organisationId };
    },

    /** True when no organisation exists yet (a fresh database). */
    async isEmpty(): Promise<boolean> {
      return (await store.countOrganisations(db)) === 0;
    },

    /** Looks an account up by email (CLI use). */
    async findAccountByEmail(email: string): Promise<AccountsTable | undefined> {
      return store.findAccountByEmail(db, email.trim().toLowerCase());
    },

    /** Builds the actor for an account (CLI use, where there is no session). */
    async actorFor(accountId: string): Promise<Actor> {
      const account = await store.findAccount(db, accountId);
      if (!account || account.status !== 'active') throw AppError.notFound();
      return toActor(account);
    },

    /** The audit trail's view of an actor. */
    auditActor,
  };
}

/** The accounts service's functions. */
export type AccountsService = ReturnType<typeof createAccountsService>;
