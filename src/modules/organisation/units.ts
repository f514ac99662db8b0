/**
 * Units: an administrator adds, renames and closes wards and community teams. Guarantees: only
 * the organisation's administrator, only its own units (anything else is 404); a closed unit
 * keeps its row, memberships and figures (it only leaves the lists people choose from) and
 * cannot be changed again; every change is audited in its own transaction.
 */
import type { Actor } from '../accounts/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { toIso } from '../../lib/clock.ts';
import { newId } from '../../lib/tokens.ts';
import type { OrganisationDeps } from './deps.ts';
import { mayOrganisation } from './policy.ts';
import type { UnitChangeInput, UnitInput } from './schema.ts';
import type { UnitRow } from './store.ts';

/** A unit as the units page lists it. */
export interface UnitSummary extends UnitRow {
  kindLabel: string;
  members: number;
}

const kindLabels = { ward: 'Ward', team: 'Community team' } as const;

/** Creates the units capability. */
export function createUnits(deps: OrganisationDeps) {
  const { db, store, audit, clock } = deps;

  function requireSetUp(actor: Actor): void {
    if (!mayOrganisation(actor, { kind: 'set-up' })) throw AppError.notFound();
  }

  /** The actor's own unit, open; anything else (another organisation's, made up, closed) is 404. */
  async function openUnit(actor: Actor, unitId: string): Promise<UnitRow> {
    requireSetUp(actor);
    const unit = await store.findUnit(db, actor.organisationId, unitId);
    if (!unit || unit.closed_at !== null) throw AppError.notFound();
    return unit;
  }

  async function requireFreeName(actor: Actor, name: string, except?: string) {
    const units = await store.listUnits(db, actor.organisationId);
    const taken = units.some(
      (u) => u.id !== except && u.closed_at === null && u.name.toLowerCase() === name.toLowerCase(),
    );
    if (taken) throw AppError.invalid('name', 'There is already an open unit with this name');
  }

  return {
    /** Every unit of the organisation, open ones first, with how many staff and people are in each. */
    async list(actor: Actor): Promise<{ open: UnitSummary[]; closed: UnitSummary[] }> {
      requireSetUp(actor);
      const units = await store.listUnits(db, actor.organisationId);
      const members = await store.countMembers(db, actor.organisationId);
      const summaries = units.map((u) => ({
        ...u,
        kindLabel: kindLabels[u.kind],
        members: members.get(u.id) ?? 0,
      }));
      return {
        open: summaries.filter((u) => u.closed_at === null),
        closed: summaries.filter((u) => u.closed_at !== null),
      };
    },

    /** One open unit, for its change form. */
    openUnit,

    /** Adds a ward or community team. */
    async add(actor: Actor, input: UnitInput, ctx: AuditContext): Promise<{ id: string }> {
      requireSetUp(actor);
      await requireFreeName(actor, input.name);
      const id = newId();
      await audit.audited(db, ctx, async (trx, record) => {
        await store.insertUnit(trx, {
          id,
          organisation_id: actor.organisationId,
          name: input.name,
          kind: input.kind,
          bed_count: input.kind === 'ward' ? input.bedCount : null,
          closed_at: null,
          created_at: toIso(clock()),
        });
        await record({
          organisationId: actor.organisationId,
          action: 'unit.create',
          recordType: 'unit',
          recordId: id,
          detail: { kind: input.kind },
        });
      });
      return { id };
    },

    /** Renames a unit, or changes a ward's beds. */
    async change(actor: Actor, unitId: string, input: UnitChangeInput, ctx: AuditContext) {
      const unit = await openUnit(actor, unitId);
      await requireFreeName(actor, input.name, unit.id);
      await audit.audited(db, ctx, async (trx, record) => {
        await store.updateUnit(trx, actor.organisationId, unit.id, {
          name: input.name,
          bed_count: unit.kind === 'ward' ? input.bedCount : null,
        });
        await record({
          organisationId: actor.organisationId,
          action: 'unit.update',
          recordType: 'unit',
          recordId: unit.id,
        });
      });
    },

    /** Closes a unit: it leaves every list, and keeps its history, memberships and figures. */
    async close(actor: Actor, unitId: string, ctx: AuditContext): Promise<void> {
      const unit = await openUnit(actor, unitId);
      await audit.audited(db, ctx, async (trx, record) => {
        await store.updateUnit(trx, actor.organisationId, unit.id, { closed_at: toIso(clock()) });
        await record({
          organisationId: actor.organisationId,
          action: 'unit.close',
          recordType: 'unit',
          recordId: unit.id,
        });
      });
    },
  };
}

/** The units functions. */
export type Units = ReturnType<typeof createUnits>;
