/**
 * What every enquiry capability shares: the dependencies, the key check every operation waits
 * for, sealing and opening encrypted values, loading an enquiry the caller may act on, saving
 * with a version check, the audit event for an enquiry, and the choices for sharing a disclosure.
 */
import type { Db } from '../../db/index.ts';
import type { Actor, AccountsPeople } from '../accounts/index.ts';
import type { AuditEventInput, AuditLog } from '../audit/index.ts';
import { AppError, isAppError } from '../../lib/app-error.ts';
import type { Clock } from '../../lib/clock.ts';
import { toIso } from '../../lib/clock.ts';
import { newId } from '../../lib/tokens.ts';
import type { CryptoBox } from '../../lib/crypto-box.ts';
import { checkText } from '../language/index.ts';
import type { Finding } from '../language/index.ts';
import { enquiryQuestions } from './content.ts';
import type { AnswerValue } from './content.ts';
import { createKeyCheck } from './key-check.ts';
import type { DisclosureFacts, EnquiryFacts } from './policy.ts';
import { mayEnquiry, mayReceiveShare } from './policy.ts';
import type { EnquiryStore } from './store.ts';
import type { EnquiriesTable, EnquiryDisclosuresTable, EnquiryStage } from './tables.ts';

/** What the enquiry service needs. */
export interface EnquiryDeps {
  db: Db;
  store: EnquiryStore;
  audit: AuditLog;
  clock: Clock;
  accounts: AccountsPeople;
  box: CryptoBox;
  /** Shown in the key error, so the operator knows where the embedded key lives. */
  keyHint: string;
  /** The language service's check with the organisation's own rules (built-in lexicon if absent). */
  checkLanguage?: (organisationId: string, text: string, conn?: Db) => Promise<Finding[]>;
  /**
   * Other modules' columns encrypted with the same key, so `rotate-key` re-encrypts them too.
   * Each table needs `id` and `organisation_id` columns, and values sealed with the context
   * `<table>.<column>:<id>`.
   */
  moreEncryptedColumns?: readonly { table: string; column: string }[];
}

/** One stored answer. */
export interface StoredAnswer {
  /** Missing for a draft: words typed before pausing, with no answer chosen yet. */
  answer?: AnswerValue;
  words?: string;
}

/** Draft answers, keyed by question id. */
export type Answers = Record<string, StoredAnswer>;

/** A change to an enquiry row. */
export type EnquiryPatch = Parameters<EnquiryStore['updateEnquiry']>[4];

/** The page each stage lives on. */
export function stagePath(enquiryId: string, stage: EnquiryStage): string {
  return stage === 'done' ? `/enquiry/${enquiryId}` : `/enquiry/${enquiryId}/${stage}`;
}

/** A language suggestion as a page shows it. */
export type Suggestion = Pick<Finding, 'text' | 'reason' | 'alternatives' | 'category'>;

/** Whether any answer says yes (something was disclosed). */
export function hasDisclosure(answers: Answers): boolean {
  return Object.values(answers).some((a) => a.answer === 'yes');
}

/** Where a question sits in the list, or -1. */
export function questionIndex(id: string): number {
  return enquiryQuestions.findIndex((q) => q.id === id);
}

/** The audit event for a change to (or a read of) an enquiry record about a person. */
export function enquiryEvent(
  e: { organisation_id: string; person_id: string; id: string },
  action: string,
  detail?: Record<string, string | number | boolean | null>,
  recordType = 'enquiry',
): AuditEventInput {
  return {
    organisationId: e.organisation_id,
    action,
    recordType,
    recordId: e.id,
    subjectPersonId: e.person_id,
    detail,
  };
}

function factsOf(e: EnquiriesTable): EnquiryFacts {
  return {
    organisationId: e.organisation_id,
    personId: e.person_id,
    practitionerId: e.practitioner_id,
    mode: e.mode,
    stage: e.stage,
    state: e.state,
  };
}

const londonDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Creates the shared helpers every capability is built on. */
export function createEnquiryContext(deps: EnquiryDeps) {
  const { db, store, accounts, box, clock } = deps;
  const ready = createKeyCheck(deps);
  const now = () => toIso(clock());

  const ctx = {
    ...deps,
    /** Waits for the key check (run once per process). */
    ready,
    /** Today's date in the UK, as YYYY-MM-DD. */
    today: () => londonDay.format(clock()),
    now,

    /** Encrypts a value, bound to the row and column it is stored in. */
    seal(value: unknown, table: string, column: string, id: string): string {
      return box.encrypt(JSON.stringify(value), `${table}.${column}:${id}`);
    },
    /** Decrypts a value sealed by `seal`. */
    open<T>(stored: string | null, table: string, column: string, id: string): T | null {
      if (stored === null) return null;
      return JSON.parse(box.decrypt(stored, `${table}.${column}:${id}`)) as T;
    },

    /**
     * Language suggestions on saved words, with the organisation's own rules and allowed terms.
     * Pass the transaction as `conn` when inside one.
     */
    async suggestionsFor(
      organisationId: string,
      text: string | undefined,
      conn: Db = db,
    ): Promise<Suggestion[]> {
      if (!text) return [];
      const findings = deps.checkLanguage
        ? await deps.checkLanguage(organisationId, text, conn)
        : checkText(text);
      return findings.map((f) => ({
        text: f.text,
        reason: f.reason,
        alternatives: f.alternatives,
        category: f.category,
      }));
    },

    /** Whether the person is in the actor's care (or is the actor). */
    async personVisible(actor: Actor, personId: string): Promise<boolean> {
      if (actor.id === personId) return true;
      try {
        await accounts.requirePersonVisibleTo(actor, personId);
        return true;
      } catch (error) {
        if (isAppError(error) && error.kind === 'not_found') return false;
        throw error;
      }
    },

    /** An account's display name, within the organisation. */
    async nameOf(organisationId: string, id: string): Promise<string> {
      return (await accounts.describeAccounts(db, [id], organisationId)).get(id)?.displayName ?? '';
    },

    /** Loads an enquiry the actor may lead or answer; anything else is 404. */
    async loadEnquiry(actor: Actor, id: string, kind: 'lead' | 'answer'): Promise<EnquiriesTable> {
      await ready();
      const e = await store.findEnquiry(db, actor.organisationId, id);
      if (!e) throw AppError.notFound();
      const visible = await ctx.personVisible(actor, e.person_id);
      if (!mayEnquiry(actor, { kind, enquiry: factsOf(e), personVisible: visible })) {
        throw AppError.notFound();
      }
      return e;
    },

    /** An enquiry's draft answers. */
    answersOf(e: EnquiriesTable): Answers {
      return ctx.open<Answers>(e.answers_enc, 'enquiries', 'answers_enc', e.id) ?? {};
    },

    /** Saves a change only if the version still matches. */
    async save(trx: Db, e: EnquiriesTable, version: number, patch: EnquiryPatch): Promise<void> {
      if (
        version !== e.version ||
        !(await store.updateEnquiry(trx, e.organisation_id, e.id, version, patch))
      ) {
        throw AppError.conflict(
          'This conversation was changed on another screen while this page was open. Nothing you entered has been lost: check the latest answers below and save again.',
        );
      }
    },

    /** The facts about a disclosure the policy needs. */
    async disclosureFacts(d: EnquiryDisclosuresTable): Promise<DisclosureFacts> {
      const shares = await store.listShares(db, d.organisation_id, d.id);
      return {
        organisationId: d.organisation_id,
        personId: d.person_id,
        practitionerId: d.practitioner_id,
        status: d.status,
        shares: shares.map((s) => ({ unitId: s.unit_id, accountId: s.account_id })),
      };
    },

    /** Units and staff a person may share a disclosure with: their care units and the staff in them. */
    async shareOptionsFor(organisationId: string, personId: string, excludeId: string) {
      const unitIds = await accounts.unitIdsOfPerson(personId, organisationId);
      const units = await accounts.describeUnits(db, unitIds, organisationId);
      const personActor = await accounts.actorFor(personId).catch(() => null);
      const staff = personActor
        ? (await accounts.peopleInMyUnits(personActor)).filter(
            (p) => mayReceiveShare(p) && p.id !== excludeId && p.status === 'active',
          )
        : [];
      return [
        ...unitIds.map((id) => ({
          value: `unit:${id}`,
          text: `Everyone in the care team at ${units.get(id)?.name ?? 'your unit'}`,
        })),
        ...staff.map((p) => ({
          value: `account:${p.id}`,
          text: `${p.displayName} (${p.roleLabel})`,
        })),
      ];
    },

    /** Turns the chosen share options into rows, refusing anything not offered. */
    parseShares(
      chosen: string[],
      options: { value: string }[],
      organisationId: string,
      disclosureId: string,
    ) {
      const allowed = new Set(options.map((o) => o.value));
      const rows = [];
      for (const value of new Set(chosen)) {
        if (!allowed.has(value)) {
          throw AppError.invalid('share', 'Choose from the people and teams listed');
        }
        const [kind, id] = value.split(':') as ['unit' | 'account', string];
        rows.push({
          id: newId(),
          organisation_id: organisationId,
          disclosure_id: disclosureId,
          unit_id: kind === 'unit' ? id : null,
          account_id: kind === 'account' ? id : null,
          created_at: now(),
        });
      }
      return rows;
    },
  };
  return ctx;
}

/** The shared helpers every capability is built on. */
export type EnquiryContext = ReturnType<typeof createEnquiryContext>;
