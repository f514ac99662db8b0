/**
 * Observation episodes and searches: two kinds of episode recorded the same way. Guarantees:
 * only staff of the unit record one, about a person they can see, never in the future; each is
 * kept for the retention period and audited with the change.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../accounts/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { AppError } from '../../lib/app-error.ts';
import type { FieldErrors } from '../../lib/app-error.ts';
import { newId } from '../../lib/tokens.ts';
import { labelOf, observationLevels, searchKinds } from './codes.ts';
import type { ForceDeps } from './deps.ts';
import type { IncidentDetails } from './incident-details.ts';
import { isServiceUserRole, mayForce } from './policy.ts';
import { RETENTION_YEARS } from './records.ts';
import type { ForceStore } from './store.ts';
import { addYears, periodOf } from './time.ts';

/** An observation episode, as recorded. */
export interface ObservationInput {
  personId: string;
  unitId: string;
  level: string;
  startAt: string;
  endAt: string | null;
  reason: string;
}

/** A search of a person, their room or belongings, as recorded. */
export interface SearchInput {
  personId: string;
  unitId: string;
  kind: string;
  consent: string;
  reason: string;
  finding: string;
  forceUsed: boolean;
  occurredAt: string;
}

/** The kinds of episode and what each is recorded from. */
export interface EpisodeInputs {
  observation: ObservationInput;
  search: SearchInput;
}
/** A kind of episode. */
export type EpisodeKind = keyof EpisodeInputs;

/** What differs between the kinds: the checks of their own fields, and the row they store. */
interface EpisodeKindRules<I> {
  problems(input: I, latest: number): FieldErrors;
  save(store: ForceStore, trx: Db, input: I, base: EpisodeBase): Promise<void>;
}

interface EpisodeBase {
  id: string;
  organisation_id: string;
  unit_id: string;
  person_id: string;
  recorded_by: string;
  recorded_at: string;
  retain_until: string;
}

// Written as "not after" so a time that cannot be read is left to the form's own checks.
const notLater = (at: string, latest: number) => !(new Date(at).getTime() > latest);

const KINDS: { [K in EpisodeKind]: EpisodeKindRules<EpisodeInputs[K]> } = {
  observation: {
    problems(input, latest) {
      const problems: FieldErrors = {};
      if (!notLater(input.startAt, latest)) problems.startAt = 'The start cannot be in the future';
      if (input.endAt && input.endAt < input.startAt)
        problems.endAt = 'The end must be after the start';
      return problems;
    },
    save: (store, trx, input, base) =>
      store.insertObservation(trx, {
        ...base,
        level: input.level,
        start_at: input.startAt,
        end_at: input.endAt,
        reason: input.reason,
        period: periodOf(input.startAt),
      }),
  },
  search: {
    problems(input, latest) {
      const problems: FieldErrors = {};
      if (!notLater(input.occurredAt, latest))
        problems.occurredAt = 'The time cannot be in the future';
      return problems;
    },
    save: (store, trx, input, base) =>
      store.insertSearch(trx, {
        ...base,
        kind: input.kind,
        consent: input.consent,
        reason: input.reason,
        finding: input.finding || null,
        force_used: input.forceUsed ? 1 : 0,
        occurred_at: input.occurredAt,
        period: periodOf(input.occurredAt),
      }),
  },
};

/** Creates the episodes capability. */
export function createEpisodes(deps: ForceDeps, details: IncidentDetails) {
  const { db, store, audit, clock, directory } = deps;

  return {
    /** The people and units the recording forms offer. */
    async formChoices(actor: Actor) {
      const people = (await directory.peopleInMyUnits(actor)).filter((p) =>
        isServiceUserRole(p.role),
      );
      const units = (await directory.unitsOf(actor)).filter((u) =>
        mayForce(actor, { kind: 'record', organisationId: u.organisation_id, unitId: u.id }),
      );
      return { people, units };
    },

    /** Records an observation episode or a search, with its audit event. */
    async record<K extends EpisodeKind>(
      actor: Actor,
      kind: K,
      input: EpisodeInputs[K],
      ctx: AuditContext,
    ): Promise<string> {
      const rules = KINDS[kind] as EpisodeKindRules<EpisodeInputs[K]>;
      if (
        !mayForce(actor, {
          kind: 'record',
          organisationId: actor.organisationId,
          unitId: input.unitId,
        })
      )
        throw AppError.invalid('unitId', 'Choose one of your units');
      await directory.requirePersonVisibleTo(actor, input.personId);
      // Five minutes' grace for a clock a little ahead of the server's.
      const problems = rules.problems(input, clock().getTime() + 5 * 60_000);
      if (Object.keys(problems).length) throw AppError.invalidFields(problems);
      const id = newId();
      const at = details.now();
      await audit.audited(db, ctx, async (trx, record) => {
        await rules.save(store, trx, input, {
          id,
          organisation_id: actor.organisationId,
          unit_id: input.unitId,
          person_id: input.personId,
          recorded_by: actor.id,
          recorded_at: at,
          retain_until: addYears(at, RETENTION_YEARS),
        });
        await record({
          organisationId: actor.organisationId,
          action: `force.${kind}.record`,
          recordType: `force_${kind}`,
          recordId: id,
          subjectPersonId: input.personId,
        });
      });
      return id;
    },

    /** Recent observation episodes and searches in the actor's units, with labels. */
    async recent(actor: Actor) {
      const unitIds = actor.unitIds;
      const observations = await store.listObservations(db, actor.organisationId, unitIds, 20);
      const searches = await store.listSearches(db, actor.organisationId, unitIds, 20);
      const names = await directory.describeAccounts(
        db,
        [...observations, ...searches].map((r) => r.person_id),
        actor.organisationId,
      );
      const name = (id: string) => names.get(id)?.displayName ?? 'Unknown person';
      return {
        observations: observations.map((o) => ({
          ...o,
          personName: name(o.person_id),
          levelLabel: labelOf(observationLevels, o.level),
        })),
        searches: searches.map((s) => ({
          ...s,
          personName: name(s.person_id),
          kindLabel: labelOf(searchKinds, s.kind),
        })),
      };
    },
  };
}
