/**
 * Training records in and out as CSV, in the columns an NHS electronic staff record (ESR)
 * export uses: Employee Number or Email Address, Course, Completion Date (and, optionally,
 * Assignment Start Date and Evidence). Guarantees: only administrators import; every line is
 * checked before anything is saved and every line with a problem is named; nothing is saved
 * unless every line is right (one audited transaction); a completion already recorded is left
 * as it is, so an export can be imported again; cells a spreadsheet could run as a formula are
 * written with a leading apostrophe.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Actor } from '../accounts/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { toIso } from '../../lib/clock.ts';
import { newId } from '../../lib/tokens.ts';
import type { LearningDeps } from './deps.ts';
import { addMonths, londonDay, readDay } from './grid.ts';
import { mayLearning, trainedRoles } from './policy.ts';
import { toCourse } from './records.ts';
import type { LearningRecordsTable, LearningStaffTable } from './tables.ts';
import { staffRoles } from '../../lib/roles.ts';

/** The most lines one file may have. */
export const MAX_RECORD_LINES = 5000;

const columns = {
  employeeNumber: ['employee number', 'employee no', 'assignment number'],
  email: ['email address', 'email', 'work email', 'work email address'],
  course: ['course', 'course name', 'competence name', 'competence', 'course title'],
  completed: ['completion date', 'date completed', 'achieved date', 'completed on'],
  started: ['assignment start date', 'start date', 'hire date'],
  evidence: ['evidence', 'evidence note', 'notes'],
} as const;

type Column = keyof typeof columns;

/** The columns an export writes, in order. */
export const EXPORT_COLUMNS = [
  'Employee Number',
  'Email Address',
  'Full Name',
  'Course',
  'Provider',
  'Completion Date',
  'Due Date',
  'Evidence',
] as const;

/** A problem with one line (line 1 is the header; null for the whole file). */
export interface ImportProblem {
  line: number | null;
  text: string;
}

/** What an import did, or why it did nothing. */
export interface ImportResult {
  added: number;
  alreadyRecorded: number;
  problems: ImportProblem[];
}

function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function unsafeCell(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

/** Creates the import and export capability. */
export function createRecordTransfer(deps: LearningDeps) {
  const { db, store, audit, clock } = deps;

  return {
    /**
     * Imports completions: all or none, every bad line named.
     * @returns how many were added, or the problems (and nothing saved)
     */
    async importCsv(actor: Actor, csv: string, ctx: AuditContext): Promise<ImportResult> {
      if (!mayLearning(actor, { kind: 'administer' })) throw AppError.notFound();
      const fail = (problems: ImportProblem[]) => ({ added: 0, alreadyRecorded: 0, problems });
      let records: string[][];
      try {
        records = parse(csv.replace(/^\uFEFF/, ''), {
          skip_empty_lines: true,
          relax_column_count: true,
          trim: true,
        }) as string[][];
      } catch (error) {
        const line = (error as { lines?: number }).lines ?? null;
        return fail([{ line, text: 'this line cannot be read as CSV' }]);
      }
      const [header, ...rows] = records;
      if (!header) return fail([{ line: null, text: 'the file is empty' }]);
      if (rows.length > MAX_RECORD_LINES)
        return fail([
          { line: null, text: `the file has more than ${MAX_RECORD_LINES} lines; split it` },
        ]);
      const names = header.map((h) => h.trim().toLowerCase());
      const index = Object.fromEntries(
        (Object.keys(columns) as Column[]).map((c) => [
          c,
          names.findIndex((n) => (columns[c] as readonly string[]).includes(n)),
        ]),
      ) as Record<Column, number>;
      const headerProblems: ImportProblem[] = [];
      if (index.email < 0 && index.employeeNumber < 0)
        headerProblems.push({ line: 1, text: 'the header needs Employee Number or Email Address' });
      if (index.course < 0) headerProblems.push({ line: 1, text: 'the header needs Course' });
      if (index.completed < 0)
        headerProblems.push({ line: 1, text: 'the header needs Completion Date' });
      if (headerProblems.length > 0) return fail(headerProblems);
      if (rows.length === 0)
        return fail([{ line: null, text: 'there are no lines under the header' }]);

      const org = actor.organisationId;
      const staff = await store.listStaff(db, org, staffRoles);
      const byEmail = new Map(staff.map((s) => [s.email.toLowerCase(), s]));
      const details = await store.listStaffDetails(db, org);
      const byNumber = new Map(
        details.flatMap((d) => (d.employee_number ? [[d.employee_number, d.account_id]] : [])),
      );
      const joinedOn = new Map(details.map((d) => [d.account_id, d.joined_on]));
      const courses = (await store.listCourses(db, org)).map(toCourse);
      const courseByName = new Map(
        courses.filter((c) => c.current).map((c) => [c.name.toLowerCase(), c]),
      );
      const existing = new Set(
        (await store.listRecords(db, org)).map(
          (r) => `${r.account_id}|${r.course_id}|${r.completed_on}`,
        ),
      );
      const today = londonDay(clock());
      const problems: ImportProblem[] = [];
      const seen = new Map<string, number>();
      const toAdd: LearningRecordsTable[] = [];
      const staffDetails = new Map<string, LearningStaffTable>();
      let alreadyRecorded = 0;
      const now = toIso(clock());

      rows.forEach((cells, i) => {
        const line = i + 2;
        const cell = (c: Column) =>
          index[c] >= 0 ? unsafeCell((cells[index[c]] ?? '').trim()) : '';
        const say = (text: string) => problems.push({ line, text });
        const number = cell('employeeNumber');
        const email = cell('email').toLowerCase();
        let accountId: string | undefined;
        if (email) {
          accountId = byEmail.get(email)?.id;
          if (!accountId)
            say(`there is no member of staff with the email address "${email.slice(0, 80)}"`);
          else if (number && byNumber.has(number) && byNumber.get(number) !== accountId)
            say(`employee number ${number.slice(0, 20)} belongs to someone else`);
        } else if (number) {
          accountId = byNumber.get(number);
          if (!accountId)
            say(
              `employee number ${number.slice(0, 20)} is not known yet; add the Email Address column once`,
            );
        } else say('the line needs an employee number or an email address');

        const courseName = cell('course');
        const course = courseByName.get(courseName.toLowerCase());
        if (!courseName) say('the course is missing');
        else if (!course)
          say(
            `"${courseName.slice(0, 80)}" is not one of your organisation's courses; add it first`,
          );

        const completedText = cell('completed');
        const completed = readDay(completedText);
        if (!completedText) say('the completion date is missing');
        else if (!completed)
          say(`"${completedText.slice(0, 20)}" is not a date; write it like 14/03/2026`);
        else if (completed > today)
          say(`the completion date ${completedText} has not happened yet`);

        const startedText = cell('started');
        const started = startedText ? readDay(startedText) : null;
        if (startedText && !started)
          say(
            `the start date "${startedText.slice(0, 20)}" is not a date; write it like 14/03/2026`,
          );
        const joined = started ?? (accountId ? joinedOn.get(accountId) : null) ?? null;
        if (completed && joined && completed < joined)
          say(`the completion date ${completedText} is before this person started (${joined})`);

        if (!accountId || !course || !completed) return;
        const key = `${accountId}|${course.id}|${completed}`;
        if (seen.has(key)) {
          say(`this is the same completion as line ${seen.get(key)}`);
          return;
        }
        seen.set(key, line);
        if (number || started) {
          const known = staffDetails.get(accountId);
          staffDetails.set(accountId, {
            organisation_id: org,
            account_id: accountId,
            employee_number: number || known?.employee_number || null,
            joined_on: started ?? known?.joined_on ?? null,
          });
        }
        if (existing.has(key)) {
          alreadyRecorded += 1;
          return;
        }
        if (course.builtIn) {
          say(`"${course.name}" is recorded when someone finishes it in Hearth, not by import`);
          return;
        }
        toAdd.push({
          id: newId(),
          organisation_id: org,
          account_id: accountId,
          course_id: course.id,
          completed_on: completed,
          evidence: cell('evidence').slice(0, 500) || null,
          source: 'import',
          created_at: now,
          created_by: actor.id,
        });
      });
      // Two people given the same employee number in one file is a problem on the later line.
      const numberOwner = new Map<string, string>();
      for (const d of staffDetails.values()) {
        if (!d.employee_number) continue;
        const other = numberOwner.get(d.employee_number);
        if (other && other !== d.account_id)
          problems.push({
            line: null,
            text: `employee number ${d.employee_number} is given to two different people`,
          });
        numberOwner.set(d.employee_number, d.account_id);
      }
      if (problems.length > 0) {
        problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
        return fail(problems);
      }
      await audit.audited(db, ctx, async (trx, record) => {
        await store.insertRecords(trx, toAdd);
        for (const d of staffDetails.values()) await store.saveStaffDetails(trx, d);
        await record({
          organisationId: org,
          action: 'learning.records_import',
          recordType: 'learning_records',
          detail: { added: toAdd.length, alreadyRecorded },
        });
      });
      return { added: toAdd.length, alreadyRecorded, problems: [] };
    },

    /** Every completion the actor may see as CSV: the organisation's (admins) or their units'. */
    async exportCsv(actor: Actor, ctx: AuditContext): Promise<string> {
      if (!mayLearning(actor, { kind: 'see-grid' })) throw AppError.notFound();
      const org = actor.organisationId;
      let people = await store.listStaff(db, org, staffRoles);
      if (!mayLearning(actor, { kind: 'administer' })) {
        const mine = new Set<string>();
        for (const unitId of actor.unitIds)
          for (const s of await store.listUnitStaff(db, org, unitId, trainedRoles)) mine.add(s.id);
        people = people.filter((p) => mine.has(p.id));
      }
      const byId = new Map(people.map((p) => [p.id, p]));
      const numbers = new Map(
        (await store.listStaffDetails(db, org)).map((d) => [d.account_id, d.employee_number]),
      );
      const courses = new Map((await store.listCourses(db, org)).map((c) => [c.id, toCourse(c)]));
      const records = await store.listRecords(db, org, [...byId.keys()]);
      const rows = records.flatMap((r) => {
        const person = byId.get(r.account_id);
        const course = courses.get(r.course_id);
        if (!person || !course) return [];
        return [
          [
            numbers.get(person.id) ?? '',
            person.email,
            person.display_name,
            course.name,
            course.provider,
            r.completed_on,
            addMonths(r.completed_on, course.refresherMonths),
            r.evidence ?? '',
          ].map(safeCell),
        ];
      });
      await audit.audited(db, ctx, async (_trx, record) =>
        record({
          organisationId: org,
          action: 'learning.records_export',
          recordType: 'learning_records',
          detail: { rows: rows.length },
        }),
      );
      return stringify([[...EXPORT_COLUMNS], ...rows]);
    },
  };
}

/** The import and export functions. */
export type RecordTransfer = ReturnType<typeof createRecordTransfer>;
