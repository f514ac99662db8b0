/**
 * Training records for the Use of Force Act: the organisation's courses, each member of staff's
 * completions, where they stand on each section 5 topic, a unit's grid, and flags on a use of
 * force. Guarantees: staff see only their own record; a manager sees only their own units'
 * grid; a completion cannot be in the future or before the person started; every change, the
 * grid and the export are audited in the same transaction.
 */
import type { Actor } from '../accounts/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { toIso } from '../../lib/clock.ts';
import { newId } from '../../lib/tokens.ts';
import type { LearningDeps } from './deps.ts';
import type { Completion, TopicStanding } from './grid.ts';
import { countByTopic, londonDay, standingsFor, uncoveredTopics } from './grid.ts';
import { mayLearning, trainedRoles } from './policy.ts';
import type { CourseInput, OwnRecordInput } from './schema.ts';
import type { LearningCoursesTable, LearningRecordsTable } from './tables.ts';
import type { TopicLetter } from './topics.ts';
import { forceTopics, isTopicLetter, topics } from './topics.ts';

/** A course as pages show it. */
export interface Course {
  id: string;
  name: string;
  provider: string;
  topics: TopicLetter[];
  refresherMonths: number;
  builtIn: boolean;
  current: boolean;
}

/** The built-in course's name, as its training records carry it. */
export const BUILT_IN_COURSE_NAME = 'Trauma-informed practice (Hearth)';

/** Turns a stored course into the shape pages use. */
export function toCourse(row: LearningCoursesTable): Course {
  return {
    id: row.id,
    name: row.name,
    provider: row.provider,
    topics: row.topics.split(',').filter(isTopicLetter),
    refresherMonths: row.refresher_months,
    builtIn: row.built_in === 1,
    current: row.retired_at === null,
  };
}

/** Completions in the grid's terms, skipping any whose course has gone. */
export function completionsOf(
  records: readonly LearningRecordsTable[],
  courses: ReadonlyMap<string, Course>,
): Completion[] {
  return records.flatMap((r) => {
    const course = courses.get(r.course_id);
    return course
      ? [
          {
            completedOn: r.completed_on,
            refresherMonths: course.refresherMonths,
            topics: course.topics,
          },
        ]
      : [];
  });
}

/** Creates the training records capability. */
export function createTrainingRecords(deps: LearningDeps) {
  const { db, store, audit, clock } = deps;

  async function coursesById(organisationId: string): Promise<Map<string, Course>> {
    const rows = await store.listCourses(db, organisationId);
    return new Map(rows.map((r) => [r.id, toCourse(r)]));
  }

  const today = () => londonDay(clock());

  return {
    /** The organisation's courses, and the topics no current course covers. */
    async courses(actor: Actor) {
      if (!mayLearning(actor, { kind: 'own-record' })) throw AppError.notFound();
      const courses = [...(await coursesById(actor.organisationId)).values()];
      return {
        courses,
        uncovered: uncoveredTopics(courses.filter((c) => c.current)),
      };
    },

    /**
     * Adds a course.
     * @throws AppError invalid when the organisation already has a course of that name
     */
    async addCourse(actor: Actor, input: CourseInput, ctx: AuditContext): Promise<{ id: string }> {
      if (!mayLearning(actor, { kind: 'administer' })) throw AppError.notFound();
      const existing = await store.listCourses(db, actor.organisationId);
      if (existing.some((c) => c.name.toLowerCase() === input.name.toLowerCase()))
        throw AppError.invalid('name', 'Your organisation already has a course with this name');
      const id = newId();
      await audit.audited(db, ctx, async (trx, record) => {
        await store.insertCourse(trx, {
          id,
          organisation_id: actor.organisationId,
          name: input.name,
          provider: input.provider,
          topics: [...new Set(input.topics)].sort().join(','),
          refresher_months: input.refresherMonths,
          built_in: 0,
          created_at: toIso(clock()),
          retired_at: null,
        });
        await record({
          organisationId: actor.organisationId,
          action: 'learning.course_add',
          recordType: 'learning_course',
          recordId: id,
        });
      });
      return { id };
    },

    /** The actor's own record: completions, and where they stand on each topic. */
    async mine(actor: Actor) {
      if (!mayLearning(actor, { kind: 'own-record' })) throw AppError.notFound();
      const courses = await coursesById(actor.organisationId);
      const records = await store.listRecords(db, actor.organisationId, [actor.id]);
      const standings = standingsFor(completionsOf(records, courses), today());
      return {
        today: today(),
        records: records.map((r) => ({
          id: r.id,
          completedOn: r.completed_on,
          evidence: r.evidence,
          course: courses.get(r.course_id) ?? null,
        })),
        topics: topics.map((t) => ({ ...t, ...standings[t.letter] })),
        courses: [...courses.values()].filter((c) => c.current && !c.builtIn),
        followed: trainedRoles.includes(actor.role),
      };
    },

    /**
     * Adds one of the actor's own completions.
     * @throws AppError invalid for an unknown course, or a day in the future or before they started
     */
    async addOwn(actor: Actor, input: OwnRecordInput, ctx: AuditContext): Promise<{ id: string }> {
      if (!mayLearning(actor, { kind: 'own-record' })) throw AppError.notFound();
      const course = (await coursesById(actor.organisationId)).get(input.courseId);
      if (!course || !course.current || course.builtIn)
        throw AppError.invalid('courseId', 'Choose a course from the list');
      if (input.completedOn > today())
        throw AppError.invalid('completedOn', 'Enter a day that has already happened');
      const details = (await store.listStaffDetails(db, actor.organisationId)).find(
        (d) => d.account_id === actor.id,
      );
      if (details?.joined_on && input.completedOn < details.joined_on)
        throw AppError.invalid(
          'completedOn',
          `Enter a day on or after you started here (${details.joined_on}). Earlier training counts once your organisation adds it`,
        );
      const id = newId();
      await audit.audited(db, ctx, async (trx, record) => {
        await store.insertRecords(trx, [
          {
            id,
            organisation_id: actor.organisationId,
            account_id: actor.id,
            course_id: course.id,
            completed_on: input.completedOn,
            evidence: input.evidence,
            source: 'own',
            created_at: toIso(clock()),
            created_by: actor.id,
          },
        ]);
        await record({
          organisationId: actor.organisationId,
          action: 'learning.record_add',
          recordType: 'learning_record',
          recordId: id,
        });
      });
      return { id };
    },

    /** The units whose grid the actor may see. */
    async unitsForGrid(actor: Actor) {
      if (!mayLearning(actor, { kind: 'see-grid' })) throw AppError.notFound();
      const units = await store.listUnits(db, actor.organisationId);
      return units.filter((u) =>
        mayLearning(actor, {
          kind: 'see-unit',
          unitOrganisationId: actor.organisationId,
          unitId: u.id,
        }),
      );
    },

    /**
     * A unit's grid: each member of staff's standing on each topic, counts per topic, and the
     * topics no current course covers. 404 for a unit the actor may not see.
     */
    async grid(actor: Actor, unitId: string, ctx: AuditContext) {
      const units = await this.unitsForGrid(actor);
      const unit = units.find((u) => u.id === unitId);
      if (!unit) throw AppError.notFound();
      const courses = await coursesById(actor.organisationId);
      const staff = await store.listUnitStaff(db, actor.organisationId, unit.id, trainedRoles);
      const records = await store.listRecords(
        db,
        actor.organisationId,
        staff.map((s) => s.id),
      );
      const day = today();
      const rows = staff.map((s) => ({
        id: s.id,
        name: s.display_name,
        standings: standingsFor(
          completionsOf(
            records.filter((r) => r.account_id === s.id),
            courses,
          ),
          day,
        ),
      }));
      await audit.audited(db, ctx, async (_trx, record) =>
        record({
          organisationId: actor.organisationId,
          action: 'learning.grid_view',
          recordType: 'unit',
          recordId: unit.id,
        }),
      );
      return {
        unit,
        units,
        today: day,
        topics,
        rows,
        counts: countByTopic(rows.map((r) => r.standings)),
        uncovered: uncoveredTopics([...courses.values()].filter((c) => c.current)),
      };
    },

    /**
     * For the use-of-force manager view: the staff named on a record (matched by the name the
     * record gives) whose training on topics (e) or (f) is overdue or missing. Empty for
     * anyone but managers and administrators, so it never reaches the staff named.
     */
    async forceFlags(
      actor: Actor,
      staffNames: readonly string[],
    ): Promise<
      { name: string; topics: { letter: TopicLetter; name: string; standing: TopicStanding }[] }[]
    > {
      if (!mayLearning(actor, { kind: 'see-force-flags' })) return [];
      const wanted = new Set(staffNames.map((n) => n.trim().toLowerCase()).filter(Boolean));
      if (wanted.size === 0) return [];
      const staff = (await store.listStaff(db, actor.organisationId, trainedRoles)).filter((s) =>
        wanted.has(s.display_name.trim().toLowerCase()),
      );
      if (staff.length === 0) return [];
      const courses = await coursesById(actor.organisationId);
      const records = await store.listRecords(
        db,
        actor.organisationId,
        staff.map((s) => s.id),
      );
      const day = today();
      return staff.flatMap((s) => {
        const standings = standingsFor(
          completionsOf(
            records.filter((r) => r.account_id === s.id),
            courses,
          ),
          day,
        );
        const late = topics
          .filter((t) => forceTopics.includes(t.letter))
          .filter((t) => ['overdue', 'never'].includes(standings[t.letter].status))
          .map((t) => ({ ...t, standing: standings[t.letter] }));
        return late.length > 0 ? [{ name: s.display_name, topics: late }] : [];
      });
    },
  };
}

/** The training records functions. */
export type TrainingRecords = ReturnType<typeof createTrainingRecords>;
