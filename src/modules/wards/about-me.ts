/**
 * "About me" (Safewards: know each other). Staff write a few lines about themselves, shown to
 * people on their wards; people on a ward may write one too, shown only to the ward's staff and
 * only while they choose to share it (removing it withdraws it at once). Guarantees: only the
 * author changes their own; a person's note never reaches another person; the ward screen
 * function gives staff names and notes only; every change is audited, all or nothing.
 */
import { AppError } from '../../lib/app-error.ts';
import type { Actor, AuditContext } from '../../lib/actor.ts';
import { toIso } from '../../lib/clock.ts';
import { checkText } from '../language/index.ts';
import type { WardsDeps } from './deps.ts';
import { aboutMeAuthor } from './policy.ts';

/** Creates the "about me" capability. */
export function createAboutMe(deps: WardsDeps) {
  const { db, store, audit, clock, directory } = deps;

  function authorOf(actor: Actor) {
    const author = aboutMeAuthor(actor);
    if (!author) throw AppError.notFound();
    return author;
  }

  const wardsOf = async (actor: Actor) =>
    (await directory.unitsOf(actor)).filter(
      (u) => u.kind === 'ward' && actor.unitIds.includes(u.id),
    );

  return {
    /** The actor's own "about me", their wards, and the language checker's suggestions on it. */
    async form(actor: Actor) {
      const author = authorOf(actor);
      const rows = await store.listAboutMeOf(db, actor.organisationId, actor.id);
      const about = rows[0]?.about ?? null;
      return {
        author,
        about,
        wards: (await wardsOf(actor)).map((w) => w.name),
        suggestions: about
          ? checkText(about).map((f) => ({
              text: f.text,
              reason: f.reason,
              alternatives: f.alternatives.slice(0, 3),
            }))
          : [],
      };
    },

    /** Saves the actor's "about me" for each ward they are on (a person's is shared by saving). */
    async save(actor: Actor, about: string, ctx: AuditContext) {
      const author = authorOf(actor);
      const wards = await wardsOf(actor);
      if (!wards.length)
        throw AppError.invalid(
          'about',
          'You are not on a ward yet, so there is nobody to show this to. You can write it once you are.',
        );
      const now = toIso(clock());
      await audit.audited(db, ctx, async (trx, record) => {
        await store.replaceAboutMe(
          trx,
          actor.organisationId,
          actor.id,
          wards.map((w) => ({
            organisation_id: actor.organisationId,
            account_id: actor.id,
            unit_id: w.id,
            author,
            display_name: actor.displayName,
            about,
            updated_at: now,
          })),
        );
        await record({
          organisationId: actor.organisationId,
          action: 'wards.about_me',
          recordType: 'account',
          recordId: actor.id,
        });
      });
    },

    /** Removes the actor's "about me" everywhere (for a person, this stops sharing it). */
    async remove(actor: Actor, ctx: AuditContext) {
      authorOf(actor);
      await audit.audited(db, ctx, async (trx, record) => {
        await store.replaceAboutMe(trx, actor.organisationId, actor.id, []);
        await record({
          organisationId: actor.organisationId,
          action: 'wards.about_me_remove',
          recordType: 'account',
          recordId: actor.id,
        });
      });
    },

    /**
     * The home page panel: for a person, the staff of their wards; for staff, the people on
     * their wards who chose to share. Null when there is nothing to show.
     */
    async panel(actor: Actor) {
      const author = aboutMeAuthor(actor);
      if (!author) return null;
      const wardIds = (await wardsOf(actor)).map((w) => w.id);
      if (!wardIds.length) return null;
      const rows = await store.listAboutMeOnWard(
        db,
        actor.organisationId,
        wardIds,
        author === 'person' ? 'staff' : 'person',
      );
      // Someone on two of the actor's wards is shown once.
      const seen = new Set<string>();
      const notes = rows
        .filter(
          (r) => r.account_id !== actor.id && !seen.has(r.account_id) && seen.add(r.account_id),
        )
        .map((r) => ({ name: r.display_name, about: r.about }));
      return { readerIsPerson: author === 'person', notes };
    },

    /**
     * Staff "about me" notes for one ward (the ward screen): display name and text only. The
     * caller must already have checked that the screen belongs to this ward.
     */
    async forWard(organisationId: string, unitId: string) {
      const rows = await store.listAboutMeOnWard(db, organisationId, [unitId], 'staff');
      return rows.map((r) => ({ displayName: r.display_name, about: r.about }));
    },
  };
}
