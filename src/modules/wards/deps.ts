/** What the wards module needs from elsewhere, named by shape so it imports no module's insides. */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../lib/actor.ts';
import type { Clock } from '../../lib/clock.ts';
import type { AuditLog } from '../audit/index.ts';
import type { DashboardScope } from '../force/index.ts';
import type { WardsStore } from './store.ts';

/** The units an actor works in, every unit for an administrator (the accounts directory). */
export interface WardDirectory {
  unitsOf(actor: Actor): Promise<{ id: string; name: string; kind: 'ward' | 'team' }[]>;
  /** One of those units by id (undefined when the actor does not work there or it is closed). */
  unitOf(
    actor: Actor,
    unitId: string,
  ): Promise<{ id: string; name: string; kind: 'ward' | 'team' } | undefined>;
}

/** Monthly occupied bed days and uses of force for a unit (the force module's dashboards). */
export interface WardForceFigures {
  monthly(
    actor: Actor,
    scope: DashboardScope,
    range: { from: string; to: string },
    audience: 'page' | 'export',
  ): Promise<{
    months: {
      period: string;
      interventions: number;
      bedDays: number;
      rate: { suppressed: boolean };
    }[];
  }>;
}

/** What the wards service needs. */
export interface WardsDeps {
  db: Db;
  store: WardsStore;
  audit: AuditLog;
  clock: Clock;
  directory: WardDirectory;
  forceFigures: WardForceFigures;
}

// --- Ward screen (issue 14) ---

/**
 * Today's staff "about me" for a ward, for the ward screen (the Safewards part of this module
 * provides it; until then the screen shows none). Only what the staff chose to share.
 */
export interface WardScreenAboutMe {
  staffToday(organisationId: string, unitId: string): Promise<{ name: string; text: string }[]>;
}

/** The ward screen's optional needs (merged into WardsDeps). */
export interface WardsDeps {
  aboutMe?: WardScreenAboutMe;
}

// --- Calm-down answers and learning themes from the force register (issue 14) ---

/**
 * The force register's calm-down answers and learning themes for a ward: counts and shares
 * only, never words; null when the actor may not see the ward's figures (force/index.ts).
 */
export interface WardForceLearning {
  calmDownMonths(
    actor: Actor,
    unitId: string,
    from: string,
    to: string,
  ): Promise<{ period: string; incidents: string; offered: string; reassured: string }[] | null>;
  themeFigures(
    actor: Actor,
    unitId: string,
  ): Promise<{
    from: string;
    to: string;
    themes: { code: string; label: string; count: string }[];
    anyTagged: boolean;
  } | null>;
}

/** The force learning figures (optional: without them the pages leave the panels out). */
export interface WardsDeps {
  forceLearning?: WardForceLearning;
}
