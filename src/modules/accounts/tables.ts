/** Table shapes for organisations, units, accounts, sessions and invitations. */
import type { Role } from '../../lib/roles.ts';

/** An NHS trust or other provider: the tenant boundary. */
export interface OrganisationsTable {
  id: string;
  name: string;
  created_at: string;
}

/** A ward or community team inside an organisation. */
export interface UnitsTable {
  id: string;
  organisation_id: string;
  name: string;
  kind: 'ward' | 'team';
  created_at: string;
  /** Beds on a ward (null for a community team, or not given): a guide for bed days. */
  bed_count: number | null;
  /** When an administrator closed the unit; closed units leave pickers but keep their history. */
  closed_at: string | null;
}

/** A person who signs in: staff or someone who uses services. */
export interface AccountsTable {
  id: string;
  organisation_id: string;
  email: string;
  display_name: string;
  role: Role;
  password_hash: string | null;
  status: 'active' | 'disabled';
  created_at: string;
  disabled_at: string | null;
  /** What they do, in their organisation's words ("Staff nurse, band 6"); null when not given. */
  job_title?: string | null;
}

/** Staff working in a unit, or a person whose care sits with a unit. */
export interface UnitMembershipsTable {
  organisation_id: string;
  unit_id: string;
  account_id: string;
}

/** The people a practitioner works with. */
export interface CaseloadsTable {
  organisation_id: string;
  practitioner_id: string;
  person_id: string;
}

/** A one-time link to join; only the SHA-256 of its token is stored. */
export interface InvitationsTable {
  id: string;
  organisation_id: string;
  email: string;
  display_name: string;
  role: Role;
  unit_id: string | null;
  /** Null when created from the command line to set up an organisation. */
  invited_by: string | null;
  token_hash: string;
  expires_at: string;
  used_at: string | null;
  created_at: string;
  /** From a staff list's Job Title column; becomes the account's job title. */
  job_title?: string | null;
}

/** A server-side session; the id is the SHA-256 of the cookie token. */
export interface SessionsTable {
  id: string;
  account_id: string;
  organisation_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  /** The browser and system a session was started on, in a few words ("Chrome on Windows"). */
  device?: string | null;
}

/** Failed sign-in counts per account and per address, for rate limiting across servers. */
export interface SignInThrottleTable {
  key: string;
  window_started_at: string;
  failures: number;
}

/** The accounts module's tables. */
export interface AccountsTables {
  organisations: OrganisationsTable;
  units: UnitsTable;
  accounts: AccountsTable;
  unit_memberships: UnitMembershipsTable;
  caseloads: CaseloadsTable;
  invitations: InvitationsTable;
  sessions: SessionsTable;
  sign_in_throttle: SignInThrottleTable;
  oidc_providers: OidcProvidersTable;
  account_identities: AccountIdentitiesTable;
  sign_in_steps: SignInStepsTable;
  totp_secrets: TotpSecretsTable;
  passkeys: PasskeysTable;
  recovery_codes: RecoveryCodesTable;
}

/** An organisation's OpenID Connect provider; the client secret is encrypted (crypto-box). */
export interface OidcProvidersTable {
  organisation_id: string;
  issuer: string;
  client_id: string;
  client_secret_enc: string;
  updated_at: string;
}

/** A provider's account (issuer and subject) linked to a Hearth account. */
export interface AccountIdentitiesTable {
  issuer: string;
  subject: string;
  organisation_id: string;
  account_id: string;
  created_at: string;
}

/** A sign-in part-way through; the id is the SHA-256 of a token in the browser's cookie. */
export interface SignInStepsTable {
  id: string;
  /**
   * 'provider' (waiting for the provider), 'second' (password done), 'passkey' (signing in with a
   * passkey, no account yet), 'passkey-add' (a signed-in person adding a passkey).
   */
  kind: 'provider' | 'second' | 'passkey' | 'passkey-add';
  account_id: string | null;
  provider_organisation_id: string | null;
  state: string | null;
  nonce: string | null;
  code_verifier: string | null;
  /** The WebAuthn challenge offered, when a passkey may be used. */
  challenge: string | null;
  next: string;
  attempts: number;
  expires_at: string;
}

/** An authenticator-app secret (encrypted); confirmed once a first code has matched. */
export interface TotpSecretsTable {
  account_id: string;
  organisation_id: string;
  secret_enc: string;
  confirmed_at: string | null;
  /** The last 30-second step a code was accepted for, so a code works only once. */
  last_step: number;
  created_at: string;
}

/** A passkey (WebAuthn credential); the id is the credential id in base64url. */
export interface PasskeysTable {
  id: string;
  organisation_id: string;
  account_id: string;
  public_key: string;
  counter: number;
  /** JSON array of transports the authenticator named. */
  transports: string;
  created_at: string;
  last_used_at: string | null;
  /** The name the person gave it ("Work laptop"), to tell passkeys apart. */
  name: string;
  /** 1 when the passkey provider backs it up or syncs it to other devices, else 0. */
  backed_up: number;
}

/** A one-time recovery code; only its SHA-256 is kept. */
export interface RecoveryCodesTable {
  organisation_id: string;
  account_id: string;
  code_hash: string;
  used_at: string | null;
}
