/** Plain words for the audit actions this module records. */
export const wardsActionLabels: Record<string, string> = {
  'wards.shift_report': 'Recorded a ward shift report',
  'wards.shift_report_change': 'Changed a ward shift report',
  'wards.expectations_publish': 'Published a new version of a ward’s expectations',
  'wards.discharge_message_write': 'Wrote a discharge message',
  'wards.discharge_message_withdraw': 'Took down a discharge message',
  'wards.discharge_message_approve': 'Approved a discharge message for the ward screen',
  'wards.discharge_message_decline': 'Declined a discharge message',
  'wards.display_token_create': 'Created a ward screen display token',
  'wards.display_token_revoke': 'Revoked a ward screen display token',
};
