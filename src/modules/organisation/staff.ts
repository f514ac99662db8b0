/**
 * Staff: an administrator sets a member of staff's role and job title and moves them between
 * units.
 * Guarantees: only the organisation's administrator, only its own staff (another organisation's,
 * a made-up id, a person using services or the administrator themselves is 404); units are
 * chosen from the organisation's open units (anything else is a 400 on the field); practitioners
 * and unit managers keep at least one unit; memberships of closed units stay as history.
 */
import type { Actor } from '../accounts/index.ts';
import { roleLabels } from '../accounts/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { AppError } from '../../lib/app-error.ts';
import type { OrganisationDeps } from './deps.ts';
import { assignableRoles, isSetUpStaff, mayOrganisation, needsUnit } from './policy.ts';
import type { StaffChangeInput } from './schema.ts';

/** Creates the staff capability. */
export function createStaff(deps: OrganisationDeps) {
  const { db, store, audit } = deps;

  async function context(actor: Actor) {
    if (!mayOrganisation(actor, { kind: 'set-up' })) throw AppError.notFound();
    const units = await store.listUnits(db, actor.organisationId);
    const memberships = await store.listMemberships(db, actor.organisationId);
    return { units, memberships };
  }

  async function member(actor: Actor, accountId: string) {
    const account = await store.findAccount(db, actor.organisationId, accountId);
    if (!account || !isSetUpStaff(account) || account.id === actor.id) throw AppError.notFound();
    return account;
  }

  return {
    /** The organisation's staff with their role and open units. */
    async list(actor: Actor) {
      const { units, memberships } = await context(actor);
      const openName = new Map(units.filter((u) => !u.closed_at).map((u) => [u.id, u.name]));
      const accounts = await store.listAccounts(db, actor.organisationId, assignableRoles);
      return accounts.map((a) => ({
        id: a.id,
        displayName: a.display_name,
        email: a.email,
        roleLabel: roleLabels[a.role],
        active: a.status === 'active',
        mayChange: a.id !== actor.id,
        units: memberships
          .filter((m) => m.account_id === a.id && openName.has(m.unit_id))
          .map((m) => openName.get(m.unit_id) ?? ''),
      }));
    },

    /** The change form for one member of staff: their role and units, and the choices. */
    async editForm(actor: Actor, accountId: string) {
      const { units, memberships } = await context(actor);
      const account = await member(actor, accountId);
      const theirs = new Set(
        memberships.filter((m) => m.account_id === account.id).map((m) => m.unit_id),
      );
      return {
        account: { id: account.id, displayName: account.display_name, email: account.email },
        values: { role: account.role, unitIds: [...theirs], jobTitle: account.job_title ?? '' },
        roleItems: assignableRoles.map((r) => ({ value: r, text: roleLabels[r] })),
        unitItems: units
          .filter((u) => !u.closed_at)
          .map((u) => ({ value: u.id, text: u.name, checked: theirs.has(u.id) })),
      };
    },

    /** Sets a member of staff's role and open units, in one audited change. */
    async change(actor: Actor, accountId: string, input: StaffChangeInput, ctx: AuditContext) {
      const { units } = await context(actor);
      const account = await member(actor, accountId);
      if (!mayOrganisation(actor, { kind: 'change-staff', target: account, newRole: input.role }))
        throw AppError.invalid('role', 'Choose a role from the list');
      const open = units.filter((u) => !u.closed_at).map((u) => u.id);
      const unitIds = [...new Set(input.unitIds)];
      if (unitIds.some((id) => !open.includes(id)))
        throw AppError.invalid('unitIds', 'Choose units from the list');
      if (needsUnit(input.role) && unitIds.length === 0)
        throw AppError.invalid('unitIds', 'Choose at least one unit they work in');
      await audit.audited(db, ctx, async (trx, record) => {
        await store.setRole(trx, actor.organisationId, account.id, input.role, input.jobTitle);
        await store.setOpenUnits(trx, actor.organisationId, account.id, open, unitIds);
        await record({
          organisationId: actor.organisationId,
          action: 'staff.change',
          recordType: 'account',
          recordId: account.id,
          detail: { role: input.role, units: unitIds.length },
        });
      });
    },
  };
}

/** The staff functions. */
export type Staff = ReturnType<typeof createStaff>;
