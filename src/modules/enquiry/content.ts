/**
 * The words of the enquiry: the questions, the response guidance, the preparation checks and the
 * "What happened to you?" guide. Kept as data so they can be reviewed by people with lived
 * experience in one place. All wording is Hearth's own.
 */

/** The areas the questions are grouped in, in the order they are asked. */
export const enquiryAreas = [
  { id: 'childhood', title: 'When you were growing up' },
  { id: 'adulthood', title: 'As an adult' },
  { id: 'services', title: 'In mental health and other services' },
  { id: 'other', title: 'Anything else' },
] as const;

/** One area. */
export type EnquiryAreaId = (typeof enquiryAreas)[number]['id'];

/** One question: asked about events, not labels, and always skippable. */
export interface EnquiryQuestion {
  id: string;
  area: EnquiryAreaId;
  /** What the person is asked. */
  text: string;
  /** Examples, so people do not have to name it themselves. */
  hint: string;
  /** A short, neutral label for summaries (no graphic words). */
  short: string;
}

/** The nine questions, one at a time. */
export const enquiryQuestions: readonly EnquiryQuestion[] = [
  {
    id: 'child-hurt',
    area: 'childhood',
    text: 'Before you were 18, did an adult who looked after you ever hurt you, or frighten you with force?',
    hint: 'For example hitting, shaking or throwing things, or threats that made you afraid.',
    short: 'Being hurt or frightened by an adult as a child',
  },
  {
    id: 'child-emotional',
    area: 'childhood',
    text: 'Growing up, did the adults around you often make you feel worthless, scared or ashamed?',
    hint: 'For example being shouted at, put down, blamed or ignored most of the time.',
    short: 'Being made to feel worthless, scared or ashamed as a child',
  },
  {
    id: 'child-neglect',
    area: 'childhood',
    text: 'Were there times as a child when you went without what you needed, like food, warmth, safety or someone to care for you?',
    hint: 'This includes times when no one noticed or looked after you.',
    short: 'Going without care as a child',
  },
  {
    id: 'child-home',
    area: 'childhood',
    text: 'When you were growing up, did any of these happen at home or around you: violence between adults, someone drinking or using drugs heavily, someone very unwell or in prison, being separated from the people who cared for you, being in care, or being bullied?',
    hint: 'You can just say yes or no. You do not need to say which.',
    short: 'Hard things at home or around you as a child',
  },
  {
    id: 'sexual',
    area: 'adulthood',
    text: 'At any time in your life, has anyone done something sexual to you, or made you do something sexual, that you did not want or were too young to agree to?',
    hint: 'This covers childhood and adulthood. You do not need to say anything more than yes or no.',
    short: 'Unwanted sexual experiences',
  },
  {
    id: 'adult-partner',
    area: 'adulthood',
    text: 'Has a partner, ex-partner or family member ever hurt or threatened you, or controlled your money, where you went or who you saw?',
    hint: 'This can be in the past or now.',
    short: 'Harm or control by a partner or family member',
  },
  {
    id: 'adult-other',
    area: 'adulthood',
    text: 'As an adult, have you been through other things that were frightening or overwhelming?',
    hint: 'For example an assault, racism or other discrimination, war or having to flee your home, a serious accident or illness, a sudden death of someone close, or being homeless or in poverty.',
    short: 'Other frightening or overwhelming experiences as an adult',
  },
  {
    id: 'services',
    area: 'services',
    text: 'Has anything that happened while you were getting help from services been frightening or upsetting for you?',
    hint: 'For example being held or restrained, secluded, detained, given medicine against your will, watched closely, or police being involved when you were in crisis.',
    short: 'Frightening experiences in services',
  },
  {
    id: 'anything-else',
    area: 'other',
    text: 'Is there anything else that has happened to you that you would like us to know about?',
    hint: 'Only if you want to. It is fine to say no, or to come back to this another time.',
    short: 'Something else the person wanted us to know',
  },
];

/** The answers a person can give. Every question has "I'd rather not say". */
export const answerChoices = [
  { value: 'yes', text: 'Yes' },
  { value: 'no', text: 'No' },
  { value: 'unsure', text: 'I am not sure' },
  { value: 'rather_not_say', text: "I'd rather not say" },
] as const;

/** One answer value. */
export type AnswerValue = (typeof answerChoices)[number]['value'];

/** What the practitioner checks before starting. */
export const preparationChecks = [
  { value: 'private', text: 'We are somewhere private, where no one else can hear' },
  { value: 'time', text: 'There is enough time, so we will not have to rush or stop suddenly' },
  { value: 'alone', text: 'The person is on their own (no partner, relative or friend with them)' },
  {
    value: 'language',
    text: 'We share a language, or a professional interpreter is here (not a family member or friend)',
  },
] as const;

/** Reasons an enquiry did not happen this time. Never a reason to drop it. */
export const notAskedReasons = [
  { value: 'not_private', text: 'There was nowhere private to talk' },
  { value: 'not_alone', text: 'Someone else was with the person' },
  { value: 'no_interpreter', text: 'A professional interpreter was not available' },
  { value: 'crisis', text: 'The person was in acute distress, so now was not the right time' },
  { value: 'no_time', text: 'There was not enough time to do this well' },
  { value: 'other', text: 'Another reason' },
] as const;

/** The response steps shown to the practitioner after a disclosure. */
export const responseSteps = [
  {
    title: 'Acknowledge',
    text: 'Thank them for telling you and say you are glad they felt able to. Stay calm and show you believe them.',
  },
  {
    title: 'Do not ask for details',
    text: 'You do not need the details to help. Let them say as much or as little as they want.',
  },
  {
    title: 'Who they have told before',
    text: 'Ask whether they have told anyone before, and how that person responded.',
  },
  {
    title: 'What it means to them',
    text: 'Ask whether they feel it is connected to how they are now. Their answer belongs in their plan, in their words.',
  },
  {
    title: 'Support now or later',
    text: 'Ask whether they would like support with this, now or later: talking more, peer support, or a specialist service.',
  },
  {
    title: 'Current safety',
    text: 'Gently check whether anything is still happening, or whether they are still in contact with the person who harmed them.',
  },
  {
    title: 'Others at risk now',
    text: 'Check whether the person who caused harm has contact with children or other people who may be at risk now.',
  },
  {
    title: 'When information must be shared',
    text: 'Be honest about when you must share (a child or adult at risk now, serious crime, immediate danger) and when the choice is theirs, such as reporting past abuse to the police. Where you can, tell them before you share.',
  },
  {
    title: 'Close with care',
    text: 'Check how they feel now, offer a grounding exercise, and agree when you will next talk.',
  },
] as const;

/** The current-safety questions the practitioner asks gently, and which answers need action. */
export const safetyQuestions = [
  {
    id: 'ongoing',
    text: 'Is any of this still happening?',
    practitionerNote: 'Ongoing harm',
  },
  {
    id: 'contact',
    text: 'Are you still in contact with the person who hurt you?',
    practitionerNote: 'Still in contact with the person who caused harm',
  },
  {
    id: 'others',
    text: 'Does the person who hurt you have contact with children, or anyone else who might be at risk from them now?',
    practitionerNote: 'Others, such as children, may be at risk now',
  },
  {
    id: 'danger',
    text: 'Do you feel in danger right now?',
    practitionerNote: 'Feels in danger now',
  },
] as const;

/** One current-safety question. */
export type SafetyQuestionId = (typeof safetyQuestions)[number]['id'];

/** Safety answers that need the practitioner to act (ongoing contact alone needs a conversation, not action). */
export const safetyAnswersNeedingAction: readonly SafetyQuestionId[] = [
  'ongoing',
  'others',
  'danger',
];

/** The six "What happened to you?" questions (Power Threat Meaning Framework), with our own prompts. */
export const reflectionQuestions = [
  {
    id: 'happened',
    text: 'What has happened to you?',
    prompts:
      'You might think about people and events that mattered to you. You might think about what should have happened but did not. Money, a home, or being treated unfairly can count too.',
  },
  {
    id: 'affected',
    text: 'How did it affect you?',
    prompts:
      'Perhaps you felt unsafe, trapped, pushed away, ashamed or alone. You may have felt you had no say. Whatever you felt makes sense.',
  },
  {
    id: 'sense',
    text: 'What sense did you make of it?',
    prompts:
      'What did you come to believe about yourself, other people or the world? Whose voice do those beliefs sound like?',
  },
  {
    id: 'survive',
    text: 'What did you have to do to survive?',
    prompts:
      'People get through in lots of ways. You may have stayed on guard, gone numb, kept others happy or fought back. How did it keep you safe? What does it cost you now?',
  },
  {
    id: 'strengths',
    text: 'What are your strengths?',
    prompts:
      'Think of people, places, skills, faith, culture, humour, or things you care about. What has helped you keep going?',
  },
  {
    id: 'story',
    text: 'What is your story?',
    prompts:
      'Bring your answers together in a few lines, in your own words. You can add what the next part of your story could be.',
  },
] as const;

/** Ways the person might use the guide. */
export const reflectionWays = [
  { value: 'alone', text: 'On my own' },
  // house: not a role (how the person chose to reflect; the value is stored)
  { value: 'practitioner', text: 'With a practitioner' },
  { value: 'peer', text: 'With a peer supporter' },
] as const;

/** Plain words for each outcome, as staff lists show them. */
export const outcomeLabels: Record<string, string> = {
  asked: 'Asked',
  declined: 'Said no, thank you',
  not_now: 'Not now',
  not_asked: 'Not asked',
};

/** Plain words for referral status. */
export const referralStatusLabels: Record<string, string> = {
  offered: 'Information given',
  waiting: 'Waiting to hear',
  accepted: 'Accepted by the service',
  declined: 'Declined',
  seen: 'Seen by the service',
};

/** Plain words for kinds of support service. */
export const serviceKindLabels: Record<string, string> = {
  trauma_specific: 'Trauma-specific service',
  community: 'Community service',
};
