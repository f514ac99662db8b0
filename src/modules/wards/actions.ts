/** Plain words for the audit actions this module records. */
export const wardsActionLabels: Record<string, string> = {
  'wards.shift_report': 'Recorded a ward shift report',
  'wards.shift_report_change': 'Changed a ward shift report',
  'wards.safewards_in_place': 'Recorded which Safewards interventions a ward has in place',
  'wards.fidelity_check': 'Recorded a ward’s monthly Safewards check',
  'wards.fidelity_check_change': 'Changed a ward’s monthly Safewards check',
  'wards.mutual_help_meeting': 'Logged a mutual help meeting',
  'wards.about_me': 'Saved an “about me”',
  'wards.about_me_remove': 'Removed an “about me”',
  'wards.expectations_publish': 'Published a new version of a ward’s expectations',
  'wards.discharge_message_write': 'Wrote a discharge message',
  'wards.discharge_message_withdraw': 'Took down a discharge message',
  'wards.discharge_message_approve': 'Approved a discharge message for the ward screen',
  'wards.discharge_message_decline': 'Declined a discharge message',
  'wards.display_token_create': 'Created a ward screen display token',
  'wards.display_token_revoke': 'Revoked a ward screen display token',
};
