/**
 * Denominators: occupied bed days per unit and month, and people on the unit per year by
 * characteristic group. Guarantees: only the unit's manager or an administrator enters them; the
 * dashboards' rollups move by the difference in the same transaction, with the audit events.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../accounts/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { dimensions } from './codes.ts';
import type { ForceDeps } from './deps.ts';
import type { IncidentDetails } from './incident-details.ts';
import { mayForce } from './policy.ts';
import { addBedDays, addPeople, emptyDeltas } from './rollups.ts';
import type { ForceStore } from './store.ts';

/** Occupied bed days for one unit and month. */
export interface BedDaysRow {
  unitId: string;
  period: string;
  occupiedBedDays: number;
}

/** The number of people on a unit in a year in one characteristic group. */
export interface PopulationRow {
  unitId: string;
  year: string;
  dimension: string;
  groupCode: string;
  people: number;
}

/** The denominators form, read. */
export interface DenominatorsForm {
  unitId: string;
  year: string;
  bedDays: BedDaysRow[];
  population: PopulationRow[];
}

const monthsOf = (year: string) =>
  Array.from({ length: 12 }, (_, m) => `${year}-${String(m + 1).padStart(2, '0')}`);

/** Bed days in a month with every bed occupied, or null without a bed count. */
const fullMonth = (beds: number | null | undefined, period: string): number | null => {
  if (!beds) return null;
  const [y = 0, m = 0] = period.split('-').map(Number);
  return beds * new Date(Date.UTC(y, m, 0)).getUTCDate();
};

/** Creates the denominators capability. */
export function createDenominators(deps: ForceDeps, details: IncidentDetails) {
  const { db, store, audit, clock, directory } = deps;

  /**
   * Every row must name a unit the actor may enter figures for, and that unit must exist in the
   * organisation: the policy alone would let an administrator name any id (#18, item 2).
   */
  async function requireAccess(
    actor: Actor,
    organisationId: string,
    rows: readonly { unitId: string }[],
  ) {
    for (const r of rows) {
      if (!mayForce(actor, { kind: 'denominators', organisationId, unitId: r.unitId }))
        throw AppError.notFound();
    }
    const ids = [...new Set(rows.map((r) => r.unitId))];
    const known = await directory.describeUnits(db, ids, organisationId);
    if (ids.some((id) => !known.has(id))) throw AppError.notFound();
  }

  /** Saves bed days and moves the rollups, inside the caller's transaction. */
  async function saveBedDaysIn(trx: Db, organisationId: string, rows: readonly BedDaysRow[]) {
    const deltas = emptyDeltas();
    const byUnit = new Map<string, string[]>();
    for (const r of rows) byUnit.set(r.unitId, [...(byUnit.get(r.unitId) ?? []), r.period]);
    for (const [unitId, periods] of byUnit) {
      const old = await store.findBedDays(trx, organisationId, unitId, periods);
      for (const r of rows.filter((x) => x.unitId === unitId)) {
        const change = r.occupiedBedDays - (old.get(r.period) ?? 0);
        addBedDays(deltas, organisationId, unitId, r.period, change);
      }
    }
    await store.saveBedDays(
      trx,
      rows.map((r) => ({
        organisation_id: organisationId,
        unit_id: r.unitId,
        period: r.period,
        occupied_bed_days: r.occupiedBedDays,
        updated_at: details.now(),
      })),
    );
    await store.applyDeltas(trx, deltas);
  }

  /** Saves people per group and moves the rollups, inside the caller's transaction. */
  async function savePopulationIn(trx: Db, organisationId: string, rows: readonly PopulationRow[]) {
    const deltas = emptyDeltas();
    const seen = new Map<string, Awaited<ReturnType<ForceStore['findPopulation']>>>();
    for (const r of rows) {
      const k = `${r.unitId}|${r.year}`;
      if (!seen.has(k))
        seen.set(k, await store.findPopulation(trx, organisationId, r.unitId, r.year));
      const old =
        (seen.get(k) ?? []).find((p) => p.dimension === r.dimension && p.group_code === r.groupCode)
          ?.people ?? 0;
      const change = r.people - Number(old);
      addPeople(deltas, organisationId, r.unitId, r.year, r.dimension, r.groupCode, change);
    }
    await store.savePopulation(
      trx,
      rows.map((r) => ({
        organisation_id: organisationId,
        unit_id: r.unitId,
        year: r.year,
        dimension: r.dimension,
        group_code: r.groupCode,
        people: r.people,
      })),
    );
    await store.applyDeltas(trx, deltas);
  }

  // Denominators and their audit event commit together, as every change in Hearth does.
  const auditSave = (
    organisationId: string,
    recordType: 'force_bed_days' | 'force_population',
    count: number,
  ) => ({
    organisationId,
    action: 'force.denominators.save',
    recordType,
    detail: { rows: count },
  });

  async function units(actor: Actor) {
    return (await directory.unitsOf(actor)).filter((u) =>
      mayForce(actor, { kind: 'denominators', organisationId: actor.organisationId, unitId: u.id }),
    );
  }

  /** The denominators already entered for a unit (for the form). */
  async function forUnit(actor: Actor, unitId: string, year: string) {
    if (!mayForce(actor, { kind: 'denominators', organisationId: actor.organisationId, unitId }))
      throw AppError.notFound();
    return {
      bedDays: await store.findBedDays(db, actor.organisationId, unitId, monthsOf(year)),
      population: await store.findPopulation(db, actor.organisationId, unitId, year),
    };
  }

  return {
    /** Units whose denominators the actor may enter. */
    units,

    forUnit,

    /** The form for one unit and year (the first unit and this year unless chosen), filled in. */
    async page(actor: Actor, chosen: { unitId?: string; year?: string }) {
      const mine = await units(actor);
      const unitId =
        chosen.unitId && mine.some((u) => u.id === chosen.unitId) ? chosen.unitId : mine[0]?.id;
      const year =
        chosen.year && /^\d{4}$/.test(chosen.year) ? chosen.year : String(clock().getUTCFullYear());
      const current = unitId ? await forUnit(actor, unitId, year) : null;
      return {
        units: mine.map((u) => ({ value: u.id, text: u.name, selected: u.id === unitId })),
        unitId,
        year,
        // A ward's bed count (organisation set-up) gives a full month as a guide, never a value.
        beds: mine.find((u) => u.id === unitId)?.bed_count ?? null,
        months: monthsOf(year).map((p) => ({
          period: p,
          value: current?.bedDays.get(p) ?? '',
          fullMonth: fullMonth(mine.find((u) => u.id === unitId)?.bed_count, p),
        })),
        dimensions: dimensions.map((d) => ({
          code: d.code,
          label: d.label,
          groups: d.groups.map((g) => ({
            code: g.code,
            label: g.label,
            value:
              current?.population.find((r) => r.dimension === d.code && r.group_code === g.code)
                ?.people ?? '',
          })),
        })),
      };
    },

    /** Saves occupied bed days for a unit's months (entered by the unit manager or admin). */
    async saveBedDays(
      actor: Actor,
      organisationId: string,
      rows: readonly BedDaysRow[],
      ctx: AuditContext,
    ) {
      await requireAccess(actor, organisationId, rows);
      await audit.audited(db, ctx, async (trx, record) => {
        await saveBedDaysIn(trx, organisationId, rows);
        await record(auditSave(organisationId, 'force_bed_days', rows.length));
      });
    },

    /** Saves the number of people on a unit in a year by characteristic group. */
    async savePopulation(
      actor: Actor,
      organisationId: string,
      rows: readonly PopulationRow[],
      ctx: AuditContext,
    ) {
      await requireAccess(actor, organisationId, rows);
      await audit.audited(db, ctx, async (trx, record) => {
        await savePopulationIn(trx, organisationId, rows);
        await record(auditSave(organisationId, 'force_population', rows.length));
      });
    },

    /** Saves the whole form (bed days and people) in the actor's organisation, in one go. */
    async save(actor: Actor, form: DenominatorsForm, ctx: AuditContext) {
      const org = actor.organisationId;
      await requireAccess(actor, org, [...form.bedDays, ...form.population]);
      await audit.audited(db, ctx, async (trx, record) => {
        await saveBedDaysIn(trx, org, form.bedDays);
        await record(auditSave(org, 'force_bed_days', form.bedDays.length));
        await savePopulationIn(trx, org, form.population);
        await record(auditSave(org, 'force_population', form.population.length));
      });
    },
  };
}

/** The denominators capability. */
export type Denominators = ReturnType<typeof createDenominators>;
