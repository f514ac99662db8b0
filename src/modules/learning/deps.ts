/** What every learning capability needs. */
import type { Db } from '../../db/index.ts';
import type { AuditLog } from '../audit/index.ts';
import type { Clock } from '../../lib/clock.ts';
import type { LearningStore } from './store.ts';
import type { CryptoBox } from '../../lib/crypto-box.ts';
import type { Actor } from '../accounts/index.ts';
import type { EvidenceFigure, EvidenceScope } from '../../lib/evidence.ts';

/** A hard event a member of staff was part of: a use of force, or hearing a disclosure. */
export interface HardEvent {
  kind: 'force' | 'disclosure';
  id: string;
  unitId: string | null;
  /** When it happened (ISO). */
  at: string;
}

/** A member of staff someone may name as their supervisor. */
export interface StaffMember {
  id: string;
  name: string;
  role: string;
}

/** The learning service's dependencies. */
export interface LearningDeps {
  db: Db;
  store: LearningStore;
  audit: AuditLog;
  clock: Clock;
  /** The same key box as disclosures, so `rotate-key` covers the journal too. */
  box: CryptoBox;
  /**
   * The hard events this member of staff was part of since a time (wired in src/app.ts to the
   * use-of-force and enquiry modules); none when absent.
   */
  hardEvents?: (actor: Actor, sinceIso: string) => Promise<HardEvent[]>;
  /**
   * A unit's figures from the other modules' evidence functions (wired in src/app.ts), shown
   * beside the course sections that name them; none when absent.
   */
  unitFigures?: (scope: EvidenceScope) => Promise<EvidenceFigure[]>;
}
