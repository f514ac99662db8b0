/**
 * SQL for courses, training records, course progress and certificates. Every statement names
 * the organisation. Staff and unit lists come from the accounts module's index.ts, so this
 * store names only the learning tables.
 */
import type { Db } from '../../db/index.ts';
import type {
  LearningCertificatesTable,
  LearningCoursesTable,
  LearningProgressTable,
  LearningRecordsTable,
  LearningStaffTable,
} from './tables.ts';
import type { StaffListRow } from '../accounts/index.ts';
import { listActiveStaff, listActiveUnitStaff, listOpenUnits } from '../accounts/index.ts';
import { createReflectStore } from './store/reflect.ts';
import { createWordingStore } from './store/wording.ts';

/** A member of staff as the learning pages need them. */
export type StaffRow = StaffListRow;

/** Creates the learning store. */
export function createLearningStore() {
  return {
    ...createReflectStore(),
    ...createWordingStore(),
    /** The organisation's courses, current ones first, by name. */
    async listCourses(db: Db, organisationId: string): Promise<LearningCoursesTable[]> {
      return db
        .selectFrom('learning_courses')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .orderBy('name')
        .execute();
    },
    /** Adds a course. */
    async insertCourse(db: Db, row: LearningCoursesTable): Promise<void> {
      await db.insertInto('learning_courses').values(row).execute();
    },
    /** Completions, for everyone in the organisation or for the named staff only. */
    async listRecords(
      db: Db,
      organisationId: string,
      accountIds?: readonly string[],
    ): Promise<LearningRecordsTable[]> {
      let query = db
        .selectFrom('learning_records')
        .selectAll()
        .where('organisation_id', '=', organisationId);
      if (accountIds) {
        if (accountIds.length === 0) return [];
        query = query.where('account_id', 'in', accountIds);
      }
      return query.orderBy('completed_on', 'desc').orderBy('id').execute();
    },
    /** Adds completions. */
    async insertRecords(db: Db, rows: readonly LearningRecordsTable[]): Promise<void> {
      for (const row of rows) await db.insertInto('learning_records').values(row).execute();
    },
    /** Active staff of the organisation in the given roles (through the accounts module). */
    listStaff: listActiveStaff,
    /** Active staff of one unit in the given roles (through the accounts module). */
    listUnitStaff: listActiveUnitStaff,
    /** The organisation's open units (through the accounts module). */
    listUnits: listOpenUnits,
    /** What staff record imports told us about the organisation's staff. */
    async listStaffDetails(db: Db, organisationId: string): Promise<LearningStaffTable[]> {
      return db
        .selectFrom('learning_staff')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .execute();
    },
    /** Records a member of staff's employee number and start day (either may be null). */
    async saveStaffDetails(db: Db, row: LearningStaffTable): Promise<void> {
      const found = await db
        .selectFrom('learning_staff')
        .select('account_id')
        .where('organisation_id', '=', row.organisation_id)
        .where('account_id', '=', row.account_id)
        .executeTakeFirst();
      if (!found) {
        await db.insertInto('learning_staff').values(row).execute();
        return;
      }
      const change: Partial<LearningStaffTable> = {};
      if (row.employee_number) change.employee_number = row.employee_number;
      if (row.joined_on) change.joined_on = row.joined_on;
      if (Object.keys(change).length === 0) return;
      await db
        .updateTable('learning_staff')
        .set(change)
        .where('organisation_id', '=', row.organisation_id)
        .where('account_id', '=', row.account_id)
        .execute();
    },
    /** A learner's saved sections of the built-in course. */
    async listProgress(
      db: Db,
      organisationId: string,
      accountId: string,
    ): Promise<LearningProgressTable[]> {
      return db
        .selectFrom('learning_progress')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('account_id', '=', accountId)
        .execute();
    },
    /** Saves a learner's latest attempt at a section, replacing the one before. */
    async saveProgress(db: Db, row: LearningProgressTable): Promise<void> {
      await db
        .deleteFrom('learning_progress')
        .where('organisation_id', '=', row.organisation_id)
        .where('account_id', '=', row.account_id)
        .where('section_id', '=', row.section_id)
        .execute();
      await db.insertInto('learning_progress').values(row).execute();
    },
    /** A learner's certificates, newest first. */
    async listCertificates(
      db: Db,
      organisationId: string,
      accountId: string,
    ): Promise<LearningCertificatesTable[]> {
      return db
        .selectFrom('learning_certificates')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('account_id', '=', accountId)
        .orderBy('created_at', 'desc')
        .execute();
    },
    /** Adds a certificate. */
    async insertCertificate(db: Db, row: LearningCertificatesTable): Promise<void> {
      await db.insertInto('learning_certificates').values(row).execute();
    },
  };
}

/** The learning store's functions. */
export type LearningStore = ReturnType<typeof createLearningStore>;
