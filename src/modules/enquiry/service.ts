/**
 * Asking about trauma: the rules. Guarantees: every read and write goes through `mayEnquiry`
 * and answers 404 for anything the caller may not see; every change, and every read of what a
 * person said by anyone other than that person, writes an audit event (with the person as its
 * subject) in the same transaction; everything a person said or a practitioner wrote about it is
 * encrypted before it reaches the database; two people saving the same conversation cannot
 * overwrite each other (version numbers); the configured key must match the database's key
 * check before any of this runs; rates are counts only, never content.
 */
import type { Db } from '../../db/index.ts';
import type { Actor, AccountsPeople } from '../accounts/index.ts';
import type { AuditContext, AuditLog } from '../audit/index.ts';
import { AppError, isAppError } from '../../lib/app-error.ts';
import type { Clock } from '../../lib/clock.ts';
import { toIso } from '../../lib/clock.ts';
import { newId } from '../../lib/tokens.ts';
import type { CryptoBox } from '../../lib/crypto-box.ts';
import { DecryptError } from '../../lib/crypto-box.ts';
import { checkText } from '../language/index.ts';
import type { Finding } from '../language/index.ts';
import {
  enquiryAreas,
  enquiryQuestions,
  notAskedReasons,
  outcomeLabels,
  referralStatusLabels,
  safetyAnswersNeedingAction,
  safetyQuestions,
  serviceKindLabels,
} from './content.ts';
import type { AnswerValue, EnquiryQuestion } from './content.ts';
import type { DisclosureFacts, EnquiryFacts } from './policy.ts';
import { mayEnquiry } from './policy.ts';
import { countRates, displayCount, displayCounts, rateColumns } from './rates.ts';
import type { RateEnquiry, RateReferral } from './rates.ts';
import type {
  AnswerInput,
  CloseInput,
  ConsentInput,
  NotAskedInput,
  PrepareInput,
  RecordInput,
  ReferralInput,
  ReflectionInput,
  RespondInput,
  ServiceInput,
  StopInput,
} from './schema.ts';
import type { EnquiryStore } from './store.ts';
import { encryptedColumns } from './store.ts';
import type {
  EnquiriesTable,
  EnquiryDisclosuresTable,
  EnquiryReferralsTable,
  EnquiryServicesTable,
  EnquiryStage,
} from './tables.ts';

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
}

/** One stored answer. */
export interface StoredAnswer {
  answer: AnswerValue;
  words?: string;
}

/** Draft answers, keyed by question id. */
export type Answers = Record<string, StoredAnswer>;

const lastQuestion = enquiryQuestions[enquiryQuestions.length - 1] as EnquiryQuestion;

/** The text every key check encrypts. */
const KEY_CHECK_TEXT = 'hearth-encryption-key-check';
const KEY_CHECK_ID = 'main';

/** The message shown when the configured key is not the database's key. */
export function keyMismatchMessage(keyHint: string): string {
  return (
    'The encryption key does not match the one this database was set up with, so recorded ' +
    'disclosures could not be read. Hearth has not started, and nothing has been changed. ' +
    `Set HEARTH_ENCRYPTION_KEY to the original key (${keyHint}). If you are part-way through ` +
    'a key rotation, list the previous key in HEARTH_ENCRYPTION_KEYS_OLD. See docs/enquiry.md.'
  );
}

/** The page each stage lives on. */
export function stagePath(enquiryId: string, stage: EnquiryStage): string {
  return stage === 'done' ? `/enquiry/${enquiryId}` : `/enquiry/${enquiryId}/${stage}`;
}

const londonDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Language findings for display, trimmed to what a page needs. */
function suggestionsFor(
  text: string | undefined,
): Pick<Finding, 'text' | 'reason' | 'alternatives' | 'category'>[] {
  if (!text) return [];
  return checkText(text).map((f) => ({
    text: f.text,
    reason: f.reason,
    alternatives: f.alternatives,
    category: f.category,
  }));
}

/** Creates the enquiry service. */
export function createEnquiryService(deps: EnquiryDeps) {
  const { db, store, audit, clock, accounts, box } = deps;
  let keyChecked: Promise<void> | null = null;

  const today = () => londonDay.format(clock());
  const now = () => toIso(clock());

  function seal(value: unknown, table: string, column: string, id: string): string {
    return box.encrypt(JSON.stringify(value), `${table}.${column}:${id}`);
  }
  function open<T>(stored: string | null, table: string, column: string, id: string): T | null {
    if (stored === null) return null;
    return JSON.parse(box.decrypt(stored, `${table}.${column}:${id}`)) as T;
  }

  async function checkKey(): Promise<void> {
    const context = `encryption_key_checks.value:${KEY_CHECK_ID}`;
    let row = await store.readKeyCheck(db, KEY_CHECK_ID);
    if (!row) {
      await store.insertKeyCheck(db, {
        id: KEY_CHECK_ID,
        key_id: box.currentKeyId,
        value: box.encrypt(KEY_CHECK_TEXT, context),
        created_at: now(),
      });
      row = await store.readKeyCheck(db, KEY_CHECK_ID);
    }
    try {
      if (!row || box.decrypt(row.value, context) !== KEY_CHECK_TEXT) throw new DecryptError('');
    } catch (error) {
      if (error instanceof DecryptError) throw new Error(keyMismatchMessage(deps.keyHint));
      throw error;
    }
  }

  /** Runs the key check once per process; every operation waits for it. */
  function ready(): Promise<void> {
    keyChecked ??= checkKey().catch((error: unknown) => {
      keyChecked = null;
      throw error;
    });
    return keyChecked;
  }

  async function personVisible(actor: Actor, personId: string): Promise<boolean> {
    if (actor.id === personId) return true;
    try {
      await accounts.requirePersonVisibleTo(actor, personId);
      return true;
    } catch (error) {
      if (isAppError(error) && error.kind === 'not_found') return false;
      throw error;
    }
  }

  async function nameOf(id: string): Promise<string> {
    return (await accounts.describeAccounts(db, [id])).get(id)?.displayName ?? '';
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

  async function loadEnquiry(
    actor: Actor,
    id: string,
    kind: 'lead' | 'answer',
  ): Promise<EnquiriesTable> {
    await ready();
    const e = await store.findEnquiry(db, actor.organisationId, id);
    if (!e) throw AppError.notFound();
    const visible = await personVisible(actor, e.person_id);
    if (!mayEnquiry(actor, { kind, enquiry: factsOf(e), personVisible: visible })) {
      throw AppError.notFound();
    }
    return e;
  }

  function answersOf(e: EnquiriesTable): Answers {
    return open<Answers>(e.answers_enc, 'enquiries', 'answers_enc', e.id) ?? {};
  }

  function hasDisclosure(answers: Answers): boolean {
    return Object.values(answers).some((a) => a.answer === 'yes');
  }

  /** Saves a change only if the version still matches. */
  async function save(
    trx: Db,
    e: EnquiriesTable,
    version: number,
    patch: Parameters<EnquiryStore['updateEnquiry']>[3],
  ): Promise<void> {
    if (version !== e.version || !(await store.updateEnquiry(trx, e.id, version, patch))) {
      throw AppError.conflict(
        'This conversation was changed on another screen while this page was open. Nothing you entered has been lost: check the latest answers below and save again.',
      );
    }
  }

  function record(
    trx: Db,
    ctx: AuditContext,
    e: { organisation_id: string; person_id: string; id: string },
    action: string,
    detail?: Record<string, string | number | boolean | null>,
    recordType = 'enquiry',
  ) {
    return audit.record(trx, ctx, {
      organisationId: e.organisation_id,
      action,
      recordType,
      recordId: e.id,
      subjectPersonId: e.person_id,
      detail,
    });
  }

  /** Reads an enquiry's draft answers, auditing the read when it is not the person's own. */
  async function readAnswersAudited(
    trx: Db,
    actor: Actor,
    e: EnquiriesTable,
    ctx: AuditContext,
  ): Promise<Answers> {
    const answers = answersOf(e);
    if (actor.id !== e.person_id && Object.keys(answers).length > 0) {
      await record(trx, ctx, e, 'enquiry.view_answers');
    }
    return answers;
  }

  async function disclosureFacts(d: EnquiryDisclosuresTable): Promise<DisclosureFacts> {
    const shares = await store.listShares(db, d.id);
    return {
      organisationId: d.organisation_id,
      personId: d.person_id,
      practitionerId: d.practitioner_id,
      status: d.status,
      shares: shares.map((s) => ({ unitId: s.unit_id, accountId: s.account_id })),
    };
  }

  /** Units and staff a person may share a disclosure with: their care units and the staff in them. */
  async function shareOptionsFor(personId: string, excludeId: string) {
    const unitIds = await accounts.unitIdsOfPerson(personId);
    const units = await accounts.describeUnits(db, unitIds);
    const personActor = await accounts.actorFor(personId).catch(() => null);
    const staff = personActor
      ? (await accounts.peopleInMyUnits(personActor)).filter(
          (p) =>
            (p.role === 'practitioner' || p.role === 'unit_manager') &&
            p.id !== excludeId &&
            p.status === 'active',
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
  }

  function parseShares(
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
  }

  function questionIndex(id: string): number {
    return enquiryQuestions.findIndex((q) => q.id === id);
  }

  function statusOf(latest: EnquiriesTable | undefined, todayStr: string) {
    if (!latest) return { text: 'Not offered yet', tag: 'nhsuk-tag--grey', due: true };
    if (latest.state !== 'done') {
      return {
        text: latest.state === 'paused' ? 'Paused' : 'In progress',
        tag: 'nhsuk-tag--blue',
        due: false,
      };
    }
    if ((latest.outcome === 'not_now' || latest.outcome === 'not_asked') && latest.return_on) {
      const overdue = latest.return_on < todayStr;
      const due = latest.return_on <= todayStr;
      return {
        text: overdue
          ? 'Overdue to come back to'
          : due
            ? 'Due to come back to today'
            : `${outcomeLabels[latest.outcome]}`,
        returnOn: latest.return_on,
        tag: due ? 'nhsuk-tag--orange' : 'nhsuk-tag--grey',
        due,
      };
    }
    return {
      text: `${outcomeLabels[latest.outcome ?? 'asked']}`,
      tag: latest.outcome === 'declined' ? 'nhsuk-tag--grey' : 'nhsuk-tag--green',
      due: false,
    };
  }

  async function hub(actor: Actor) {
    await ready();
    if (!mayEnquiry(actor, { kind: 'view-directory' })) throw AppError.notFound();
    const todayStr = today();
    const people =
      actor.role === 'practitioner'
        ? await accounts.caseloadOf(actor)
        : (await accounts.peopleInMyUnits(actor)).filter((p) => p.role === 'service_user');
    const enquiries =
      actor.role === 'practitioner'
        ? await store.listEnquiriesForPeople(
            db,
            actor.organisationId,
            people.map((p) => p.id),
          )
        : [];
    const rows = people.map((p) => {
      const latest = enquiries.find((e) => e.person_id === p.id);
      const status = statusOf(latest, todayStr);
      const startLabel = !latest
        ? 'Start a conversation'
        : status.due
          ? 'Come back to this'
          : 'Start a new conversation';
      const followUps = enquiries.filter(
        (e) =>
          e.person_id === p.id &&
          e.practitioner_id === actor.id &&
          e.disclosed === 1 &&
          e.follow_up_on !== null &&
          e.followed_up_at === null,
      );
      return {
        id: p.id,
        name: p.displayName,
        status,
        startLabel,
        open:
          latest && latest.state !== 'done'
            ? { id: latest.id, mine: latest.practitioner_id === actor.id }
            : null,
        latestId: latest && latest.practitioner_id === actor.id ? latest.id : null,
        followUp: followUps[0]
          ? {
              enquiryId: followUps[0].id,
              on: followUps[0].follow_up_on,
              overdue: (followUps[0].follow_up_on ?? '') < todayStr,
            }
          : null,
      };
    });
    const shared = await store.listDisclosuresSharedWith(
      db,
      actor.organisationId,
      actor.id,
      actor.unitIds,
    );
    const sharedNames = await accounts.describeAccounts(
      db,
      shared.map((s) => s.person_id),
    );
    const visibleShared = [];
    for (const s of shared) {
      if (await personVisible(actor, s.person_id)) {
        visibleShared.push({
          id: s.id,
          personName: sharedNames.get(s.person_id)?.displayName ?? '',
          createdAt: s.created_at,
        });
      }
    }
    return {
      people: rows,
      tasks: actor.role === 'practitioner' ? await nextSteps(actor) : [],
      shared: visibleShared,
      canLead: actor.role === 'practitioner',
      canSeeRates: mayEnquiry(actor, { kind: 'view-rates' }),
    };
  }

  async function nextSteps(actor: Actor) {
    if (actor.role !== 'practitioner') return [];
    const tasks = await store.listOpenTasks(db, actor.id);
    const names = await accounts.describeAccounts(
      db,
      tasks.map((t) => t.person_id),
    );
    return tasks.map((t) => ({
      id: t.id,
      kind: t.kind,
      enquiryId: t.enquiry_id,
      personName: names.get(t.person_id)?.displayName ?? '',
      createdAt: t.created_at,
    }));
  }

  return {
    /** Checks the configured key against the database's key check (call at start-up). */
    checkEncryptionKey: ready,

    /** The practitioner's overview: everyone in their care, and where each enquiry stands. */
    hub,

    /** A practitioner's open next steps (safety actions and offers of reflective space). */
    nextSteps,

    /**
     * Starts a conversation with a person, or returns the one this practitioner already has
     * open. Another practitioner's open conversation is a conflict, named but never shown.
     */
    async startEnquiry(actor: Actor, personId: string, ctx: AuditContext): Promise<string> {
      await ready();
      const visible = await personVisible(actor, personId);
      if (!mayEnquiry(actor, { kind: 'start', personVisible: visible })) throw AppError.notFound();
      const existing = await store.findOpenEnquiry(db, actor.organisationId, personId);
      if (existing) {
        if (existing.practitioner_id === actor.id) return existing.id;
        throw AppError.conflict(
          `${await nameOf(existing.practitioner_id)} already has a conversation open with this person, started on ${existing.created_at.slice(0, 10)}. Only one conversation can be open at a time, so that what is said stays between the person and the practitioner they are talking with. Ask them to finish or pause it and talk with you first.`,
        );
      }
      const personUnits = await accounts.unitIdsOfPerson(personId);
      const unitId =
        personUnits.find((u) => actor.unitIds.includes(u)) ??
        personUnits[0] ??
        actor.unitIds[0] ??
        null;
      const at = now();
      const row: EnquiriesTable = {
        id: newId(),
        organisation_id: actor.organisationId,
        person_id: personId,
        practitioner_id: actor.id,
        unit_id: unitId,
        period: at.slice(0, 7),
        state: 'open',
        stage: 'prepare',
        mode: 'together',
        outcome: null,
        not_asked_reason: null,
        stopped: 0,
        disclosed: 0,
        preparation_json: null,
        answers_enc: null,
        response_enc: null,
        close_enc: null,
        note_enc: null,
        return_on: null,
        returned_at: null,
        follow_up_on: null,
        followed_up_at: null,
        version: 1,
        created_at: at,
        updated_at: at,
        completed_at: null,
      };
      try {
        await db.transaction().execute(async (trx) => {
          await store.markReturned(trx, actor.organisationId, personId, at);
          await store.insertEnquiry(trx, row);
          await record(trx, ctx, row, 'enquiry.start');
        });
      } catch (error) {
        // The unique index on open conversations: someone else started one a moment ago.
        if (await store.findOpenEnquiry(db, actor.organisationId, personId)) {
          throw AppError.conflict(
            'Another practitioner started a conversation with this person a moment ago. Only one can be open at a time.',
          );
        }
        throw error;
      }
      return row.id;
    },

    /**
     * Opens a step of the conversation for the lead practitioner or (for the questions, on
     * their own device) the person. Steps out of order redirect to where the conversation is.
     */
    async openStep(
      actor: Actor,
      id: string,
      stage: EnquiryStage,
      ctx: AuditContext,
      options: { questionId?: string } = {},
    ) {
      const kind = stage === 'ask' ? 'answer' : 'lead';
      const e = await loadEnquiry(actor, id, kind);
      const isPerson = actor.id === e.person_id;
      const base = {
        id: e.id,
        version: e.version,
        stage: e.stage,
        state: e.state,
        mode: e.mode,
        isPerson,
        personName: await nameOf(e.person_id),
        practitionerName: await nameOf(e.practitioner_id),
        redirect: e.stage !== stage ? stagePath(e.id, e.stage) : null,
      };
      if (base.redirect) return { ...base, answers: {} as Answers };
      // Everything read outside the transaction is read first: SQLite has one connection.
      const shareOptions =
        stage === 'record' ? await shareOptionsFor(e.person_id, e.practitioner_id) : [];
      return db.transaction().execute(async (trx) => {
        const waitingForPerson = stage === 'ask' && !isPerson && e.mode === 'own_device';
        const answers = answersOf(e);
        const answered = enquiryQuestions.filter((q) => answers[q.id]).length;
        const firstUnanswered = enquiryQuestions.find((q) => !answers[q.id]);
        const question =
          enquiryQuestions.find((q) => q.id === options.questionId) ??
          firstUnanswered ??
          lastQuestion;
        // Audit only when this page shows staff something the person said.
        const showsContent =
          !waitingForPerson &&
          ((stage === 'ask' && answers[question.id] !== undefined) ||
            ((stage === 'respond' || stage === 'record') && hasDisclosure(answers)));
        if (showsContent) await readAnswersAudited(trx, actor, e, ctx);
        const response =
          stage === 'respond' || stage === 'close'
            ? open<RespondInput>(e.response_enc, 'enquiries', 'response_enc', e.id)
            : null;
        const tasks = await store.listTasksOfEnquiry(trx, e.id);
        return {
          ...base,
          // While the person answers on their own device, the practitioner sees progress only.
          answers: waitingForPerson ? ({} as Answers) : answers,
          waitingForPerson,
          answered,
          total: enquiryQuestions.length,
          question,
          questionNumber: questionIndex(question.id) + 1,
          area: enquiryAreas.find((a) => a.id === question.area) ?? enquiryAreas[0],
          disclosedAreas: enquiryQuestions
            .filter((q) => answers[q.id]?.answer === 'yes')
            .map((q) => ({ id: q.id, short: q.short, words: answers[q.id]?.words })),
          disclosed: hasDisclosure(answers),
          stopped: e.stopped === 1,
          response,
          notesSuggestions: suggestionsFor(response?.notes),
          safetyNextStep: tasks.some((t) => t.kind === 'safety' && t.state === 'open'),
          shareOptions,
        };
      });
    },

    /** Records the preparation checks and how the questions will be answered. */
    async prepare(actor: Actor, id: string, input: PrepareInput, ctx: AuditContext) {
      const e = await loadEnquiry(actor, id, 'lead');
      if (e.stage !== 'prepare') throw AppError.conflict('This step has already been done.');
      const missing = ['private', 'time', 'alone', 'language'].filter(
        (c) => !input.checks.includes(c as never),
      );
      if (missing.length > 0) {
        throw AppError.invalid(
          'checks',
          'Each of these needs to be true before you ask. If one cannot be met today, choose "Not today" below and say why.',
        );
      }
      await db.transaction().execute(async (trx) => {
        await save(trx, e, input.version, {
          stage: 'consent',
          state: 'open',
          mode: input.mode,
          preparation_json: JSON.stringify({ checks: input.checks }),
          updated_at: now(),
        });
        await record(trx, ctx, e, 'enquiry.prepare', { mode: input.mode });
      });
    },

    /** Records that the enquiry did not happen this time, why, and when to come back. */
    async notAsked(actor: Actor, id: string, input: NotAskedInput, ctx: AuditContext) {
      const e = await loadEnquiry(actor, id, 'lead');
      if (e.stage !== 'prepare' && e.stage !== 'consent') {
        throw AppError.conflict('The questions have already started.');
      }
      if (input.returnOn !== null && input.returnOn < today()) {
        throw AppError.invalid('returnOn', 'The date to come back must be today or later');
      }
      const at = now();
      await db.transaction().execute(async (trx) => {
        await save(trx, e, input.version, {
          state: 'done',
          stage: 'done',
          outcome: 'not_asked',
          not_asked_reason: input.reason,
          note_enc: input.note ? seal(input.note, 'enquiries', 'note_enc', e.id) : null,
          return_on: input.returnOn,
          updated_at: at,
          completed_at: at,
        });
        await record(trx, ctx, e, 'enquiry.not_asked', { reason: input.reason });
      });
      return { suggestions: suggestionsFor(input.note) };
    },

    /** Records the person's choice after the framing statement: now, not now, or no. */
    async consent(actor: Actor, id: string, input: ConsentInput, ctx: AuditContext) {
      const e = await loadEnquiry(actor, id, 'lead');
      if (e.stage !== 'consent') throw AppError.conflict('This step has already been done.');
      if (input.choice === 'not_now' && input.returnOn !== null && input.returnOn < today()) {
        throw AppError.invalid('returnOn', 'The date to come back must be today or later');
      }
      const at = now();
      await db.transaction().execute(async (trx) => {
        if (input.choice === 'now') {
          await save(trx, e, input.version, {
            stage: 'ask',
            state: 'open',
            outcome: 'asked',
            updated_at: at,
          });
        } else {
          await save(trx, e, input.version, {
            stage: 'done',
            state: 'done',
            outcome: input.choice === 'no' ? 'declined' : 'not_now',
            return_on: input.choice === 'not_now' ? input.returnOn : null,
            updated_at: at,
            completed_at: at,
          });
        }
        await record(trx, ctx, e, 'enquiry.consent', { choice: input.choice });
      });
      return input.choice;
    },

    /**
     * Saves one answer (or none, when pausing or stopping) and says where to go next.
     * @returns the next question id, or the next step
     */
    async answer(
      actor: Actor,
      id: string,
      input: AnswerInput,
      ctx: AuditContext,
    ): Promise<
      | { next: 'question'; questionId: string }
      | { next: 'respond' | 'close' | 'paused' | 'stop' | 'person-done' }
    > {
      const e = await loadEnquiry(actor, id, 'answer');
      if (e.stage !== 'ask') throw AppError.conflict('The questions have finished.');
      const index = questionIndex(input.questionId);
      if (index < 0) throw AppError.invalid('answer', 'Choose an answer');
      if (input.action === 'next' && !input.answer) {
        throw AppError.invalid(
          'answer',
          'Choose an answer. You can always choose "I\'d rather not say".',
        );
      }
      const answers = answersOf(e);
      if (input.answer) {
        answers[input.questionId] = {
          answer: input.answer,
          ...(input.words && input.answer !== 'rather_not_say' ? { words: input.words } : {}),
        };
      }
      const isPerson = actor.id === e.person_id;
      let result:
        | { next: 'question'; questionId: string }
        | { next: 'respond' | 'close' | 'paused' | 'stop' | 'person-done' };
      const patch: Parameters<EnquiryStore['updateEnquiry']>[3] = {
        answers_enc: seal(answers, 'enquiries', 'answers_enc', e.id),
        updated_at: now(),
        state: 'open',
      };
      if (input.action === 'pause') {
        patch.state = 'paused';
        result = { next: 'paused' };
      } else if (input.action === 'stop') {
        result = { next: 'stop' };
      } else if (input.action === 'back') {
        result = {
          next: 'question',
          questionId: enquiryQuestions[Math.max(0, index - 1)]?.id ?? input.questionId,
        };
      } else {
        const nextQuestion =
          enquiryQuestions.slice(index + 1).find((q) => !answers[q.id]) ??
          enquiryQuestions.find((q) => !answers[q.id]);
        if (nextQuestion) {
          result = { next: 'question', questionId: nextQuestion.id };
        } else {
          patch.stage = hasDisclosure(answers) ? 'respond' : 'close';
          result = isPerson ? { next: 'person-done' } : { next: patch.stage };
        }
      }
      await db.transaction().execute(async (trx) => {
        await save(trx, e, input.version, patch);
        if (input.answer) {
          await record(trx, ctx, e, 'enquiry.answer', { question: input.questionId });
        }
        if (input.action === 'pause') await record(trx, ctx, e, 'enquiry.pause');
      });
      return result;
    },

    /** Pauses a conversation, keeping everything so far. */
    async pause(actor: Actor, id: string, version: number, ctx: AuditContext) {
      const e = await loadEnquiry(actor, id, 'answer');
      await db.transaction().execute(async (trx) => {
        await save(trx, e, version, { state: 'paused', updated_at: now() });
        await record(trx, ctx, e, 'enquiry.pause');
      });
      return { isPerson: actor.id === e.person_id };
    },

    /**
     * Stops the questions. What was answered is kept only if the person agrees; otherwise the
     * draft answers are deleted.
     */
    async stop(actor: Actor, id: string, input: StopInput, ctx: AuditContext) {
      const e = await loadEnquiry(actor, id, 'answer');
      if (e.stage !== 'ask') throw AppError.conflict('The questions have finished.');
      const answers = input.keep === 'yes' ? answersOf(e) : {};
      const stage: EnquiryStage = hasDisclosure(answers) ? 'respond' : 'close';
      await db.transaction().execute(async (trx) => {
        await save(trx, e, input.version, {
          stage,
          state: 'open',
          stopped: 1,
          answers_enc: input.keep === 'yes' ? e.answers_enc : null,
          updated_at: now(),
        });
        await record(trx, ctx, e, 'enquiry.stop', { kept: input.keep === 'yes' });
      });
      return { stage, isPerson: actor.id === e.person_id };
    },

    /**
     * Records the practitioner's response to a disclosure. Safety answers that need action
     * create a next step for the practitioner.
     * @returns whether a safety next step was raised
     */
    async respond(actor: Actor, id: string, input: RespondInput, ctx: AuditContext) {
      const e = await loadEnquiry(actor, id, 'lead');
      if (e.stage !== 'respond') throw AppError.conflict('This step has already been done.');
      const needsAction = safetyQuestions.some((q) => {
        const a = input[`safety-${q.id}`];
        return (
          (safetyAnswersNeedingAction.includes(q.id) && a === 'yes') ||
          ((q.id === 'others' || q.id === 'danger') && a === 'unsure')
        );
      });
      await db.transaction().execute(async (trx) => {
        await save(trx, e, input.version, {
          stage: 'close',
          state: 'open',
          response_enc: seal(input, 'enquiries', 'response_enc', e.id),
          updated_at: now(),
        });
        await record(trx, ctx, e, 'enquiry.respond');
        const tasks = await store.listTasksOfEnquiry(trx, e.id);
        if (needsAction && !tasks.some((t) => t.kind === 'safety')) {
          await store.insertTask(trx, {
            id: newId(),
            organisation_id: e.organisation_id,
            practitioner_id: e.practitioner_id,
            person_id: e.person_id,
            enquiry_id: e.id,
            unit_id: e.unit_id,
            kind: 'safety',
            state: 'open',
            created_at: now(),
            done_at: null,
          });
          await record(trx, ctx, e, 'enquiry.safety_step');
        }
      });
      return { safetyNextStep: needsAction };
    },

    /** Closes the conversation: check-in, grounding and (after a disclosure) a follow-up date. */
    async close(actor: Actor, id: string, input: CloseInput, ctx: AuditContext) {
      const e = await loadEnquiry(actor, id, 'lead');
      if (e.stage !== 'close') throw AppError.conflict('This step has already been done.');
      const disclosed = hasDisclosure(answersOf(e));
      if (disclosed && input.followUpOn === null) {
        throw AppError.invalid(
          'followUpOn',
          'Agree a date to check in with the person again, within the next few days if you can',
        );
      }
      if (input.followUpOn !== null && input.followUpOn < today()) {
        throw AppError.invalid('followUpOn', 'The follow-up date must be today or later');
      }
      const at = now();
      const closeNotes = seal(
        { grounding: input.grounding, feeling: input.feeling },
        'enquiries',
        'close_enc',
        e.id,
      );
      await db.transaction().execute(async (trx) => {
        await save(
          trx,
          e,
          input.version,
          disclosed
            ? {
                stage: 'record',
                state: 'open',
                close_enc: closeNotes,
                follow_up_on: input.followUpOn,
                updated_at: at,
              }
            : {
                // Nothing was disclosed: keep only that the person was asked.
                stage: 'done',
                state: 'done',
                close_enc: closeNotes,
                answers_enc: null,
                follow_up_on: input.followUpOn,
                updated_at: at,
                completed_at: at,
              },
        );
        await record(trx, ctx, e, 'enquiry.close');
      });
      return { disclosed };
    },

    /**
     * Records the disclosure in words the person agreed, visible by default only to them and
     * the practitioner who asked, plus anyone they chose. Offers the practitioner reflective
     * space afterwards.
     */
    async recordDisclosure(actor: Actor, id: string, input: RecordInput, ctx: AuditContext) {
      const e = await loadEnquiry(actor, id, 'lead');
      if (e.stage !== 'record') throw AppError.conflict('This step has already been done.');
      if (!input.words) {
        throw AppError.invalid(
          'words',
          'Write the words the person agrees to. A short sentence in their words is enough.',
        );
      }
      const answers = answersOf(e);
      const disclosureId = newId();
      const options = await shareOptionsFor(e.person_id, e.practitioner_id);
      const shares = parseShares(input.share, options, e.organisation_id, disclosureId);
      const areas =
        input.keepAnswers === 'yes'
          ? enquiryQuestions
              .filter((q) => answers[q.id]?.answer === 'yes')
              .map((q) => ({ id: q.id, words: answers[q.id]?.words ?? null }))
          : [];
      const at = now();
      await db.transaction().execute(async (trx) => {
        await save(trx, e, input.version, {
          stage: 'done',
          state: 'done',
          disclosed: 1,
          answers_enc: null,
          updated_at: at,
          completed_at: at,
        });
        await store.insertDisclosure(trx, {
          id: disclosureId,
          organisation_id: e.organisation_id,
          enquiry_id: e.id,
          person_id: e.person_id,
          practitioner_id: e.practitioner_id,
          record_enc: seal(input.words, 'enquiry_disclosures', 'record_enc', disclosureId),
          areas_enc: seal(areas, 'enquiry_disclosures', 'areas_enc', disclosureId),
          status: 'active',
          created_at: at,
          updated_at: at,
          withdrawn_at: null,
        });
        await store.replaceShares(trx, disclosureId, shares);
        await store.insertTask(trx, {
          id: newId(),
          organisation_id: e.organisation_id,
          practitioner_id: e.practitioner_id,
          person_id: e.person_id,
          enquiry_id: e.id,
          unit_id: e.unit_id,
          kind: 'supervision',
          state: 'open',
          created_at: at,
          done_at: null,
        });
        await record(trx, ctx, e, 'enquiry.record', { shared: shares.length });
      });
      return { disclosureId };
    },

    /** The lead practitioner's summary of a conversation (audited when it shows content). */
    async summary(actor: Actor, id: string, ctx: AuditContext) {
      const e = await loadEnquiry(actor, id, 'lead');
      const personName = await nameOf(e.person_id);
      return db.transaction().execute(async (trx) => {
        const response = open<RespondInput>(e.response_enc, 'enquiries', 'response_enc', e.id);
        const closeNotes = open<{ grounding: string; feeling?: string }>(
          e.close_enc,
          'enquiries',
          'close_enc',
          e.id,
        );
        const note = open<string>(e.note_enc, 'enquiries', 'note_enc', e.id);
        if (response || closeNotes?.feeling || note) {
          await record(trx, ctx, e, 'enquiry.view');
        }
        const disclosure = await store.findDisclosureOfEnquiry(trx, e.organisation_id, e.id);
        const referrals = await store.listReferralsOfEnquiry(trx, e.id);
        const services = await store.listServices(trx, e.organisation_id, false);
        const tasks = await store.listTasksOfEnquiry(trx, e.id);
        return {
          id: e.id,
          version: e.version,
          personName,
          state: e.state,
          stage: e.stage,
          outcome: e.outcome,
          outcomeLabel: e.outcome ? outcomeLabels[e.outcome] : 'Not finished',
          notAskedReason: notAskedReasons.find((r) => r.value === e.not_asked_reason)?.text,
          stopped: e.stopped === 1,
          createdAt: e.created_at,
          completedAt: e.completed_at,
          returnOn: e.return_on,
          followUpOn: e.follow_up_on,
          followedUpAt: e.followed_up_at,
          response,
          closeNotes,
          note,
          notesSuggestions: suggestionsFor(response?.notes),
          noteSuggestions: suggestionsFor(note ?? undefined),
          disclosure: disclosure
            ? { id: disclosure.id, status: disclosure.status, withdrawnAt: disclosure.withdrawn_at }
            : null,
          referrals: referrals.map((r) => ({
            id: r.id,
            kind: r.kind,
            status: r.status,
            statusLabel: referralStatusLabels[r.status],
            serviceName: services.find((s) => s.id === r.service_id)?.name ?? '',
            closed: r.closed_at !== null,
          })),
          safetyTask: tasks.find((t) => t.kind === 'safety') ?? null,
          supervisionTask: tasks.find((t) => t.kind === 'supervision') ?? null,
          canRefer: e.outcome === 'asked' && e.stage === 'done',
          canFollowUp: e.disclosed === 1 && e.followed_up_at === null,
        };
      });
    },

    /** Records that the agreed follow-up has happened. */
    async recordFollowUp(actor: Actor, id: string, version: number, ctx: AuditContext) {
      const e = await loadEnquiry(actor, id, 'lead');
      if (e.disclosed !== 1 || e.followed_up_at !== null) {
        throw AppError.conflict('There is no follow-up waiting for this conversation.');
      }
      await db.transaction().execute(async (trx) => {
        await save(trx, e, version, { followed_up_at: now(), updated_at: now() });
        await record(trx, ctx, e, 'enquiry.follow_up');
      });
    },

    /** A recorded disclosure, for the person or staff allowed to see it (audited for staff). */
    async viewDisclosure(actor: Actor, id: string, ctx: AuditContext) {
      await ready();
      const d = await store.findDisclosure(db, actor.organisationId, id);
      if (!d) throw AppError.notFound();
      const facts = await disclosureFacts(d);
      const visible = await personVisible(actor, d.person_id);
      if (
        !mayEnquiry(actor, { kind: 'view-disclosure', disclosure: facts, personVisible: visible })
      )
        throw AppError.notFound();
      const isPerson = actor.id === d.person_id;
      const shareOptions = isPerson ? await shareOptionsFor(d.person_id, d.practitioner_id) : [];
      const personName = await nameOf(d.person_id);
      const practitionerName = await nameOf(d.practitioner_id);
      return db.transaction().execute(async (trx) => {
        const words = open<string>(d.record_enc, 'enquiry_disclosures', 'record_enc', d.id) ?? '';
        const areas =
          open<{ id: string; words: string | null }[]>(
            d.areas_enc,
            'enquiry_disclosures',
            'areas_enc',
            d.id,
          ) ?? [];
        if (!isPerson) {
          await record(trx, ctx, d, 'enquiry.view_disclosure', undefined, 'disclosure');
        }
        const chosen = facts.shares.map((s) =>
          s.unitId ? `unit:${s.unitId}` : `account:${s.accountId}`,
        );
        const referrals = await store.listReferralsOfEnquiry(trx, d.enquiry_id);
        const services = await store.listServices(trx, d.organisation_id, false);
        return {
          id: d.id,
          enquiryId: d.enquiry_id,
          isPerson,
          isLead: actor.id === d.practitioner_id,
          status: d.status,
          words,
          areas: areas.map((a) => ({
            short: enquiryQuestions.find((q) => q.id === a.id)?.short ?? '',
            words: a.words,
          })),
          createdAt: d.created_at,
          withdrawnAt: d.withdrawn_at,
          personName,
          practitionerName,
          shareOptions: shareOptions.map((o) => ({ ...o, checked: chosen.includes(o.value) })),
          sharedWith: shareOptions.filter((o) => chosen.includes(o.value)).map((o) => o.text),
          referrals: referrals.map((r) => ({
            serviceName: services.find((s) => s.id === r.service_id)?.name ?? '',
            kind: r.kind,
            statusLabel: referralStatusLabels[r.status],
          })),
        };
      });
    },

    /** The person changes who may see their disclosure (checked again on every later read). */
    async updateSharing(actor: Actor, id: string, chosen: string[] | null, ctx: AuditContext) {
      await ready();
      const d = await store.findDisclosure(db, actor.organisationId, id);
      if (
        !d ||
        !mayEnquiry(actor, { kind: 'manage-disclosure', disclosure: await disclosureFacts(d) })
      )
        throw AppError.notFound();
      if (chosen === null)
        throw AppError.invalid('share', 'Choose from the people and teams listed');
      const options = await shareOptionsFor(d.person_id, d.practitioner_id);
      const rows = parseShares(chosen, options, d.organisation_id, d.id);
      await db.transaction().execute(async (trx) => {
        await store.replaceShares(trx, d.id, rows);
        await record(trx, ctx, d, 'enquiry.share', { shared: rows.length }, 'disclosure');
      });
    },

    /**
     * The person withdraws consent for a recorded disclosure: staff stop seeing it at once
     * (sharing is removed too). The record itself is kept, for the person, as records law needs.
     */
    async withdrawDisclosure(actor: Actor, id: string, ctx: AuditContext) {
      await ready();
      const d = await store.findDisclosure(db, actor.organisationId, id);
      if (
        !d ||
        !mayEnquiry(actor, { kind: 'manage-disclosure', disclosure: await disclosureFacts(d) })
      )
        throw AppError.notFound();
      if (d.status === 'withdrawn') return;
      await db.transaction().execute(async (trx) => {
        await store.setDisclosureStatus(trx, d.id, 'withdrawn', now());
        await store.replaceShares(trx, d.id, []);
        await record(trx, ctx, d, 'enquiry.withdraw', undefined, 'disclosure');
      });
    },

    /** The person lets the practitioner who asked see their disclosure again. */
    async restoreDisclosure(actor: Actor, id: string, ctx: AuditContext) {
      await ready();
      const d = await store.findDisclosure(db, actor.organisationId, id);
      if (
        !d ||
        !mayEnquiry(actor, { kind: 'manage-disclosure', disclosure: await disclosureFacts(d) })
      )
        throw AppError.notFound();
      if (d.status === 'active') return;
      await db.transaction().execute(async (trx) => {
        await store.setDisclosureStatus(trx, d.id, 'active', now());
        await record(trx, ctx, d, 'enquiry.restore', undefined, 'disclosure');
      });
    },

    /** The support services a practitioner can offer for a conversation. */
    async referralOptions(actor: Actor, enquiryId: string) {
      const e = await loadEnquiry(actor, enquiryId, 'lead');
      if (e.outcome !== 'asked' || e.stage !== 'done') throw AppError.notFound();
      const services = await store.listServices(db, e.organisation_id, true);
      return {
        enquiryId: e.id,
        personName: await nameOf(e.person_id),
        services: services.map((s) => ({
          id: s.id,
          name: s.name,
          kindLabel: serviceKindLabels[s.kind] ?? s.kind,
          offer: s.offer,
          forWhom: s.for_whom,
          selfReferral: s.self_referral === 1,
          languages: s.languages,
        })),
      };
    },

    /** Offers support or makes a referral, with the person's agreement. */
    async addReferral(
      actor: Actor,
      enquiryId: string,
      input: ReferralInput,
      ctx: AuditContext,
    ): Promise<string> {
      const e = await loadEnquiry(actor, enquiryId, 'lead');
      if (e.outcome !== 'asked' || e.stage !== 'done') throw AppError.notFound();
      const service = await store.findService(db, e.organisation_id, input.serviceId);
      if (!service || service.active !== 1) {
        throw AppError.invalid('serviceId', 'Choose a service from the list');
      }
      const id = newId();
      const at = now();
      const row: EnquiryReferralsTable = {
        id,
        organisation_id: e.organisation_id,
        person_id: e.person_id,
        enquiry_id: e.id,
        service_id: service.id,
        practitioner_id: actor.id,
        unit_id: e.unit_id,
        kind: input.kind,
        status: input.kind === 'referred' ? 'waiting' : 'offered',
        note_enc: input.note ? seal(input.note, 'enquiry_referrals', 'note_enc', id) : null,
        created_at: at,
        updated_at: at,
        closed_at: input.kind === 'offered' ? at : null,
      };
      await db.transaction().execute(async (trx) => {
        await store.insertReferral(trx, row);
        await record(trx, ctx, e, 'enquiry.refer', { kind: input.kind });
      });
      return id;
    },

    /** Moves a referral on (accepted, declined, waiting, seen) until it is closed. */
    async updateReferral(
      actor: Actor,
      referralId: string,
      status: 'waiting' | 'accepted' | 'declined' | 'seen',
      ctx: AuditContext,
      badForm = false,
    ): Promise<string> {
      await ready();
      const r = await store.findReferral(db, actor.organisationId, referralId);
      if (!r) throw AppError.notFound();
      const e = await loadEnquiry(actor, r.enquiry_id, 'lead');
      if (badForm) throw AppError.invalid('status', 'Choose the new status');
      if (r.kind !== 'referred') throw AppError.conflict('This was information, not a referral.');
      await db.transaction().execute(async (trx) => {
        await store.setReferralStatus(trx, r.id, status, now());
        await record(trx, ctx, e, 'enquiry.referral_status', { status });
      });
      return e.id;
    },

    /** Marks a safety next step done. */
    async completeTask(actor: Actor, taskId: string, ctx: AuditContext): Promise<string> {
      await ready();
      const t = await store.findTask(db, actor.organisationId, taskId);
      if (!t || t.practitioner_id !== actor.id || t.kind !== 'safety') throw AppError.notFound();
      if (!(await personVisible(actor, t.person_id))) throw AppError.notFound();
      await db.transaction().execute(async (trx) => {
        await store.setTaskState(trx, t.id, 'done', now());
        await record(trx, ctx, { ...t, id: t.enquiry_id }, 'enquiry.safety_step_done');
      });
      return t.enquiry_id;
    },

    /** The practitioner answers the offer of reflective space. */
    async answerSupervision(
      actor: Actor,
      taskId: string,
      response: 'requested' | 'dismissed' | null,
      ctx: AuditContext,
    ): Promise<'requested' | 'dismissed'> {
      await ready();
      const t = await store.findTask(db, actor.organisationId, taskId);
      if (!t || t.practitioner_id !== actor.id || t.kind !== 'supervision') {
        throw AppError.notFound();
      }
      if (response === null) throw AppError.invalid('response', 'Choose an answer');
      if (t.state !== 'open') return t.state === 'requested' ? 'requested' : 'dismissed';
      await db.transaction().execute(async (trx) => {
        await store.setTaskState(trx, t.id, response, now());
        await audit.record(trx, ctx, {
          organisationId: t.organisation_id,
          action: 'enquiry.supervision',
          recordType: 'task',
          recordId: t.id,
          detail: { response },
        });
      });
      return response;
    },

    /** The support directory. */
    async listServices(actor: Actor) {
      if (!mayEnquiry(actor, { kind: 'view-directory' })) throw AppError.notFound();
      const rows = await store.listServices(db, actor.organisationId, false);
      return {
        canManage: mayEnquiry(actor, { kind: 'manage-directory' }),
        services: rows.map((s) => ({ ...s, kindLabel: serviceKindLabels[s.kind] ?? s.kind })),
      };
    },

    /** One directory entry, for editing. */
    async findService(actor: Actor, id: string): Promise<EnquiryServicesTable> {
      if (!mayEnquiry(actor, { kind: 'manage-directory' })) throw AppError.notFound();
      const s = await store.findService(db, actor.organisationId, id);
      if (!s) throw AppError.notFound();
      return s;
    },

    /** Adds or changes a directory entry. */
    async saveService(
      actor: Actor,
      id: string | null,
      input: ServiceInput,
      ctx: AuditContext,
    ): Promise<string> {
      if (!mayEnquiry(actor, { kind: 'manage-directory' })) throw AppError.notFound();
      const at = now();
      const fields = {
        name: input.name,
        kind: input.kind,
        offer: input.offer,
        for_whom: input.forWhom,
        how_to_refer: input.howToRefer,
        self_referral: input.selfReferral === 'yes' ? 1 : 0,
        languages: input.languages,
        contact: input.contact,
        active: input.active === 'yes' ? 1 : 0,
        updated_at: at,
      };
      const serviceId = id ?? newId();
      await db.transaction().execute(async (trx) => {
        if (id) {
          const existing = await store.findService(trx, actor.organisationId, id);
          if (!existing) throw AppError.notFound();
          await store.updateService(trx, id, fields);
        } else {
          await store.insertService(trx, {
            id: serviceId,
            organisation_id: actor.organisationId,
            created_at: at,
            ...fields,
          });
        }
        await audit.record(trx, ctx, {
          organisationId: actor.organisationId,
          action: id ? 'enquiry.service_update' : 'enquiry.service_create',
          recordType: 'support_service',
          recordId: serviceId,
        });
      });
      return serviceId;
    },

    /**
     * Enquiry rates per unit and per practitioner: counts only, 1 to 4 shown as "fewer than 5".
     * Unit managers see their own units; organisation administrators see every unit.
     */
    async rates(actor: Actor) {
      await ready();
      if (!mayEnquiry(actor, { kind: 'view-rates' })) throw AppError.notFound();
      const scope = actor.role === 'org_admin' ? null : actor.unitIds;
      const units = await accounts.unitsOf(actor);
      const enquiries: RateEnquiry[] = (
        await store.listEnquiryMetadata(db, actor.organisationId, scope)
      ).map((r) => ({
        personId: r.person_id,
        practitionerId: r.practitioner_id,
        unitId: r.unit_id,
        outcome: r.outcome,
        returnOn: r.return_on,
        returnedAt: r.returned_at,
        disclosed: Number(r.disclosed) === 1,
        followUpOn: r.follow_up_on,
        followedUpAt: r.followed_up_at,
      }));
      const referrals: RateReferral[] = (
        await store.listReferralMetadata(db, actor.organisationId, scope)
      ).map((r) => ({
        personId: r.person_id,
        practitionerId: r.practitioner_id,
        unitId: r.unit_id,
        kind: r.kind,
        status: r.status,
      }));
      const everyone = await accounts.peopleInMyUnits(actor);
      const peopleUnits = new Map<string, string[]>();
      for (const p of everyone.filter((x) => x.role === 'service_user')) {
        peopleUnits.set(p.id, await accounts.unitIdsOfPerson(p.id));
      }
      const todayStr = today();
      const unitRows = units.map((u) => ({
        name: u.name,
        counts: displayCounts(
          countRates(
            enquiries.filter((e) => e.unitId === u.id),
            referrals.filter((r) => r.unitId === u.id),
            todayStr,
            [...peopleUnits.values()].filter((ids) => ids.includes(u.id)).length,
          ),
        ),
      }));
      const practitioners = everyone.filter((p) => p.role === 'practitioner');
      const practitionerRows = [];
      for (const p of practitioners) {
        const caseload = await accounts
          .actorFor(p.id)
          .then((a) => accounts.caseloadOf(a))
          .catch(() => []);
        practitionerRows.push({
          name: p.displayName,
          counts: displayCounts(
            countRates(
              enquiries.filter((e) => e.practitionerId === p.id),
              referrals.filter((r) => r.practitionerId === p.id),
              todayStr,
              caseload.length,
            ),
          ),
        });
      }
      const supervision = await store.listSupervisionRequests(
        db,
        actor.organisationId,
        practitioners.map((p) => p.id),
      );
      return {
        columns: rateColumns,
        units: unitRows,
        practitioners: practitionerRows,
        supervisionRequests: displayCount(supervision.length),
      };
    },

    /** What a practitioner's home page shows: next steps, follow-ups and returns due. */
    async practitionerPanel(actor: Actor) {
      if (actor.role !== 'practitioner') return null;
      const overview = await hub(actor);
      const due = overview.people.filter(
        (p) => p.status.due && p.status.text !== 'Not offered yet',
      );
      const notOffered = overview.people.filter((p) => p.status.text === 'Not offered yet').length;
      const followUps = overview.people.filter((p) => p.followUp);
      return { tasks: overview.tasks, due, notOffered, followUps };
    },

    /** What a person's home page shows: questions waiting for them, their records, their support. */
    async personPanel(actor: Actor) {
      if (actor.role !== 'service_user') return null;
      await ready();
      const enquiries = await store.listEnquiriesOfPerson(db, actor.organisationId, actor.id);
      const waiting = enquiries.find(
        (e) => e.state !== 'done' && e.mode === 'own_device' && e.stage === 'ask',
      );
      const disclosures = await store.listDisclosuresOfPerson(db, actor.organisationId, actor.id);
      const referrals = await store.listReferralsOfPerson(db, actor.organisationId, actor.id);
      const services = await store.listServices(db, actor.organisationId, false);
      const reflections = await store.listReflections(db, actor.organisationId, actor.id);
      return {
        waiting: waiting ? { id: waiting.id } : null,
        disclosures: disclosures.map((d) => ({
          id: d.id,
          createdAt: d.created_at,
          status: d.status,
        })),
        referrals: referrals.map((r) => ({
          serviceName: services.find((s) => s.id === r.service_id)?.name ?? '',
          statusLabel: referralStatusLabels[r.status],
        })),
        reflections: reflections.length,
      };
    },

    /** What a unit manager's home page shows: requests for reflective space (no names of people). */
    async managerPanel(actor: Actor) {
      if (actor.role !== 'unit_manager') return null;
      const staff = (await accounts.peopleInMyUnits(actor)).filter(
        (p) => p.role === 'practitioner',
      );
      const requests = await store.listSupervisionRequests(
        db,
        actor.organisationId,
        staff.map((s) => s.id),
      );
      return {
        requests: requests.map((r) => ({
          name: staff.find((s) => s.id === r.practitioner_id)?.displayName ?? '',
          at: r.done_at,
        })),
      };
    },

    /**
     * Saves a "What happened to you?" reflection, only because the person chose to.
     * @returns the new reflection's id, or null when the person chose not to save
     */
    async saveReflection(
      actor: Actor,
      input: ReflectionInput,
      ctx: AuditContext,
    ): Promise<string | null> {
      await ready();
      if (actor.role !== 'service_user') throw AppError.notFound();
      if (input.action === 'discard') return null;
      const { way, happened, affected, sense, survive, strengths, story } = input;
      const answers = { happened, affected, sense, survive, strengths, story };
      if (Object.values(answers).every((a) => !a)) {
        throw AppError.invalid(
          'happened',
          'There is nothing to save yet. Write something, or finish without saving.',
        );
      }
      const id = newId();
      const at = now();
      await db.transaction().execute(async (trx) => {
        await store.insertReflection(trx, {
          id,
          organisation_id: actor.organisationId,
          person_id: actor.id,
          answers_enc: seal({ way, answers }, 'enquiry_reflections', 'answers_enc', id),
          created_at: at,
          updated_at: at,
        });
        await audit.record(trx, ctx, {
          organisationId: actor.organisationId,
          action: 'enquiry.reflection_save',
          recordType: 'reflection',
          recordId: id,
          subjectPersonId: actor.id,
        });
      });
      return id;
    },

    /** The person's saved reflections (dates only). */
    async listReflections(actor: Actor) {
      if (actor.role !== 'service_user') throw AppError.notFound();
      return store.listReflections(db, actor.organisationId, actor.id);
    },

    /** One saved reflection, for its owner only. */
    async viewReflection(actor: Actor, id: string) {
      await ready();
      const r = await store.findReflection(db, actor.organisationId, id);
      if (
        !r ||
        !mayEnquiry(actor, {
          kind: 'own-reflection',
          reflection: { organisationId: r.organisation_id, personId: r.person_id },
        })
      )
        throw AppError.notFound();
      const data = open<{ way: string; answers: Record<string, string | undefined> }>(
        r.answers_enc,
        'enquiry_reflections',
        'answers_enc',
        r.id,
      );
      return { id: r.id, createdAt: r.created_at, way: data?.way, answers: data?.answers ?? {} };
    },

    /** Deletes a saved reflection, for its owner only. */
    async deleteReflection(actor: Actor, id: string, ctx: AuditContext) {
      await ready();
      const r = await store.findReflection(db, actor.organisationId, id);
      if (
        !r ||
        !mayEnquiry(actor, {
          kind: 'own-reflection',
          reflection: { organisationId: r.organisation_id, personId: r.person_id },
        })
      )
        throw AppError.notFound();
      await db.transaction().execute(async (trx) => {
        await store.deleteReflection(trx, r.id);
        await audit.record(trx, ctx, {
          organisationId: r.organisation_id,
          action: 'enquiry.reflection_delete',
          recordType: 'reflection',
          recordId: r.id,
          subjectPersonId: r.person_id,
        });
      });
    },

    /** Whether the staff guide may be shown. */
    mayViewGuide(actor: Actor): boolean {
      return mayEnquiry(actor, { kind: 'view-guide' });
    },

    /**
     * Re-encrypts every value made with an older key under the current key (CLI use).
     * @returns how many values were re-encrypted
     */
    async rotateKey(): Promise<{ reencrypted: number; alreadyCurrent: number }> {
      await ready();
      let reencrypted = 0;
      let alreadyCurrent = 0;
      for (const target of encryptedColumns) {
        let after = '';
        for (;;) {
          const page = await store.pageOfEncrypted(db, target, after, 500);
          if (page.length === 0) break;
          for (const row of page) {
            after = row.id;
            if (box.keyIdOf(row.value) === box.currentKeyId) {
              alreadyCurrent++;
              continue;
            }
            const context = `${target.table}.${target.column}:${row.id}`;
            const fresh = box.encrypt(box.decrypt(row.value, context), context);
            if (await store.writeEncrypted(db, target, row.id, row.value, fresh)) reencrypted++;
          }
        }
      }
      const check = await store.readKeyCheck(db, KEY_CHECK_ID);
      if (check && check.key_id !== box.currentKeyId) {
        const context = `encryption_key_checks.value:${KEY_CHECK_ID}`;
        await store.replaceKeyCheck(db, {
          ...check,
          key_id: box.currentKeyId,
          value: box.encrypt(box.decrypt(check.value, context), context),
        });
        reencrypted++;
      }
      return { reencrypted, alreadyCurrent };
    },
  };
}

/** The enquiry service's functions. */
export type EnquiryService = ReturnType<typeof createEnquiryService>;
