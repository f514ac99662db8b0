/**
 * Staff sign-in with the organisation's own account (OpenID Connect, authorization code flow with
 * PKCE, state and nonce, through openid-client). Guarantees: only an organisation administrator
 * sets the provider, and its client secret is stored encrypted, bound to the organisation; a
 * provider account signs in only to an existing, active staff account of that organisation,
 * matched by a subject linked before or by an email address the provider says it has verified
 * (nobody is created or added to an organisation this way); the state, nonce and PKCE verifier
 * live server-side in a one-use step bound to the browser's cookie; providers must use https,
 * except an http provider on a loopback address when `allowLoopbackHttpIssuer` is set (tests and
 * local trials, never production). Every attempt is audited, without the email address.
 */
import * as oidc from 'openid-client';
import type { AuditContext } from '../../lib/actor.ts';
import { AppError } from '../../lib/app-error.ts';
import { toIso } from '../../lib/clock.ts';
import type { CryptoBox } from '../../lib/crypto-box.ts';
import type { AccountsDeps } from './internals.ts';
import { auditActor, startSession, toActor } from './internals.ts';
import type { Actor } from './policy.ts';
import { mayKeepSignInSettings, maySignInWithProvider } from './policy.ts';
import type { ProviderSettingsInput } from './schema-sign-in.ts';
import { createSignInStore } from './sign-in-store.ts';
import { createSteps } from './sign-in-steps.ts';
import type { OidcProvidersTable } from './tables.ts';

/** The words shown when a provider sign-in cannot go ahead; the same whatever the reason. */
export const PROVIDER_REFUSED =
  'We could not sign you in with your organisation account. If you have not used Hearth before, ask your organisation administrator to invite you first. You can also sign in with your email address and password.';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Where the provider sends people back to, under Hearth's public address. */
export const CALLBACK_PATH = '/sign-in/organisation/callback';

/** Creates the organisation sign-in capability. */
export function createOrganisationSignIn(deps: AccountsDeps) {
  const { db, store, audit, clock } = deps;
  const signInStore = createSignInStore();
  const steps = createSteps({ db, signInStore, clock });
  const configurations = new Map<string, Promise<oidc.Configuration>>();
  const callbackUrl = `${deps.publicUrl}${CALLBACK_PATH}`;

  function box(): CryptoBox {
    if (!deps.box) throw new Error('Organisation sign-in needs the encryption key (crypto-box).');
    return deps.box;
  }

  const secretContext = (organisationId: string) =>
    `oidc_providers.client_secret_enc:${organisationId}`;

  /** Checks an issuer address: https, or http on loopback when allowed. */
  function checkIssuer(issuer: string): URL {
    let url: URL;
    try {
      url = new URL(issuer);
    } catch {
      throw AppError.invalid('issuer', 'Enter the full address of the provider, starting https://');
    }
    const loopbackHttp =
      url.protocol === 'http:' &&
      deps.allowLoopbackHttpIssuer === true &&
      LOOPBACK.has(url.hostname);
    if (url.protocol !== 'https:' && !loopbackHttp) {
      throw AppError.invalid('issuer', 'The provider address must start with https://');
    }
    return url;
  }

  /** Discovers the provider's metadata once per saved setting, and reuses it. */
  function configurationFor(row: OidcProvidersTable, secret?: string): Promise<oidc.Configuration> {
    const key = `${row.organisation_id}|${row.updated_at}|${row.issuer}|${row.client_id}`;
    let found = configurations.get(key);
    if (!found) {
      const clientSecret =
        secret ?? box().decrypt(row.client_secret_enc, secretContext(row.organisation_id));
      const url = checkIssuer(row.issuer);
      // openid-client refuses http unless told; only a loopback provider outside production gets here.
      const options = url.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : {};
      found = oidc.discovery(
        url,
        row.client_id,
        undefined,
        oidc.ClientSecretPost(clientSecret),
        options,
      );
      found.catch(() => configurations.delete(key));
      configurations.set(key, found);
    }
    return found;
  }

  function mayKeepSettings(actor: Actor): void {
    if (!mayKeepSignInSettings(actor)) throw AppError.notFound();
  }

  return {
    /** The address to give the provider as the redirect (callback) URI. */
    callbackUrl,

    /** The organisation's provider settings, without the secret. */
    async viewSettings(actor: Actor) {
      mayKeepSettings(actor);
      const row = await signInStore.findProvider(db, actor.organisationId);
      return {
        issuer: row?.issuer ?? '',
        clientId: row?.client_id ?? '',
        hasSecret: row !== undefined,
        callbackUrl,
      };
    },

    /**
     * Saves the provider, after checking Hearth can read its published settings. An empty
     * secret keeps the one saved before.
     */
    async saveSettings(actor: Actor, input: ProviderSettingsInput, ctx: AuditContext) {
      mayKeepSettings(actor);
      const url = checkIssuer(input.issuer);
      const existing = await signInStore.findProvider(db, actor.organisationId);
      const secret =
        input.clientSecret ||
        (existing
          ? box().decrypt(existing.client_secret_enc, secretContext(actor.organisationId))
          : '');
      if (!secret) throw AppError.invalid('clientSecret', 'Enter the client secret');
      const row: OidcProvidersTable = {
        organisation_id: actor.organisationId,
        issuer: url.href.replace(/\/$/, ''),
        client_id: input.clientId,
        client_secret_enc: box().encrypt(secret, secretContext(actor.organisationId)),
        updated_at: toIso(clock()),
      };
      try {
        await configurationFor(row, secret);
      } catch {
        throw AppError.invalid(
          'issuer',
          'Hearth could not read the settings this provider publishes. Check the address with whoever runs your sign-in service.',
        );
      }
      await audit.audited(db, ctx, async (trx, record) => {
        await signInStore.saveProvider(trx, row);
        await record({
          organisationId: actor.organisationId,
          action: 'auth.provider_saved',
          recordType: 'organisation',
          recordId: actor.organisationId,
          detail: { issuer: row.issuer },
        });
      });
    },

    /** Stops offering sign-in with the organisation's provider. */
    async removeSettings(actor: Actor, ctx: AuditContext): Promise<void> {
      mayKeepSettings(actor);
      await audit.audited(db, ctx, async (trx, record) => {
        await signInStore.deleteProvider(trx, actor.organisationId);
        await record({
          organisationId: actor.organisationId,
          action: 'auth.provider_removed',
          recordType: 'organisation',
          recordId: actor.organisationId,
        });
      });
    },

    /** Organisations whose staff can sign in with their own account. */
    async offeredOrganisations(): Promise<{ id: string; name: string }[]> {
      return signInStore.listProviderOrganisations(db);
    },

    /**
     * Starts a sign-in at the organisation's provider.
     * @returns the step token for the browser's cookie, and the provider address to go to
     */
    async start(organisationId: string, next: string): Promise<{ stepToken: string; url: string }> {
      const row = await signInStore.findProvider(db, organisationId);
      if (!row) throw AppError.notFound();
      const configuration = await configurationFor(row);
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const codeVerifier = oidc.randomPKCECodeVerifier();
      const stepToken = await steps.start({
        kind: 'provider',
        account_id: null,
        provider_organisation_id: organisationId,
        state,
        nonce,
        code_verifier: codeVerifier,
        challenge: null,
        next,
      });
      const url = oidc.buildAuthorizationUrl(configuration, {
        redirect_uri: callbackUrl,
        scope: 'openid email',
        state,
        nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
      });
      return { stepToken, url: url.href };
    },

    /**
     * Finishes a sign-in when the provider sends the person back.
     * @param callbackPathAndQuery - the path and query the browser came back to
     * @returns the new session token and where to go next
     * @throws AppError forbidden with PROVIDER_REFUSED when it cannot go ahead
     */
    async finish(
      stepToken: string | undefined,
      callbackPathAndQuery: string,
      ctx: AuditContext,
      device: string | null,
    ): Promise<{ token: string; next: string }> {
      const step = await steps.take(stepToken, 'provider');
      const organisationId = step?.provider_organisation_id ?? null;
      const row = organisationId ? await signInStore.findProvider(db, organisationId) : undefined;
      const refuse = async (why: string): Promise<never> => {
        await audit.audited(db, ctx, (_trx, record) =>
          record({
            organisationId,
            action: 'auth.sign_in',
            outcome: 'failure',
            detail: { method: 'organisation', why },
          }),
        );
        throw AppError.forbidden(PROVIDER_REFUSED);
      };
      if (!step || !row) return refuse('no sign-in was waiting');
      let claims: oidc.IDToken | undefined;
      let profile: { email?: unknown; email_verified?: unknown } = {};
      try {
        const configuration = await configurationFor(row);
        const tokens = await oidc.authorizationCodeGrant(
          configuration,
          new URL(callbackPathAndQuery, deps.publicUrl),
          {
            pkceCodeVerifier: step.code_verifier ?? '',
            expectedState: step.state ?? '',
            expectedNonce: step.nonce ?? '',
            idTokenExpected: true,
          },
        );
        claims = tokens.claims();
        profile = (claims ?? {}) as typeof profile;
        // Many providers put the email address only in the userinfo answer, not the ID token.
        if (claims && profile.email === undefined) {
          profile = await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub);
        }
      } catch {
        return refuse('the provider response did not check out');
      }
      if (!claims) return refuse('no identity token');
      const issuer = claims.iss;
      const subject = claims.sub;
      const linkedId = await signInStore.findIdentity(db, row.organisation_id, issuer, subject);
      let account = linkedId
        ? await store.findAccountInOrganisation(db, row.organisation_id, linkedId)
        : undefined;
      if (!account && profile.email_verified === true && typeof profile.email === 'string') {
        const byEmail = await store.findAccountByEmail(db, profile.email.trim().toLowerCase());
        if (byEmail?.organisation_id === row.organisation_id) account = byEmail;
      }
      if (!account || account.status !== 'active' || !maySignInWithProvider(account.role)) {
        return refuse('no matching staff account');
      }
      const found = account;
      const actor = await toActor(deps, found);
      const token = await audit.audited(
        db,
        { actor: auditActor(actor), ip: ctx.ip },
        async (trx, record) => {
          if (!linkedId) {
            await signInStore.linkIdentity(trx, {
              organisation_id: found.organisation_id,
              account_id: found.id,
              issuer,
              subject,
              created_at: toIso(clock()),
            });
          }
          const t = await startSession(deps, trx, found, device);
          await record({
            organisationId: found.organisation_id,
            action: 'auth.sign_in',
            recordType: 'account',
            recordId: found.id,
            detail: { method: 'organisation', linked: !linkedId },
          });
          return t;
        },
      );
      return { token, next: step.next };
    },
  };
}

/** The organisation sign-in functions. */
export type OrganisationSignIn = ReturnType<typeof createOrganisationSignIn>;
