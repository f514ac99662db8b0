/**
 * Inviting many members of staff at once (the organisation set-up's staff list import).
 * Guarantees: only an organisation administrator invites, into roles the policy allows and open
 * units of their own organisation; only the administrator's own organisation is checked for
 * existing accounts (#18, item 5); every invitation or none is made, in one audited transaction.
 */
import type { AuditContext } from '../../lib/actor.ts';
import { AppError } from '../../lib/app-error.ts';
import { addMs, toIso } from '../../lib/clock.ts';
import type { Role } from '../../lib/roles.ts';
import { hashToken, newId, newToken } from '../../lib/tokens.ts';
import type { AccountsDeps } from './internals.ts';
import { INVITATION_TTL_MS } from './internals.ts';
import type { Actor } from './policy.ts';
import { isClinicalStaff, mayAccounts, seesWholeOrganisation } from './policy.ts';
import type { InvitationsTable } from './tables.ts';

/** One member of staff to invite. */
export interface StaffToInvite {
  email: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  /** Their job title from the staff list, when it has one. */
  jobTitle?: string | null;
}

/** Why one member of staff cannot be invited, in words for the administrator. */
export type StaffInviteProblem = { index: number; field: 'email' | 'role' | 'unit'; text: string };

/** Creates the staff-invitations capability. */
export function createStaffInvitations(deps: AccountsDeps) {
  const { db, store, audit, clock } = deps;

  async function check(actor: Actor, staff: readonly StaffToInvite[]) {
    if (!seesWholeOrganisation(actor)) throw AppError.notFound();
    const problems: StaffInviteProblem[] = [];
    const openUnits = new Set((await store.listUnits(db, actor.organisationId)).map((u) => u.id));
    const waiting = new Set(
      (await store.listInvitations(db, actor.organisationId))
        .filter((i) => i.used_at === null && new Date(i.expires_at) > clock())
        .map((i) => i.email),
    );
    for (const [index, s] of staff.entries()) {
      if (!mayAccounts(actor, { kind: 'invite', role: s.role, unitId: s.unitId }))
        problems.push({ index, field: 'role', text: 'this role cannot be invited here' });
      if (s.unitId !== null && !openUnits.has(s.unitId))
        problems.push({ index, field: 'unit', text: 'the unit is not one of your open units' });
      if (s.unitId === null && isClinicalStaff({ role: s.role }))
        problems.push({
          index,
          field: 'unit',
          text: 'practitioners and unit managers need a unit',
        });
      if (await store.findAccountByEmailInOrganisation(db, actor.organisationId, s.email))
        problems.push({
          index,
          field: 'email',
          text: 'someone in your organisation already has an account with this email address',
        });
      else if (waiting.has(s.email))
        problems.push({ index, field: 'email', text: 'an invitation to this address is waiting' });
    }
    return problems;
  }

  return {
    /** Problems that would stop each member of staff being invited (empty when all can be). */
    check,

    /**
     * Invites every member of staff, or nobody when any cannot be.
     * @returns a one-time link for each, in the order given
     */
    async inviteAll(
      actor: Actor,
      staff: readonly StaffToInvite[],
      ctx: AuditContext,
    ): Promise<{ problems: StaffInviteProblem[]; links: string[] }> {
      const problems = await check(actor, staff);
      if (problems.length > 0) return { problems, links: [] };
      const now = clock();
      const made = staff.map((s) => {
        const token = newToken();
        const row: InvitationsTable = {
          id: newId(),
          organisation_id: actor.organisationId,
          email: s.email,
          display_name: s.displayName,
          job_title: s.jobTitle ?? null,
          role: s.role,
          unit_id: s.unitId,
          invited_by: actor.id,
          token_hash: hashToken(token),
          expires_at: toIso(addMs(now, INVITATION_TTL_MS)),
          used_at: null,
          created_at: toIso(now),
        };
        return { row, link: `${deps.publicUrl}/invitations/${token}` };
      });
      await audit.audited(db, ctx, async (trx, record) => {
        for (const { row } of made) {
          await store.insertInvitation(trx, row);
          await record({
            organisationId: actor.organisationId,
            action: 'account.invite',
            recordType: 'invitation',
            recordId: row.id,
            detail: { role: row.role, from: 'staff-list' },
          });
        }
      });
      return { problems: [], links: made.map((m) => m.link) };
    },
  };
}

/** The staff-invitations functions. */
export type StaffInvitations = ReturnType<typeof createStaffInvitations>;
