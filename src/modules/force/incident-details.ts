/**
 * Reads shared by the capabilities: an incident loaded for staff (404 unless they may see it),
 * everything a page shows about an incident, the person's characteristics and plan choices.
 * Guarantees: no read here is audited on its own; the capability that shows it to someone
 * audits it in the same transaction.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../accounts/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { checkText } from '../language/index.ts';
import type { Finding } from '../language/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { toIso } from '../../lib/clock.ts';
import type { ForceDeps } from './deps.ts';
import { labelIncident } from './incident-labels.ts';
import { mayForce } from './policy.ts';
import type { CharacteristicsSnapshot } from './records.ts';
import { staffOf } from './records.ts';
import type { ForceStore } from './store.ts';
import type { ForceIncidentsTable } from './tables.ts';

/** A language suggestion on one saved field. */
export interface LanguageNote {
  field: string;
  fieldLabel: string;
  text: string;
  reason: string;
  alternatives: string[];
}

/** The record's free-text fields (what staff wrote in their own words), with their labels. */
export const FREE_TEXT_FIELDS: [keyof ForceIncidentsTable, string][] = [
  ['reason_narrative', 'Why force was used'],
  ['how_force_used', 'How force was used'],
  ['outcome', 'Outcome'],
  ['avoidance_narrative', 'What was tried first'],
  ['plan_not_followed_reason', 'Why their choices were not followed'],
];

/**
 * Language suggestions on the record's free text, with the organisation's own rules and allowed
 * terms when `check` is the language service's (the built-in lexicon otherwise).
 */
export async function languageNotes(
  incident: ForceIncidentsTable,
  check: (organisationId: string, text: string) => Promise<Finding[]> = async (_, text) =>
    checkText(text),
): Promise<LanguageNote[]> {
  const notes: LanguageNote[] = [];
  for (const [field, fieldLabel] of FREE_TEXT_FIELDS) {
    const text = incident[field];
    if (typeof text !== 'string' || !text) continue;
    for (const f of await check(incident.organisation_id, text)) {
      notes.push({
        field,
        fieldLabel,
        text: f.text,
        reason: f.reason,
        alternatives: f.alternatives,
      });
    }
  }
  return notes;
}

/**
 * Whether the person may read what staff wrote: yes when the language checker flags nothing in
 * it, or once staff have seen the suggestions and released it (see person-view.ts).
 */
export function personViewOf(incident: ForceIncidentsTable, notes: readonly LanguageNote[]) {
  const flagged = notes.length > 0;
  const released = incident.person_view_released_at !== null;
  return { flagged, released, ready: !flagged || released };
}

/** The record as the person is given it: what staff wrote is left out until it is ready. */
export function withheldFromPerson(incident: ForceIncidentsTable): ForceIncidentsTable {
  const out = { ...incident };
  for (const [field] of FREE_TEXT_FIELDS) (out as Record<string, unknown>)[field] = '';
  return out;
}

function latestAccounts(rows: Awaited<ReturnType<ForceStore['personAccountsOf']>>) {
  return {
    account: rows.find((r) => r.kind === 'account') ?? null,
    reply: rows.find((r) => r.kind === 'reply') ?? null,
    history: rows,
  };
}

/** Creates the shared reads. */
export function createIncidentDetails(deps: ForceDeps) {
  const { db, store, clock, directory } = deps;

  async function detailsOf(incident: ForceIncidentsTable, conn: Db = db) {
    const interventions = await store.interventionsOf(conn, incident.organisation_id, [
      incident.id,
    ]);
    return interventions.map((iv) => ({ ...iv, staffList: staffOf(iv) }));
  }

  const details = {
    /** The time now, as stored. */
    now: () => toIso(clock()),

    /** The person's plan choices shared with the actor's unit, if the plans module is there. */
    async planFor(actor: Actor, personId: string, ctx: AuditContext) {
      if (!deps.planChoices) return null;
      return deps.planChoices(actor, personId, ctx);
    },

    /** The person's characteristics (and mental disorder and legal status), if recorded. */
    async characteristicsOf(organisationId: string, personId: string) {
      const [row] = await store.findCharacteristics(db, organisationId, [personId]);
      return row;
    },

    /** An incident staff may see or act on, or 404. */
    async loadForStaff(
      actor: Actor,
      id: string,
      kind: 'view-incident' | 'amend' | 'review' | 'release',
    ) {
      const incident = await store.findIncident(db, actor.organisationId, id);
      if (
        !incident ||
        !mayForce(actor, {
          kind,
          organisationId: incident.organisation_id,
          unitId: incident.unit_id,
        })
      ) {
        throw AppError.notFound();
      }
      return incident;
    },

    detailsOf,

    /** Everything about an incident with its labels, for pages (callers check access first). */
    async describeForPage(incident: ForceIncidentsTable, conn: Db = db) {
      return labelIncident(await details.describe(incident, conn), details.now());
    },

    /** Everything about an incident, for pages (no access check: callers check first). */
    async describe(incident: ForceIncidentsTable, conn: Db = db) {
      const org = incident.organisation_id;
      const names = await directory.describeAccounts(
        conn,
        [
          incident.person_id,
          ...(incident.recorded_by ? [incident.recorded_by] : []),
          ...(incident.account_helper_id ? [incident.account_helper_id] : []),
          ...(incident.person_view_released_by ? [incident.person_view_released_by] : []),
        ],
        org,
      );
      const units = await directory.describeUnits(conn, [incident.unit_id], org);
      const accounts = latestAccounts(await store.personAccountsOf(conn, org, incident.id));
      const writerNames = await directory.describeAccounts(
        conn,
        accounts.history.map((a) => a.written_by),
        org,
      );
      const language = await languageNotes(incident, (o, text) =>
        deps.checkLanguage ? deps.checkLanguage(o, text, conn) : Promise.resolve(checkText(text)),
      );
      return {
        incident,
        personView: {
          ...personViewOf(incident, language),
          releasedAt: incident.person_view_released_at,
          releasedByName: incident.person_view_released_by
            ? (names.get(incident.person_view_released_by)?.displayName ?? '')
            : null,
        },
        snapshot: JSON.parse(incident.characteristics) as CharacteristicsSnapshot,
        avoidance: JSON.parse(incident.avoidance_codes) as string[],
        personName: names.get(incident.person_id)?.displayName ?? 'Unknown person',
        recordedByName: incident.recorded_by
          ? (names.get(incident.recorded_by)?.displayName ?? '')
          : 'Imported',
        helperName: incident.account_helper_id
          ? (names.get(incident.account_helper_id)?.displayName ?? null)
          : null,
        unitName: units.get(incident.unit_id)?.name ?? '',
        interventions: await detailsOf(incident, conn),
        reviews: await store.reviewsOf(conn, org, incident.id),
        amendments: await store.amendmentsOf(conn, org, incident.id),
        account: accounts.account,
        reply: accounts.reply,
        accountHistory: accounts.history.map((a) => ({
          ...a,
          writerName: writerNames.get(a.written_by)?.displayName ?? '',
        })),
        language,
        retentionEnds: incident.retain_until,
      };
    },
  };
  return details;
}

/** The shared reads. */
export type IncidentDetails = ReturnType<typeof createIncidentDetails>;
/** An incident described for a page. */
export type DescribedIncident = Awaited<ReturnType<IncidentDetails['describe']>>;
