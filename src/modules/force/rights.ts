/**
 * People's rights over use-of-force records. Guarantees: a person's download holds what their
 * own incident page shows them (what happened, how force was used, what was tried first, the
 * outcome, each intervention's kind and times, and every version of their own account), plus
 * their observation episodes and searches; staff names, job titles and debrief notes are left
 * out because they are about other people (the organisation considers them on a formal request).
 * Nothing here is deleted at a person's request: the law requires the record, the person's own
 * account with it, for at least three years. The sweep removes only records past both their
 * `retain_until` and the organisation's longer period, keeping the dashboards' rollups in step.
 */
import type { Db } from '../../db/index.ts';
import type { PersonRef, RetentionCutoffs, SweepResult } from '../../lib/person-data.ts';
import { removalOf } from '../../lib/person-data.ts';
import { interventionTypes, labelOf, observationLevels, searchKinds } from './codes.ts';
import type { ForceDeps } from './deps.ts';
import type { IncidentDetails } from './incident-details.ts';
import { RETENTION_YEARS } from './records.ts';
import { addIncident, emptyDeltas } from './rollups.ts';
import { createForceRightsStore } from './store/rights.ts';
import { evidenceKeysOf } from './store/evidence-month.ts';
import type { ForceReviewsTable } from './tables.ts';

/** The retention category force records offer, in plain words, and its legal minimum. */
export const forceRetentionCategories = {
  force_records: 'Use-of-force records, observation episodes and searches',
} as const;

/** The shortest period an organisation may set for use-of-force records, in months. */
export const FORCE_MINIMUM_MONTHS = RETENTION_YEARS * 12;

/** Creates the force module's part of people's rights. */
export function createForceRights(deps: ForceDeps, details: IncidentDetails) {
  const { db, store } = deps;
  const rights = createForceRightsStore();

  return {
    /** What a person may see of the records about them, in words (callers check and audit). */
    async exportForPerson(person: PersonRef, conn: Db = db) {
      const org = person.organisationId;
      const rows = await store.incidentsOfPerson(conn, org, person.personId);
      const incidents = [];
      for (const row of [...rows].reverse()) {
        const d = await details.describeForPage(row, conn);
        incidents.push({
          startedAt: row.start_at,
          endedAt: row.end_at,
          where: [d.unitName, row.place].filter(Boolean).join(', '),
          why: [d.reasonLabel, row.reason_narrative].filter(Boolean).join('. '),
          howForceWasUsed: row.how_force_used,
          whatWasTriedFirst: [d.avoidanceLabels.join('; '), row.avoidance_narrative]
            .filter(Boolean)
            .join('. '),
          outcome: row.outcome,
          harm: d.harmLabel,
          interventions: d.interventions.map((iv) => ({
            kind: labelOf(interventionTypes, iv.type_code),
            startedAt: iv.start_at,
            endedAt: iv.end_at,
            minutes: iv.duration_minutes,
          })),
          yourAccount: d.accountHistory
            .filter((a) => a.person_id === person.personId)
            .map((a) => ({
              kind: a.kind === 'reply' ? 'Your reply to what staff wrote' : 'Your account',
              status: a.status,
              words: a.body,
              writtenAt: a.created_at,
              withHelp: a.written_by_helper === 1,
            })),
          keptUntil: row.retain_until,
        });
      }
      const episodes = await rights.episodesOfPerson(conn, org, person.personId);
      return {
        incidents,
        observations: episodes.observations.map((o) => ({
          level: labelOf(observationLevels, o.level),
          startedAt: o.start_at,
          endedAt: o.end_at,
          reason: o.reason,
          keptUntil: o.retain_until,
        })),
        searches: episodes.searches.map((s) => ({
          what: labelOf(searchKinds, s.kind),
          at: s.occurred_at,
          reason: s.reason,
          found: s.finding,
          keptUntil: s.retain_until,
        })),
      };
    },

    /** How many records about the person are kept, and the latest date any must be kept to. */
    async keptForPerson(person: PersonRef, conn: Db = db) {
      const org = person.organisationId;
      const incidents = await store.incidentsOfPerson(conn, org, person.personId);
      const episodes = await rights.episodesOfPerson(conn, org, person.personId);
      const dates = [
        ...incidents.map((r) => r.retain_until),
        ...episodes.observations.map((r) => r.retain_until),
        ...episodes.searches.map((r) => r.retain_until),
      ].sort();
      return {
        records: dates.length,
        keptUntil: dates.at(-1) ?? null,
      };
    },

    /**
     * Finds (dry run) or removes records past their legal minimum and the organisation's period,
     * with their interventions, reviews, amendments and the person's accounts.
     */
    async sweepRetention(
      trx: Db,
      organisationId: string,
      cutoffs: RetentionCutoffs,
      dryRun: boolean,
    ): Promise<SweepResult[]> {
      const before = cutoffs.force_records;
      if (!before) return [];
      const now = details.now();
      const incidents = await rights.oldIncidents(trx, organisationId, now, before);
      const interventions = await store.interventionsOf(
        trx,
        organisationId,
        incidents.map((i) => i.id),
      );
      const children = {
        reviews: [] as unknown[],
        amendments: [] as unknown[],
        accounts: [] as unknown[],
      };
      for (const incident of incidents) {
        children.reviews.push(...(await store.reviewsOf(trx, organisationId, incident.id)));
        children.amendments.push(...(await store.amendmentsOf(trx, organisationId, incident.id)));
        children.accounts.push(...(await store.personAccountsOf(trx, organisationId, incident.id)));
      }
      const episodes = await rights.oldEpisodes(trx, organisationId, now, before);
      if (!dryRun) {
        const deltas = emptyDeltas();
        for (const incident of incidents) {
          addIncident(
            deltas,
            incident,
            interventions.filter((iv) => iv.incident_id === incident.id),
            -1,
          );
        }
        await store.applyDeltas(trx, deltas);
        for (const incident of incidents)
          await store.deleteIncident(trx, organisationId, incident.id);
        await store.recountEvidenceMonths(
          trx,
          organisationId,
          evidenceKeysOf(incidents, children.reviews as ForceReviewsTable[]),
        );
        for (const table of ['force_observations', 'force_searches'] as const) {
          await rights.deleteEpisodes(
            trx,
            table,
            organisationId,
            episodes[table].map((r) => r.id),
          );
        }
      }
      return [
        {
          category: 'force_records',
          ...removalOf({
            force_incidents: incidents,
            force_interventions: interventions,
            force_reviews: children.reviews,
            force_amendments: children.amendments,
            force_person_accounts: children.accounts,
            ...episodes,
          }),
        },
      ];
    },
  };
}

/** The force module's part of people's rights. */
export type ForceRights = ReturnType<typeof createForceRights>;
