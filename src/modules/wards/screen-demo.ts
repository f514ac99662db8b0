/**
 * Demo ward screen for Ward 3: clear mutual expectations with one earlier version, two approved
 * discharge messages and one held for a closer look, Dev's "about me" on Willow Ward, and a
 * display token made afresh each time the demo loads (only its hash is stored; the token is
 * returned once so that start-up can print the screen's address). Written straight to the
 * store in one transaction (no audit events: nobody did it).
 */
import type { Db } from '../../db/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { DAY, toIso } from '../../lib/clock.ts';
import { hashToken, newId, newToken } from '../../lib/tokens.ts';
import { contactDetailsIn } from './contact-details.ts';
import type { WardsStore } from './store.ts';
import { createScreenStore } from './screen-store.ts';
import type { WardDischargeMessagesTable } from './tables.ts';

const screenStore = createScreenStore();

/** Ward 3's first agreed expectations, replaced a few weeks later. */
const FIRST_VERSION = [
  'We knock before coming into your room.',
  'We tell you our name and why we have come.',
  'You can ask for time to talk with your named nurse each day.',
  'We all keep the lounge calm after 10pm.',
].join('\n');

/** The current version, agreed at a mutual help meeting. */
const CURRENT_VERSION = [
  'We knock before coming into your room, and wait for an answer when we safely can.',
  'We tell you our name and why we have come.',
  'You can ask for time to talk with your named nurse each day.',
  'If plans change, we tell you why as soon as we can.',
  'We all keep the lounge calm after 10pm.',
  'We all speak to each other with respect, and say sorry when we get it wrong.',
].join('\n');

/** Two messages already on the screen, and one held because it holds a phone number. */
const MESSAGES = [
  {
    firstName: 'Kay',
    body: 'When I came here I could not see a way forward. Bit by bit it got easier. Be kind to yourself and let people help you.',
    status: 'approved' as const,
  },
  {
    firstName: null,
    body: 'Going home today. The garden and the Saturday card games helped me more than I expected. You are not on your own.',
    status: 'approved' as const,
  },
  {
    firstName: 'Sam',
    body: 'Thank you all. If anyone wants to talk after they leave, ring me on 07700 900123.',
    status: 'waiting' as const,
  },
];

/** Adds Ward 3's demo screen and returns the display token (shown once, never stored). */
export async function seedScreenDemo(
  db: Db,
  store: WardsStore,
  clock: Clock,
  ids: {
    organisationId: string;
    ward3: string;
    willow: string;
    manager: { id: string; name: string };
    writer: string;
    willowStaff?: { id: string; name: string };
  },
): Promise<{ token: string }> {
  const org = ids.organisationId;
  const now = clock().getTime();
  const token = newToken();
  await db.transaction().execute(async (trx) => {
    for (const [n, body] of [FIRST_VERSION, CURRENT_VERSION].entries())
      await screenStore.insertExpectations(trx, {
        id: newId(),
        organisation_id: org,
        unit_id: ids.ward3,
        version: n + 1,
        body,
        published_by: ids.manager.id,
        published_by_name: ids.manager.name,
        published_at: toIso(new Date(now - (n === 0 ? 60 : 12) * DAY)),
      });
    for (const [n, m] of MESSAGES.entries()) {
      const row: WardDischargeMessagesTable = {
        id: newId(),
        organisation_id: org,
        unit_id: ids.ward3,
        // The approved two were written by people who have since gone home; their accounts are
        // not part of the demo. Sam wrote the held one, so Sam sees why it waits.
        writer_id: m.status === 'waiting' ? ids.writer : newId(),
        first_name: m.firstName,
        body: m.body,
        status: m.status,
        held_reason: contactDetailsIn(m.body),
        decline_reason: null,
        decided_by: m.status === 'approved' ? ids.manager.id : null,
        decided_at: m.status === 'approved' ? toIso(new Date(now - (20 - n) * DAY)) : null,
        created_at: toIso(new Date(now - (21 - n * 9) * DAY)),
        withdrawn_at: null,
      };
      await screenStore.insertMessage(trx, row);
    }
    if (ids.willowStaff)
      await store.replaceAboutMe(trx, org, ids.willowStaff.id, [
        {
          organisation_id: org,
          account_id: ids.willowStaff.id,
          unit_id: ids.willow,
          author: 'staff',
          display_name: ids.willowStaff.name,
          about:
            'I grew up by the sea and still swim most weekends. I like chess and cooking curries.',
          updated_at: toIso(new Date(now)),
        },
      ]);
    await screenStore.insertToken(trx, {
      id: newId(),
      organisation_id: org,
      unit_id: ids.ward3,
      token_hash: hashToken(token),
      label: 'Day room (demo)',
      created_by: ids.manager.id,
      created_at: toIso(new Date(now)),
      revoked_at: null,
      revoked_by: null,
    });
  });
  return { token };
}
