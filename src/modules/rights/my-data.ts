/**
 * A person's copy of everything Hearth holds about them. Guarantees: only the person themself
 * (never anyone else, whatever their role) gets it, and only their own; every download is
 * audited in the same transaction as the reads; each module decides what of its records the
 * person may see (see each module's rights.ts and docs/rights.md).
 */
import type { Actor } from '../../lib/actor.ts';
import type { AuditContext } from '../../lib/actor.ts';
import { AppError } from '../../lib/app-error.ts';
import { toIso } from '../../lib/clock.ts';
import { roleLabels } from '../../lib/roles.ts';
import type { RightsDeps } from './deps.ts';
import { mayRights } from './policy.ts';

/** The format a person asked for, recorded in the audit trail. */
export type CopyFormat = 'json' | 'page';

/** Creates the "your information" capability. */
export function createMyData(deps: RightsDeps) {
  const { db, audit, clock, plans, enquiry, force, whoHasSeen } = deps;

  function requirePerson(actor: Actor) {
    if (!mayRights(actor, 'ownData')) throw AppError.notFound();
    return { organisationId: actor.organisationId, personId: actor.id };
  }

  return {
    /** What the "Your information" page shows: what there is, and what would be kept. */
    async overview(actor: Actor) {
      const person = requirePerson(actor);
      const plan = await plans.exportForPerson(person);
      const mine = await enquiry.exportForPerson(person);
      return {
        hasPlan: plan !== null,
        planVersions: plan?.versions.length ?? 0,
        reflections: mine.reflections.length,
        recorded: mine.recorded.length,
        conversations: mine.conversations.length,
        kept: await force.keptForPerson(person),
      };
    },

    /** Everything Hearth holds about the person, as one document; the download is audited. */
    async copy(actor: Actor, format: CopyFormat, ctx: AuditContext) {
      const person = requirePerson(actor);
      const seenBy = await whoHasSeen.listWhoHasSeen(actor, actor.id);
      return audit.audited(db, ctx, async (trx, record) => {
        const document = {
          about: {
            name: actor.displayName,
            role: roleLabels[actor.role],
            madeAt: toIso(clock()),
            madeBy: 'Hearth',
          },
          plan: await plans.exportForPerson(person, trx),
          whatYouToldUs: await enquiry.exportForPerson(person, trx),
          useOfForce: await force.exportForPerson(person, trx),
          whoHasSeenYourInformation: seenBy.map((e) => ({
            when: e.when,
            who: e.who,
            role: e.roleLabel || null,
            unit: e.unit,
            what: e.what,
            reason: e.reason,
          })),
        };
        await record({
          organisationId: person.organisationId,
          action: 'rights.export',
          recordType: 'person',
          recordId: person.personId,
          subjectPersonId: person.personId,
          detail: { format },
        });
        return document;
      });
    },
  };
}

/** A person's copy of their information. */
export type MyDataDocument = Awaited<ReturnType<ReturnType<typeof createMyData>['copy']>>;
