/**
 * Demo records for asking about trauma: a directory of support, and conversations in each
 * outcome (asked with a disclosure and a referral in progress, asked with nothing recorded,
 * declined, not now, not asked), so every page has something real to show.
 */
import type { AccountsService } from '../accounts/index.ts';
import type { EnquiryService } from './service.ts';
import { walkEnquiry } from './walk.ts';

/** The ids seedEnquiryDemo needs from the demo organisation. */
export interface EnquiryDemoIds {
  organisationId: string;
  units: { ward3: string; willow: string; cmht: string };
  people: { sam: string; alex: string; jo: string; priya: string };
}

const services = [
  {
    name: 'Riverside Trauma Therapy Service',
    kind: 'trauma_specific',
    offer:
      'Trauma-focused talking therapies (including EMDR and trauma-focused CBT), one to one, at a pace the person sets.',
    forWhom:
      'Adults in Riverside whose lives are affected by past trauma, including people with a diagnosis of psychosis or personality disorder.',
    howToRefer:
      'Practitioner referral through the trust referral form; the team calls the person within two weeks.',
    selfReferral: 'no',
    languages: 'English; interpreters for any language on request',
    contact: '0300 000 0101, trauma.therapy@riverside.example',
  },
  {
    name: 'Riverside Rape Crisis',
    kind: 'trauma_specific',
    offer:
      "Specialist support and counselling after sexual violence at any time in a person's life, and independent advisers if they are thinking about reporting.",
    forWhom: 'Women and girls aged 13 and over, and non-binary people.',
    howToRefer: 'People can call or email themselves; practitioners can refer with consent.',
    selfReferral: 'yes',
    languages: 'English, Urdu, Punjabi, Polish; interpreters on request',
    contact: '0300 000 0202, support@riverside-rapecrisis.example',
  },
  {
    name: 'SurvivorsUK Riverside',
    kind: 'trauma_specific',
    offer:
      'Counselling, groups and online chat for men and boys who have experienced sexual violence.',
    forWhom: 'Men, boys and non-binary people aged 13 and over.',
    howToRefer: 'Self-referral online or by phone; practitioners can refer with consent.',
    selfReferral: 'yes',
    languages: 'English',
    contact: 'riverside.survivorsuk.example, 0300 000 0303',
  },
  {
    name: 'Safe Homes Domestic Abuse Service',
    kind: 'trauma_specific',
    offer:
      'Independent domestic violence advisers, safety planning, refuge places and support through court.',
    forWhom: 'Anyone experiencing domestic abuse or coercive control, of any gender.',
    howToRefer: 'Self-referral by phone 24 hours a day, or a MARAC referral by a practitioner.',
    selfReferral: 'yes',
    languages: 'English, Bengali, Somali, Arabic; interpreters on request',
    contact: '0800 000 0404 (24 hours)',
  },
  {
    name: 'Hearing Voices Network: Riverside group',
    kind: 'community',
    offer:
      'A peer-led group for people who hear voices or have other unusual experiences, meeting weekly.',
    forWhom: 'Adults who hear voices, see visions or have other unusual perceptions.',
    howToRefer: 'Just turn up, or contact the group facilitator first.',
    selfReferral: 'yes',
    languages: 'English',
    contact: 'riverside@hvn.example, Wednesdays 6pm, Riverside Library',
  },
  {
    name: 'Refugee Wellbeing Project',
    kind: 'community',
    offer:
      'Therapeutic groups, one-to-one support and practical help for people who have survived war, torture or forced migration.',
    forWhom: 'Refugees and people seeking asylum, of any age.',
    howToRefer: 'Referral by any professional, or self-referral by phone.',
    selfReferral: 'yes',
    languages: 'Arabic, Dari, Pashto, Tigrinya, Kurdish, English',
    contact: '0300 000 0606, hello@refugeewellbeing.example',
  },
  {
    name: 'Black Minds Matter Riverside',
    kind: 'community',
    offer: 'Culturally informed peer support and free therapy sessions with Black therapists.',
    forWhom: 'Black people and communities, including experiences of racism.',
    howToRefer: 'Self-referral online.',
    selfReferral: 'yes',
    languages: 'English',
    contact: 'riverside.bmm.example',
  },
] as const;

/** Adds the enquiry demo records. */
export async function seedEnquiryDemo(
  deps: { accounts: AccountsService; enquiry: EnquiryService; clock: () => Date },
  ids: EnquiryDemoIds,
  password: { password: string; passwordHash: string },
): Promise<void> {
  const { accounts, enquiry } = deps;
  const priya = await accounts.people.actorFor(ids.people.priya);
  const ctx = { actor: accounts.people.auditActor(priya), ip: null };
  const serviceIds: string[] = [];
  for (const s of services) {
    serviceIds.push(await enquiry.supportServices.save(priya, null, { ...s, active: 'yes' }, ctx));
  }
  const [therapyId = '', , , , voicesId = ''] = serviceIds;
  const person = async (email: string, displayName: string, unitId: string) =>
    (
      await accounts.provisioning.provisionAccount({
        organisationId: ids.organisationId,
        email,
        displayName,
        role: 'service_user',
        ...password,
        unitIds: [unitId],
        practitionerIds: [ids.people.jo],
      })
    ).id;
  const jamie = await person('jamie@demo.hearth.test', 'Jamie Lee', ids.units.ward3);
  const robin = await person('robin@demo.hearth.test', 'Robin Ali', ids.units.cmht);
  const casey = await person('casey@demo.hearth.test', 'Casey Brown', ids.units.ward3);
  await person('riley@demo.hearth.test', 'Riley Cooper', ids.units.ward3);

  const jo = await accounts.people.actorFor(ids.people.jo);
  const now = deps.clock();
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now);
  const inDays = (n: number) => new Date(now.getTime() + n * 86_400_000).toISOString().slice(0, 10);

  // Sam: asked, shared something, agreed the words; a referral is in progress.
  const sam = await walkEnquiry(deps, jo, ids.people.sam, {
    choice: 'now',
    answers: { 'child-emotional': 'yes', services: 'yes' },
    words:
      'Growing up was frightening at times. Being restrained on a previous admission still comes back to me. I would like to talk to someone about it.',
    followUpOn: inDays(3),
  });
  await enquiry.referrals.add(
    jo,
    sam.enquiryId,
    { serviceId: therapyId, kind: 'referred', agreed: 'yes', note: undefined },
    { actor: accounts.people.auditActor(jo), ip: null },
  );
  await enquiry.referrals.add(
    jo,
    sam.enquiryId,
    { serviceId: voicesId, kind: 'offered', agreed: 'yes', note: undefined },
    { actor: accounts.people.auditActor(jo), ip: null },
  );
  // Alex: not now; it is due to be come back to today.
  await walkEnquiry(deps, jo, ids.people.alex, { choice: 'not_now', returnOn: today });
  // Jamie: said no, thank you.
  await walkEnquiry(deps, jo, jamie, { choice: 'no' });
  // Robin: not asked, because no interpreter was available; come back in a week.
  await walkEnquiry(deps, jo, robin, { choice: 'not_asked', returnOn: inDays(7) });
  // Casey: asked, nothing to record.
  await walkEnquiry(deps, jo, casey, { choice: 'now' });
  // Riley has not been offered a conversation yet, so there is one to start.
}
