/** What the force service is built from: the database, its store, the audit log and accounts. */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../accounts/index.ts';
import type { AuditContext, AuditLog } from '../audit/index.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Finding } from '../language/index.ts';
import type { ForceStore } from './store.ts';

/**
 * The person's stated choices from their plan, as the plans module shares them with the unit.
 */
export interface PlanChoicesForForce {
  planId: string;
  version: number;
  updatedAt: string;
  restraintPositionsToAvoid: string[];
  staffGenderPreference: string | null;
  medicationChoices: string | null;
  seclusionChoices: string | null;
  searchChoices: string | null;
  observationChoices: string | null;
  whatHelps: string | null;
  whatMakesWorse: string | null;
}

/** Looks up a person's plan choices shared with the actor's unit (optional dependency). */
export type PlanChoicesLookup = (
  actor: Actor,
  personId: string,
  ctx: AuditContext,
) => Promise<PlanChoicesForForce | null>;

/** What the force module needs from accounts. */
export interface ForceDirectory {
  requirePersonVisibleTo(
    actor: Actor,
    personId: string,
  ): Promise<{ id: string; display_name: string; organisation_id: string }>;
  unitIdsOfPerson(personId: string, organisationId: string): Promise<string[]>;
  unitsOf(actor: Actor): Promise<
    {
      id: string;
      name: string;
      kind: string;
      organisation_id: string;
      /** A ward's beds, from organisation set-up (a guide for bed days). */
      bed_count?: number | null;
    }[]
  >;
  peopleInMyUnits(
    actor: Actor,
  ): Promise<{ id: string; displayName: string; role: string; unitNames: string[] }[]>;
  describeAccounts(
    db: Db,
    ids: string[],
    organisationId: string,
  ): Promise<Map<string, { displayName: string }>>;
  /** Unit names within an organisation, or across all of them (null) for national figures. */
  describeUnits(
    db: Db,
    ids: string[],
    organisationId: string | null,
  ): Promise<Map<string, { name: string }>>;
  describeOrganisations?(db: Db, ids: string[]): Promise<Map<string, { name: string }>>;
  actorFor(accountId: string): Promise<Actor>;
  /** Active clinical staff of a unit with job titles (the role's words when none is set). */
  staffOfUnit(
    organisationId: string,
    unitId: string,
  ): Promise<{ id: string; displayName: string; jobTitle: string }[]>;
}

/** What the service needs. */
export interface ForceDeps {
  db: Db;
  store: ForceStore;
  audit: AuditLog;
  clock: Clock;
  directory: ForceDirectory;
  planChoices?: PlanChoicesLookup;
  /** The language service's check with the organisation's own rules (built-in lexicon if absent). */
  checkLanguage?: (organisationId: string, text: string, conn?: Db) => Promise<Finding[]>;
}
