/** What every learning capability needs. */
import type { Db } from '../../db/index.ts';
import type { AuditLog } from '../audit/index.ts';
import type { Clock } from '../../lib/clock.ts';
import type { LearningStore } from './store.ts';

/** The learning service's dependencies. */
export interface LearningDeps {
  db: Db;
  store: LearningStore;
  audit: AuditLog;
  clock: Clock;
}
