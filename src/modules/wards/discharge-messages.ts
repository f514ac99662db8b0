/**
 * Discharge messages: someone leaving the ward writes a hopeful message for the people still
 * there. Guarantees: every message waits for a check by a member of the ward's staff, who sees
 * the language checker's suggestions and any contact details found; only approved messages
 * reach the ward screen; a declined one carries its reason back to the writer; the writer can
 * withdraw it at any time, and from then on it shows nowhere; every change is audited.
 */
import { AppError } from '../../lib/app-error.ts';
import type { Actor, AuditContext } from '../../lib/actor.ts';
import { toIso } from '../../lib/clock.ts';
import { newId } from '../../lib/tokens.ts';
import { checkText } from '../language/index.ts';
import { contactDetailsIn } from './contact-details.ts';
import type { WardsDeps } from './deps.ts';
import { findWard } from './find-ward.ts';
import { mayWardScreen } from './policy.ts';
import { MESSAGE_LIMIT } from './screen-schema.ts';
import { createScreenStore } from './screen-store.ts';
import { londonText } from './shifts.ts';
import type { WardDischargeMessagesTable } from './tables.ts';

const store = createScreenStore();

/** Words for each state, as the writer sees them. */
const statusText = {
  waiting: 'Waiting for a member of staff to read it',
  approved: 'On the ward screen',
  declined: 'Not shown',
  withdrawn: 'Taken down by you',
} as const;

/** Why a message waits for a closer look (contact details, or longer than the limit), or null. */
function heldReason(body: string, firstName: string | null): string | null {
  const reasons = [
    contactDetailsIn(body) ?? contactDetailsIn(firstName ?? ''),
    body.length > MESSAGE_LIMIT
      ? `It is longer than ${MESSAGE_LIMIT} characters, so it may not fit on the screen.`
      : null,
  ].filter((r) => r !== null);
  return reasons.length ? reasons.join(' ') : null;
}

/** Creates the discharge-message capability. */
export function createDischargeMessages(
  deps: Pick<WardsDeps, 'db' | 'audit' | 'clock' | 'directory'>,
) {
  const { db, audit, clock, directory } = deps;

  async function wardOf(actor: Actor, unitId: string, kind: 'writeMessage' | 'checkMessages') {
    if (!mayWardScreen(actor, { kind, unitId })) throw AppError.notFound();
    const ward = await findWard(directory, actor, unitId);
    if (!ward) throw AppError.notFound();
    return { id: ward.id, name: ward.name };
  }

  const forWriter = (m: WardDischargeMessagesTable) => ({
    id: m.id,
    body: m.body,
    firstName: m.first_name,
    status: m.status,
    statusText: statusText[m.status],
    heldReason: m.held_reason,
    declineReason: m.decline_reason,
    writtenAt: londonText(m.created_at),
  });

  return {
    /** The wards the person may write for, and the messages they wrote. */
    async mine(actor: Actor) {
      const wards = (await directory.unitsOf(actor)).filter(
        (u) => u.kind === 'ward' && mayWardScreen(actor, { kind: 'writeMessage', unitId: u.id }),
      );
      if (!wards.length) throw AppError.notFound();
      const messages = await store.messagesBy(db, actor.organisationId, actor.id);
      return {
        wards: wards.map((w) => ({ id: w.id, name: w.name })),
        messages: messages.map(forWriter),
      };
    },

    /** Saves a message to wait for a staff check, noting any contact details found. */
    async write(
      actor: Actor,
      unitId: string,
      input: { body: string; firstName: string | null },
      ctx: AuditContext,
    ) {
      const ward = await wardOf(actor, unitId, 'writeMessage');
      const held = heldReason(input.body, input.firstName);
      return audit.audited(db, ctx, async (trx, record) => {
        const id = newId();
        await store.insertMessage(trx, {
          id,
          organisation_id: actor.organisationId,
          unit_id: ward.id,
          writer_id: actor.id,
          first_name: input.firstName,
          body: input.body,
          status: 'waiting',
          held_reason: held,
          decline_reason: null,
          decided_by: null,
          decided_at: null,
          created_at: toIso(clock()),
          withdrawn_at: null,
        });
        await record({
          organisationId: actor.organisationId,
          action: 'wards.discharge_message_write',
          recordType: 'ward_discharge_message',
          recordId: id,
        });
        return { id, held };
      });
    },

    /** The writer takes their message down, whatever state it is in; it shows nowhere after. */
    async withdraw(actor: Actor, id: string, ctx: AuditContext) {
      // Only the writer may take a message down; anyone else gets the same 404 as no message.
      const message = await store.findMessage(db, actor.organisationId, id);
      if (!message || message.writer_id !== actor.id) throw AppError.notFound();
      if (message.status === 'withdrawn') return;
      await audit.audited(db, ctx, async (trx, record) => {
        await store.moveMessage(
          trx,
          actor.organisationId,
          id,
          ['waiting', 'approved', 'declined'],
          {
            status: 'withdrawn',
            withdrawn_at: toIso(clock()),
          },
        );
        await record({
          organisationId: actor.organisationId,
          action: 'wards.discharge_message_withdraw',
          recordType: 'ward_discharge_message',
          recordId: id,
        });
      });
    },

    /** Messages waiting for a check on a ward, with suggestions, and those on the screen now. */
    async queue(actor: Actor, unitId: string) {
      const ward = await wardOf(actor, unitId, 'checkMessages');
      const waiting = await store.wardMessages(db, actor.organisationId, ward.id, 'waiting');
      const shown = await store.wardMessages(db, actor.organisationId, ward.id, 'approved');
      return {
        ward,
        waiting: waiting.map((m) => ({
          id: m.id,
          body: m.body,
          firstName: m.first_name,
          heldReason: m.held_reason,
          writtenAt: londonText(m.created_at),
          suggestions: checkText(m.body).map((f) => ({
            text: f.text,
            reason: f.reason,
            alternatives: f.alternatives,
          })),
        })),
        shown: shown.map((m) => ({ id: m.id, body: m.body, firstName: m.first_name })),
      };
    },

    /** Approves or declines a waiting message of the ward (declining needs a reason). */
    async decide(
      actor: Actor,
      unitId: string,
      id: string,
      input: { decision: 'approve' | 'decline'; reason?: string },
      ctx: AuditContext,
    ) {
      const ward = await wardOf(actor, unitId, 'checkMessages');
      const message = await store.findMessage(db, actor.organisationId, id);
      if (!message || message.unit_id !== ward.id) throw AppError.notFound();
      await audit.audited(db, ctx, async (trx, record) => {
        const moved = await store.moveMessage(trx, actor.organisationId, id, ['waiting'], {
          status: input.decision === 'approve' ? 'approved' : 'declined',
          decline_reason: input.decision === 'decline' ? (input.reason ?? null) : null,
          decided_by: actor.id,
          decided_at: toIso(clock()),
        });
        if (!moved)
          throw AppError.conflict(
            'This message is no longer waiting: someone else decided, or the writer took it down.',
          );
        await record({
          organisationId: actor.organisationId,
          action:
            input.decision === 'approve'
              ? 'wards.discharge_message_approve'
              : 'wards.discharge_message_decline',
          recordType: 'ward_discharge_message',
          recordId: id,
        });
      });
    },
  };
}

/** A ward's approved messages for the ward screen: the words and a first name if chosen. */
export async function approvedMessages(
  db: WardsDeps['db'],
  organisationId: string,
  unitId: string,
) {
  const rows = await store.wardMessages(db, organisationId, unitId, 'approved');
  return rows.map((m) => ({ body: m.body, firstName: m.first_name }));
}
