/**
 * Taking the built-in course: each learner's answers, section by section, and the certificate.
 * Guarantees: a learner sees and changes only their own progress; answers naming a question or
 * option that does not exist are refused and nothing is saved; a section is passed with 80% of
 * its questions right; passing every section gives, once, a certificate and a training record
 * for the built-in course (topics a, b, c, e, g, h), in the same audited transaction.
 */
import type { Actor } from '../accounts/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { toIso } from '../../lib/clock.ts';
import { newId } from '../../lib/tokens.ts';
import type { Db } from '../../db/index.ts';
import type { CourseSection } from './content.ts';
import { loadCourse } from './content.ts';
import { htmlFor } from './content-blocks.ts';
import type { LearningDeps } from './deps.ts';
import { londonDay } from './grid.ts';
import { mayLearning } from './policy.ts';
import { BUILT_IN_COURSE_NAME } from './records.ts';
import { createUnitFigures } from './unit-figures.ts';

/** The share of a section's questions a learner gets right to pass it. */
export const PASS_MARK = 0.8;

/** The section 5 topics the built-in course covers. */
export const BUILT_IN_TOPICS = 'a,b,c,e,g,h';

/** How long the built-in course counts before a refresher (three years). */
export const BUILT_IN_REFRESHER_MONTHS = 36;

/** One learner's standing on one section. */
export interface SectionProgress {
  id: string;
  title: string;
  minutes: number;
  state: 'not-started' | 'passed' | 'not-yet';
  correct: number;
  total: number;
}

function passes(correct: number, total: number): boolean {
  return total > 0 && correct / total >= PASS_MARK;
}

/** Creates the course-taking capability. */
export function createCourseProgress(deps: LearningDeps) {
  const { db, store, audit, clock } = deps;
  // Read now, so a broken course file stops the server from starting.
  const course = loadCourse();
  const unitFigures = createUnitFigures(deps);

  function sectionOf(sectionId: string): CourseSection {
    const section = course.sections.find((s) => s.id === sectionId);
    if (!section) throw AppError.notFound();
    return section;
  }

  async function builtInCourseId(trx: Db, organisationId: string): Promise<string> {
    const found = (await store.listCourses(trx, organisationId)).find((c) => c.built_in === 1);
    if (found) return found.id;
    const id = newId();
    await store.insertCourse(trx, {
      id,
      organisation_id: organisationId,
      name: BUILT_IN_COURSE_NAME,
      provider: 'Hearth',
      topics: BUILT_IN_TOPICS,
      refresher_months: BUILT_IN_REFRESHER_MONTHS,
      built_in: 1,
      created_at: toIso(clock()),
      retired_at: null,
    });
    return id;
  }

  async function progressOf(actor: Actor): Promise<SectionProgress[]> {
    const saved = new Map(
      (await store.listProgress(db, actor.organisationId, actor.id)).map((p) => [p.section_id, p]),
    );
    return course.sections.map((s) => {
      const p = saved.get(s.id);
      return {
        id: s.id,
        title: s.title,
        minutes: s.minutes,
        state: !p ? 'not-started' : p.passed === 1 ? 'passed' : 'not-yet',
        correct: p?.correct ?? 0,
        total: p?.total ?? s.questions.length,
      };
    });
  }

  return {
    /** The contents page: each section's state, where to carry on, and any certificate. */
    async overview(actor: Actor) {
      if (!mayLearning(actor, { kind: 'own-record' })) throw AppError.notFound();
      const sections = await progressOf(actor);
      const certificates = await store.listCertificates(db, actor.organisationId, actor.id);
      return {
        sections,
        minutes: course.minutes,
        passed: sections.filter((s) => s.state === 'passed').length,
        next: sections.find((s) => s.state !== 'passed') ?? null,
        certificate: certificates[0] ?? null,
      };
    },

    /** One section, with the learner's saved answers (and so the explanations) if any. */
    async section(actor: Actor, sectionId: string) {
      if (!mayLearning(actor, { kind: 'own-record' })) throw AppError.notFound();
      const section = sectionOf(sectionId);
      const saved = (await store.listProgress(db, actor.organisationId, actor.id)).find(
        (p) => p.section_id === section.id,
      );
      const index = course.sections.indexOf(section);
      // The organisation's accepted wording (issue 13 item 5), else the file's.
      const overrides = await store.listTextOverrides(db, actor.organisationId, section.id);
      return {
        unitFigures: await unitFigures.forSection(actor, section.figures),
        section:
          overrides.length === 0
            ? section
            : {
                ...section,
                html: htmlFor(
                  section.markdown,
                  new Map(overrides.map((o) => [o.block_id, o.text])),
                ),
              },
        maySuggest: mayLearning(actor, { kind: 'suggest' }),
        number: index + 1,
        of: course.sections.length,
        next: course.sections[index + 1] ?? null,
        answers: saved ? (JSON.parse(saved.answers) as Record<string, number>) : null,
        result: saved
          ? { correct: saved.correct, total: saved.total, passed: saved.passed === 1 }
          : null,
      };
    },

    /**
     * Marks a learner's answers to one section and saves them; finishing every section with
     * the pass mark gives the certificate and the training record.
     * @param answers - question id → the chosen option's number (from 0); skipped ones left out
     * @throws AppError invalid for a question or option the section does not have
     */
    async answer(
      actor: Actor,
      sectionId: string,
      answers: Record<string, string>,
      ctx: AuditContext,
    ) {
      if (!mayLearning(actor, { kind: 'own-record' })) throw AppError.notFound();
      const section = sectionOf(sectionId);
      const chosen: Record<string, number> = {};
      for (const [key, value] of Object.entries(answers)) {
        const question = section.questions.find((q) => q.id === key);
        if (!question)
          throw AppError.invalid(
            'answers',
            'One of the answers is for a question this section does not have. Open the section again and answer it afresh',
          );
        const n = Number(value);
        if (!Number.isInteger(n) || n < 0 || n >= question.options.length)
          throw AppError.invalid(key, 'Choose one of the answers shown');
        chosen[key] = n;
      }
      const correct = section.questions.filter((q) => q.options[chosen[q.id] ?? -1]?.right).length;
      const total = section.questions.length;
      const passed = passes(correct, total);
      const now = toIso(clock());
      const finished = await audit.audited(db, ctx, async (trx, record) => {
        await store.saveProgress(trx, {
          organisation_id: actor.organisationId,
          account_id: actor.id,
          section_id: section.id,
          answers: JSON.stringify(chosen),
          correct,
          total,
          passed: passed ? 1 : 0,
          updated_at: now,
        });
        await record({
          organisationId: actor.organisationId,
          action: 'learning.section_answer',
          recordType: 'learning_section',
          recordId: section.id,
          detail: { correct, total },
        });
        const progress = await store.listProgress(trx, actor.organisationId, actor.id);
        const allPassed = course.sections.every((s) =>
          progress.some((p) => p.section_id === s.id && p.passed === 1),
        );
        if (!allPassed) return false;
        const had = await store.listCertificates(trx, actor.organisationId, actor.id);
        if (had.length > 0) return false;
        const courseId = await builtInCourseId(trx, actor.organisationId);
        const recordId = newId();
        const day = londonDay(clock());
        await store.insertRecords(trx, [
          {
            id: recordId,
            organisation_id: actor.organisationId,
            account_id: actor.id,
            course_id: courseId,
            completed_on: day,
            evidence: 'Finished in Hearth with at least 80% right in every section',
            source: 'course',
            created_at: now,
            created_by: actor.id,
          },
        ]);
        const certificateId = newId();
        await store.insertCertificate(trx, {
          id: certificateId,
          organisation_id: actor.organisationId,
          account_id: actor.id,
          completed_on: day,
          minutes: course.minutes,
          record_id: recordId,
          created_at: now,
        });
        await record({
          organisationId: actor.organisationId,
          action: 'learning.course_complete',
          recordType: 'learning_certificate',
          recordId: certificateId,
        });
        return true;
      });
      return { correct, total, passed, finished };
    },

    /** The learner's certificate, or null until they have one. */
    async certificate(actor: Actor) {
      if (!mayLearning(actor, { kind: 'own-record' })) throw AppError.notFound();
      const [latest] = await store.listCertificates(db, actor.organisationId, actor.id);
      if (!latest) return null;
      return {
        name: actor.displayName,
        completedOn: latest.completed_on,
        hours: Math.round((latest.minutes / 60) * 2) / 2,
        sections: course.sections.map((s) => s.title),
      };
    },
  };
}

/** The course-taking functions. */
export type CourseProgress = ReturnType<typeof createCourseProgress>;
