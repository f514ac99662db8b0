/** What the assessment capabilities share, and small helpers about rounds. */
import type { Db } from '../../db/index.ts';
import type { AuditLog } from '../audit/index.ts';
import type { Actor } from '../accounts/index.ts';
import type { Clock } from '../../lib/clock.ts';
import type { EvidenceFigure, EvidenceScope, PeopleInScope } from '../../lib/evidence.ts';
import type { AssessmentStore } from './store.ts';
import type { AssessmentRoundsTable } from './tables.ts';

/** A unit as the assessment shows it. */
export interface UnitName {
  id: string;
  name: string;
}

/** What the assessment service needs. */
export interface AssessmentDeps {
  db: Db;
  store: AssessmentStore;
  audit: AuditLog;
  clock: Clock;
  /** The units an actor may choose (all of the organisation's for an administrator). */
  unitsOf(actor: Actor): Promise<UnitName[]>;
  /** Every unit of an organisation, for naming a round's unit. */
  unitsInOrganisation(organisationId: string): Promise<UnitName[]>;
  /** Evidence from other modules' records (absent: the evidence panels show no figures). */
  evidence?: EvidenceSources;
}

/** Where evidence figures come from: each module's evidence function, wired in src/app.ts. */
export interface EvidenceSources {
  /** The people who use the service in the scope (from accounts). */
  peopleInScope(scope: EvidenceScope): Promise<PeopleInScope>;
  /** One function per module; each returns that module's figures. */
  sources: ((scope: EvidenceScope, people: PeopleInScope) => Promise<EvidenceFigure[]>)[];
}

const londonDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day (YYYY-MM-DD) in the UK at an instant. */
export function dayOf(date: Date): string {
  return londonDay.format(date);
}

/** True when a round takes no more answers: closed early, or past its closing day. */
export function isClosed(round: AssessmentRoundsTable, today: string): boolean {
  return round.closed_at !== null || today > round.closes_on;
}
