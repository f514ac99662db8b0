/**
 * Adding staff from a staff list in the shape of an NHS electronic staff record (ESR) export.
 * Guarantees: only the organisation's administrator; every line is checked before anything is
 * made, and every line with a problem is named; nothing is made unless every line is right
 * (all or none, in one audited transaction through accounts); a preview comes first.
 * Columns (header names, any case): Employee Number; Full Name, or First Name and Last Name;
 * Email Address; Position Title (or Job Title); Organisation (the ward or team, by its Hearth
 * unit name); optionally Hearth Role, which overrides the role read from the position title;
 * optionally Job Title, kept as the account's job title (shown on records of force).
 */
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { Actor, Role, StaffToInvite } from '../accounts/index.ts';
import { roleLabels } from '../accounts/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { AppError } from '../../lib/app-error.ts';
import type { OrganisationDeps } from './deps.ts';
import { mayOrganisation, needsUnit, positionRoleMapping, roleColumnWords } from './policy.ts';

/** The most lines one staff list may have. */
export const MAX_STAFF_LINES = 2000;

const columns = {
  employeeNumber: ['employee number', 'employee no', 'assignment number'],
  fullName: ['full name', 'name', 'employee name'],
  firstName: ['first name', 'forename', 'first names'],
  lastName: ['last name', 'surname', 'family name'],
  email: ['email address', 'email', 'work email', 'work email address'],
  position: ['position title', 'job title', 'position', 'job role'],
  unit: ['organisation', 'organisation name', 'unit', 'ward', 'team', 'department'],
  role: ['hearth role'],
  jobTitle: ['job title'],
} as const;

type Column = keyof typeof columns;

/** One line of the staff list, read. */
export interface StaffLine {
  line: number;
  employeeNumber: string;
  displayName: string;
  email: string;
  position: string;
  unitName: string;
  role: Role | null;
  roleLabel: string;
  unitId: string | null;
  /** From the Job Title column, when the list has one. */
  jobTitle: string | null;
}

/** What a staff list gives: the lines read, and every problem by line. */
export interface StaffListCheck {
  lines: StaffLine[];
  problems: { line: number | null; text: string }[];
}

const emailCheck = z.email();

/** Reads the role from a Hearth Role column, or else from the position title's words. */
export function roleFor(position: string, roleColumn: string): Role | null {
  if (roleColumn.trim() !== '') return roleColumnWords[roleColumn.trim().toLowerCase()] ?? null;
  const title = position.toLowerCase();
  return positionRoleMapping.find((m) => m.words.some((w) => title.includes(w)))?.role ?? null;
}

/** Creates the staff list capability. */
export function createStaffImport(deps: OrganisationDeps) {
  const { db, store, staffInviter } = deps;

  async function read(actor: Actor, csv: string): Promise<StaffListCheck> {
    if (!mayOrganisation(actor, { kind: 'set-up' })) throw AppError.notFound();
    let records: string[][];
    try {
      records = parse(csv.replace(/^\uFEFF/, ''), {
        skip_empty_lines: true,
        relax_column_count: true,
        trim: true,
      }) as string[][];
    } catch (error) {
      const line = (error as { lines?: number }).lines ?? null;
      return { lines: [], problems: [{ line, text: 'this line cannot be read as CSV' }] };
    }
    const [header, ...rows] = records;
    if (!header) return { lines: [], problems: [{ line: null, text: 'the file is empty' }] };
    if (rows.length > MAX_STAFF_LINES)
      return {
        lines: [],
        problems: [
          { line: null, text: `the list has more than ${MAX_STAFF_LINES} lines; split it` },
        ],
      };
    const names = header.map((h) => h.trim().toLowerCase());
    const at = (c: Column) => names.findIndex((n) => (columns[c] as readonly string[]).includes(n));
    const index = Object.fromEntries(
      (Object.keys(columns) as Column[]).map((c) => [c, at(c)]),
    ) as Record<Column, number>;
    const problems: StaffListCheck['problems'] = [];
    const hasName = index.fullName >= 0 || (index.firstName >= 0 && index.lastName >= 0);
    if (!hasName)
      problems.push({ line: 1, text: 'the header needs Full Name, or First Name and Last Name' });
    if (index.email < 0) problems.push({ line: 1, text: 'the header needs Email Address' });
    if (index.position < 0 && index.role < 0)
      problems.push({ line: 1, text: 'the header needs Position Title (or Hearth Role)' });
    if (problems.length > 0) return { lines: [], problems };

    const units = (await store.listUnits(db, actor.organisationId)).filter((u) => !u.closed_at);
    const unitByName = new Map(units.map((u) => [u.name.trim().toLowerCase(), u.id]));
    const seen = new Map<string, number>();
    const lines: StaffLine[] = rows.map((cells, i) => {
      const line = i + 2;
      const cell = (c: Column) => (index[c] >= 0 ? (cells[index[c]] ?? '').trim() : '');
      const displayName =
        cell('fullName') || [cell('firstName'), cell('lastName')].filter(Boolean).join(' ');
      const email = cell('email').toLowerCase();
      const role = roleFor(cell('position'), cell('role'));
      const unitName = cell('unit');
      const unitId = unitName ? (unitByName.get(unitName.toLowerCase()) ?? null) : null;
      const say = (text: string) => problems.push({ line, text });
      const jobTitle = cell('jobTitle') || null;
      if (jobTitle && jobTitle.length > 150) say('the job title is longer than 150 characters');
      if (!displayName) say('the name is missing');
      else if (displayName.length > 200) say('the name is longer than 200 characters');
      if (!email) say('the email address is missing');
      else if (email.length > 254 || !emailCheck.safeParse(email).success)
        say(`"${email.slice(0, 60)}" is not an email address`);
      else if (seen.has(email)) say(`the email address is also on line ${seen.get(email)}`);
      else seen.set(email, line);
      if (role === null)
        say(
          cell('role')
            ? `"${cell('role').slice(0, 60)}" is not a Hearth role`
            : `the role cannot be told from the position title "${cell('position').slice(0, 60)}"; add a Hearth Role column`,
        );
      if (unitName && unitId === null)
        say(`there is no open unit called "${unitName.slice(0, 60)}"`);
      else if (!unitName && role !== null && needsUnit(role))
        say('practitioners and unit managers need a unit in the Organisation column');
      return {
        line,
        employeeNumber: cell('employeeNumber'),
        displayName,
        email,
        position: cell('position'),
        jobTitle,
        unitName,
        role,
        roleLabel: role ? roleLabels[role] : '',
        unitId,
      };
    });
    if (lines.length === 0)
      problems.push({ line: null, text: 'there are no staff under the header' });
    if (problems.length === 0) {
      for (const p of await staffInviter.check(actor, toInvite(lines)))
        problems.push({ line: p.index + 2, text: p.text });
    }
    problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    return { lines, problems };
  }

  const toInvite = (lines: readonly StaffLine[]): StaffToInvite[] =>
    lines.flatMap((l) =>
      l.role
        ? [
            {
              email: l.email,
              displayName: l.displayName,
              role: l.role,
              unitId: l.unitId,
              jobTitle: l.jobTitle,
            },
          ]
        : [],
    );

  return {
    /** Reads and checks a staff list without making anything: the preview. */
    preview: read,

    /**
     * Invites everyone on the list, or nobody when any line has a problem.
     * @returns the lines with their one-time links, or the problems
     */
    async commit(actor: Actor, csv: string, ctx: AuditContext) {
      const checked = await read(actor, csv);
      if (checked.problems.length > 0) return { ...checked, links: [] as string[] };
      const { problems, links } = await staffInviter.inviteAll(actor, toInvite(checked.lines), ctx);
      return {
        lines: checked.lines,
        problems: problems.map((p) => ({ line: p.index + 2, text: p.text })),
        links,
      };
    },
  };
}

/** The staff list functions. */
export type StaffImport = ReturnType<typeof createStaffImport>;
