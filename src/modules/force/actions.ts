/** Plain words for this module's audit actions, as the person sees them. */
export const forceActionLabels: Record<string, string> = {
  'force.record': 'Wrote a record of force used with you',
  'force.view': 'Looked at a record of force used with you',
  'force.amend': 'Corrected a record of force used with you',
  'force.delete': 'Deleted, or tried to delete, a record of force used with you',
  'force.review.complete': 'Wrote up a talk or review after force was used with you',
  'force.learning.save':
    'Wrote down what you said could have been done differently, or the themes staff took from it',
  'force.learning.view-own': 'You read what you told us could have been done differently',
  'force.account.write': 'Wrote your account with you (you chose them to help)',
  'force.account.own': 'You wrote or updated your own account',
  'force.account.helper': 'You chose who may help write your account',
  'force.characteristics.view': 'Looked at the facts about you kept for the force register',
  'force.characteristics.save': 'Changed the facts about you kept for the force register',
  'force.observation.record': 'Wrote down a time they watched you closely',
  'force.search.record': 'Wrote down a search',
  'force.person-view.release':
    'Checked the words in a record of force used with you, so you can read it',
  'force.settings.save': "Changed the organisation's advocacy contacts",
  'force.draft.save': 'Saved an unfinished record of force used with you',
  'force.draft.discard': 'Threw away an unfinished record of force used with you',
};
