/** What the improvement module needs from elsewhere, named by shape so it imports no module's insides. */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../lib/actor.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Role } from '../../lib/roles.ts';
import type { AuditLog } from '../audit/index.ts';
import type { ImprovementStore } from './store.ts';

/** A measure an action can name, with the words shown for it. */
export interface MeasureChoice {
  kind: string;
  key: string;
  label: string;
}

/** A measure's value in the plan's round and in a later one (words, ready to show). */
export interface MeasureChange {
  then: string;
  now: string;
  change: string;
}

/**
 * A kind of subject a plan can be about (supplied from the composition root for subjects that
 * live in other modules, such as a self-assessment round).
 */
export interface PlanSubject {
  /** What the plan is about, or null when the actor may not see it (the page is then 404). */
  describe(
    actor: Actor,
    subjectId: string,
  ): Promise<{
    title: string;
    unitId: string | null;
    href: string | null;
    /** What an action can serve (principles), by key. */
    links: { key: string; label: string }[];
    measures: MeasureChoice[];
  } | null>;
  /**
   * The next round's change in each measure (for a round's plan), or null when there is no later
   * round yet. Keyed by `${kind}:${key}`.
   */
  compare?(
    actor: Actor,
    subjectId: string,
    measures: { kind: string; key: string }[],
  ): Promise<{ title: string; changes: Map<string, MeasureChange> } | null>;
}

/** Accounts and units of an organisation (the accounts directory). */
export interface ImprovementDirectory {
  /** Every account of the organisation that may own an action, with its role. */
  ownersIn(organisationId: string): Promise<{ id: string; displayName: string; role: Role }[]>;
  /** The organisation's units. */
  unitsInOrganisation(
    organisationId: string,
  ): Promise<{ id: string; name: string; kind?: string }[]>;
}

/** Monthly uses of force and bed days (the force register's dashboards). */
export interface ImprovementForceFigures {
  monthly(
    actor: Actor,
    scope:
      | { level: 'unit'; organisationId: string; unitId: string }
      | { level: 'organisation'; organisationId: string },
    range: { from: string; to: string },
    audience: 'page' | 'export',
  ): Promise<{
    months: {
      period: string;
      interventions: number;
      prone: number;
      bedDays: number;
    }[];
  }>;
}

/** What the improvement service needs. */
export interface ImprovementDeps {
  db: Db;
  store: ImprovementStore;
  audit: AuditLog;
  clock: Clock;
  directory: ImprovementDirectory;
  forceFigures: ImprovementForceFigures;
  /** Subjects that live in other modules (a self-assessment round). */
  subjects: Partial<Record<'assessment_round', PlanSubject>>;
}

/**
 * The force register's learning themes for a ward: counts per theme over 12 months, never
 * words; null when the actor may not see the ward's figures (force/index.ts, optional).
 */
export interface ImprovementForceLearning {
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

/** The learning themes (optional: without them the plan page leaves the table out). */
export interface ImprovementDeps {
  forceLearning?: ImprovementForceLearning;
}
