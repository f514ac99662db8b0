/**
 * Invitations: how everyone joins. Guarantees: a link is 256-bit, stored only as SHA-256, works
 * once and for 7 days; staff invite only into roles and units the policy allows; accepting makes
 * the account, its unit and caseload links and its first session in one audited transaction.
 */
import type { AuditContext } from '../../lib/actor.ts';
import { AppError } from '../../lib/app-error.ts';
import { addMs, toIso } from '../../lib/clock.ts';
import { roleLabels } from '../../lib/roles.ts';
import type { Role } from '../../lib/roles.ts';
import { hashToken, newId, newToken } from '../../lib/tokens.ts';
import type { AccountsDeps } from './internals.ts';
import { INVITATION_TTL_MS, startSession, systemContext, toActor } from './internals.ts';
import { checkPasswordPolicy, hashPassword } from './passwords.ts';
import type { Actor } from './policy.ts';
import {
  firstAdminRole,
  hasCaseload,
  invitableRolesFor,
  isClinicalStaff,
  isPersonUsingServices,
  mayAccounts,
  seesWholeOrganisation,
} from './policy.ts';
import type { InvitationInput } from './schema.ts';
import type { AccountsTable, InvitationsTable, UnitsTable } from './tables.ts';

/**
 * What accepting an invitation says when its address already has a Hearth account, in this
 * organisation or another: the same words either way.
 */
export const ALREADY_HAS_ACCOUNT =
  'There is already a Hearth account for this email address, so this link cannot make a new one. If the account is yours, sign in with it as usual. A Hearth account belongs to one organisation: to join this one as well, ask the person who invited you to send a new invitation to another email address, such as your work address here.';

/** An invitation as the lists show it. */
export type InvitationSummary = InvitationsTable & { state: 'waiting' | 'used' | 'expired' };

/** What the invitation form offers the actor. */
export interface InvitationFormOptions {
  /** True when the actor invites staff (an administrator), false when they invite a person. */
  invitesStaff: boolean;
  roleItems: { value: Role; text: string }[];
  unitItems: { value: string; text: string }[];
}

/** Creates the invitations capability. */
export function createInvitations(deps: AccountsDeps) {
  const { db, store, audit, clock } = deps;

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

  async function unitsForInvitation(actor: Actor): Promise<UnitsTable[]> {
    const units = await store.listUnits(db, actor.organisationId);
    return seesWholeOrganisation(actor) ? units : units.filter((u) => actor.unitIds.includes(u.id));
  }

  function rolesForInvitation(actor: Actor): { value: Role; text: string }[] {
    return invitableRolesFor(actor).map((r) => ({ value: r, text: roleLabels[r] }));
  }

  const invitations = {
    /** Creates a one-time invitation link for a new member of staff or a person using services. */
    async createInvitation(
      actor: Actor,
      input: InvitationInput,
      ctx: AuditContext,
    ): Promise<{ link: string; invitation: InvitationsTable }> {
      const unitId =
        input.unitId ||
        (isPersonUsingServices({ role: input.role }) ? (actor.unitIds[0] ?? null) : null);
      if (!mayAccounts(actor, { kind: 'invite', role: input.role, unitId })) {
        throw AppError.invalid(
          'role',
          'You cannot invite someone to this role. Choose another role.',
        );
      }
      const unit =
        unitId === null ? undefined : await store.findUnit(db, actor.organisationId, unitId);
      if (unitId !== null && (!unit || unit.closed_at !== null)) {
        throw AppError.invalid('unitId', 'Choose a unit from the list');
      }
      if (isClinicalStaff({ role: input.role }) && unitId === null) {
        throw AppError.invalid('unitId', 'Choose the unit they will work in');
      }
      // Only the inviter's own organisation is looked at: whether an address has an account
      // elsewhere is not theirs to know, so such an invitation is made as usual (#18, item 5).
      if (await store.findAccountByEmailInOrganisation(db, actor.organisationId, input.email)) {
        throw AppError.invalid(
          'email',
          'Someone in your organisation already has an account with this email address. You can find them on the people page.',
        );
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
      await audit.audited(db, ctx, async (trx, record) => {
        await store.insertInvitation(trx, invitation);
        await record({
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
        // One account belongs to one organisation (the email is unique across Hearth), so the
        // invitation cannot become a second membership: say what to do instead.
        throw new AppError('gone', ALREADY_HAS_ACCOUNT);
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
        job_title: invitation.job_title ?? null,
      };
      const newcomer = {
        actor: { id: account.id, role: account.role, organisationId: account.organisation_id },
        ip,
      };
      const sessionToken = await audit.audited(db, newcomer, async (trx, record) => {
        const organisationId = account.organisation_id;
        if (!(await store.claimInvitation(trx, organisationId, invitation.id, now))) {
          throw new AppError('gone', 'This invitation link has already been used.');
        }
        await store.insertAccount(trx, account);
        if (invitation.unit_id) {
          await store.addMembership(trx, organisationId, invitation.unit_id, account.id);
        }
        if (isPersonUsingServices(invitation)) {
          const inviter = invitation.invited_by
            ? await store.findAccountInOrganisation(trx, organisationId, invitation.invited_by)
            : undefined;
          if (inviter && hasCaseload(inviter)) {
            await store.addToCaseload(trx, organisationId, inviter.id, account.id);
          }
        }
        await record({
          organisationId,
          action: 'account.accept_invitation',
          recordType: 'account',
          recordId: account.id,
        });
        return startSession(deps, trx, account);
      });
      return { token: sessionToken, actor: await toActor(deps, account) };
    },

    /** The units an actor may choose from when inviting. */
    unitsForInvitation,

    /** The roles an actor may invite. */
    rolesForInvitation,

    /** What the invitation form offers the actor: roles, units and which kind of form it is. */
    async formOptions(actor: Actor): Promise<InvitationFormOptions> {
      const units = await unitsForInvitation(actor);
      return {
        invitesStaff: seesWholeOrganisation(actor),
        roleItems: rolesForInvitation(actor),
        unitItems: units.map((u) => ({ value: u.id, text: u.name })),
      };
    },

    /** Recent invitations the actor may see: all in the organisation for admins, their own otherwise. */
    async listInvitations(actor: Actor): Promise<InvitationSummary[]> {
      if (!mayAccounts(actor, { kind: 'list-invitations' })) throw AppError.notFound();
      const rows = await store.listInvitations(
        db,
        actor.organisationId,
        seesWholeOrganisation(actor) ? undefined : actor.id,
      );
      const now = clock();
      return rows.map((r) => ({
        ...r,
        state: r.used_at ? 'used' : new Date(r.expires_at) <= now ? 'expired' : 'waiting',
      }));
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
      await audit.audited(db, systemContext, async (trx, record) => {
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
          role: firstAdminRole,
          unit_id: null,
          invited_by: null,
          token_hash: hashToken(token),
          expires_at: toIso(addMs(now, INVITATION_TTL_MS)),
          used_at: null,
          created_at: toIso(now),
        };
        await store.insertInvitation(trx, invitation);
        await record({
          organisationId,
          action: 'account.invite',
          recordType: 'invitation',
          recordId: invitation.id,
          detail: { role: firstAdminRole },
        });
      });
      return { link: `${deps.publicUrl}/invitations/${token}`, organisationId };
    },
  };
  return invitations;
}

/** The invitation functions. */
export type Invitations = ReturnType<typeof createInvitations>;
