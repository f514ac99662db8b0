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
};
