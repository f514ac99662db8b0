/**
 * The ward screen and its display tokens. A ward's manager creates a token for a tablet on the
 * ward; the token opens one page, the ward screen of that one ward, and nothing else.
 * Guarantees: only a hash of the token is kept, and the token is shown once; a revoked token
 * shows only "this screen is no longer connected"; an unknown token is 404; the screen shows
 * the expectations, today's staff "about me" and approved discharge messages (a first name
 * only if the writer chose one), and never a person's name, record, plan or id.
 */
import { AppError } from '../../lib/app-error.ts';
import type { Actor, AuditContext } from '../../lib/actor.ts';
import { toIso } from '../../lib/clock.ts';
import { hashToken, newId, newToken } from '../../lib/tokens.ts';
import { acrossOrganisations } from '../../db/tenancy.ts';
import type { WardsDeps } from './deps.ts';
import { findWard } from './find-ward.ts';
import { approvedMessages } from './discharge-messages.ts';
import { currentExpectationLines } from './expectations.ts';
import { mayWardScreen } from './policy.ts';
import { createScreenStore } from './screen-store.ts';
import { londonText } from './shifts.ts';

const store = createScreenStore();

/** How often the screen reloads itself, in seconds (a meta refresh; no script needed). */
export const SCREEN_REFRESH_SECONDS = 300;

/** Creates the display-token and ward-screen capability. */
export function createWardScreen(deps: WardsDeps) {
  const { db, audit, clock, directory } = deps;

  async function wardFor(actor: Actor, unitId: string) {
    if (!mayWardScreen(actor, { kind: 'tokens', unitId })) throw AppError.notFound();
    const ward = await findWard(directory, actor, unitId);
    if (!ward) throw AppError.notFound();
    return { id: ward.id, name: ward.name };
  }

  return {
    /** A ward's display tokens for its manager (labels and dates; never the token itself). */
    async tokens(actor: Actor, unitId: string) {
      const ward = await wardFor(actor, unitId);
      const rows = await store.wardTokens(db, actor.organisationId, ward.id);
      return {
        ward,
        tokens: rows.map((r) => ({
          id: r.id,
          label: r.label,
          createdAt: londonText(r.created_at),
          revokedAt: r.revoked_at ? londonText(r.revoked_at) : null,
        })),
      };
    },

    /** Creates a token; the caller shows it once and it cannot be read back. */
    async createToken(actor: Actor, unitId: string, label: string, ctx: AuditContext) {
      const ward = await wardFor(actor, unitId);
      const token = newToken();
      const id = newId();
      await audit.audited(db, ctx, async (trx, record) => {
        await store.insertToken(trx, {
          id,
          organisation_id: actor.organisationId,
          unit_id: ward.id,
          token_hash: hashToken(token),
          label,
          created_by: actor.id,
          created_at: toIso(clock()),
          revoked_at: null,
          revoked_by: null,
        });
        await record({
          organisationId: actor.organisationId,
          action: 'wards.display_token_create',
          recordType: 'ward_display_token',
          recordId: id,
        });
      });
      return { id, token };
    },

    /** Revokes one of the ward's tokens; the screen using it disconnects on its next reload. */
    async revokeToken(actor: Actor, unitId: string, tokenId: string, ctx: AuditContext) {
      const ward = await wardFor(actor, unitId);
      await audit.audited(db, ctx, async (trx, record) => {
        const done = await store.revokeToken(
          trx,
          actor.organisationId,
          ward.id,
          tokenId,
          actor.id,
          toIso(clock()),
        );
        if (!done) throw AppError.notFound();
        await record({
          organisationId: actor.organisationId,
          action: 'wards.display_token_revoke',
          recordType: 'ward_display_token',
          recordId: tokenId,
        });
      });
    },

    /** What the ward screen shows for a token: 404 if unknown, "disconnected" if revoked. */
    async show(token: string) {
      if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw AppError.notFound();
      // The token is the only key the screen has, so finding it must look in every organisation.
      const row = await acrossOrganisations('ward screen: find a display token by its hash', () =>
        store.tokenByHash(db, hashToken(token)),
      );
      if (!row) throw AppError.notFound();
      if (row.revoked_at) return { connected: false as const };
      const [expectations, messages, staff] = await Promise.all([
        currentExpectationLines(db, row.organisation_id, row.unit_id),
        approvedMessages(db, row.organisation_id, row.unit_id),
        deps.aboutMe
          ? deps.aboutMe.staffToday(row.organisation_id, row.unit_id)
          : Promise.resolve([]),
      ]);
      return {
        connected: true as const,
        expectations,
        messages: messages.slice(0, 6),
        staff,
        refreshSeconds: SCREEN_REFRESH_SECONDS,
      };
    },
  };
}
