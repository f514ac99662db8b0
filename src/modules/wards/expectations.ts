/**
 * Clear mutual expectations: what the ward and the people on it agreed to expect of each other.
 * Guarantees: every published version is kept with who published it and when; the highest
 * version is the current one; only the ward's staff publish (its people read them); two people
 * publishing from the same version cannot both win; every publication is audited.
 */
import { AppError } from '../../lib/app-error.ts';
import type { Actor, AuditContext } from '../../lib/actor.ts';
import { toIso } from '../../lib/clock.ts';
import { newId } from '../../lib/tokens.ts';
import { checkText } from '../language/index.ts';
import type { WardsDeps } from './deps.ts';
import { findWard } from './find-ward.ts';
import { mayWardScreen } from './policy.ts';
import { createScreenStore } from './screen-store.ts';
import { isUniqueViolation } from './store.ts';
import { londonText } from './shifts.ts';

const store = createScreenStore();

/** Creates the expectations capability. */
export function createExpectations(deps: Pick<WardsDeps, 'db' | 'audit' | 'clock' | 'directory'>) {
  const { db, audit, clock, directory } = deps;

  /** The ward, if the actor may read its expectations; 404 otherwise. */
  async function wardFor(actor: Actor, unitId: string) {
    if (!mayWardScreen(actor, { kind: 'expectationsRead', unitId })) throw AppError.notFound();
    const ward = await findWard(directory, actor, unitId);
    if (!ward) throw AppError.notFound();
    return { id: ward.id, name: ward.name };
  }

  return {
    /** The current expectations, every earlier version, and language suggestions for staff. */
    async view(actor: Actor, unitId: string) {
      const ward = await wardFor(actor, unitId);
      const versions = await store.listExpectations(db, actor.organisationId, ward.id);
      const current = versions[0] ?? null;
      const mayEdit = mayWardScreen(actor, { kind: 'expectationsEdit', unitId });
      return {
        ward,
        mayEdit,
        current: current
          ? {
              version: current.version,
              body: current.body,
              lines: current.body.split(/\r?\n/).filter((l) => l.trim() !== ''),
              publishedBy: current.published_by_name,
              publishedAt: londonText(current.published_at),
            }
          : null,
        earlier: versions.slice(1).map((v) => ({
          version: v.version,
          body: v.body,
          publishedBy: v.published_by_name,
          publishedAt: londonText(v.published_at),
        })),
        // Suggestions only help the staff writing them; nothing is changed or blocked.
        suggestions:
          mayEdit && current
            ? checkText(current.body).map((f) => ({
                text: f.text,
                reason: f.reason,
                alternatives: f.alternatives,
              }))
            : [],
      };
    },

    /** Publishes a new version; the earlier ones stay. */
    async publish(
      actor: Actor,
      unitId: string,
      input: { body: string; basedOn: number },
      ctx: AuditContext,
    ) {
      const ward = await wardFor(actor, unitId);
      if (!mayWardScreen(actor, { kind: 'expectationsEdit', unitId })) throw AppError.notFound();
      const stale = () =>
        AppError.conflict(
          'Someone else published a new version just now. Read it, then publish yours if it is still needed.',
        );
      try {
        return await audit.audited(db, ctx, async (trx, record) => {
          const current = await store.currentExpectations(trx, actor.organisationId, ward.id);
          if ((current?.version ?? 0) !== input.basedOn) throw stale();
          const id = newId();
          const version = input.basedOn + 1;
          await store.insertExpectations(trx, {
            id,
            organisation_id: actor.organisationId,
            unit_id: ward.id,
            version,
            body: input.body,
            published_by: actor.id,
            published_by_name: actor.displayName,
            published_at: toIso(clock()),
          });
          await record({
            organisationId: actor.organisationId,
            action: 'wards.expectations_publish',
            recordType: 'ward_expectations',
            recordId: id,
          });
          return { version };
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw stale();
        throw error;
      }
    },
  };
}

/** Today's expectations of a ward for the ward screen (no actor: the token already chose it). */
export async function currentExpectationLines(
  db: WardsDeps['db'],
  organisationId: string,
  unitId: string,
) {
  const current = await store.currentExpectations(db, organisationId, unitId);
  return current ? current.body.split(/\r?\n/).filter((l) => l.trim() !== '') : [];
}
