/**
 * Learning with the person after a use of force, and the calm-down figures wards read.
 * Guarantees: only the review's readers (staff of the incident's unit and the organisation's
 * administrators) read or write the learning, anyone else gets 404; the person's words are
 * written once, by the staff member they chose or a peer worker, and never changed by staff
 * afterwards (a second writing is a conflict); themes come from a fixed list; every write is
 * audited, all or nothing. Figures are counts only, with 1 to 4 shown as "fewer than 5". The
 * person reads their own words back (never the themes, nor anyone else's words: 404), and that
 * read is audited with it.
 */
import type { Actor } from '../accounts/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { AppError } from '../../lib/app-error.ts';
import type { FieldErrors } from '../../lib/app-error.ts';
import { toIso } from '../../lib/clock.ts';
import { labelOf } from './codes.ts';
import type { ForceDeps } from './deps.ts';
import type { IncidentDetails } from './incident-details.ts';
import {
  LEARNING_WORDS_MAX,
  isCodeIn,
  learningRecorderRoles,
  learningRecorderRolesForPerson,
  learningThemes,
} from './learning-codes.ts';
import { mayForce } from './policy.ts';
import { SUPPRESSED_TEXT, isSuppressed, showCount } from './stats.ts';
import { periodOf } from './time.ts';

/** What the learning form sends: the person's words (once) and the themes staff tag. */
export interface LearningInput {
  words: string;
  recorderRole: string;
  themes: string[];
}

/** The month `n` months after `month` (YYYY-MM). */
function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/** A share as words, or why it is not shown. */
function shareOf(count: number, of: number): string {
  if (of === 0) return 'No answers';
  if (isSuppressed(of)) return `${SUPPRESSED_TEXT} answers, too few to show a share`;
  if (isSuppressed(count)) return `${SUPPRESSED_TEXT} of ${of}`;
  return `${count} of ${of} (${Math.round((100 * count) / of)}%)`;
}

/** Creates the learning capability. */
export function createLearning(deps: ForceDeps, details: IncidentDetails) {
  const { db, store, audit, clock } = deps;

  const mayFigures = (actor: Actor, unitId: string) =>
    mayForce(actor, {
      kind: 'dashboard',
      scope: { level: 'unit', organisationId: actor.organisationId, unitId },
    });

  return {
    /** The learning kept for an incident, for the review's readers (404 for anyone else). */
    async view(actor: Actor, incidentId: string) {
      const incident = await details.loadForStaff(actor, incidentId, 'review');
      const row = await store.findLearning(db, incident.organisation_id, incident.id);
      const themes = await store.themesOf(db, incident.organisation_id, incident.id);
      return {
        incidentId: incident.id,
        words: row?.words ?? null,
        wordsByName: row?.words_by_name ?? null,
        wordsByRole: row?.words_by_role ? labelOf(learningRecorderRoles, row.words_by_role) : null,
        wordsAt: row?.words_at ?? null,
        themes,
        themeLabels: themes.map((t) => labelOf(learningThemes, t)),
      };
    },

    /**
     * The person's own words from the learning after one of their own uses of force, with who
     * wrote them down and when; null when none were written (nothing to audit). The staff's
     * themes are left out. 404 for anyone but the person the record is about.
     */
    async ownWords(actor: Actor, incidentId: string, ctx: AuditContext) {
      const incident = await store.findIncident(db, actor.organisationId, incidentId);
      if (
        !incident ||
        !mayForce(actor, {
          kind: 'view-own',
          organisationId: incident.organisation_id,
          personId: incident.person_id,
        })
      )
        throw AppError.notFound();
      return audit.audited(db, ctx, async (trx, record) => {
        const row = await store.findLearning(trx, incident.organisation_id, incident.id);
        if (!row?.words) return null;
        await record({
          organisationId: incident.organisation_id,
          action: 'force.learning.view-own',
          recordType: 'force_incident',
          recordId: incident.id,
          subjectPersonId: incident.person_id,
        });
        return {
          words: row.words,
          byName: row.words_by_name ?? '',
          byRole: row.words_by_role
            ? labelOf(learningRecorderRolesForPerson, row.words_by_role)
            : '',
          at: row.words_at,
        };
      });
    },

    /**
     * Keeps the person's words (only when none are kept yet) and replaces the tagged themes.
     * Nothing is saved when any part is wrong.
     */
    async save(actor: Actor, incidentId: string, input: LearningInput, ctx: AuditContext) {
      const incident = await details.loadForStaff(actor, incidentId, 'review');
      const errors: FieldErrors = {};
      const words = input.words.trim();
      if (words.length > LEARNING_WORDS_MAX)
        errors.words = `Write ${LEARNING_WORDS_MAX} characters or fewer. You have written ${words.length}.`;
      if (words && !isCodeIn(learningRecorderRoles, input.recorderRole))
        errors.recorderRole = 'Say who wrote down their words: someone they chose or a peer worker';
      if (input.themes.some((t) => !isCodeIn(learningThemes, t)))
        errors.themes = 'Choose themes from the list';
      if (Object.keys(errors).length) throw AppError.invalidFields(errors);
      const themes = [...new Set(input.themes)];
      const at = toIso(clock());
      const org = incident.organisation_id;
      await audit.audited(db, ctx, async (trx, record) => {
        const kept = await store.findLearning(trx, org, incident.id);
        if (!kept)
          await store.insertLearning(trx, {
            incident_id: incident.id,
            organisation_id: org,
            unit_id: incident.unit_id,
            period: incident.period,
            words: null,
            words_by: null,
            words_by_name: null,
            words_by_role: null,
            words_at: null,
            themes_by: null,
            themes_at: null,
          });
        if (words) {
          const written = await store.setLearningWords(trx, org, incident.id, {
            words,
            words_by: actor.id,
            words_by_name: actor.displayName,
            words_by_role: input.recorderRole,
            words_at: at,
          });
          if (!written)
            throw AppError.conflict(
              'Their words were already written down, so they have not been changed. Nothing was saved.',
            );
        }
        await store.replaceThemes(trx, org, incident, themes);
        await store.setLearningThemes(trx, org, incident.id, {
          themes_by: actor.id,
          themes_at: at,
        });
        await record({
          organisationId: org,
          action: 'force.learning.save',
          recordType: 'force_incident',
          recordId: incident.id,
          subjectPersonId: incident.person_id,
          detail: { words: Boolean(words), themes: themes.join(',') },
        });
      });
    },

    /**
     * Counts of each theme tagged on a ward's uses of force over the last 12 months (null when
     * the actor may not see the ward's figures). Counts only; 1 to 4 shown as "fewer than 5".
     */
    async themeFigures(actor: Actor, unitId: string) {
      if (!mayFigures(actor, unitId)) return null;
      const to = periodOf(toIso(clock()));
      const from = shiftMonth(to, -11);
      const counts = new Map(
        (await store.themeCounts(db, actor.organisationId, unitId, from, to)).map((c) => [
          c.theme,
          c.reviews,
        ]),
      );
      return {
        from,
        to,
        themes: learningThemes.map((t) => ({
          code: t.code,
          label: t.label,
          count: showCount(counts.get(t.code) ?? 0),
        })),
        anyTagged: counts.size > 0,
      };
    },

    /**
     * Per month from `from` to `to` (YYYY-MM): the ward's recorded uses of force and the share
     * where calm-down was offered first and where others were reassured (null when the actor
     * may not see the ward's figures). Skipped answers are left out of each share.
     */
    async calmDownMonths(actor: Actor, unitId: string, from: string, to: string) {
      if (!mayFigures(actor, unitId)) return null;
      const rows = await store.calmDownMonths(db, actor.organisationId, unitId, from, to);
      return rows.map((r) => ({
        period: r.period,
        incidents: showCount(r.incidents),
        offered: shareOf(r.offered, r.answered),
        reassured: shareOf(r.reassured, r.reassuredAnswered),
      }));
    },
  };
}

/** The learning capability. */
export type ForceLearning = ReturnType<typeof createLearning>;
